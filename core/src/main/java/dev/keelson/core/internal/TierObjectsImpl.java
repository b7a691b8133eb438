package dev.keelson.core.internal;

import dev.keelson.core.Require;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.TierObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Core's objects of one tier, and the workloads features added to it. Internal. */
final class TierObjectsImpl implements TierObjects {

    private final DefaultFeatureContext ctx;
    private final Tier tier;
    private final HasMetadata workload;
    private final ServiceAccount serviceAccount;
    private final Optional<Service> service;
    private final Optional<Service> headless;
    private final Optional<ConfigMap> configMap;
    private final Optional<Ingress> ingress;
    private final Map<String, String> labels;
    private final Map<String, String> selector;
    /** The tier's own workload, then those added by features. */
    private final List<HasMetadata> workloads = new ArrayList<>();

    TierObjectsImpl(DefaultFeatureContext ctx, Tier tier, HasMetadata workload, ServiceAccount serviceAccount,
                    Optional<Service> service, Optional<Service> headless, Optional<ConfigMap> configMap,
                    Optional<Ingress> ingress, Map<String, String> labels, Map<String, String> selector) {
        this.ctx = ctx;
        this.tier = tier;
        this.workload = workload;
        this.serviceAccount = serviceAccount;
        this.service = service;
        this.headless = headless;
        this.configMap = configMap;
        this.ingress = ingress;
        this.labels = labels;
        this.selector = selector;
        workloads.add(workload);
    }

    @Override
    public Tier tier() {
        return tier;
    }

    @Override
    public HasMetadata workload() {
        return workload;
    }

    @Override
    public Deployment deployment() {
        if (workload instanceof Deployment d) {
            return d;
        }
        throw new IllegalStateException("TierObjects.deployment(): tier '" + tier.name() + "' runs as a "
                + workload.getKind() + ", not a Deployment; use workload() (or podTemplates() for its pods), "
                + "and check kind() before treating it as a Deployment");
    }

    @Override
    public List<HasMetadata> workloads() {
        return workloads.stream().filter(ctx::contains).toList();
    }

    @Override
    public Deployment addWorkload(Deployment deployment) {
        // named as the feature wrote the call, as FeatureContext.add() is
        Require.nonNullIn("TierObjects.addWorkload", deployment, "deployment");
        if (deployment.getSpec() == null || deployment.getSpec().getTemplate() == null
                || deployment.getSpec().getTemplate().getSpec() == null) {
            String name = deployment.getMetadata() == null ? null : deployment.getMetadata().getName();
            throw new IllegalArgumentException("TierObjects.addWorkload(): the Deployment " + (name == null ? "" : "'" + name + "' ")
                    + "of tier '" + tier.name() + "' has no pod template (spec.template.spec); give it one, "
                    + "e.g. start from a copy of the tier's Deployment");
        }
        ctx.add(deployment);
        workloads.add(deployment);
        return deployment;
    }

    @Override
    public ServiceAccount serviceAccount() {
        return serviceAccount;
    }

    @Override
    public Optional<Service> service() {
        return service;
    }

    @Override
    public Optional<Service> headlessService() {
        return headless;
    }

    @Override
    public Optional<ConfigMap> configMap() {
        return configMap;
    }

    @Override
    public Optional<Ingress> ingress() {
        return ingress;
    }

    @Override
    public Map<String, String> labels() {
        return new LinkedHashMap<>(labels);
    }

    @Override
    public Map<String, String> selector() {
        return new LinkedHashMap<>(selector);
    }
}

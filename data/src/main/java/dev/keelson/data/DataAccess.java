package dev.keelson.data;

import dev.keelson.core.Flow;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.Require;
import dev.keelson.core.Tier;
import dev.keelson.core.TierFeature;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.Problems;
import dev.keelson.core.spi.TierExtension;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.data.internal.Endpoint;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Lets a tier call data services of the platform by name: a flow from the tier to the service's pods
 * on its port (so network policies allow exactly that, in both namespaces), the service's credentials
 * Secret mounted read-only as files, and plain variables telling the tier where to connect.
 *
 * <pre>{@code
 * Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080))
 *     .with(DataAccess.to("orders-db", "cache"))
 * }</pre>
 *
 * <p>For a service named {@code orders-db}, the tier's containers get:
 * <ul>
 *   <li>the Secret with the credentials (PostgreSQL: {@link Postgres#credentials(String)}, else the operator's
 *       {@code orders-db-app}; Redis: its {@link Redis#auth(String)} Secret) mounted at
 *       {@code /var/run/secrets/keelson.dev/orders-db}, never as environment variables. The Secret must exist in
 *       the tier's namespace: Kubernetes mounts no Secret from another namespace;</li>
 *   <li>{@code ORDERS_DB_HOST} (PostgreSQL: the primary's Service {@code orders-db-rw.<data namespace>.svc};
 *       Redis: the primary pod's name), {@code ORDERS_DB_READ_HOST} (every instance, for reads: PostgreSQL's
 *       {@code orders-db-r} Service, Redis's {@code cache} Service), {@code ORDERS_DB_PORT} and {@code ORDERS_DB_AUTH_DIR} (the mount path; the name avoids the words the security check takes for a secret).</li>
 * </ul>
 */
public final class DataAccess implements TierFeature {

    /** Where credentials are mounted: this, then the service's name. */
    public static final String MOUNT_ROOT = "/var/run/secrets/keelson.dev/";

    private final List<String> services;

    private DataAccess(List<String> services) {
        this.services = services;
    }

    /** Access to the data services named {@code services} (each declared on the platform with {@link DataServices}). */
    public static DataAccess to(String... services) {
        Require.noNulls(services, "services");
        return new DataAccess(List.of(services));
    }

    /** The names of the services this tier calls, in the order given. */
    public List<String> services() {
        return services;
    }

    @Override
    public TierExtension extension() {
        return new Extension();
    }

    private static Optional<DataService> find(Platform platform, String name) {
        return platform.features(DataService.class).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static String variable(String service, String suffix) {
        return service.toUpperCase(Locale.ROOT).replace('-', '_') + "_" + suffix;
    }

    /** What carries the access out; private, so users' autocomplete shows settings only. */
    private final class Extension implements TierExtension {

        @Override
        public void validate(Platform platform, Tier tier, ModelPath path, Problems problems) {
            Require.nonNullIn("TierExtension.validate()", platform, "platform");
            Require.nonNullIn("TierExtension.validate()", tier, "tier");
            Require.nonNullIn("TierExtension.validate()", path, "path");
            Require.nonNullIn("TierExtension.validate()", problems, "problems");
            if (services.isEmpty()) {
                problems.error("KEE-DATA-010", path.child("data"), "DataAccess.to() names no data service",
                        "name at least one: DataAccess.to(\"orders-db\")");
            }
            for (String s : new LinkedHashSet<>(services)) {
                if (find(platform, s).isEmpty()) {
                    List<String> known = platform.features(DataService.class).stream().map(DataService::name).toList();
                    problems.error("KEE-DATA-010", path.child("data", s), "tier '" + tier.name() + "' calls data service '" + s
                                    + "', which the platform does not declare",
                            known.isEmpty() ? "declare it: Platform...with(DataServices.postgres(\"" + s + "\")...)"
                                    : "name one of: " + String.join(", ", known));
                }
            }
        }

        @Override
        public void contribute(FeatureContext context, TierObjects tier) {
            Require.nonNullIn("TierExtension.contribute()", context, "context");
            Require.nonNullIn("TierExtension.contribute()", tier, "tier");
            for (String s : new LinkedHashSet<>(services)) {
                DataService service = find(context.platform(), s).orElseThrow();
                Endpoint e = service.endpoint(context.platform(), context.environment());
                context.flows().add(Flow.of(Flow.Kind.DEPENDENCY, Peer.tier(tier.tier().name()),
                        Peer.workloads(e.namespace(), e.podLabels(), null), List.of(e.port())));
                String dir = MOUNT_ROOT + s;
                String volume = "data-" + s;
                for (PodTemplateSpec pod : tier.podTemplates()) {
                    SecretVolumeSource secret = new SecretVolumeSource();
                    secret.setSecretName(e.credentialsSecret());
                    secret.setDefaultMode(0440);
                    Volume v = new Volume();
                    v.setName(volume);
                    v.setSecret(secret);
                    if (pod.getSpec().getVolumes() == null) {
                        pod.getSpec().setVolumes(new ArrayList<>());
                    }
                    pod.getSpec().getVolumes().add(v);
                    Container c = pod.getSpec().getContainers().get(0);
                    if (c.getVolumeMounts() == null) {
                        c.setVolumeMounts(new ArrayList<>());
                    }
                    VolumeMount m = new VolumeMount();
                    m.setName(volume);
                    m.setMountPath(dir);
                    m.setReadOnly(true);
                    c.getVolumeMounts().add(m);
                    if (c.getEnv() == null) {
                        c.setEnv(new ArrayList<>());
                    }
                    c.getEnv().add(new EnvVar(variable(s, "HOST"), e.host(), null));
                    c.getEnv().add(new EnvVar(variable(s, "READ_HOST"), e.readHost(), null));
                    c.getEnv().add(new EnvVar(variable(s, "PORT"), String.valueOf(e.port().number()), null));
                    c.getEnv().add(new EnvVar(variable(s, "AUTH_DIR"), dir, null));
                }
            }
        }
    }
}

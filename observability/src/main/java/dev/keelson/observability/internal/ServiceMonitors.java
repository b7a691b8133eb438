package dev.keelson.observability.internal;

import dev.keelson.core.Metrics;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Problem;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.observability.Observability;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ServiceMonitor of a tier that declares metrics, and the check that it still finds its Service. Internal. */
public final class ServiceMonitors {

    /** The rule ID of the check that a ServiceMonitor's selector matches its tier's Service. */
    public static final String DANGLING = "KEE-OBS-001";

    /** The rule ID of the check that the Service has every port a ServiceMonitor scrapes. */
    public static final String MISSING_PORT = "KEE-OBS-002";

    private ServiceMonitors() {
    }

    /** The ServiceMonitor {@code <tier>} for a tier with metrics and a Service. */
    public static ServiceMonitor of(Observability o, FeatureContext s, TierObjects t) {
        Metrics metrics = t.tier().metrics();
        Map<String, String> labels = t.labels();
        o.release().ifPresent(r -> labels.put("release", r));
        return new ServiceMonitorBuilder()
                .withNewMetadata()
                .withName(t.tier().name())
                .withNamespace(s.namespaceName())
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withSelector(selector(t))
                .withNewNamespaceSelector().withMatchNames(s.namespaceName()).endNamespaceSelector()
                .addNewEndpoint()
                .withPort(metrics.port())
                .withPath(metrics.path())
                .withScheme("http")
                .withInterval(Templates.duration(o.scrapeInterval()))
                .endEndpoint()
                .endSpec()
                .build();
    }

    /**
     * The tier's Services by its selector; for a stateful tier, not its headless Service, which selects
     * the same pods: scraping both would count every series twice.
     */
    private static LabelSelector selector(TierObjects t) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(t.selector());
        if (t.headlessService().isPresent()) {
            LabelSelectorRequirement notHeadless = new LabelSelectorRequirement();
            notHeadless.setKey(TierObjects.HEADLESS);
            notHeadless.setOperator("DoesNotExist");
            selector.setMatchExpressions(new java.util.ArrayList<>(List.of(notHeadless)));
        }
        return selector;
    }

    /**
     * Reports a ServiceMonitor named after a tier whose selector no longer matches the tier's Service's
     * labels, or whose ports the Service lacks (after customizations), as Prometheus would silently scrape
     * nothing.
     */
    public static void check(FeatureContext s, TierObjects t) {
        Optional<ServiceMonitor> found = s.object(ServiceMonitor.class, t.tier().name());
        if (found.isEmpty() || found.get().getSpec() == null) {
            return;
        }
        ServiceMonitor monitor = found.get();
        ModelPath path = ModelPath.root(s.platform().name()).tier(t.tier().name()).child("metrics");
        Optional<Service> service = t.service();
        Map<String, String> wanted = monitor.getSpec().getSelector() == null ? Map.of()
                : Optional.ofNullable(monitor.getSpec().getSelector().getMatchLabels()).orElse(Map.of());
        Map<String, String> actual = service.map(v -> v.getMetadata().getLabels()).orElse(Map.of());
        if (service.isEmpty() || !actual.entrySet().containsAll(wanted.entrySet())) {
            s.report(Problem.error(path, "ServiceMonitor '" + t.tier().name() + "' selects Services labelled " + wanted
                    + ", but Service '" + t.tier().name() + "' is labelled " + actual + ", so Prometheus would scrape nothing",
                    "keep the Service's labels app.kubernetes.io/name and app.kubernetes.io/part-of, or customize the "
                            + "ServiceMonitor's selector to match").withRule(DANGLING));
            return;
        }
        List<String> ports = service.get().getSpec().getPorts().stream().map(ServicePort::getName).toList();
        monitor.getSpec().getEndpoints().forEach(e -> {
            if (e.getPort() != null && !ports.contains(e.getPort())) {
                s.report(Problem.error(path, "ServiceMonitor '" + t.tier().name() + "' scrapes port '" + e.getPort()
                        + "', but Service '" + t.tier().name() + "' has only " + ports,
                        "name one of the Service's ports in the ServiceMonitor's endpoint").withRule(MISSING_PORT));
            }
        });
    }
}

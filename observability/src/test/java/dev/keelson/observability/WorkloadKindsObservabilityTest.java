package dev.keelson.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Storage;
import dev.keelson.core.Tier;
import dev.keelson.core.conformance.SchemaConformance;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Monitoring and tracing of every workload kind. */
@DisplayName("Observability and workload kinds: one scrape per stateful pod, workload names in the trace attributes")
class WorkloadKindsObservabilityTest {

    private static Manifest prod() {
        return Keelson.synth(Platform.named("kinds")
                .with(Observability.prometheus())
                .with(Tracing.otlp("otel-collector.observability:4317"))
                .tier(Tier.named("db").image("ghcr.io/acme/db:16.4").port(Port.tcp("pg", 5432)).metrics(Port.http(9187))
                        .stateful(Storage.of("10Gi")))
                .tier(Tier.named("agent").image("ghcr.io/acme/agent:1.0.0").metrics(Port.http(9100)).daemonSet())
                .tier(Tier.named("migrate").image("ghcr.io/acme/api:1.0.0").job())
                .build()).manifest("prod");
    }

    @Test
    @DisplayName("a stateful tier's ServiceMonitor selects its Service, not the headless one, so each pod is scraped once")
    void statefulScrapedOnce() {
        Manifest m = prod();
        ServiceMonitor monitor = m.get(ServiceMonitor.class, "db").orElseThrow();
        var selector = monitor.getSpec().getSelector();
        assertThat(selector.getMatchExpressions()).singleElement().satisfies(e -> {
            assertThat(e.getKey()).isEqualTo("keelson.dev/headless");
            assertThat(e.getOperator()).isEqualTo("DoesNotExist");
        });
        List<String> selected = m.objects(Service.class).stream()
                .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.getMatchLabels().entrySet())
                        && !s.getMetadata().getLabels().containsKey("keelson.dev/headless"))
                .map(s -> s.getMetadata().getName()).toList();
        assertThat(selected).containsExactly("db");
        assertThat(m.get(ServiceMonitor.class, "agent").orElseThrow().getSpec().getSelector().getMatchExpressions()).isNullOrEmpty();
        assertThat(m.get(ServiceMonitor.class, "migrate")).isEmpty();
    }

    @Test
    @DisplayName("OTEL_RESOURCE_ATTRIBUTES names the workload by its kind, as OpenTelemetry's conventions do")
    void workloadAttributes() {
        Manifest m = prod();
        assertThat(attributes(m.get(StatefulSet.class, "db").orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()))
                .contains("k8s.statefulset.name=db");
        assertThat(attributes(m.get(DaemonSet.class, "agent").orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()))
                .contains("k8s.daemonset.name=agent");
        assertThat(attributes(m.get(Job.class, "migrate").orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()))
                .contains("k8s.job.name=migrate");
    }

    @Test
    @DisplayName("the objects conform: ServiceMonitors to the Prometheus Operator CRD, the rest to Kubernetes' schemas")
    void conforms() {
        Manifest m = prod();
        CrdSchemas.folder().ifPresent(folder -> assertThat(CrdSchemas.validate(CrdSchemas.load(folder,
                "prometheus-operator-v0.93.0-monitoring.coreos.com_servicemonitors.yaml", "v1"), m, ServiceMonitor.class)).isEmpty());
        SchemaConformance.assertConforms(m);
        SchemaConformance.assertYamlConforms(m.toYaml());
    }

    @Test
    @DisplayName("a dashboard's available-replicas panel reads kube-state-metrics' series of the tier's kind")
    void dashboards() {
        Manifest m = prod();
        String db = m.get(io.fabric8.kubernetes.api.model.ConfigMap.class, "db-dashboard").orElseThrow().getData().toString();
        assertThat(db).contains("kube_statefulset_status_replicas_available").doesNotContain("kube_deployment_");
        String agent = m.get(io.fabric8.kubernetes.api.model.ConfigMap.class, "agent-dashboard").orElseThrow().getData().toString();
        assertThat(agent).contains("kube_daemonset_status_number_available");
    }

    private static String attributes(List<EnvVar> env) {
        return env.stream().filter(e -> e.getName().equals("OTEL_RESOURCE_ATTRIBUTES")).findFirst().orElseThrow().getValue();
    }
}

package dev.keelson.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.core.Flow;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.testing.KeelsonApprovals;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Snapshots of what observability adds (approved files next to this test)")
class SnapshotTest {

    private static Platform shop() {
        return Fixtures.shop()
                .with(Observability.prometheus())
                .with(Tracing.otlp("otel-collector.observability:4317").sampling(10).sampling("dev", 100)
                        .resourceAttribute("team", "checkout"))
                .build();
    }

    @Test
    @DisplayName("prod: a ServiceMonitor for the tier with metrics, its SLO rules, a dashboard ConfigMap per tier")
    void monitoringObjects() {
        Manifest prod = Keelson.synth(shop()).manifest("prod");
        List<HasMetadata> objects = new ArrayList<>();
        objects.addAll(prod.objects(ServiceMonitor.class));
        objects.addAll(prod.objects(PrometheusRule.class));
        for (ConfigMap c : prod.objects(ConfigMap.class)) {
            if (c.getMetadata().getLabels().containsKey("grafana_dashboard")) {
                objects.add(c);
            }
        }
        StringBuilder out = new StringBuilder();
        for (HasMetadata o : objects) {
            out.append("---\n").append(Manifest.toYaml(o));
        }
        KeelsonApprovals.verifyYaml(out.toString());
    }

    @Test
    @DisplayName("prod: the API's dashboard, pretty-printed for review")
    void apiDashboard() throws Exception {
        Manifest prod = Keelson.synth(shop()).manifest("prod");
        String json = prod.get(ConfigMap.class, "api-dashboard").orElseThrow().getData().get("shop-prod-api.json");
        ObjectMapper mapper = new ObjectMapper();
        KeelsonApprovals.verifyJson(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json)));
    }

    @Test
    @DisplayName("dev: the API container's OpenTelemetry variables and the flows to the collector")
    void tracing() {
        Manifest dev = Keelson.synth(shop()).manifest("dev");
        Deployment api = dev.get(Deployment.class, "api").orElseThrow();
        StringBuilder out = new StringBuilder("# env of container api\n");
        for (var e : api.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            out.append("- ").append(e.getName()).append(": ")
                    .append(e.getValue() != null ? e.getValue() : "fieldRef " + e.getValueFrom().getFieldRef().getFieldPath())
                    .append('\n');
        }
        out.append("# flows to the collector\n");
        for (Flow f : dev.flows()) {
            if (f.ports().stream().anyMatch(p -> p.name().startsWith("otlp"))) {
                out.append("- ").append(f).append('\n');
            }
        }
        KeelsonApprovals.verifyYaml(out.toString());
    }
}

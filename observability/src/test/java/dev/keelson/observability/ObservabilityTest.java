package dev.keelson.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Observability: ServiceMonitors, SLO rules and dashboards")
class ObservabilityTest {

    private static Manifest prod(Observability observability) {
        return Keelson.synth(Fixtures.shop().with(observability).build()).manifest("prod");
    }

    private static List<Rule> rules(Manifest m, String name) {
        return m.get(PrometheusRule.class, name).orElseThrow().getSpec().getGroups().get(0).getRules();
    }

    private static String alert(Manifest m, String rule, String alert) {
        return rules(m, rule).stream().filter(r -> alert.equals(r.getAlert())).findFirst().orElseThrow().getExpr().getStrVal();
    }

    @Test
    @DisplayName("only a tier that declares metrics gets a ServiceMonitor, and it selects that tier's Service and port")
    void serviceMonitorSelectsService() {
        Manifest prod = prod(Observability.prometheus());
        assertThat(prod.objects(ServiceMonitor.class)).extracting(s -> s.getMetadata().getName()).containsExactly("api");
        ServiceMonitor monitor = prod.get(ServiceMonitor.class, "api").orElseThrow();
        Service service = prod.get(Service.class, "api").orElseThrow();
        assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(monitor.getSpec().getNamespaceSelector().getMatchNames()).containsExactly("shop-prod");
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getName()).contains(monitor.getSpec().getEndpoints().get(0).getPort());
        assertThat(monitor.getSpec().getEndpoints().get(0).getPath()).isEqualTo("/metrics");
    }

    @Test
    @DisplayName("the release label and the scrape interval are configurable, and the label can be left out")
    void releaseAndInterval() {
        Manifest custom = prod(Observability.prometheus().release("monitoring").scrapeInterval(Duration.ofSeconds(15)));
        ServiceMonitor monitor = custom.get(ServiceMonitor.class, "api").orElseThrow();
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "monitoring");
        assertThat(custom.get(PrometheusRule.class, "api-slo").orElseThrow().getMetadata().getLabels())
                .containsEntry("release", "monitoring");
        assertThat(monitor.getSpec().getEndpoints().get(0).getInterval()).isEqualTo("15s");
        assertThat(prod(Observability.prometheus().withoutReleaseLabel()).get(ServiceMonitor.class, "api").orElseThrow()
                .getMetadata().getLabels()).doesNotContainKey("release");
    }

    @Test
    @DisplayName("core's MONITORING flow lets the cluster's Prometheus reach exactly the metrics port")
    void monitoringFlow() {
        Manifest prod = prod(Observability.prometheus());
        assertThat(prod.flows()).filteredOn(f -> f.kind() == dev.keelson.core.Flow.Kind.MONITORING)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.reaches("api")).isTrue();
                    assertThat(f.ports()).extracting(Port::number).containsExactly(9091);
                });
    }

    @Test
    @DisplayName("burn-rate thresholds follow the SRE workbook for 30 days and scale with the window")
    void burnRates() {
        Manifest prod = prod(Observability.prometheus());
        assertThat(alert(prod, "api-slo", "SloErrorBudgetBurnFast"))
                .contains("ratio_rate1h{namespace=\"shop-prod\",tier=\"api\"} > 0.0144")
                .contains("ratio_rate6h{namespace=\"shop-prod\",tier=\"api\"} > 0.006");
        assertThat(alert(prod, "api-slo", "SloErrorBudgetBurnSlow"))
                .contains("ratio_rate1d{namespace=\"shop-prod\",tier=\"api\"} > 0.003")
                .contains("ratio_rate3d{namespace=\"shop-prod\",tier=\"api\"} > 0.001");

        Platform fourWeeks = Platform.named("shop").with(Observability.prometheus())
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080))
                        .with(Slo.availability(99.5).window(Duration.ofDays(28))))
                .build();
        // 2% of a 28-day budget in 1h: 0.02 * 672 = 13.44 times the budget of 0.005
        assertThat(alert(Keelson.synth(fourWeeks).manifest("prod"), "api-slo", "SloErrorBudgetBurnFast"))
                .contains("ratio_rate1h{namespace=\"shop-prod\",tier=\"api\"} > 0.0672");
    }

    @Test
    @DisplayName("the latency objective is written in the histogram's unit")
    void latencyUnit() {
        Manifest otel = prod(Observability.prometheus().requestMetrics(RequestMetrics.openTelemetry()));
        assertThat(alert(otel, "api-slo", "SloLatencyHigh")).endsWith(" > 0.5");
        assertThat(rules(otel, "api-slo").get(0).getExpr().getStrVal())
                .contains("http_server_request_duration_seconds_count{namespace=\"shop-prod\",service=\"api\",http_response_status_code=~\"5..\"}[5m]");
        Manifest istio = prod(Observability.prometheus());
        assertThat(alert(istio, "api-slo", "SloLatencyHigh")).endsWith(" > 500");
        Manifest custom = prod(Observability.prometheus().requestMetrics(
                RequestMetrics.of("http_requests_total", "http_request_duration_seconds_bucket", ChronoUnit.SECONDS)
                        .errors("status=~\"5..\"").selector("job=\"{tier}\",env=\"{environment}\"")));
        assertThat(rules(custom, "api-slo").get(0).getExpr().getStrVal())
                .isEqualTo("sum(rate(http_requests_total{job=\"api\",env=\"prod\",status=~\"5..\"}[5m]))"
                        + " / sum(rate(http_requests_total{job=\"api\",env=\"prod\"}[5m]))");
    }

    @Test
    @DisplayName("a default SLO goes to serving tiers without their own, never to tiers without ports")
    void defaultSlo() {
        Manifest prod = prod(Observability.prometheus().defaultSlo(Slo.availability(99.0)));
        assertThat(prod.objects(PrometheusRule.class)).extracting(r -> r.getMetadata().getName())
                .containsExactly("web-slo", "api-slo");
        assertThat(alert(prod, "web-slo", "SloErrorBudgetBurnFast")).contains("> 0.144 and");
        assertThat(alert(prod, "api-slo", "SloErrorBudgetBurnFast")).contains("> 0.0144 and");
    }

    @Test
    @DisplayName("a latency-only SLO makes no availability rules")
    void latencyOnly() {
        Platform p = Platform.named("shop").with(Observability.prometheus())
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080))
                        .with(Slo.latency(Duration.ofMillis(250)).latency(99, Duration.ofMillis(800))))
                .build();
        assertThat(rules(Keelson.synth(p).manifest("prod"), "api-slo"))
                .extracting(r -> r.getAlert() != null ? r.getAlert() : r.getRecord())
                .containsExactly("keelson:slo_request_duration:p99_rate5m", "SloLatencyHigh");
    }

    @Test
    @DisplayName("every tier gets a sidecar-labelled dashboard; valid JSON, unique UID of at most 40 characters, same bytes every time")
    void dashboards() throws Exception {
        Manifest first = prod(Observability.prometheus());
        Manifest second = prod(Observability.prometheus());
        List<ConfigMap> dashboards = first.objects(ConfigMap.class).stream()
                .filter(c -> "1".equals(c.getMetadata().getLabels().get("grafana_dashboard"))).toList();
        assertThat(dashboards).extracting(c -> c.getMetadata().getName())
                .containsExactly("web-dashboard", "api-dashboard", "worker-dashboard");
        for (ConfigMap c : dashboards) {
            Map.Entry<String, String> data = c.getData().entrySet().iterator().next();
            JsonNode json = new ObjectMapper().readTree(data.getValue());
            assertThat(json.path("uid").asText()).hasSizeLessThanOrEqualTo(40);
            assertThat(json.path("panels").size()).isGreaterThanOrEqualTo(2);
            for (JsonNode panel : json.path("panels")) {
                assertThat(panel.path("targets").get(0).path("expr").asText()).isNotBlank();
                assertThat(panel.path("gridPos").path("w").asInt()).isEqualTo(12);
            }
            assertThat(data.getValue()).isEqualTo(second.get(ConfigMap.class, c.getMetadata().getName()).orElseThrow()
                    .getData().get(data.getKey()));
        }
        assertThat(first.toYaml()).isEqualTo(second.toYaml());
    }

    @Test
    @DisplayName("a long namespace and tier name still give a UID of 40 characters, distinct per tier")
    void longUid() {
        String a = dev.keelson.observability.internal.DashboardsAccess.uid("a-very-long-platform-name-production", "checkout-api");
        String b = dev.keelson.observability.internal.DashboardsAccess.uid("a-very-long-platform-name-production", "checkout-web");
        assertThat(a).hasSize(40).isNotEqualTo(b).startsWith("a-very-long-platform-name-p");
    }

    @Test
    @DisplayName("dashboards can go to Grafana's namespace, prefixed with the environment's, or be left out")
    void dashboardPlacement() {
        Manifest prod = prod(Observability.prometheus().dashboardsIn("grafana").dashboardFolder("Shop"));
        ConfigMap api = prod.get(ConfigMap.class, "shop-prod-api-dashboard").orElseThrow();
        assertThat(api.getMetadata().getNamespace()).isEqualTo("grafana");
        assertThat(api.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Shop");
        assertThat(prod(Observability.prometheus().withoutDashboards()).objects(ConfigMap.class))
                .noneMatch(c -> c.getMetadata().getLabels().containsKey("grafana_dashboard"));
    }
}

package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.observability.Observability;
import dev.keelson.observability.RequestMetrics;
import dev.keelson.observability.Slo;
import dev.keelson.observability.Tracing;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The code of docs/observability.md; DocsSnippetsTest keeps the page equal to it. */
@DisplayName("docs/observability.md snippets compile and synthesize")
class ObservabilitySnippets {

    @Test
    @DisplayName("quick start")
    void quickStart() {
        // snippet:quick-start
        Platform shop = Platform.named("shop")
                .environments(Environment.dev(), Environment.prod())
                .with(Observability.prometheus())                                   // ServiceMonitors, SLO rules, dashboards
                .with(Tracing.otlp("otel-collector.observability:4317")             // OpenTelemetry variables + flow
                        .sampling(10).sampling("dev", 100))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080))
                        .metrics(Port.metrics(9091))                                // scraped at :9091/metrics
                        .with(Slo.availability(99.9).latencyP95(Duration.ofMillis(500))))
                .build();
        // end:quick-start
        assertThat(Keelson.synth(shop).manifest("prod").get(PrometheusRule.class, "api-slo")).isPresent();
    }

    @Test
    @DisplayName("every option")
    void options() {
        // snippet:options
        Observability observability = Observability.prometheus()
                .release("monitoring")                           // label release: monitoring (default kube-prometheus-stack)
                .scrapeInterval(Duration.ofSeconds(15))          // default 30s
                .requestMetrics(RequestMetrics.openTelemetry())  // default RequestMetrics.istio()
                .dashboardsIn("grafana")                         // default: each tier's namespace
                .dashboardFolder("Shop")                         // default: the platform's name
                .defaultSlo(Slo.availability(99.5));             // default: none
        // end:options
        assertThat(observability.release()).contains("monitoring");
    }

    @Test
    @DisplayName("SLO variants")
    void slos() {
        // snippet:slo
        Slo.availability(99.9);                                          // 0.1% of requests may fail, over 30 days
        Slo.latency(Duration.ofMillis(300));                             // p95 under 300 ms, no availability objective
        Slo.availability(99.95).latency(99, Duration.ofSeconds(1));      // p99 under 1 s
        Slo.availability(99.5).window(Duration.ofDays(28));              // measured over 28 days
        // end:slo
    }

    @Test
    @DisplayName("request metrics variants")
    void requestMetrics() {
        // snippet:request-metrics
        RequestMetrics.istio();                                          // the default
        RequestMetrics.openTelemetry();
        RequestMetrics.of("http_requests_total", "http_request_duration_seconds_bucket", ChronoUnit.SECONDS)
                .errors("status=~\"5..\"")
                .selector("namespace=\"{namespace}\",job=\"{tier}\"");
        // end:request-metrics
    }

    @Test
    @DisplayName("tracing variants")
    void tracing() {
        // snippet:tracing
        Tracing.otlp("otel-collector.observability:4317")                // gRPC; in-cluster: DEPENDENCY flow
                .sampling(10)                                            // percent; default 10
                .sampling("dev", 100)                                    // per environment
                .serviceName("{platform}-{tier}")                        // default {tier}
                .resourceAttribute("team", "checkout")
                .collectorPods(Map.of("app.kubernetes.io/name", "opentelemetry-collector"));
        Tracing.otlpHttp("https://otlp.vendor.example.com")              // HTTP/protobuf on 4318; EXTERNAL flow
                .outsideCluster("203.0.113.0/24");                       // default: anywhere (0.0.0.0/0)
        // end:tracing
    }
}

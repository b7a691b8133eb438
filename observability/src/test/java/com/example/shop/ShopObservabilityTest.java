package com.example.shop;

import static dev.keelson.testing.KeelsonAssertions.assertThat;
import static dev.keelson.testing.KeelsonAssertions.assertThatBuilding;

import dev.keelson.core.ClusterServices;
import dev.keelson.core.Environment;
import dev.keelson.core.Flow;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.observability.Observability;
import dev.keelson.observability.Slo;
import dev.keelson.observability.Tracing;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A user's test, outside Keelson's packages: the public API and keelson-testing are enough. */
@DisplayName("A user's platform with observability, tested with keelson-testing")
class ShopObservabilityTest {

    static Platform shop() {
        return Platform.named("shop")
                .environments(Environment.dev(), Environment.prod())
                .cluster(ClusterServices.DEFAULT.monitoring("observability", Map.of("app.kubernetes.io/name", "prometheus")))
                .with(Observability.prometheus().release("prom"))
                .with(Tracing.otlp("otel-collector.observability:4317").sampling(10).sampling("dev", 100))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.grpc(9090))
                        .metrics(Port.metrics(9091))
                        .with(Slo.availability(99.9).latencyP95(Duration.ofMillis(300))))
                .build();
    }

    @Test
    @DisplayName("prod has the monitor, the SLO rules, the dashboard, the OpenTelemetry variables and both flows")
    void prod() {
        Manifest prod = Keelson.synth(shop()).manifest("prod");
        assertThat(prod)
                .hasObject(ServiceMonitor.class, "api")
                .hasObject(PrometheusRule.class, "api-slo")
                .hasObject(ConfigMap.class, "api-dashboard")
                .hasFlow(Flow.Kind.MONITORING, Peer.workloads("observability", Map.of("app.kubernetes.io/name", "prometheus"), null),
                        Peer.tier("api"))
                .hasFlow(Flow.Kind.DEPENDENCY, Peer.tier("api"), Peer.workloads("observability", Map.of(), null))
                .deployment("api")
                .hasEnv("OTEL_SERVICE_NAME", "api")
                .hasEnv("OTEL_TRACES_SAMPLER_ARG", "0.1")
                .runsAsNonRoot()
                .and().service("api").exposesPort("metrics", 9091);
        assertThat(prod).object(ServiceMonitor.class, "api")
                .satisfies(m -> org.assertj.core.api.Assertions.assertThat(m.getMetadata().getLabels())
                        .containsEntry("release", "prom"));
    }

    @Test
    @DisplayName("an SLO on a tier without ports is refused with its path")
    void refused() {
        assertThatBuilding(Platform.named("shop").with(Observability.prometheus())
                .tier(Tier.named("worker").image("ghcr.io/acme/worker:1.0.0").with(Slo.availability(99))))
                .hasProblem("shop/tiers/worker/slo", "declares no ports");
    }
}

package dev.keelson.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.networknt.schema.JsonSchema;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.conformance.SchemaConformance;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Generated monitoring objects conform to the Prometheus Operator v0.93.0 CRD schemas")
class ConformanceTest {

    private static Path schemas;

    @BeforeAll
    static void findSchemas() {
        schemas = CrdSchemas.folder().orElse(null);
    }

    private static Manifest prod() {
        return Keelson.synth(Fixtures.shop()
                .tier(Tier.named("search").image("ghcr.io/acme/search:3.1.0").port(Port.grpc(9090))
                        .metrics("grpc", "/stats/prometheus").with(Slo.latency(Duration.ofSeconds(1))))
                .with(Observability.prometheus().defaultSlo(Slo.availability(99.5)))
                .build()).manifest("prod");
    }

    @Test
    @DisplayName("every ServiceMonitor validates against monitoring.coreos.com_servicemonitors v1")
    void serviceMonitors() {
        assumeTrue(schemas != null, "shared/schemas not found; set -Dkeelson.schemas");
        JsonSchema schema = CrdSchemas.load(schemas, "prometheus-operator-v0.93.0-monitoring.coreos.com_servicemonitors.yaml", "v1");
        Manifest prod = prod();
        assertThat(prod.objects(ServiceMonitor.class)).hasSize(2);
        assertThat(CrdSchemas.validate(schema, prod, ServiceMonitor.class)).isEmpty();
    }

    @Test
    @DisplayName("every PrometheusRule validates against monitoring.coreos.com_prometheusrules v1")
    void prometheusRules() {
        assumeTrue(schemas != null, "shared/schemas not found; set -Dkeelson.schemas");
        JsonSchema schema = CrdSchemas.load(schemas, "prometheus-operator-v0.93.0-monitoring.coreos.com_prometheusrules.yaml", "v1");
        Manifest prod = prod();
        assertThat(prod.objects(PrometheusRule.class)).hasSize(3);
        assertThat(CrdSchemas.validate(schema, prod, PrometheusRule.class)).isEmpty();
    }

    @Test
    @DisplayName("whole manifests with monitoring and tracing conform, as objects and as written YAML (core's harness)")
    void wholeManifests() {
        SchemaConformance.assumeSchemasPresent();
        Platform platform = Fixtures.shop().with(Observability.prometheus().defaultSlo(Slo.availability(99.5)))
                .with(Tracing.otlp("otel-collector.observability").sampling("dev", 100)).build();
        for (Manifest m : Keelson.synth(platform).manifests()) {
            SchemaConformance.assertConforms(m);
            SchemaConformance.assertYamlConforms(m.toYaml());
        }
    }

    @Test
    @DisplayName("the strict schema does catch a wrong object (the harness can fail)")
    void harnessCatchesErrors() {
        assumeTrue(schemas != null, "shared/schemas not found; set -Dkeelson.schemas");
        JsonSchema schema = CrdSchemas.load(schemas, "prometheus-operator-v0.93.0-monitoring.coreos.com_servicemonitors.yaml", "v1");
        ServiceMonitor monitor = prod().objects(ServiceMonitor.class).get(0);
        monitor.getSpec().getEndpoints().get(0).setScheme("ftp");
        monitor.getSpec().getEndpoints().get(0).setAdditionalProperty("portt", "metrics");
        assertThat(CrdSchemas.validate(schema, monitor)).hasSize(2);
    }
}

package dev.keelson.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Percent;
import dev.keelson.core.Platform;
import dev.keelson.core.TracingSettings;
import dev.keelson.core.spi.PlatformExtension;
import io.fabric8.istio.api.telemetry.v1.Telemetry;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One tracing setting for the workloads and the mesh: a platform feature implementing core's
 * {@link TracingSettings} (observability's {@code Tracing} in practice) drives Istio's Telemetry.
 */
class SharedTracingTest {

    /** Stands in for observability's Tracing, which this module cannot see. */
    record Settings(String provider, double sampling, Map<String, Double> byEnvironment)
            implements TracingSettings, PlatformExtension {
        @Override
        public Optional<String> meshProvider() {
            return Optional.ofNullable(provider);
        }

        @Override
        public Percent samplingPercent(Environment environment) {
            return Percent.of(byEnvironment.getOrDefault(environment.name(), sampling));
        }
    }

    private static Platform.Builder shop(MeshPolicy mesh, Settings settings) {
        return MeshValidationTest.platform(mesh, t -> t).with(settings);
    }

    private static Telemetry telemetry(Platform p, String env) {
        return Keelson.synth(p).manifest(env).get(Telemetry.class, "default").orElseThrow();
    }

    @Test
    @DisplayName("the mesh traces to the feature's provider with its sampling, per environment")
    void meshReadsThePlatformsTracing() {
        Platform p = shop(MeshPolicy.strictMtls().withCni(), new Settings("otel", 10, Map.of("dev", 100.0))).build();
        var prod = telemetry(p, "prod").getSpec().getTracing().get(0);
        var dev = telemetry(p, "dev").getSpec().getTracing().get(0);
        assertThat(prod.getProviders()).extracting(r -> r.getName()).containsExactly("otel");
        assertThat(prod.getRandomSamplingPercentage()).isEqualTo(10.0);
        assertThat(dev.getRandomSamplingPercentage()).isEqualTo(100.0);
    }

    @Test
    @DisplayName("a tracing feature without a mesh provider leaves the mesh's Telemetry to access logs")
    void noMeshProviderNoMeshTracing() {
        Platform p = shop(MeshPolicy.strictMtls().withCni(), new Settings(null, 10, Map.of())).build();
        assertThat(telemetry(p, "prod").getSpec().getTracing()).isNullOrEmpty();
    }

    @Test
    @DisplayName("tracing set both on the mesh and on the platform's tracing feature is refused")
    void setTwice() {
        var errors = MeshValidationTest.errors(shop(MeshPolicy.strictMtls().withCni().tracing(MeshTracing.provider("jaeger")),
                new Settings("otel", 10, Map.of())));
        assertThat(errors).containsExactly(tuple("KEE-MESH-010", "shop/mesh/tracing",
                "tracing is set twice: MeshPolicy.tracing(...) and Settings.meshProvider(\"otel\")"));
    }
}

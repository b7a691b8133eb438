package dev.keelson.observability;

import dev.keelson.core.Percent;
import dev.keelson.core.Platform;
import dev.keelson.core.Tier;
import dev.keelson.core.testkit.NullSweep;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("every public method of observability names the call and the parameter when given null")
class NullArgumentsTest {

    @Test
    @DisplayName("Observability, Slo, RequestMetrics and Tracing refuse null in every argument not marked @Nullable")
    void sweep() {
        Platform shop = Fixtures.shop().with(Observability.prometheus()).build();
        NullSweep.of("dev.keelson.observability")
                .sample(Platform.class, () -> shop)
                .sample(Tier.class, () -> shop.tiers().get(1))
                .sample(Observability.class, Observability::prometheus)
                .sample(RequestMetrics.class, RequestMetrics::istio)
                .sample(Slo.class, () -> Slo.availability(99.9).latencyP95(Duration.ofMillis(500)))
                .sample(Tracing.class, () -> Tracing.otlp("otel-collector.observability:4317"))
                .sample(BigDecimal.class, () -> new BigDecimal("99.9"))
                .sample(Percent.class, () -> Percent.of(10))
                .run();
    }
}

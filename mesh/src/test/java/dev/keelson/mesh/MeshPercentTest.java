package dev.keelson.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.Image;
import dev.keelson.core.Percent;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The mesh's percentages are core's {@link Percent}; the int and double overloads are shortcuts to the same values. */
class MeshPercentTest {

    private static final String IMAGE = "ghcr.io/acme/api:2.5.0";

    @Test
    @DisplayName("mirror, fault and tracing hold a Percent; a double gives the same value as its Percent")
    void sameValues() {
        assertThat(Mirror.of(IMAGE, 0.5)).isEqualTo(Mirror.of(IMAGE, Percent.parse("0.5")));
        assertThat(Mirror.of(IMAGE, 100).percentage()).isEqualTo(Percent.of(100));
        assertThat(Fault.delay(Duration.ofSeconds(2), 10)).isEqualTo(Fault.delay(Duration.ofSeconds(2), Percent.of(10)));
        assertThat(Fault.abort(503, 5.5)).isEqualTo(Fault.abort(503, Percent.of(5.5)));
        assertThat(MeshTracing.provider("otel").samplingPercentage()).isEqualTo(MeshTracing.DEFAULT_SAMPLING);
        assertThat(MeshTracing.provider("otel").sampling(10)).isEqualTo(MeshTracing.provider("otel").sampling(Percent.of(10)));
    }

    @Test
    @DisplayName("canary weights and the ejection ceiling are whole numbers, as Istio holds them: a fraction is refused at once")
    void wholeNumbers() {
        Image image = Image.parse(IMAGE);
        assertThat(Canary.of(image, Percent.of(10))).isEqualTo(Canary.of(image, 10));
        assertThat(OutlierDetection.DEFAULT.maxEjectionPercent(Percent.of(30)))
                .isEqualTo(OutlierDetection.DEFAULT.maxEjectionPercent(30));
        assertThatThrownBy(() -> Canary.of(image, Percent.of(12.5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a whole number of percent is needed here, was 12.5%");
        assertThatThrownBy(() -> OutlierDetection.DEFAULT.maxEjectionPercent(Percent.of(0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a whole number of percent is needed here, was 0.5%");
    }
}

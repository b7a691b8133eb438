package dev.keelson.observability;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RequestMetrics: PromQL with a control character is refused at once")
class PromqlControlCharactersTest {

    @Test
    @DisplayName("every C0 control (but tab and line breaks), DEL and C1 character in a metric name or matcher is refused, naming the parameter")
    void refused() {
        for (char c = 0; c < 0xa0; c++) {
            if (c >= 0x20 && c < 0x7f || c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            String bad = "code=~\"5..\"" + c;
            char shown = c;
            assertThatThrownBy(() -> RequestMetrics.istio().errors(bad)).as("U+%04X", (int) shown)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("errors (PromQL) contains the control character " + String.format("U+%04X", (int) c)
                            + " at index 11; remove it");
            assertThatThrownBy(() -> RequestMetrics.of("requests_total" + shown, "duration_bucket", ChronoUnit.SECONDS))
                    .as("U+%04X", (int) shown).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("requests (PromQL)");
        }
    }
}

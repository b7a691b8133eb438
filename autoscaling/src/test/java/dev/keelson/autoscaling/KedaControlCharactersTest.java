package dev.keelson.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("KEDA triggers and quantities: control characters refused, core's quantity grammar")
class KedaControlCharactersTest {

    @Test
    @DisplayName("a Prometheus query with a C0/C1 control character or DEL is refused, naming the parameter")
    void controlCharacters() {
        for (char c = 0; c < 0xa0; c++) {
            if (c >= 0x20 && c < 0x7f || c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            String query = "sum(rate(x[1m]))" + c;
            assertThatThrownBy(() -> KedaTrigger.prometheus("http://prometheus:9090", query, 10)).as("U+%04X", (int) c)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("query contains the control character " + String.format("U+%04X", (int) c) + " at index 16; remove it");
        }
        assertThat(KedaTrigger.prometheus("http://prometheus:9090", "sum(\n  rate(x[1m])\n)", 10)).isNotNull();
    }

    @Test
    @DisplayName("targets take the API server's quantities (n, u, E, Ei) and refuse what it refuses (1e1.5, signs)")
    void quantities() {
        assertThat(Target.averageQuantity("500u")).isNotNull();
        assertThat(Target.averageQuantity("2Ei")).isNotNull();
        assertThatThrownBy(() -> Target.averageQuantity("1e1.5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Target.averageQuantity("-1")).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.keelson.core.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ScalarStyle: how a scalar is spelled")
class ScalarStyleTest {

    private static String spelled(String s) throws IOException {
        StringWriter w = new StringWriter();
        CharSink sink = new CharSink(w);
        ScalarStyle.string(s, sink);
        sink.flush();
        return w.toString();
    }

    @Test
    @DisplayName("what a YAML 1.1 or 1.2 parser reads as null, a boolean, a number or a timestamp is quoted, in any case")
    void keywordsAndNumbersAreQuoted() {
        for (String s : new String[] {"on", "Off", "YES", "n", "y", "true", "Null", "~", "<<", "=", "0123", "1e3", "0x1F",
                "1:30", "1.0.0", ".5", ".", "-.inf", ".NaN", "2024-01-01", "+1", ""}) {
            assertThat(ScalarStyle.isPlain(s)).as(s).isFalse();
        }
    }

    @Test
    @DisplayName("names, quantities, paths and images stay plain")
    void ordinaryStringsArePlain() {
        for (String s : new String[] {"web", "128Mi", "100m", "/healthz", "ghcr.io/acme/web:1.4.2", "a:b", "k#1", "a\"b\\c",
                "online", "noble", "-x", "caf\u00e9", "\ud83d\ude00"}) {
            assertThat(ScalarStyle.isPlain(s)).as(s).isTrue();
        }
    }

    @Test
    @DisplayName("indicators, ': ', ' #' and surrounding spaces force quotes")
    void indicatorsForceQuotes() {
        for (String s : new String[] {"- x", "-", "---", "...", "a: b", "a #b", " a", "a ", "a:", "*x", "&x", "!x",
                "|", ">", "%x", "@x", "`x", "{x}", "[x]", "'x'", "\"x\"", "?x", ",x", "#x"}) {
            assertThat(ScalarStyle.isPlain(s)).as(s).isFalse();
        }
    }

    @Test
    @DisplayName("double quotes escape quotes, backslashes and every non-printable character; pairs of surrogates pass")
    void escapes() throws IOException {
        assertThat(spelled("on")).isEqualTo("\"on\"");
        assertThat(spelled("- a\"b\\c")).isEqualTo("\"- a\\\"b\\\\c\"");
        assertThat(spelled("\n\t\r\0")).isEqualTo("\"\\n\\t\\r\\0\"");
        assertThat(spelled("\u0001\u007f\u0085\u2028\u2029\ufeff\ufffe\ud800")).isEqualTo(
                "\"\\u0001\\u007f\\u0085\\u2028\\u2029\\ufeff\\ufffe\\ud800\"");
        assertThat(spelled("- \ud83d\ude00")).isEqualTo("\"- \ud83d\ude00\"");
        assertThat(spelled("web")).isEqualTo("web");
    }

    @Test
    @DisplayName("numbers are spelled so YAML 1.1 and 1.2 both read numbers")
    void numbers() {
        assertThat(ScalarStyle.floating(1e20)).isEqualTo("1.0e+20");
        assertThat(ScalarStyle.floating(1e-7)).isEqualTo("1.0e-7");
        assertThat(ScalarStyle.floating(Double.NaN)).isEqualTo(".nan");
        assertThat(ScalarStyle.floating(Double.NEGATIVE_INFINITY)).isEqualTo("-.inf");
        assertThat(ScalarStyle.floating(Float.POSITIVE_INFINITY)).isEqualTo(".inf");
        assertThat(ScalarStyle.floating(2.5f)).isEqualTo("2.5");
        assertThat(ScalarStyle.decimal("1E+3")).isEqualTo("1.0e+3");
        assertThat(ScalarStyle.decimal("12.50")).isEqualTo("12.50");
        assertThat(ScalarStyle.isNumber("-12.5e+3")).isTrue();
        assertThat(ScalarStyle.isNumber("012")).isFalse();
        assertThat(ScalarStyle.isNumber("1e3")).isFalse();
    }
}

package dev.keelson.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.testkit.Gen;
import dev.keelson.core.testkit.Seeded;
import dev.keelson.observability.internal.Promql;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Values spliced into PromQL stay inside their string literal, whatever they hold. The PromQL is read
 * back with a tokenizer of this test's own that follows the PromQL lexer (Go's string literals: a raw
 * line break ends nothing but the query, only the escapes Go knows).
 */
@DisplayName("PromQL: a label value is escaped, never injected")
class PromqlEscapingTest {

    /** Pieces that break naive splicing, and ordinary text around them. */
    private static final Gen<String> HOSTILE = Gen.oneOf(
            Gen.of("\"", "\\", "\"}", "\"} or vector(1) #", "\n", "\r\n", "\t", "'", "`", "\\\"", "\"\\", "{tier}",
                    "{namespace}", ",a=\"b\"", "} or on() vector(1) {", "é", "日本語", "😀", "\u0000", "\u001b", "\u007f",
                    "\u0085", "\u2028", "\u2029", "=~", ".*", "shop-prod", "api"),
            Gen.strings(12),
            Gen.strings("az09-.\"\\{}'`\n ,=~!", 10))
            .list(0, 6).map(parts -> String.join("", parts));

    @Test
    @DisplayName("string(v) is one literal, from its first to its last character, that reads back as exactly v")
    void stringLiteral() {
        Seeded.forAll(500, HOSTILE, v -> {
            String literal = Promql.string(v);
            Reader r = new Reader(literal);
            assertThat(r.literal()).isEqualTo(v);
            assertThat(r.atEnd()).as("nothing after the literal in %s", literal).isTrue();
            assertThat(literal).doesNotContain("\n");
        });
    }

    @Test
    @DisplayName("selector(labels) reads back as exactly those label matchers, and nothing after the closing brace")
    void selector() {
        Gen<Map<String, String>> labels = HOSTILE.list(1, 3).map(values -> {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                m.put(List.of("namespace", "tier", "container").get(i), values.get(i));
            }
            return m;
        });
        Seeded.forAll(300, labels, m -> {
            String promql = "up" + Promql.selector(m) + " > 0";
            Reader r = new Reader(promql);
            r.expect("up{");
            List<String[]> read = r.matchers('}');
            r.expect(" > 0");
            assertThat(r.atEnd()).isTrue();
            List<String[]> expected = new ArrayList<>();
            m.forEach((k, v) -> expected.add(new String[] {k, "=", v}));
            assertThat(read).usingRecursiveComparison().isEqualTo(expected);
        });
    }

    @Test
    @DisplayName("fill(template, ...) puts each value inside its literal: the matchers keep their number and names, the values read back")
    void fill() {
        String template = "reporter=\"destination\",ns=\"{namespace}\",svc=\"{tier}\",env='{environment}',"
                + "job=~\"{platform}-{tier}(-canary)?\"";
        Seeded.forAll(300, HOSTILE.list(4, 4), v -> {
            String platform = v.get(0);
            String environment = v.get(1);
            String namespace = v.get(2);
            String tier = v.get(3);
            String filled = Promql.fill(template, platform, environment, namespace, tier);
            Reader r = new Reader(filled);
            List<String[]> read = r.matchers((char) 0);
            assertThat(r.atEnd()).isTrue();
            assertThat(read).hasSize(5);
            assertThat(read).extracting(m -> m[0]).containsExactly("reporter", "ns", "svc", "env", "job");
            assertThat(read.get(0)[2]).isEqualTo("destination");
            assertThat(read.get(1)[2]).isEqualTo(namespace);
            assertThat(read.get(2)[2]).isEqualTo(tier);
            assertThat(read.get(3)[2]).isEqualTo(environment);
            assertThat(read.get(4)[1]).isEqualTo("=~");
            // in a regular expression the value is quoted too: it matches itself and nothing else of that shape
            Pattern job = Pattern.compile(read.get(4)[2]);
            assertThat(job.matcher(platform + "-" + tier).matches()).isTrue();
            assertThat(job.matcher(platform + "-" + tier + "-canary").matches()).isTrue();
            assertThat(job.matcher(platform + "-" + tier + "x").matches()).isFalse();
        });
    }

    @Test
    @DisplayName("ordinary names escape to themselves, so the generated rules and dashboards do not change")
    void ordinaryValuesUnchanged() {
        assertThat(Promql.string("shop-prod")).isEqualTo("\"shop-prod\"");
        assertThat(Promql.selector(Map.of("tier", "api"))).isEqualTo("{tier=\"api\"}");
        assertThat(Promql.fill(RequestMetrics.istio().selector(), "shop", "prod", "shop-prod", "api"))
                .isEqualTo("reporter=\"destination\",destination_service_namespace=\"shop-prod\",destination_service_name=\"api\"");
        assertThat(Promql.string("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
    }

    @Test
    @DisplayName("RequestMetrics refuses matchers a value could escape from, and names that are not metric names")
    void requestMetricsRefuses() {
        assertThatThrownBy(() -> RequestMetrics.istio().selector("service=\"{tier}\"} or vector(1) #"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("selector 'service=\"{tier}\"} or vector(1) #' is not PromQL label matchers: at index 16 "
                        + "expected ',' and the next matcher; write them like namespace=\"{namespace}\",service=\"{tier}\"");
        assertThatThrownBy(() -> RequestMetrics.istio().selector("service={tier}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at index 8 expected a string literal");
        assertThatThrownBy(() -> RequestMetrics.istio().selector("service=`{tier}`"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a placeholder inside a \"...\" literal");
        assertThatThrownBy(() -> RequestMetrics.istio().errors("response.code=~\"5..\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("errors 'response.code=~\"5..\"' is not PromQL label matchers: at index 8 expected one of");
        assertThatThrownBy(() -> RequestMetrics.istio().errors("9code=\"500\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at index 0 expected a label name");
        assertThatThrownBy(() -> RequestMetrics.istio().errors("code=\"5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at index 5 expected a string literal closed on the same line");
        assertThatThrownBy(() -> RequestMetrics.of("http_requests_total{job=\"x\"} or vector(1)", "b_bucket", ChronoUnit.SECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("requests 'http_requests_total{job=\"x\"} or vector(1)' is not a Prometheus metric name");
        assertThatThrownBy(() -> RequestMetrics.of("reqs_total", "dur bucket", ChronoUnit.SECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("durationBuckets 'dur bucket' is not a Prometheus metric name");
        // what is valid stays valid: spaces, a trailing comma, single quotes, backquotes without placeholders
        RequestMetrics.istio().selector(" namespace = \"{namespace}\" , service='{tier}', ").errors("code=~`5..`");
    }

    /** A tokenizer for what these tests read: matchers and Go-style string literals, as the PromQL lexer reads them. */
    private static final class Reader {

        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return at == text.length();
        }

        void expect(String s) {
            assertThat(text.startsWith(s, at)).as("'%s' at %d of %s", s, at, text).isTrue();
            at += s.length();
        }

        /** Matchers up to {@code close} (or the end when 0), each as {name, operator, value}. */
        List<String[]> matchers(char close) {
            List<String[]> out = new ArrayList<>();
            while (!atEnd() && text.charAt(at) != close) {
                int start = at;
                while (!atEnd() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                    at++;
                }
                String name = text.substring(start, at);
                assertThat(name).matches("[a-zA-Z_][a-zA-Z0-9_]*");
                String op = text.startsWith("=~", at) ? "=~" : text.startsWith("!~", at) ? "!~"
                        : text.startsWith("!=", at) ? "!=" : text.startsWith("=", at) ? "=" : null;
                assertThat(op).as("operator at %d of %s", at, text).isNotNull();
                at += op.length();
                out.add(new String[] {name, op, literal()});
                if (!atEnd() && text.charAt(at) == ',') {
                    at++;
                }
            }
            if (close != 0) {
                expect(String.valueOf(close));
            }
            return out;
        }

        /** A string literal, decoded as Go's strconv.Unquote does. */
        String literal() {
            char q = text.charAt(at);
            assertThat(q).isIn('"', '\'', '`');
            StringBuilder out = new StringBuilder();
            at++;
            while (true) {
                assertThat(atEnd()).as("unterminated literal in %s", text).isFalse();
                char c = text.charAt(at++);
                if (c == q) {
                    return out.toString();
                }
                if (q == '`') {
                    out.append(c);
                    continue;
                }
                assertThat(c).as("a raw line break in a quoted literal in %s", text).isNotEqualTo('\n');
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case 'a' -> out.append('\u0007');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'v' -> out.append('\u000b');
                    case '\\' -> out.append('\\');
                    case 'u' -> {
                        out.appendCodePoint(Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> {
                        assertThat(e).as("escape \\%s in a %s-quoted literal of %s", e, q, text).isEqualTo(q);
                        out.append(e);
                    }
                }
            }
        }
    }
}

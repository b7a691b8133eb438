package dev.keelson.core.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.keelson.core.testkit.Gen;
import dev.keelson.core.testkit.Seeded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The lean YAML writer against standard parsers: whatever value it writes, SnakeYAML (YAML 1.1),
 * snakeyaml-engine (YAML 1.2 core schema) and Jackson's YAML parser read back exactly what
 * Jackson's JSON serialization of the same value holds, object for object, key order included.
 *
 * <p>The reference is Jackson's JSON tree rather than Jackson's own YAML: this very test found that
 * Jackson's YAMLGenerator (2.20) writes the key {@code ""} so that SnakeYAML reads {@code " "}, and
 * the key {@code <<} plain, which YAML 1.1 reads as a merge key. Where Jackson's YAML is sound the
 * two agree (see YamlFabric8Test).
 */
class YamlRoundTripPropertiesTest {

    /** Strings that a careless writer gets wrong. */
    static final List<String> TRICKY = List.of(
            "", " ", "  ", " a", "a ", "\t", "a\tb", "\n", "a\nb", "a\n", "\r\n", "\u0000", "\u0007", "\u001b", "\u007f",
            "\u0085", "\u00a0", "\u2028", "\u2029", "\ufeff", "\ufffd", "\ud83d\ude00", "é", "日本", "a\ud834\udd1eb",
            "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
            "true", "True", "TRUE", "false", "False", "FALSE", "tRUE", "null", "Null", "NULL", "~", "<<", "=",
            "1e3", "1E3", "1e+3", "1.0e-5", "0123", "0o17", "0x1F", "0b101", "1_000", "1:30", "190:20:30.15", ".5", "5.",
            "+1", "-1", "+.5", "-0", "0", "1.0.0", ".", "..", "...", "-.", ".inf", "-.inf", "+.inf", ".Inf", ".NaN", ".nan",
            "2024-01-01", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2001-12-14T21:59:43Z",
            "128Mi", "100m", "1.5Gi", "500M", "12e", "0x", "v1.2.3",
            ": ", "a: b", "a:b", "a:", ":a", "::", "a #b", "a#b", "#a", " #", "-", "- a", "-a", "--", "---", "--- a",
            "?", "? a", "?a", "[a]", "{a: 1}", "a, b", "a,b", "!a", "!!str", "&a", "*a", "|", "|-", ">", ">-", "%a",
            "@a", "`a", "'", "''", "'a'", "\"", "\"a\"", "\\", "\\n", "a\\", "a\"b'c",
            "ghcr.io/acme/api:1.0.0", "ghcr.io/acme/api@sha256:0123abcd", "http://x.example.com:8080/a?b=c#d",
            "--flag=1", "-Xmx1g", "key=value", "a b c", "a  b", "*", "&", "a{b}c");

    static final String SPECIAL = " :#-'\"\\\n\t\r.,[]{}!&*|>?%@`~=<+0123456789eExXyYnNoOaA_/\u0000\u0085\u2028é";

    static Gen<String> strings() {
        Gen<String> special = Gen.strings(SPECIAL, 8);
        Gen<String> latin = Gen.strings('\u0000', '\u00ff', 8);
        Gen<String> unicode = Gen.ints(0, 0x10ffff)
                .filter(cp -> cp < 0xd800 || cp > 0xdfff)
                .map(cp -> new String(Character.toChars(cp)))
                .list(0, 4)
                .map(parts -> String.join("", parts));
        Gen<String> tricky = Gen.of(TRICKY);
        Gen<String> joined = tricky.list(2, 3).map(parts -> String.join("", parts));
        return Gen.oneOf(tricky, tricky, joined, special, latin, unicode);
    }

    static Gen<Object> scalars() {
        return Gen.oneOf(
                strings(),
                Gen.ints(),
                Gen.longs(),
                Gen.bigIntegers(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)),
                Gen.doubles(),
                Gen.of(1e20, -1e-7, 0.0, -0.0, Double.MAX_VALUE, Double.MIN_VALUE, 1.5e300),
                Gen.booleans(),
                Gen.constant(null));
    }

    /** Scalars nested in lists and mappings up to {@code depth} levels, each level also a scalar at times. */
    static Gen<Object> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Gen<Object> inner = values(depth - 1);
        return Gen.oneOf(
                inner,
                inner.list(0, 4).map(l -> (Object) l),
                Gen.maps(strings(), inner, 0, 4).map(m -> (Object) m));
    }

    static Gen<Object> values() {
        List<Gen<Object>> byDepth = List.of(values(0), values(1), values(2), values(3));
        return r -> byDepth.get(r.nextInt(byDepth.size())).next(r);
    }

    static Gen<Object> documents() {
        return Gen.maps(strings(), values(), 1, 5).map(m -> (Object) m);
    }

    @Test
    @DisplayName("any value reads back, under YAML 1.1, YAML 1.2 and Jackson's parser, as Jackson's JSON tree of it")
    void roundTrips() {
        Seeded.forAll(1000, values(), YamlRoundTripPropertiesTest::assertRoundTrip);
    }

    @Test
    @DisplayName("any mapping document reads back as Jackson's JSON tree of it")
    void documentsRoundTrip() {
        Seeded.forAll(200, documents(), YamlRoundTripPropertiesTest::assertRoundTrip);
    }

    @Test
    @DisplayName("a string is plain only when every parser reads it back as that same string")
    void plainOnlyWhenSafe() {
        Seeded.forAll(1000, strings(), s -> {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put(s, s);
            doc.put("list", List.of(s, List.of(s)));
            assertRoundTrip(doc);
            assertRoundTrip(s);
        });
    }

    @Test
    @DisplayName("every tricky string round-trips as a key, a value, a list item and a top-level value")
    void trickyStrings() {
        for (String s : TRICKY) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put(s, s);
            doc.put("in", new ArrayList<>(List.of(s, Map.of(s, List.of(s)))));
            assertRoundTrip(doc);
            assertRoundTrip(s);
        }
    }

    @Test
    @DisplayName("empty containers are written {} and [] and read back empty")
    void emptyContainers() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("m", Map.of());
        doc.put("l", List.of());
        doc.put("nested", List.of(List.of(), Map.of(), List.of(List.of())));
        assertThat(Yaml.toYaml(doc)).isEqualTo("""
                m: {}
                l: []
                nested:
                - []
                - {}
                -
                  - []
                """);
        assertRoundTrip(doc);
        assertRoundTrip(Map.of());
        assertRoundTrip(List.of());
    }

    static void assertRoundTrip(Object value) {
        String yaml = Yaml.toYaml(value);
        Object expected = YamlReaders.jacksonJson(value);
        assertThat(YamlReaders.snakeYaml11(yaml)).as("SnakeYAML (YAML 1.1) reading:%n%s", yaml).isEqualTo(expected);
        assertThat(YamlReaders.snakeEngine12(yaml)).as("snakeyaml-engine (YAML 1.2) reading:%n%s", yaml).isEqualTo(expected);
        assertThat(YamlReaders.jacksonYaml(yaml)).as("Jackson YAML reading:%n%s", yaml).isEqualTo(expected);
        assertThat(Yaml.toYaml(value)).as("a second writing").isEqualTo(yaml);
    }
}

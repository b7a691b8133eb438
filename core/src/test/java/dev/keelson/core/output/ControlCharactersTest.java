package dev.keelson.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.Connection;
import dev.keelson.core.Environment;
import dev.keelson.core.Exposure;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Problem;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

@DisplayName("Control characters: written as escapes kubectl's YAML reader accepts, or refused at build() with the path")
class ControlCharactersTest {

    /** Every C0 and C1 character, DEL, and the other characters YAML readers refuse unescaped. */
    private static List<Character> controls() {
        List<Character> chars = new ArrayList<>();
        for (char c = 0; c < 0xa0; c++) {
            if (c < 0x20 || c >= 0x7f) {
                chars.add(c);
            }
        }
        chars.add('\u2028');
        chars.add('\u2029');
        chars.add('\ufeff');
        chars.add('\ufffe');
        chars.add('\uffff');
        return chars;
    }

    /**
     * The characters go-yaml (kubectl, the API server's YAML path) reads in a stream: tab, LF, CR,
     * printable ASCII, NEL, and the BMP from U+00A0 but surrogates, U+FEFF, U+FFFE and U+FFFF; a
     * valid surrogate pair is a printable supplementary character.
     */
    private static int unreadable(String yaml) {
        for (int i = 0; i < yaml.length(); i++) {
            char c = yaml.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0x7e || c == 0x85
                    || c >= 0xa0 && c <= 0xd7ff || c >= 0xe000 && c <= 0xfffd && c != 0xfeff;
            if (Character.isHighSurrogate(c) && i + 1 < yaml.length() && Character.isLowSurrogate(yaml.charAt(i + 1))) {
                i++;
                ok = true;
            }
            if (!ok) {
                return i;
            }
        }
        return -1;
    }

    @Test
    @DisplayName("config values, raw data and annotations holding any C0/C1 character are written so kubectl reads them back exactly")
    @SuppressWarnings("unchecked")
    void valuesRoundTrip() {
        Map<String, String> values = new LinkedHashMap<>();
        for (char c : controls()) {
            values.put(String.format("u%04x", (int) c), "a" + c + "b" + c);
        }
        Tier.Builder web = Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080));
        values.forEach(web::config);
        Platform platform = Platform.named("shop").environments(Environment.prod()).tier(web)
                .add(env -> new ConfigMapBuilder().withNewMetadata().withName("raw").withAnnotations(values).endMetadata()
                        .withData(values).build())
                .build();

        String yaml = Keelson.synth(platform).manifest("prod").toYaml();
        int at = unreadable(yaml);
        assertThat(at).as("an unescaped U+%04X in the YAML", at < 0 ? 0 : (int) yaml.charAt(at)).isEqualTo(-1);

        List<Map<String, Object>> documents = new ArrayList<>();
        new Load(LoadSettings.builder().build()).loadAllFromString(yaml).forEach(d -> documents.add((Map<String, Object>) d));
        Map<String, Object> config = documents.stream()
                .filter(d -> "ConfigMap".equals(d.get("kind")) && "web-config".equals(((Map<String, Object>) d.get("metadata")).get("name")))
                .findFirst().orElseThrow();
        Map<String, Object> raw = documents.stream()
                .filter(d -> "ConfigMap".equals(d.get("kind")) && "raw".equals(((Map<String, Object>) d.get("metadata")).get("name")))
                .findFirst().orElseThrow();
        assertThat(config.get("data")).isEqualTo(values);
        assertThat(raw.get("data")).isEqualTo(values);
        assertThat(((Map<String, Object>) raw.get("metadata")).get("annotations")).isEqualTo(values);
    }

    @Test
    @DisplayName("a control character in an exposure, probe, metrics, call, writable or mount path is refused at build() with its path")
    void pathsRefused() {
        for (char c : controls()) {
            if (c >= 0xa0) {
                continue; // not control characters: readers refuse them raw, but the writer escapes them and paths may hold them
            }
            String bad = "/a" + c + "b";
            check(c, "shop/tiers/web/exposure", t -> t.exposedAt(Exposure.host("shop.example.com").path(bad)));
            check(c, "shop/tiers/web/readiness", t -> t.readiness(Probe.http(bad)));
            check(c, "shop/tiers/web/metrics", t -> t.metrics("http", bad));
            check(c, "shop/tiers/web/writablePaths", t -> t.writablePath(bad));
            check(c, "shop/tiers/web/secrets/s", t -> t.secretFiles("s", bad));
            check(c, "shop/tiers/web/talksTo/api", t -> t.talksTo(Connection.to("api").paths(bad)));
        }
    }

    private static void check(char c, String path, UnaryOperator<Tier.Builder> change) {
        Tier.Builder web = Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080));
        Tier.Builder api = Tier.named("api").image("ghcr.io/acme/api:1.0.0").port(Port.http(8080));
        Platform.Builder p = Platform.named("shop").tier(change.apply(web)).tier(api);
        assertThatThrownBy(p::build).as("U+%04X at %s", (int) c, path).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.problems()).extracting(Problem::path).as("U+%04X", (int) c).containsExactly(path));
        boolean whitespaceRule = Character.isWhitespace(c) && (path.endsWith("/exposure") || path.contains("/talksTo/"));
        if (!whitespaceRule) {
            // white space in a URL path keeps its older rule and words; every other control character gets this one
            assertThatThrownBy(p::build).isInstanceOfSatisfying(ValidationException.class, e -> {
                assertThat(e.problems().get(0).rule()).as("U+%04X at %s", (int) c, path).isEqualTo("KEE-CHAR-001");
                assertThat(e.problems().get(0).message()).contains(String.format("U+%04X", (int) c));
                assertThat(e.problems().get(0).fix()).startsWith("remove it");
            });
        }
    }
}

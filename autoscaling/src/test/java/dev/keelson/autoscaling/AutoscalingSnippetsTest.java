package dev.keelson.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.autoscaling.docs.AutoscalingSnippets;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Port;
import dev.keelson.core.Platform;
import dev.keelson.core.Tier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The docs page's snippets are this module's compiled code, and that code synthesizes. */
class AutoscalingSnippetsTest {

    private static final Pattern MARKED = Pattern.compile(
            "<!-- snippet: AutoscalingSnippets#([a-z-]+) -->\\s*\\n```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    @DisplayName("every snippet of docs/autoscaling.md equals its region in AutoscalingSnippets")
    void docsMatchCode() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docs/autoscaling.md"))) {
            root = root.getParent();
        }
        String doc = Files.readString(root.resolve("docs/autoscaling.md"));
        List<String> source = Files.readAllLines(root.resolve(
                "autoscaling/src/test/java/dev/keelson/autoscaling/docs/AutoscalingSnippets.java"));
        Matcher m = MARKED.matcher(doc);
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            seen.add(m.group(1));
            assertThat(m.group(2).strip()).as(m.group(1)).isEqualTo(region(source, m.group(1)).strip());
        }
        assertThat(seen).containsExactlyInAnyOrder("quick-start", "overrides", "hpa-and-vpa", "vpa-only", "keda", "per-stage");
    }

    @Test
    @DisplayName("every snippet's profile synthesizes in every environment")
    void snippetsSynthesize() {
        Platform quick = AutoscalingSnippets.quickStart();
        assertThat(Keelson.synth(quick).manifests()).hasSize(3);
        List<ScalingProfile> profiles = new ArrayList<>(AutoscalingSnippets.overrides());
        profiles.addAll(List.of(AutoscalingSnippets.hpaAndVpa(), AutoscalingSnippets.vpaOnly(), AutoscalingSnippets.keda()));
        profiles.addAll(AutoscalingSnippets.perStage());
        for (ScalingProfile p : profiles) {
            for (Manifest m : Keelson.synth(Fixtures.shop(Tier.named("api").image("ghcr.io/acme/api:2.0.1")
                    .port(Port.http(8080)).with(p))).manifests()) {
                assertThat(m.objects()).isNotEmpty();
            }
        }
    }

    private static String region(List<String> lines, String name) {
        int start = lines.stream().map(String::strip).toList().indexOf("// snippet:" + name) + 1;
        int end = lines.stream().map(String::strip).toList().indexOf("// end:" + name);
        List<String> region = lines.subList(start, end);
        int indent = region.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String l : region) {
            out.append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n');
        }
        return out.toString();
    }
}

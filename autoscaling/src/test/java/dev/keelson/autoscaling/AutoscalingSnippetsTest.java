package dev.keelson.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.autoscaling.docs.AutoscalingSnippets;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Port;
import dev.keelson.core.Platform;
import dev.keelson.core.Tier;
import dev.keelson.core.testkit.DocsSnippets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The docs page's snippets are this module's compiled code, and that code synthesizes. */
class AutoscalingSnippetsTest {

    @TestFactory
    @DisplayName("every snippet of docs/autoscaling.md equals its region in AutoscalingSnippets")
    Stream<DynamicTest> docsMatchCode() {
        return DocsSnippets.check("docs/autoscaling.md");
    }

    @Test
    @DisplayName("docs/autoscaling.md shows every region of AutoscalingSnippets")
    void everyRegionShown() {
        assertThat(DocsSnippets.regionNames("AutoscalingSnippets"))
                .containsExactlyInAnyOrder("quick-start", "overrides", "hpa-and-vpa", "vpa-only", "keda", "per-stage");
        DocsSnippets.assertEveryRegionShown("AutoscalingSnippets", "docs/autoscaling.md");
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
}

package dev.keelson.api;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.core.TierFeature;
import dev.keelson.core.ValidationException;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.TierExtension;
import dev.keelson.core.spi.TierObjects;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tier features limited to some stages with {@link TierFeature#onlyIn}. */
class StageScopedFeatureTest {

    /** Marks the Deployment so a test can see where the feature ran. */
    record Mark(String value) implements TierExtension {
        @Override
        public void contribute(FeatureContext synthesis, TierObjects tier) {
            tier.deployment().getMetadata().getAnnotations().put("mark", value);
        }
    }

    private static Platform platform(TierFeature feature) {
        return Platform.named("shop")
                .environments(Environment.dev(), Environment.staging(), Environment.prod())
                .tier(Tier.named("api").image("ghcr.io/acme/api:1.0.0").port(Port.http(8080)).with(feature))
                .build();
    }

    private static String mark(Manifest m) {
        return m.get(Deployment.class, "api").orElseThrow().getMetadata().getAnnotations().get("mark");
    }

    @Test
    @DisplayName("a feature limited to production runs in prod only, and elsewhere not at all")
    void onlyInProduction() {
        var synth = Keelson.synth(platform(new Mark("x").onlyIn(Stage.PRODUCTION)));
        assertThat(mark(synth.manifest("prod"))).isEqualTo("x");
        assertThat(mark(synth.manifest("staging"))).isNull();
        assertThat(mark(synth.manifest("dev"))).isNull();
    }

    @Test
    @DisplayName("an environment's view of a tier holds the unwrapped feature where it is active, and none elsewhere")
    void unwrapped() {
        Platform p = platform(new Mark("x").onlyIn(Stage.STAGING, Stage.PRODUCTION));
        Tier declared = p.tier("api").orElseThrow();
        assertThat(declared.features(Mark.class)).containsExactly(new Mark("x"));
        assertThat(declared.in(p.environment("prod").orElseThrow()).features()).containsExactly(new Mark("x"));
        assertThat(declared.in(p.environment("dev").orElseThrow()).features()).isEmpty();
    }

    @Test
    @DisplayName("a feature limited to no stage is refused with its path")
    void noStage() {
        assertThatThrownBy(() -> platform(new Mark("x").onlyIn()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(problem -> {
                            assertThat(problem.path()).isEqualTo("shop/tiers/api");
                            assertThat(problem.message()).isEqualTo("a feature is limited to no stage at all, so it never applies");
                        }));
    }

    @Test
    @DisplayName("onlyIn on a feature already limited says to name all stages in one call")
    void twice() {
        assertThatThrownBy(() -> new Mark("x").onlyIn(Stage.PRODUCTION).onlyIn(Stage.STAGING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("onlyIn(...) called twice on the same feature: name all stages in one call");
    }
}

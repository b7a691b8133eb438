package dev.keelson.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.core.Port;
import dev.keelson.core.Problems;
import dev.keelson.core.Tier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ValidateOnceTest {

    static final class Counting implements PlatformFeature {
        final AtomicInteger validations = new AtomicInteger();

        @Override
        public void validate(Platform platform, Problems problems) {
            validations.incrementAndGet();
        }
    }

    @Test
    @DisplayName("a platform from its builder is validated once, not again by Keelson.synth")
    void builderPlatformValidatedOnce() {
        Counting counting = new Counting();
        Platform p = Platform.named("shop").with(counting)
                .tier(Tier.named("api").image("ghcr.io/acme/api:1.0.0").port(Port.http(8080))).build();
        assertThat(counting.validations).hasValue(1);
        Keelson.synth(p).manifest("prod");
        Keelson.synth(p).manifests();
        assertThat(counting.validations).hasValue(1);
    }

    @Test
    @DisplayName("a platform made with its record constructor is validated by Keelson.synth")
    void constructedPlatformValidated() {
        Counting counting = new Counting();
        Platform built = Platform.named("shop").with(counting)
                .tier(Tier.named("api").image("ghcr.io/acme/api:1.0.0").port(Port.http(8080))).build();
        Platform copy = new Platform(built.name(), built.environments(), built.tiers(), built.features(),
                built.customizations(), built.rawObjects(), built.cluster(), built.certificateIssuer(), built.kubernetes());
        Keelson.synth(copy);
        assertThat(counting.validations).hasValue(2);
    }
}

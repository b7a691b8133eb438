package dev.keelson.core.internal;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.core.TierOverride;
import dev.keelson.core.ValidationException;
import dev.keelson.core.spi.PlatformExtension;
import dev.keelson.core.spi.Problems;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidateOnceTest {

    static final class Counting implements PlatformExtension {
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
    @DisplayName("Platform and Tier are final and have no public constructor: the builder is the only way in")
    void builderIsTheOnlyWayIn() {
        for (Class<?> aggregate : List.of(Platform.class, Tier.class, Platform.Builder.class, Tier.Builder.class)) {
            assertThat(aggregate.isRecord()).as(aggregate.getName()).isFalse();
            assertThat(Modifier.isFinal(aggregate.getModifiers())).as(aggregate.getName()).isTrue();
            assertThat(aggregate.getConstructors()).as(aggregate.getName()).isEmpty();
            for (Constructor<?> c : aggregate.getDeclaredConstructors()) {
                assertThat(Modifier.isPrivate(c.getModifiers())).as(c.toString()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("an invalid platform never exists: build() throws and no Platform is made")
    void invalidPlatformIsNeverMade() {
        Counting counting = new Counting();
        Platform.Builder invalid = Platform.named("shop").with(counting).tier(Tier.named("api").port(Port.http(8080)));
        assertThatThrownBy(invalid::build).isInstanceOf(ValidationException.class).hasMessageContaining("KEE-TIER-003");
        assertThat(counting.validations).hasValue(1);
    }

    @Test
    @DisplayName("a tier seen in an environment keeps value semantics: equal to itself without overrides, not with")
    void tierCopiesKeepValueSemantics() {
        Tier api = Tier.named("api").image("ghcr.io/acme/api:1.0.0").port(Port.http(8080)).build();
        assertThat(api.in(Environment.prod())).isSameAs(api);
        Tier scaled = api.in(Environment.prod().override("api", TierOverride.replicas(5)));
        assertThat(scaled.replicas()).isEqualTo(5);
        assertThat(scaled).isNotEqualTo(api);
        assertThat(scaled.toString()).startsWith("Tier[name=api, image=ghcr.io/acme/api:1.0.0, ports=[")
                .contains(", replicas=5, ");
        assertThat(Tier.named("api").image("ghcr.io/acme/api:1.0.0").port(Port.http(8080)).replicas(5).build())
                .isEqualTo(scaled).hasSameHashCodeAs(scaled);
    }
}

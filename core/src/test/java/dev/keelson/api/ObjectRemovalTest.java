package dev.keelson.api;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import dev.keelson.core.spi.TierObjects;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Features remove objects (e.g. a mesh gateway replacing core's Ingresses) and see the result at once. */
class ObjectRemovalTest {

    private static Platform.Builder exposedTiers(int count) {
        Platform.Builder b = Platform.named("shop").environments(Environment.prod());
        for (int i = 0; i < count; i++) {
            b.tier(Tier.named("t" + i).image("ghcr.io/acme/t:1.0.0").port(Port.http(8080)).exposedAt("t" + i + ".example.com"));
        }
        return b;
    }

    @Test
    @DisplayName("removed objects vanish from objects(), objects(kind), object(kind, name) and the manifest; a second remove says false")
    void removeEveryIngress() {
        List<String> seen = new ArrayList<>();
        PlatformFeature gateway = new PlatformExtension() {
            @Override
            public void contribute(FeatureContext s) {
                for (TierObjects t : s.tiers()) {
                    Ingress ingress = t.ingress().orElseThrow();
                    assertThat(s.remove(ingress)).isTrue();
                    assertThat(s.remove(ingress)).isFalse();
                }
                seen.add("ingresses left: " + s.objects(Ingress.class).size());
                seen.add("t3 found: " + s.object(Ingress.class, "t3").isPresent());
                seen.add("any ingress in objects(): " + s.objects().stream().anyMatch(o -> o instanceof Ingress));
            }
        };
        Manifest m = Keelson.synth(exposedTiers(5).with(gateway).build()).manifest("prod");
        assertThat(seen).containsExactly("ingresses left: 0", "t3 found: false", "any ingress in objects(): false");
        assertThat(m.objects(Ingress.class)).isEmpty();
        assertThat(m.size()).isEqualTo(1 + 5 * 3);
    }

    @Test
    @DisplayName("adding the same object twice is refused with a message that says what to do")
    void sameObjectTwice() {
        PlatformFeature twice = new PlatformExtension() {
            @Override
            public void contribute(FeatureContext s) {
                var cm = new ConfigMapBuilder().withNewMetadata().withName("once").endMetadata().build();
                s.add(cm);
                s.add(cm);
            }
        };
        Platform p = exposedTiers(1).with(twice).build();
        assertThatThrownBy(() -> Keelson.synth(p).manifest("prod"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the same ConfigMap object 'once' was added twice; add a new object (or change the one already added)");
    }
}

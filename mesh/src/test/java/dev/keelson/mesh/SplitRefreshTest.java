package dev.keelson.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.core.Port;
import dev.keelson.core.Synthesis;
import dev.keelson.core.Tier;
import dev.keelson.core.TierObjects;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A canary is copied from its tier's Deployment; what features add after the mesh reaches it too. */
class SplitRefreshTest {

    /** Adds a variable to every tier's container in contribute, as observability's tracing does. */
    static final class AddsVariable implements PlatformFeature {
        @Override
        public void contribute(Synthesis s) {
            for (TierObjects t : s.tiers()) {
                t.deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                        .add(new EnvVar("ADDED_LATER", "yes", null));
            }
        }
    }

    @Test
    @DisplayName("a feature declared after the mesh changes the canary as it changes the stable Deployment")
    void canaryFollowsLaterFeatures() {
        Platform p = Platform.named("shop").environments(Environment.prod())
                .with(MeshPolicy.strictMtls().withCni())
                .with(new AddsVariable())
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080))
                        .with(Canary.of("ghcr.io/acme/api:2.5.0", 10)))
                .build();
        Manifest prod = Keelson.synth(p).manifest("prod");
        Deployment stable = prod.get(Deployment.class, "api").orElseThrow();
        Deployment canary = prod.get(Deployment.class, "api-canary").orElseThrow();
        assertThat(canary.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(EnvVar::getName).contains("ADDED_LATER");
        assertThat(canary.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("ghcr.io/acme/api:2.5.0");
        assertThat(canary.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("version", "canary");
        assertThat(canary.getSpec().getSelector().getMatchLabels()).containsEntry("version", "canary");
        assertThat(stable.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("ghcr.io/acme/api:2.4.0");
    }
}

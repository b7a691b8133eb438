package dev.keelson.mesh;

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
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A split's second Deployment is a workload of its tier: what features do to the tier's pods reaches it. */
class SplitWorkloadTest {

    /** Adds a variable to every pod of every tier, and marks the tier's own Deployment. */
    static final class AddsVariable implements PlatformExtension {
        @Override
        public void contribute(FeatureContext s) {
            for (TierObjects t : s.tiers()) {
                for (PodTemplateSpec pod : t.podTemplates()) {
                    pod.getSpec().getContainers().get(0).getEnv().add(new EnvVar("ADDED", "yes", null));
                }
                var annotations = new LinkedHashMap<String, String>();
                annotations.put("only", "stable");
                t.deployment().getMetadata().setAnnotations(annotations);
            }
        }
    }

    private static Manifest prod(PlatformFeature... features) {
        Platform.Builder p = Platform.named("shop").environments(Environment.prod());
        for (PlatformFeature f : features) {
            p.with(f);
        }
        return Keelson.synth(p.tier(Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080))
                .with(Canary.of("ghcr.io/acme/api:2.5.0", 10))).build()).manifest("prod");
    }

    @Test
    @DisplayName("a feature declared after the mesh changes the canary's pods through podTemplates(), as the stable ones")
    void canaryFollowsLaterFeatures() {
        Manifest prod = prod(MeshPolicy.strictMtls().withCni(), new AddsVariable());
        Deployment stable = prod.get(Deployment.class, "api").orElseThrow();
        Deployment canary = prod.get(Deployment.class, "api-canary").orElseThrow();
        assertThat(canary.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(EnvVar::getName).contains("ADDED");
        assertThat(canary.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("ghcr.io/acme/api:2.5.0");
        assertThat(canary.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("version", "canary");
        assertThat(canary.getSpec().getSelector().getMatchLabels()).containsEntry("version", "canary");
        assertThat(stable.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("ghcr.io/acme/api:2.4.0");
        assertThat(stable.getMetadata().getAnnotations()).containsEntry("only", "stable");
        assertThat(canary.getMetadata().getAnnotations()).as("what a later feature sets on deployment() is the stable one's")
                .isNullOrEmpty();
    }

    @Test
    @DisplayName("the canary's pods are the same whether the feature is declared before or after the mesh")
    void orderDoesNotMatter() {
        Manifest after = prod(MeshPolicy.strictMtls().withCni(), new AddsVariable());
        Manifest before = prod(new AddsVariable(), MeshPolicy.strictMtls().withCni());
        for (String name : List.of("api", "api-canary")) {
            assertThat(before.get(Deployment.class, name).orElseThrow().getSpec())
                    .isEqualTo(after.get(Deployment.class, name).orElseThrow().getSpec());
        }
    }

    @Test
    @DisplayName("the split's Deployment is among its tier's workloads, after the tier's own")
    void splitIsAWorkloadOfItsTier() {
        List<String> seen = new ArrayList<>();
        PlatformFeature reader = new PlatformExtension() {
            @Override
            public void contribute(FeatureContext s) {
                s.tier("api").orElseThrow().workloads().forEach(d -> seen.add(d.getMetadata().getName()));
            }
        };
        prod(MeshPolicy.strictMtls().withCni(), reader);
        assertThat(seen).containsExactly("api", "api-canary");
    }
}

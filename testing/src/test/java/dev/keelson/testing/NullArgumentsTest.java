package dev.keelson.testing;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.testkit.NullSweep;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("every public method of testing names the call and the parameter when given null")
class NullArgumentsTest {

    @Test
    @DisplayName("KeelsonAssertions, KeelsonApprovals and the assertion classes refuse null in every argument not marked @Nullable")
    void sweep() {
        Platform shop = Platforms.shop().build();
        Manifest prod = Keelson.synth(shop).manifest("prod");
        NullSweep.of("dev.keelson.testing")
                .sample(Platform.class, () -> shop)
                .sample(Manifest.class, () -> prod)
                .sample(Peer.class, () -> Peer.tier("api"))
                .sample(Class.class, () -> Deployment.class)
                .sample(Options.class, Options::new)
                .sample(ManifestAssert.class, () -> KeelsonAssertions.assertThat(prod))
                .sample(DeploymentAssert.class, () -> KeelsonAssertions.assertThat(prod).deployment("api"))
                .sample(ServiceAssert.class, () -> KeelsonAssertions.assertThat(prod).service("api"))
                .sample(NetworkPolicyAssert.class, () -> KeelsonAssertions.assertThat(prod).networkPolicy("api"))
                .sample(ProblemsAssert.class, () -> KeelsonAssertions.assertThatBuilding(Platform.named("shop")))
                .run();
    }
}

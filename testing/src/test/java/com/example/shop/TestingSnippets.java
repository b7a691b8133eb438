package com.example.shop;

import static dev.keelson.testing.KeelsonAssertions.assertThat;
import static dev.keelson.testing.KeelsonAssertions.assertThatBuilding;

import dev.keelson.core.Environment;
import dev.keelson.core.Flow;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.core.TierOverride;
import dev.keelson.testing.KeelsonApprovals;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The code of docs/testing.md, written as a user would, outside Keelson's packages. */
@DisplayName("docs/testing.md snippets run as a user's tests")
class TestingSnippets {

    /** A user's platform. */
    static Platform shop() {
        return Platform.named("shop")
                .environments(Environment.dev(), Environment.prod().override("api", TierOverride.replicas(3)))
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080))
                        .exposedAt("shop.example.com").talksTo("api"))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.grpc(9090)))
                .add(env -> new NetworkPolicyBuilder().withNewMetadata().withName("api").endMetadata()
                        .withNewSpec().withNewPodSelector().addToMatchLabels("app.kubernetes.io/name", "api").endPodSelector()
                        .withPolicyTypes("Ingress").addNewIngress().addNewPort().withPort(new IntOrString(9090)).endPort()
                        .endIngress().endSpec().build())
                .build();
    }

    // snippet:snapshot
    @Test
    void platformIsUnchanged() {
        KeelsonApprovals.verify(shop());            // every environment, one approved file
    }

    @Test
    void prodIsUnchanged() {
        KeelsonApprovals.verify(shop(), "prod");    // only prod
    }
    // end:snapshot

    @Test
    @DisplayName("assertions")
    void assertions() {
        // snippet:assertions
        Manifest prod = Keelson.synth(shop()).manifest("prod");

        assertThat(prod).deployment("api")
                .runsAsNonRoot()
                .hasReadOnlyRootFilesystem()
                .dropsAllCapabilities()
                .hasReplicas(3);
        assertThat(prod).service("api").exposesPort("grpc", 9090).selectsPodsOf("api");
        assertThat(prod)
                .hasObject(NetworkPolicy.class, "api")
                .doesNotHaveObject(Ingress.class, "api")
                .hasFlow(Flow.Kind.TIER, Peer.tier("web"), Peer.tier("api"))
                .networkPolicy("api").allowsIngressOnPort(9090).doesNotAllowIngressOnPort(22);
        assertThat(prod).eachDeployment(d -> d.doesNotMountServiceAccountToken().hasResourceRequests());
        // end:assertions
    }

    @Test
    @DisplayName("problems")
    void problems() {
        // snippet:problems
        assertThatBuilding(Platform.named("shop").tier(Tier.named("api").port(Port.http(8080))))
                .hasProblem("shop/tiers/api/image", "image")
                .hasErrorCount(1);
        // end:problems
    }
}

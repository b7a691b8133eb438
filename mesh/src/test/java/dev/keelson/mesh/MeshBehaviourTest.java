package dev.keelson.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Connection;
import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import io.fabric8.istio.api.networking.v1.Sidecar;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contracts of MeshPolicy's options that the snapshots do not show on their own. */
class MeshBehaviourTest {

    static Manifest prod(MeshPolicy mesh) {
        return Keelson.synth(Platform.named("shop").environments(Environment.prod()).with(mesh)
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080)).exposedAt("shop.example.com")
                        .talksTo(Connection.to("api").methods("GET")))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080)).metrics(Port.metrics(9091)))
                .tier(Tier.named("lonely").image("ghcr.io/acme/lonely:1.0.0").port(Port.http(8080)))
                .build()).manifest("prod");
    }

    @Test
    @DisplayName("ambient mode: namespace label, no sidecar annotations, no Sidecar, a waypoint, and no allowance for a tier nobody calls")
    void ambient() {
        Manifest m = prod(MeshPolicy.strictMtls().withWaypoint());
        Namespace ns = m.get(Namespace.class, "shop-prod").orElseThrow();
        assertThat(ns.getMetadata().getLabels()).containsEntry("istio.io/dataplane-mode", "ambient")
                .containsEntry("istio.io/use-waypoint", "waypoint").doesNotContainKeys("istio-injection", "istio.io/rev");
        assertThat(m.get(Deployment.class, "web").orElseThrow().getSpec().getTemplate().getMetadata().getAnnotations())
                .isNull();
        assertThat(m.objects(Sidecar.class)).isEmpty();
        assertThat(m.get(GenericKubernetesResource.class, "waypoint")).isPresent();
        assertThat(m.objects(AuthorizationPolicy.class)).extracting(p -> p.getMetadata().getName())
                .containsExactly("allow-nothing", "web", "web-ztunnel", "api", "api-ztunnel");
    }

    @Test
    @DisplayName("a revision label replaces istio-injection: exactly one injection label")
    void revision() {
        Namespace ns = prod(MeshPolicy.strictMtls().withCni().revision("1-30")).get(Namespace.class, "shop-prod").orElseThrow();
        assertThat(ns.getMetadata().getLabels()).containsEntry("istio.io/rev", "1-30").doesNotContainKey("istio-injection");
    }

    @Test
    @DisplayName("plaintext metrics: a port-level PERMISSIVE exception, and the scrape rule checks no identity")
    void plaintextMetrics() {
        Manifest m = prod(MeshPolicy.strictMtls().withCni().withPlaintextMetrics());
        PeerAuthentication exception = m.get(PeerAuthentication.class, "api-plaintext-metrics").orElseThrow();
        assertThat(exception.getSpec().getMtls().getMode().name()).isEqualTo("STRICT");
        assertThat(exception.getSpec().getPortLevelMtls().get("9091").getMode().name()).isEqualTo("PERMISSIVE");
        AuthorizationPolicy api = m.get(AuthorizationPolicy.class, "api").orElseThrow();
        assertThat(api.getSpec().getRules()).anySatisfy(r -> {
            assertThat(r.getFrom()).isNull();
            assertThat(r.getTo().get(0).getOperation().getPorts()).containsExactly("9091");
        });
    }

    @Test
    @DisplayName("the Istio ingress gateway replaces core's Ingress, and the ingress controller is no longer a caller")
    void ingressGatewayReplacesIngress() {
        Manifest m = prod(MeshPolicy.strictMtls().withCni().ingressGateway());
        assertThat(m.objects(Ingress.class)).isEmpty();
        AuthorizationPolicy web = m.get(AuthorizationPolicy.class, "web").orElseThrow();
        assertThat(web.getSpec().getRules()).singleElement().satisfies(r -> assertThat(r.getFrom().get(0).getSource()
                .getPrincipals()).containsExactly("cluster.local/ns/istio-system/sa/istio-ingressgateway"));
    }

    @Test
    @DisplayName("a tier nobody calls gets no ALLOW policy: allow-nothing keeps it closed")
    void noCallersNoPolicy() {
        assertThat(prod(MeshPolicy.strictMtls().withCni()).get(AuthorizationPolicy.class, "lonely")).isEmpty();
    }

    @Test
    @DisplayName("synthesis is byte-for-byte deterministic")
    void deterministic() {
        MeshPolicy mesh = MeshPolicy.strictMtls().withCni().ingressGateway().egressGateway();
        assertThat(prod(mesh).toYaml()).isEqualTo(prod(mesh).toYaml());
    }
}

package dev.keelson.mesh;

import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Flow;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import dev.keelson.core.spi.TierObjects;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mesh and a network-policy renderer never meet: both read core's graph of flows. A stand-in
 * for the security module renders NetworkPolicies from the graph and so lets the mesh's own
 * traffic (sidecars to istiod, the ingress gateway to exposed tiers, tiers to the egress gateway)
 * through, whichever feature is declared first.
 */
class MeshFlowsInterplayTest {

    /** Renders one NetworkPolicy per tier from the flows, the way a security feature would. */
    static final class FlowNetworkPolicies implements PlatformExtension {
        @Override
        public void render(FeatureContext s) {
            for (TierObjects t : s.tiers()) {
                String tier = t.tier().name();
                List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
                for (Flow f : s.flows().into(tier)) {
                    ingress.add(new NetworkPolicyIngressRule(List.of(peer(f.from(), s)), ports(f.ports())));
                }
                List<NetworkPolicyEgressRule> egress = new ArrayList<>();
                for (Flow f : s.flows().outOf(tier)) {
                    egress.add(new NetworkPolicyEgressRule(ports(f.ports()), List.of(peer(f.to(), s))));
                }
                s.add(new NetworkPolicyBuilder().withNewMetadata().withName(tier).withLabels(t.labels()).endMetadata()
                        .withNewSpec().withNewPodSelector().withMatchLabels(t.selector()).endPodSelector()
                        .withPolicyTypes("Ingress", "Egress").withIngress(ingress).withEgress(egress).endSpec().build());
            }
        }

        private static NetworkPolicyPeer peer(Peer p, FeatureContext s) {
            NetworkPolicyPeer peer = new NetworkPolicyPeer();
            if (p instanceof Peer.Workloads w) {
                peer.setNamespaceSelector(new LabelSelector(null, Map.of("kubernetes.io/metadata.name",
                        w.namespace() == null ? s.namespaceName() : w.namespace())));
                peer.setPodSelector(new LabelSelector(null, w.podLabels()));
            } else if (p instanceof Peer.TierPeer t) {
                peer.setPodSelector(new LabelSelector(null, s.tier(t.name()).orElseThrow().selector()));
            } else {
                peer.setPodSelector(new LabelSelector());
            }
            return peer;
        }

        private static List<NetworkPolicyPort> ports(List<Port> ports) {
            return ports.stream().map(p -> new NetworkPolicyPort(null, new IntOrString(p.number()), p.protocol().name())).toList();
        }
    }

    static Manifest synth(boolean securityFirst) {
        MeshPolicy mesh = MeshPolicy.strictMtls().withCni().ingressGateway().egressGateway();
        Platform.Builder b = Platform.named("shop").environments(Environment.prod());
        if (securityFirst) {
            b.with(new FlowNetworkPolicies()).with(mesh);
        } else {
            b.with(mesh).with(new FlowNetworkPolicies());
        }
        return Keelson.synth(b
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080)).exposedAt("shop.example.com")
                        .dependsOn(Dependency.external("stripe").host("api.stripe.com")))
                .build()).manifest("prod");
    }

    @ParameterizedTest(name = "security feature declared first: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("network policies rendered from the graph allow every pod to reach istiod on TCP 15012")
    void istiodEgress(boolean securityFirst) {
        NetworkPolicy web = synth(securityFirst).get(NetworkPolicy.class, "web").orElseThrow();
        assertThat(web.getSpec().getEgress()).anySatisfy(rule -> {
            assertThat(rule.getTo().get(0).getNamespaceSelector()).isNotNull();
            assertThat(rule.getTo().get(0).getNamespaceSelector().getMatchLabels())
                    .containsEntry("kubernetes.io/metadata.name", "istio-system");
            assertThat(rule.getTo().get(0).getPodSelector().getMatchLabels()).isEqualTo(Map.of("app", "istiod"));
            assertThat(rule.getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getPort().getIntVal()).isEqualTo(15012);
                assertThat(p.getProtocol()).isEqualTo("TCP");
            });
        });
    }

    @ParameterizedTest(name = "security feature declared first: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("network policies allow the Istio ingress gateway to the exposed port, and the tier to the egress gateway")
    void gateways(boolean securityFirst) {
        NetworkPolicy web = synth(securityFirst).get(NetworkPolicy.class, "web").orElseThrow();
        assertThat(web.getSpec().getIngress()).anySatisfy(rule -> {
            assertThat(rule.getFrom().get(0).getNamespaceSelector()).isNotNull();
            assertThat(rule.getFrom().get(0).getNamespaceSelector().getMatchLabels())
                    .containsEntry("kubernetes.io/metadata.name", "istio-system");
            assertThat(rule.getFrom().get(0).getPodSelector().getMatchLabels()).isEqualTo(Map.of("istio", "ingressgateway"));
            assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(8080);
        });
        assertThat(web.getSpec().getEgress()).anySatisfy(rule -> {
            assertThat(rule.getTo().get(0).getPodSelector().getMatchLabels()).isEqualTo(Map.of("istio", "egressgateway"));
            assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(8443);
        });
    }

    @ParameterizedTest(name = "security feature declared first: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("the final graph carries the mesh's flows for every renderer")
    void flowsInManifest(boolean securityFirst) {
        assertThat(synth(securityFirst).flows()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(Flow.Kind.CONTROL_PLANE);
            assertThat(f.from()).isEqualTo(Peer.allPods());
        });
    }
}

package dev.keelson.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Flow;
import dev.keelson.core.Peer;
import dev.keelson.core.Port;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The evaluator's Kubernetes and Istio semantics, on hand-written objects (no mesh module needed). */
class FlowEvaluatorTest {

    private static final String NS = "shop-prod";
    private static final Map<String, String> MESHED = Map.of("istio-injection", "enabled");
    private static final Map<String, Map<String, String>> TIERS = Map.of("web", Map.of("app", "web"), "api", Map.of("app", "api"));
    private static final Flow WEB_TO_API = Flow.of(Flow.Kind.TIER, Peer.tier("web"), Peer.tier("api"), List.of(Port.http(8080)));

    private static Deployment deployment(String name) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().withServiceAccountName(name).endSpec().endTemplate().endSpec().build();
    }

    private static NetworkPolicy defaultDeny() {
        return new NetworkPolicyBuilder().withNewMetadata().withName("default-deny").endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress", "Egress").endSpec().build();
    }

    private static NetworkPolicy egress(String name, String from, String to, int port) {
        return new NetworkPolicyBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNewPodSelector().addToMatchLabels("app", from).endPodSelector().withPolicyTypes("Egress")
                .addNewEgress().addNewTo().withNewPodSelector().addToMatchLabels("app", to).endPodSelector().endTo()
                .addNewPort().withNewPort(port).withProtocol("TCP").endPort().endEgress().endSpec().build();
    }

    private static NetworkPolicy ingress(String name, String to, String from, int port) {
        return new NetworkPolicyBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNewPodSelector().addToMatchLabels("app", to).endPodSelector().withPolicyTypes("Ingress")
                .addNewIngress().addNewFrom().withNewPodSelector().addToMatchLabels("app", from).endPodSelector().endFrom()
                .addNewPort().withNewPort(port).withProtocol("TCP").endPort().endIngress().endSpec().build();
    }

    private static GenericKubernetesResource istio(String kind, String name, Map<String, Object> spec) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("security.istio.io/v1");
        r.setKind(kind);
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(NS);
        r.setMetadata(meta);
        r.setAdditionalProperty("spec", spec);
        return r;
    }

    private static GenericKubernetesResource allowNothing() {
        return istio("AuthorizationPolicy", "allow-nothing", new LinkedHashMap<>());
    }

    private static GenericKubernetesResource allow(String name, String app, String principal, String port) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", Map.of("matchLabels", Map.of("app", app)));
        spec.put("action", "ALLOW");
        spec.put("rules", List.of(Map.of(
                "from", List.of(Map.of("source", Map.of("principals", List.of(principal)))),
                "to", List.of(Map.of("operation", Map.of("ports", List.of(port)))))));
        return istio("AuthorizationPolicy", name, spec);
    }

    private static GenericKubernetesResource strict() {
        return istio("PeerAuthentication", "default", Map.of("mtls", Map.of("mode", "STRICT")));
    }

    private static FlowEvaluator.Result evaluate(Map<String, String> nsLabels, List<Flow> flows, HasMetadata... objects) {
        List<HasMetadata> all = new ArrayList<>(List.of(deployment("web"), deployment("api")));
        all.addAll(List.of(objects));
        return FlowEvaluator.evaluate(NS, nsLabels, all, flows, TIERS);
    }

    @Test
    @DisplayName("default-deny plus the egress and the ingress of a flow: allowed, and nothing else")
    void exactNetworkPolicies() {
        var r = evaluate(Map.of(), List.of(WEB_TO_API), defaultDeny(), egress("web", "web", "api", 8080), ingress("api", "api", "web", 8080));
        assertThat(r.blocked()).isEmpty();
        assertThat(r.undeclared()).isEmpty();
    }

    @Test
    @DisplayName("a flow needs the source's egress and the destination's ingress")
    void bothDirections() {
        var noEgress = evaluate(Map.of(), List.of(WEB_TO_API), defaultDeny(), ingress("api", "api", "web", 8080));
        assertThat(noEgress.blocked()).singleElement().satisfies(b -> {
            assertThat(b.layer()).isEqualTo(FlowEvaluator.Layer.NETWORK_POLICY);
            assertThat(b.reason()).contains("egress to tier api");
        });
        var noIngress = evaluate(Map.of(), List.of(WEB_TO_API), defaultDeny(), egress("web", "web", "api", 8080));
        assertThat(noIngress.blocked()).singleElement().satisfies(b -> assertThat(b.reason()).contains("ingress from tier web"));
    }

    @Test
    @DisplayName("a pod no policy of a type selects is not isolated for that direction; a wrong port does not admit")
    void isolationPerDirection() {
        var open = evaluate(Map.of(), List.of(WEB_TO_API));
        assertThat(open.blocked()).isEmpty();
        assertThat(open.undeclared()).as("allows only by non-isolation are SEC-NET-001's business").isEmpty();
        var wrongPort = evaluate(Map.of(), List.of(WEB_TO_API), egress("web", "web", "api", 9090), ingress("api", "api", "web", 9090));
        assertThat(wrongPort.blocked()).hasSize(1);
        assertThat(wrongPort.undeclared()).singleElement().satisfies(u -> {
            assertThat(u.policy().getMetadata().getName()).isEqualTo("api");
            assertThat(u.field()).isEqualTo("spec.ingress[0]");
            assertThat(u.ports()).containsExactly("TCP 9090");
        });
    }

    @Test
    @DisplayName("allow-nothing covers every meshed pod: without an ALLOW rule the declared flow is blocked; with it, allowed")
    void allowNothingAndAllow() {
        NetworkPolicy[] np = {defaultDeny(), egress("web", "web", "api", 8080), ingress("api", "api", "web", 8080)};
        var blocked = evaluate(MESHED, List.of(WEB_TO_API), concat(np, strict(), allowNothing()));
        assertThat(blocked.blocked()).singleElement().satisfies(b -> {
            assertThat(b.layer()).isEqualTo(FlowEvaluator.Layer.AUTHORIZATION);
            assertThat(b.reason()).contains("allow-nothing");
        });
        var allowed = evaluate(MESHED, List.of(WEB_TO_API),
                concat(np, strict(), allowNothing(), allow("api", "api", "cluster.local/ns/" + NS + "/sa/web", "8080")));
        assertThat(allowed.blocked()).isEmpty();
        assertThat(allowed.undeclared()).isEmpty();
        var outsideMesh = evaluate(Map.of(), List.of(WEB_TO_API), concat(np, strict(), allowNothing()));
        assertThat(outsideMesh.blocked()).as("a namespace without injection has no sidecars to enforce anything").isEmpty();
    }

    @Test
    @DisplayName("a DENY that matches wins over an ALLOW; a wider ALLOW is reported with its rule")
    void denyWinsAndWiderAllow() {
        NetworkPolicy[] np = {defaultDeny(), egress("web", "web", "api", 8080), ingress("api", "api", "web", 8080)};
        Map<String, Object> deny = new LinkedHashMap<>();
        deny.put("action", "DENY");
        deny.put("rules", List.of(Map.of("to", List.of(Map.of("operation", Map.of("ports", List.of("8080")))))));
        var r = evaluate(MESHED, List.of(WEB_TO_API), concat(np, strict(), allowNothing(),
                allow("api", "api", "cluster.local/ns/" + NS + "/sa/web", "8080"), istio("AuthorizationPolicy", "deny", deny)));
        assertThat(r.blocked()).singleElement().satisfies(b -> assertThat(b.reason()).contains("DENY AuthorizationPolicy 'deny'"));
        var wide = evaluate(MESHED, List.of(WEB_TO_API), concat(np, strict(), allowNothing(),
                allow("api", "api", "*", "8080")));
        assertThat(wide.undeclared()).isNotEmpty().allSatisfy(u -> {
            assertThat(u.layer()).isEqualTo(FlowEvaluator.Layer.AUTHORIZATION);
            assertThat(u.field()).isEqualTo("spec.rules[0]");
        });
    }

    @Test
    @DisplayName("STRICT mTLS refuses a caller without mesh identity (an address outside the cluster)")
    void strictRefusesPlaintext() {
        Flow fromNetwork = Flow.of(Flow.Kind.INGRESS, Peer.network("lb", List.of("203.0.113.0/24"), List.of()), Peer.tier("api"),
                List.of(Port.http(8080)));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", Map.of("matchLabels", Map.of("app", "api")));
        spec.put("rules", List.of(Map.of("from", List.of(Map.of("source", Map.of("ipBlocks", List.of("203.0.113.0/24")))))));
        var r = evaluate(MESHED, List.of(fromNetwork), strict(), allowNothing(), istio("AuthorizationPolicy", "api", spec));
        assertThat(r.blocked()).singleElement().satisfies(b -> assertThat(b.reason()).contains("PeerAuthentication STRICT"));
    }

    @Test
    @DisplayName("address ranges: containment for IPv4 and IPv6, and excepted ranges")
    void cidrs() {
        assertThat(FlowEvaluator.Cidr.contains("0.0.0.0/0", "10.1.2.3/32")).isTrue();
        assertThat(FlowEvaluator.Cidr.contains("10.0.0.0/8", "11.0.0.0/24")).isFalse();
        assertThat(FlowEvaluator.Cidr.contains("10.0.0.0/24", "10.0.0.0/8")).isFalse();
        assertThat(FlowEvaluator.Cidr.contains("2001:db8::/32", "2001:db8:1::/48")).isTrue();
        assertThat(FlowEvaluator.Cidr.contains("2001:db8::/32", "2001:db9::/48")).isFalse();
        assertThat(FlowEvaluator.glob("/v1/*", "/v1/orders")).isTrue();
        assertThat(FlowEvaluator.glob("*.json", "/a.json")).isTrue();
        assertThat(FlowEvaluator.glob("/v1", "/v1/x")).isFalse();
    }

    @Test
    @DisplayName("the evaluation takes a number of decisions linear in the tiers (a ring of N tiers, both layers: N=200 takes about 4x N=50, not 16x)")
    void linearInTiers() {
        long small = ringDecisions(50);
        long large = ringDecisions(200);
        assertThat(small).isPositive();
        assertThat(large).as("decisions for 50 tiers: %d, for 200 tiers: %d", small, large).isLessThanOrEqualTo(6 * small);
    }

    /** Tier i talks to tier i+1 on 8080, allowed exactly by NetworkPolicies and AuthorizationPolicies; counts the decisions. */
    private static long ringDecisions(int n) {
        List<HasMetadata> objects = new ArrayList<>(List.of(defaultDeny(), strict(), allowNothing()));
        List<Flow> flows = new ArrayList<>();
        Map<String, Map<String, String>> tiers = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = "t" + i;
            String next = "t" + (i + 1) % n;
            String previous = "t" + (i + n - 1) % n;
            tiers.put(name, Map.of("app", name));
            objects.add(deployment(name));
            objects.add(egress(name + "-egress", name, next, 8080));
            objects.add(ingress(name + "-ingress", name, previous, 8080));
            objects.add(allow(name, name, "cluster.local/ns/" + NS + "/sa/" + previous, "8080"));
            flows.add(Flow.of(Flow.Kind.TIER, Peer.tier(name), Peer.tier(next), List.of(Port.http(8080))));
        }
        assertThat(FlowEvaluator.evaluate(NS, MESHED, objects, flows, tiers)).satisfies(r -> {
            assertThat(r.blocked()).isEmpty();
            assertThat(r.undeclared()).isEmpty();
        });
        return FlowEvaluator.decisions(NS, MESHED, objects, flows, tiers);
    }

    private static HasMetadata[] concat(NetworkPolicy[] np, HasMetadata... more) {
        List<HasMetadata> all = new ArrayList<>(List.of(np));
        all.addAll(List.of(more));
        return all.toArray(new HasMetadata[0]);
    }
}

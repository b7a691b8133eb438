package dev.keelson.security;

import dev.keelson.core.ClusterServices;
import dev.keelson.core.Flow;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkSegmentationTest {

    /** A feature this module knows nothing about, adding the mesh's flow to istiod. */
    static final class FakeMesh implements PlatformExtension {
        @Override
        public void contribute(FeatureContext s) {
            s.flows().add(Flow.of(Flow.Kind.CONTROL_PLANE, Peer.allPods(),
                    Peer.workloads("istio-system", Map.of("app", "istiod"), "istiod"),
                    List.of(Port.tcp("xds", 15012))));
        }
    }

    private static Manifest prod(Platform platform) {
        return Keelson.synth(platform).manifest("prod");
    }

    @Test
    @DisplayName("every namespace gets a default-deny for ingress and egress with no rules")
    void defaultDeny() {
        Manifest m = prod(Platforms.shop(SecurityBaseline.restricted()).build());
        NetworkPolicy deny = m.get(NetworkPolicy.class, "default-deny").orElseThrow();
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
        assertThat(m.objects(NetworkPolicy.class)).extracting(n -> n.getMetadata().getName())
                .containsExactly("default-deny", "web", "api", "all-pods-dns");
    }

    @Test
    @DisplayName("policies share no list or map: a customization of one policy's rule changes no other policy")
    void policiesShareNothing() {
        Manifest m = prod(Platforms.shop(SecurityBaseline.restricted()).build());
        NetworkPolicy web = m.get(NetworkPolicy.class, "web").orElseThrow();
        NetworkPolicy api = m.get(NetworkPolicy.class, "api").orElseThrow();
        NetworkPolicyEgressRule out = web.getSpec().getEgress().stream()
                .filter(r -> r.getTo().get(0).getPodSelector() != null
                        && "api".equals(r.getTo().get(0).getPodSelector().getMatchLabels().get("app.kubernetes.io/name")))
                .findFirst().orElseThrow();
        NetworkPolicyIngressRule in = api.getSpec().getIngress().stream()
                .filter(r -> r.getFrom().get(0).getPodSelector() != null
                        && "web".equals(r.getFrom().get(0).getPodSelector().getMatchLabels().get("app.kubernetes.io/name")))
                .findFirst().orElseThrow();
        assertThat(out.getPorts()).isEqualTo(in.getPorts()).isNotSameAs(in.getPorts());
        int before = in.getPorts().size();
        out.getPorts().clear();
        out.getTo().add(out.getTo().get(0));
        web.getMetadata().getLabels().put("changed", "yes");
        assertThat(in.getPorts()).hasSize(before);
        assertThat(api.getMetadata().getLabels()).doesNotContainKey("changed");
        assertThat(m.get(NetworkPolicy.class, "default-deny").orElseThrow().getMetadata().getLabels())
                .doesNotContainKey("changed");
    }

    @Test
    @DisplayName("DNS egress goes to kube-dns on UDP and TCP 53, plus NodeLocal DNS as an ipBlock when set")
    void dns() {
        Manifest m = prod(Platforms.shop(SecurityBaseline.restricted())
                .cluster(ClusterServices.DEFAULT.nodeLocalDns("169.254.20.10")).build());
        List<NetworkPolicyEgressRule> egress = m.get(NetworkPolicy.class, "all-pods-dns").orElseThrow().getSpec().getEgress();
        assertThat(egress).hasSize(2);
        assertThat(egress.get(0).getTo().get(0).getNamespaceSelector().getMatchLabels())
                .containsExactly(Map.entry("kubernetes.io/metadata.name", "kube-system"));
        assertThat(egress.get(0).getTo().get(0).getPodSelector().getMatchLabels()).containsExactly(Map.entry("k8s-app", "kube-dns"));
        assertThat(egress.get(0).getPorts()).extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                .containsExactly("UDP/53", "TCP/53");
        assertThat(egress.get(1).getTo().get(0).getIpBlock().getCidr()).isEqualTo("169.254.20.10/32");
        assertThat(egress.get(1).getTo().get(0).getIpBlock().getExcept()).isNullOrEmpty();
    }

    @Test
    @DisplayName("tier flows allow egress at the caller and ingress at the callee, only on the declared ports")
    void tierFlows() {
        Manifest m = prod(Platforms.shop(SecurityBaseline.restricted()).build());
        NetworkPolicy web = m.get(NetworkPolicy.class, "web").orElseThrow();
        NetworkPolicyEgressRule out = web.getSpec().getEgress().get(0);
        assertThat(out.getTo().get(0).getPodSelector().getMatchLabels())
                .containsExactly(Map.entry("app.kubernetes.io/name", "api"), Map.entry("app.kubernetes.io/part-of", "shop"));
        assertThat(out.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(9090);
        NetworkPolicy api = m.get(NetworkPolicy.class, "api").orElseThrow();
        NetworkPolicyIngressRule in = api.getSpec().getIngress().get(0);
        assertThat(in.getFrom().get(0).getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "web");
        assertThat(in.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(9090);
    }

    @Test
    @DisplayName("ingress comes from the configured ingress controller namespace, scraping from the configured monitoring namespace")
    void clusterServices() {
        Manifest m = prod(Platforms.shop(SecurityBaseline.restricted())
                .cluster(ClusterServices.DEFAULT.ingressController("traefik", Map.of("app", "traefik"))
                        .monitoring("observability", Map.of("app", "vmagent")))
                .build());
        NetworkPolicyIngressRule web = m.get(NetworkPolicy.class, "web").orElseThrow().getSpec().getIngress().get(0);
        assertThat(web.getFrom().get(0).getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "traefik");
        assertThat(web.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(8080);
        List<NetworkPolicyIngressRule> api = m.get(NetworkPolicy.class, "api").orElseThrow().getSpec().getIngress();
        NetworkPolicyIngressRule scrape = api.get(api.size() - 1);
        assertThat(scrape.getFrom().get(0).getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "observability");
        assertThat(scrape.getFrom().get(0).getPodSelector().getMatchLabels()).containsEntry("app", "vmagent");
        assertThat(scrape.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(9091);
    }

    @Test
    @DisplayName("external flows are ipBlocks with the metadata address excepted; dependencies are namespace and pod selectors")
    void externalAndDependencies() {
        List<NetworkPolicyEgressRule> egress = prod(Platforms.shop(SecurityBaseline.restricted()).build())
                .get(NetworkPolicy.class, "api").orElseThrow().getSpec().getEgress();
        assertThat(egress.get(0).getTo().get(0).getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "data");
        assertThat(egress.get(0).getTo().get(0).getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "orders-db");
        assertThat(egress.get(0).getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(5432);
        assertThat(egress.get(1).getTo().get(0).getIpBlock().getCidr()).isEqualTo("0.0.0.0/0");
        assertThat(egress.get(1).getTo().get(0).getIpBlock().getExcept()).containsExactly("169.254.169.254/32");
        assertThat(egress.get(1).getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(443);
    }

    @Test
    @DisplayName("a dependency in the environment's own namespace gets its ingress opened too, from the calling tier only")
    void sameNamespaceDependency() {
        Manifest m = prod(Platforms.shop(SecurityBaseline.restricted())
                .tier(dev.keelson.core.Tier.named("jobs").image("ghcr.io/acme/jobs:1.0.0")
                        .dependsOn(dev.keelson.core.Dependency.redis("cache")))
                .build());
        NetworkPolicy cache = m.get(NetworkPolicy.class, "ingress-cache").orElseThrow();
        assertThat(cache.getSpec().getPodSelector().getMatchLabels()).containsExactly(Map.entry("app.kubernetes.io/name", "cache"));
        assertThat(cache.getSpec().getPolicyTypes()).containsExactly("Ingress");
        NetworkPolicyIngressRule in = cache.getSpec().getIngress().get(0);
        assertThat(in.getFrom().get(0).getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "jobs");
        assertThat(in.getFrom().get(0).getNamespaceSelector()).isNull();
        assertThat(in.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(6379);
        NetworkPolicyEgressRule out = m.get(NetworkPolicy.class, "jobs").orElseThrow().getSpec().getEgress().get(0);
        assertThat(out.getTo().get(0).getNamespaceSelector()).isNull();
        assertThat(out.getTo().get(0).getPodSelector().getMatchLabels()).containsExactly(Map.entry("app.kubernetes.io/name", "cache"));
    }

    @Test
    @DisplayName("a flow another feature adds (the mesh's CONTROL_PLANE to istiod 15012) is rendered without this module knowing it")
    void foreignFlows() {
        Manifest m = prod(Platforms.shop(SecurityBaseline.restricted()).with(new FakeMesh()).build());
        NetworkPolicy cp = m.get(NetworkPolicy.class, "all-pods-control-plane").orElseThrow();
        assertThat(cp.getSpec().getPolicyTypes()).containsExactly("Egress");
        NetworkPolicyEgressRule rule = cp.getSpec().getEgress().get(0);
        assertThat(rule.getTo().get(0).getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "istio-system");
        assertThat(rule.getTo().get(0).getPodSelector().getMatchLabels()).containsEntry("app", "istiod");
        assertThat(rule.getPorts()).extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal()).containsExactly("TCP/15012");
    }

    @Test
    @DisplayName("Cilium L7 policies are opt-in; with them, each L7 edge's ingress is carried by a cilium.io/v2 policy")
    void cilium() {
        Manifest plain = prod(Platforms.shop(SecurityBaseline.restricted()).build());
        assertThat(plain.objects(GenericKubernetesResource.class)).isEmpty();
        assertThat(plain.get(NetworkPolicy.class, "api").orElseThrow().getSpec().getIngress()).hasSize(2);

        Manifest l7 = prod(Platforms.shop(SecurityBaseline.restricted().ciliumL7()).build());
        GenericKubernetesResource cnp = l7.objects(GenericKubernetesResource.class).get(0);
        assertThat(cnp.getApiVersion()).isEqualTo("cilium.io/v2");
        assertThat(cnp.getKind()).isEqualTo("CiliumNetworkPolicy");
        assertThat(cnp.getMetadata().getName()).isEqualTo("api-from-web");
        assertThat(Manifest.toYaml(cnp)).contains("method: GET", "method: POST", "path: /v1/.*", "port: \"9090\"");
        assertThat(l7.get(NetworkPolicy.class, "api").orElseThrow().getSpec().getIngress()).hasSize(1);
    }
}

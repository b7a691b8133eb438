package dev.keelson.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Flow;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The data services' flows are entries of the environment's one graph, and both namespaces' policies follow them")
class FlowsTest {

    /** Records the final graph of each environment, as renderers see it. */
    static final class Recorder implements PlatformExtension {
        final Map<String, List<Flow>> flows = new java.util.LinkedHashMap<>();

        @Override
        public void render(FeatureContext context) {
            flows.put(context.environment().name(), List.copyOf(context.flows().all()));
        }
    }

    private static List<String> describe(List<Flow> flows, String dataNs) {
        List<String> out = new ArrayList<>();
        for (Flow f : flows) {
            if (touches(f.from(), dataNs) || touches(f.to(), dataNs)) {
                out.add(f.kind() + " " + name(f.from()) + " -> " + name(f.to()) + " " + f.ports().stream()
                        .map(p -> p.number() + "/" + p.protocol()).toList());
            }
        }
        return out;
    }

    private static boolean touches(Peer p, String ns) {
        return p instanceof Peer.Workloads w && ns.equals(w.namespace());
    }

    private static String name(Peer p) {
        if (p instanceof Peer.TierPeer t) {
            return "tier " + t.name();
        }
        if (p instanceof Peer.Workloads w) {
            return w.namespace() + w.podLabels();
        }
        if (p instanceof Peer.Network n) {
            return "network " + n.name() + n.cidrs();
        }
        return p.toString();
    }

    @Test
    @DisplayName("prod: tier -> database and cache, monitoring -> metrics, replication, the operator, the API server, backups, DNS")
    void prodFlows() {
        Recorder recorder = new Recorder();
        Keelson.synth(Fixtures.shop().with(recorder).build()).manifest("prod");
        assertThat(describe(recorder.flows.get("prod"), "shop-prod-data")).containsExactly(
                "DNS shop-prod-data{} -> kube-system{k8s-app=kube-dns} [53/UDP, 53/TCP]",
                "DEPENDENCY shop-prod-data{cnpg.io/cluster=orders-db} -> shop-prod-data{cnpg.io/cluster=orders-db} [5432/TCP]",
                "MONITORING monitoring{app.kubernetes.io/name=prometheus} -> shop-prod-data{cnpg.io/cluster=orders-db} [9187/TCP]",
                "CONTROL_PLANE cnpg-system{app.kubernetes.io/name=cloudnative-pg} -> shop-prod-data{cnpg.io/cluster=orders-db} [8000/TCP, 5432/TCP]",
                "KUBERNETES_API shop-prod-data{cnpg.io/cluster=orders-db} -> network kubernetes-api[10.0.0.1/32] [443/TCP]",
                "EXTERNAL shop-prod-data{cnpg.io/cluster=orders-db} -> network orders-db-backups[0.0.0.0/0] [443/TCP]",
                "DEPENDENCY shop-prod-data{app.kubernetes.io/name=cache, app.kubernetes.io/part-of=shop} -> shop-prod-data{app.kubernetes.io/name=cache, app.kubernetes.io/part-of=shop} [6379/TCP]",
                "DEPENDENCY tier api -> shop-prod-data{cnpg.io/cluster=orders-db} [5432/TCP]",
                "DEPENDENCY tier api -> shop-prod-data{app.kubernetes.io/name=cache, app.kubernetes.io/part-of=shop} [6379/TCP]");
    }

    @Test
    @DisplayName("dev: one instance each, no replication, no backups")
    void devFlows() {
        Recorder recorder = new Recorder();
        Keelson.synth(Fixtures.shop().with(recorder).build()).manifest("dev");
        assertThat(describe(recorder.flows.get("dev"), "shop-dev-data")).noneMatch(s -> s.contains("-> shop-dev-data{cnpg.io/cluster=orders-db} [5432/TCP]")
                && s.startsWith("DEPENDENCY shop-dev-data")).noneMatch(s -> s.contains("backups")).hasSize(6);
    }

    @Test
    @DisplayName("every flow into or out of a data pod is allowed by a policy of the data namespace, and by the caller's in the tiers' namespace")
    void policiesFollowTheFlows() {
        Recorder recorder = new Recorder();
        Platform platform = Fixtures.shop().with(recorder).build();
        Manifest prod = Keelson.synth(platform).manifest("prod");
        String ns = "shop-prod-data";
        for (Flow f : recorder.flows.get("prod")) {
            if (f.to() instanceof Peer.Workloads w && ns.equals(w.namespace()) && !w.podLabels().isEmpty()) {
                NetworkPolicy p = policyOf(prod, ns, w.podLabels());
                assertThat(p.getSpec().getIngress()).as("ingress for %s", f)
                        .anyMatch(r -> r.getPorts().stream().allMatch(port -> f.ports().stream()
                                .anyMatch(q -> q.number() == port.getPort().getIntVal())) && r.getFrom().stream().anyMatch(peer -> matches(peer, f.from(), ns)));
            }
            if (f.from() instanceof Peer.Workloads w && ns.equals(w.namespace()) && !w.podLabels().isEmpty()) {
                NetworkPolicy p = policyOf(prod, ns, w.podLabels());
                assertThat(p.getSpec().getEgress()).as("egress for %s", f).isNotEmpty()
                        .anyMatch(r -> r.getPorts().stream().anyMatch(port -> f.ports().get(0).number() == port.getPort().getIntVal()));
            }
            if (f.from() instanceof Peer.TierPeer t && f.to() instanceof Peer.Workloads w && ns.equals(w.namespace())) {
                NetworkPolicy caller = prod.objects(NetworkPolicy.class).stream()
                        .filter(n -> "shop-prod".equals(n.getMetadata().getNamespace()) && t.name().equals(n.getMetadata().getName()))
                        .findFirst().orElseThrow();
                assertThat(caller.getSpec().getEgress()).as("the caller's egress for %s", f)
                        .anyMatch(r -> r.getTo().stream().anyMatch(peer -> peer.getNamespaceSelector() != null
                                && ns.equals(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
                                && w.podLabels().equals(peer.getPodSelector().getMatchLabels())));
            }
        }
    }

    private static NetworkPolicy policyOf(Manifest m, String ns, Map<String, String> podLabels) {
        return m.objects(NetworkPolicy.class).stream().filter(n -> ns.equals(n.getMetadata().getNamespace())
                        && podLabels.equals(n.getSpec().getPodSelector().getMatchLabels()))
                .findFirst().orElseThrow(() -> new AssertionError("no policy selects " + podLabels + " in " + ns));
    }

    private static boolean matches(NetworkPolicyPeer peer, Peer from, String ns) {
        String peerNs = peer.getNamespaceSelector() == null ? ns
                : peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
        Map<String, String> labels = peer.getPodSelector() == null ? null : peer.getPodSelector().getMatchLabels();
        if (from instanceof Peer.TierPeer t) {
            return "shop-prod".equals(peerNs) && labels != null && t.name().equals(labels.get("app.kubernetes.io/name"));
        }
        if (from instanceof Peer.Workloads w) {
            return Objects.equals(w.namespace(), peerNs) && w.podLabels().equals(labels);
        }
        return false;
    }
}

package dev.keelson.data.internal;

import dev.keelson.core.Flow;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Peer;
import dev.keelson.core.Port;
import dev.keelson.core.Protocol;
import dev.keelson.core.spi.FeatureContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The data namespace of one environment: its Namespace (restricted Pod Security, outside the mesh),
 * the DNS flow of its pods, and its NetworkPolicies, rendered from the environment's graph of flows
 * like the security baseline renders the tiers' namespace: a default-deny, DNS for every pod, and per
 * data service one policy with an ingress rule for every flow into its pods and an egress rule for
 * every flow out of them. The tiers' side of a flow (their egress to the data namespace) is rendered
 * by the security baseline from the same flow. Internal.
 */
public final class DataNamespace {

    /** The namespace label every namespace carries (Kubernetes 1.22+), which cross-namespace rules select by. */
    static final String NS_LABEL = "kubernetes.io/metadata.name";
    private static final String METADATA = "169.254.169.254/32";
    private static final String PSA = "pod-security.kubernetes.io/";

    private DataNamespace() {
    }

    /** Adds the namespace {@code ns} and its pods' DNS flow, unless another data service of the environment did. */
    public static void ensure(FeatureContext ctx, String ns) {
        if (namespaceObject(ctx, ns) != null) {
            return;
        }
        Map<String, String> labels = new LinkedHashMap<>(ctx.labels());
        String version = ctx.platform().kubernetes().label();
        labels.put(PSA + "enforce", "restricted");
        labels.put(PSA + "enforce-version", version);
        labels.put(PSA + "audit", "restricted");
        labels.put(PSA + "audit-version", version);
        labels.put(PSA + "warn", "restricted");
        labels.put(PSA + "warn-version", version);
        // databases stay out of the mesh: CloudNativePG and Redis replicate pod to pod, and their clients' sidecars
        // call them in plain TCP (CloudNativePG encrypts with its own TLS)
        labels.put("istio-injection", "disabled");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(ns);
        meta.setLabels(labels);
        Namespace namespace = new Namespace();
        namespace.setMetadata(meta);
        ctx.add(namespace);
        Peer all = Peer.workloads(ns, Map.of(), null);
        List<Port> dns = List.of(new Port("dns", 53, Protocol.UDP, null), new Port("dns-tcp", 53, Protocol.TCP, null));
        ctx.flows().add(Flow.of(Flow.Kind.DNS, all, ctx.platform().cluster().dns(), dns));
        if (ctx.platform().cluster().nodeLocalDns() != null) {
            ctx.flows().add(Flow.of(Flow.Kind.DNS, all,
                    Peer.network("node-local-dns", List.of(ctx.platform().cluster().nodeLocalDns() + "/32"), List.of()), dns));
        }
    }

    /**
     * Renders the namespace's default-deny and DNS policies (once per namespace) and the policy of the data
     * service {@code service}, whose pods carry {@code podLabels}; the service's policy carries {@code labels}.
     */
    public static void render(FeatureContext ctx, String ns, String service, Map<String, String> podLabels,
                              Map<String, String> labels) {
        Map<String, String> envLabels = new LinkedHashMap<>(ctx.labels());
        if (policy(ctx, ns, "default-deny") == null) {
            ctx.add(policy("default-deny", ns, envLabels, Map.of(), List.of("Ingress", "Egress"), List.of(), List.of()));
            List<NetworkPolicyEgressRule> dns = new ArrayList<>();
            for (Flow f : ctx.flows().all()) {
                if (f.from() instanceof Peer.Workloads w && ns.equals(w.namespace()) && w.podLabels().isEmpty()) {
                    addOnce(dns, new NetworkPolicyEgressRule(ports(f.ports()), peers(ctx, ns, f.to())));
                }
            }
            if (!dns.isEmpty()) {
                ctx.add(policy("all-pods-dns", ns, envLabels, Map.of(), List.of("Egress"), List.of(), dns));
            }
        }
        List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
        List<NetworkPolicyEgressRule> egress = new ArrayList<>();
        for (Flow f : ctx.flows().all()) {
            if (f.to() instanceof Peer.Workloads w && ns.equals(w.namespace()) && w.podLabels().equals(podLabels)) {
                addOnce(ingress, new NetworkPolicyIngressRule(peers(ctx, ns, f.from()), ports(f.ports())));
            }
            if (f.from() instanceof Peer.Workloads w && ns.equals(w.namespace()) && w.podLabels().equals(podLabels)) {
                addOnce(egress, new NetworkPolicyEgressRule(ports(f.ports()), peers(ctx, ns, f.to())));
            }
        }
        List<String> types = new ArrayList<>();
        if (!ingress.isEmpty()) {
            types.add("Ingress");
        }
        if (!egress.isEmpty()) {
            types.add("Egress");
        }
        if (!types.isEmpty()) {
            ctx.add(policy(service, ns, labels, podLabels, types, ingress, egress));
        }
    }

    /**
     * KEE-DATA-017, on the final objects (after customizations): every declared flow into or out of the pods
     * {@code podLabels} of {@code ns} is allowed by a NetworkPolicy of {@code ns} that selects them, with the peer
     * and the ports the flow names. The tiers' side is the security baseline's flow check.
     */
    public static void check(FeatureContext ctx, String ns, Map<String, String> podLabels, ModelPath path) {
        List<NetworkPolicy> policies = new ArrayList<>();
        for (NetworkPolicy np : ctx.objects(NetworkPolicy.class)) {
            if (ns.equals(np.getMetadata().getNamespace()) && np.getSpec() != null && selects(np, podLabels)) {
                policies.add(np);
            }
        }
        for (Flow f : ctx.flows().all()) {
            boolean in = f.to() instanceof Peer.Workloads w && ns.equals(w.namespace()) && w.podLabels().equals(podLabels);
            boolean out = f.from() instanceof Peer.Workloads w && ns.equals(w.namespace()) && w.podLabels().equals(podLabels);
            if (in && !allowed(policies, "Ingress", peers(ctx, ns, f.from()), f.ports())) {
                blocked(ctx, f, ns, path, "ingress");
            }
            if (out && !allowed(policies, "Egress", peers(ctx, ns, f.to()), f.ports())) {
                blocked(ctx, f, ns, path, "egress");
            }
        }
    }

    private static void blocked(FeatureContext ctx, Flow f, String ns, ModelPath path, String direction) {
        ctx.error("KEE-DATA-017", path.child("policies"), "the declared " + f.kind() + " flow " + describe(f.from()) + " -> "
                        + describe(f.to()) + " on " + f.ports().stream().map(p -> p.number() + "/" + p.protocol()).toList()
                        + " has no " + direction + " rule in the NetworkPolicies of namespace '" + ns + "'",
                "keep the policy the data module renders (a customize(...) must not narrow or replace it), or stop declaring the flow");
    }

    private static String describe(Peer p) {
        if (p instanceof Peer.TierPeer t) {
            return "tier '" + t.name() + "'";
        }
        if (p instanceof Peer.Workloads w) {
            return "pods " + w.podLabels() + " of namespace " + w.namespace();
        }
        if (p instanceof Peer.Network n) {
            return "network '" + n.name() + "'";
        }
        return "every pod";
    }

    private static boolean selects(NetworkPolicy np, Map<String, String> podLabels) {
        LabelSelector s = np.getSpec().getPodSelector();
        if (s == null || (s.getMatchLabels() == null || s.getMatchLabels().isEmpty())
                && (s.getMatchExpressions() == null || s.getMatchExpressions().isEmpty())) {
            return true;
        }
        if (s.getMatchExpressions() != null && !s.getMatchExpressions().isEmpty()) {
            return false;
        }
        return s.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }

    private static boolean allowed(List<NetworkPolicy> policies, String type, List<NetworkPolicyPeer> expected,
                                   List<Port> ports) {
        for (NetworkPolicy np : policies) {
            if (np.getSpec().getPolicyTypes() == null || !np.getSpec().getPolicyTypes().contains(type)) {
                continue;
            }
            if ("Ingress".equals(type)) {
                for (NetworkPolicyIngressRule r : list(np.getSpec().getIngress())) {
                    if (covers(r.getFrom(), expected) && coversPorts(r.getPorts(), ports)) {
                        return true;
                    }
                }
            } else {
                for (NetworkPolicyEgressRule r : list(np.getSpec().getEgress())) {
                    if (covers(r.getTo(), expected) && coversPorts(r.getPorts(), ports)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean covers(List<NetworkPolicyPeer> peers, List<NetworkPolicyPeer> expected) {
        return peers == null || peers.isEmpty() || peers.containsAll(expected);
    }

    private static boolean coversPorts(List<NetworkPolicyPort> rulePorts, List<Port> ports) {
        if (rulePorts == null || rulePorts.isEmpty()) {
            return true;
        }
        for (Port p : ports) {
            boolean found = false;
            for (NetworkPolicyPort rp : rulePorts) {
                String protocol = rp.getProtocol() == null ? "TCP" : rp.getProtocol();
                boolean anyPort = rp.getPort() == null;
                found |= protocol.equals(p.protocol().name()) && (anyPort || Integer.valueOf(p.number()).equals(rp.getPort().getIntVal()));
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static Namespace namespaceObject(FeatureContext ctx, String ns) {
        for (Namespace n : ctx.objects(Namespace.class)) {
            if (n.getMetadata() != null && ns.equals(n.getMetadata().getName())) {
                return n;
            }
        }
        return null;
    }

    private static NetworkPolicy policy(FeatureContext ctx, String ns, String name) {
        for (HasMetadata o : ctx.objects(NetworkPolicy.class)) {
            if (ns.equals(o.getMetadata().getNamespace()) && name.equals(o.getMetadata().getName())) {
                return (NetworkPolicy) o;
            }
        }
        return null;
    }

    private static <T> void addOnce(List<T> rules, T rule) {
        if (!rules.contains(rule)) {
            rules.add(rule);
        }
    }

    private static NetworkPolicy policy(String name, String ns, Map<String, String> labels, Map<String, String> podLabels,
                                        List<String> types, List<NetworkPolicyIngressRule> ingress,
                                        List<NetworkPolicyEgressRule> egress) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(ns);
        meta.setLabels(new LinkedHashMap<>(labels));
        LabelSelector pods = new LabelSelector();
        if (!podLabels.isEmpty()) {
            pods.setMatchLabels(new LinkedHashMap<>(podLabels));
        }
        NetworkPolicySpec spec = new NetworkPolicySpec();
        spec.setPodSelector(pods);
        spec.setPolicyTypes(new ArrayList<>(types));
        spec.setIngress(new ArrayList<>(ingress));
        spec.setEgress(new ArrayList<>(egress));
        NetworkPolicy policy = new NetworkPolicy();
        policy.setMetadata(meta);
        policy.setSpec(spec);
        return policy;
    }

    /** The NetworkPolicy peers that stand for {@code peer}, seen from the namespace {@code ns}. */
    private static List<NetworkPolicyPeer> peers(FeatureContext ctx, String ns, Peer peer) {
        List<NetworkPolicyPeer> list = new ArrayList<>();
        if (peer instanceof Peer.TierPeer t) {
            Map<String, String> selector = ctx.tier(t.name()).map(o -> o.selector()).orElse(Map.of("app.kubernetes.io/name", t.name()));
            list.add(new NetworkPolicyPeer(null, selector(Map.of(NS_LABEL, ctx.namespaceName())), selector(selector)));
        } else if (peer == Peer.allPods()) {
            list.add(new NetworkPolicyPeer(null, selector(Map.of(NS_LABEL, ctx.namespaceName())), new LabelSelector()));
        } else if (peer instanceof Peer.Workloads w) {
            String where = w.namespace() == null ? ctx.namespaceName() : w.namespace();
            boolean here = Objects.equals(where, ns);
            LabelSelector pods = w.podLabels().isEmpty() ? (here ? new LabelSelector() : null) : selector(w.podLabels());
            list.add(new NetworkPolicyPeer(null, here ? null : selector(Map.of(NS_LABEL, where)), pods));
        } else if (peer instanceof Peer.Network n) {
            for (String cidr : n.cidrs()) {
                IPBlock block = new IPBlock();
                block.setCidr(cidr);
                if (containsMetadata(cidr)) {
                    block.setExcept(new ArrayList<>(List.of(METADATA)));
                }
                list.add(new NetworkPolicyPeer(block, null, null));
            }
        }
        return list;
    }

    private static LabelSelector selector(Map<String, String> labels) {
        LabelSelector s = new LabelSelector();
        s.setMatchLabels(new LinkedHashMap<>(labels));
        return s;
    }

    private static List<NetworkPolicyPort> ports(List<Port> ports) {
        List<NetworkPolicyPort> list = new ArrayList<>(ports.size());
        for (Port p : ports) {
            NetworkPolicyPort np = new NetworkPolicyPort(null, new IntOrString(p.number()), p.protocol().name());
            if (!list.contains(np)) {
                list.add(np);
            }
        }
        return list;
    }

    /** Whether {@code cidr} is an IPv4 range that contains 169.254.169.254 (then the rule excepts it). */
    static boolean containsMetadata(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0 || cidr.contains(":")) {
            return false;
        }
        try {
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            String[] parts = cidr.substring(0, slash).split("\\.");
            if (parts.length != 4 || bits < 0 || bits >= 32) {
                return false;
            }
            long base = 0;
            for (String p : parts) {
                base = (base << 8) | Integer.parseInt(p);
            }
            long metadata = (169L << 24) | (254L << 16) | (169L << 8) | 254L;
            long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            return (base & mask) == (metadata & mask);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

package dev.keelson.security.internal;

import dev.keelson.core.Flow;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Peer;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.TierObjects;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders one environment's graph of flows as Kubernetes NetworkPolicies: a namespace-wide
 * default-deny, then exactly one allow per flow, on the side of every end that lives in the
 * namespace (egress at the caller, ingress at the callee). It knows flow kinds only to name
 * policies: a flow another feature adds is rendered like core's. Optionally renders Cilium L7
 * policies for tier flows with HTTP methods or paths. Internal.
 */
public final class NetworkRenderer {

    /** The name of the namespace-wide default-deny policy. */
    public static final String DEFAULT_DENY = "default-deny";
    /** The prefix of the policies for flows from or to every pod of the namespace. */
    public static final String ALL_PODS = "all-pods-";
    /** The cloud metadata address, never reachable through a rendered ipBlock. */
    public static final String METADATA = "169.254.169.254/32";
    private static final String NS_LABEL = "kubernetes.io/metadata.name";

    private final FeatureContext ctx;
    private final boolean ciliumL7;
    /** Policies keyed by name, each with its pod selector, labels and rules, in first-use order. */
    private final Map<String, Draft> drafts = new LinkedHashMap<>();
    private final List<GenericKubernetesResource> cilium = new ArrayList<>();

    private NetworkRenderer(FeatureContext ctx, boolean ciliumL7) {
        this.ctx = ctx;
        this.ciliumL7 = ciliumL7;
    }

    private static final class Draft {
        final Map<String, String> podLabels;
        final Map<String, String> labels;
        final List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
        final List<NetworkPolicyEgressRule> egress = new ArrayList<>();

        Draft(Map<String, String> podLabels, Map<String, String> labels) {
            this.podLabels = podLabels;
            this.labels = labels;
        }
    }

    /** Adds the default-deny, the allows of every flow, and (if asked) the Cilium L7 policies. */
    public static void render(FeatureContext ctx, boolean ciliumL7) {
        new NetworkRenderer(ctx, ciliumL7).run();
    }

    private void run() {
        ctx.add(policy(DEFAULT_DENY, ctx.labels(), Map.of(), new ArrayList<>(List.of("Ingress", "Egress")),
                new ArrayList<>(), new ArrayList<>()));
        for (TierObjects t : ctx.tiers()) {
            drafts.put(t.tier().name(), new Draft(t.selector(), t.labels()));
        }
        for (Flow flow : ctx.flows().all()) {
            render(flow);
        }
        for (Map.Entry<String, Draft> e : drafts.entrySet()) {
            Draft d = e.getValue();
            if (d.ingress.isEmpty() && d.egress.isEmpty()) {
                continue;
            }
            List<String> types = new ArrayList<>(2);
            if (!d.ingress.isEmpty()) {
                types.add("Ingress");
            }
            if (!d.egress.isEmpty()) {
                types.add("Egress");
            }
            ctx.add(policy(e.getKey(), d.labels, d.podLabels, types, d.ingress, d.egress));
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (GenericKubernetesResource r : cilium) {
            String base = r.getMetadata().getName();
            String name = base;
            for (int i = 2; !names.add(name); i++) {
                name = base + "-" + i;
            }
            r.getMetadata().setName(name);
            ctx.add(r);
        }
    }

    /**
     * A NetworkPolicy built with constructors and setters (fabric8's builders deep-copy every rule
     * twice). Every list and map in it is its own, so a customization of one policy cannot
     * change another.
     */
    private static NetworkPolicy policy(String name, Map<String, String> labels, Map<String, String> podLabels,
                                        List<String> types, List<NetworkPolicyIngressRule> ingress,
                                        List<NetworkPolicyEgressRule> egress) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setLabels(new LinkedHashMap<>(labels));
        LabelSelector pods = new LabelSelector();
        if (!podLabels.isEmpty()) {
            pods.setMatchLabels(new LinkedHashMap<>(podLabels));
        }
        NetworkPolicySpec spec = new NetworkPolicySpec();
        spec.setPodSelector(pods);
        spec.setPolicyTypes(types);
        spec.setIngress(ingress);
        spec.setEgress(egress);
        NetworkPolicy policy = new NetworkPolicy();
        policy.setMetadata(meta);
        policy.setSpec(spec);
        return policy;
    }

    private void render(Flow flow) {
        Optional<Draft> source = local(flow.from(), flow, "egress");
        Optional<Draft> target = local(flow.to(), flow, "ingress");
        boolean l7 = ciliumL7 && flow.kind() == Flow.Kind.TIER && flow.from() instanceof Peer.TierPeer
                && flow.to() instanceof Peer.TierPeer && (!flow.methods().isEmpty() || !flow.paths().isEmpty());
        if (source.isPresent()) {
            List<NetworkPolicyPeer> to = peers(flow.to());
            if (to != null) {
                add(source.get().egress, new NetworkPolicyEgressRule(ports(flow.ports()), to));
            }
        }
        if (target.isPresent()) {
            List<NetworkPolicyPeer> from = peers(flow.from());
            if (from != null) {
                if (l7) {
                    // Cilium merges an L4 allow with an L7 rule on the same port into "any request":
                    // the edge's ingress is carried by the L7 policy alone.
                    cilium.add(CiliumL7.policy(ctx, flow));
                } else {
                    add(target.get().ingress, new NetworkPolicyIngressRule(from, ports(flow.ports())));
                }
            }
        }
    }

    private static <T> void add(List<T> rules, T rule) {
        if (!rules.contains(rule)) {
            rules.add(rule);
        }
    }

    /** The policy for the end {@code peer}, if it lives in the namespace. */
    private Optional<Draft> local(Peer peer, Flow flow, String direction) {
        if (peer instanceof Peer.TierPeer t) {
            Draft d = drafts.get(t.name());
            if (d == null) {
                ctx.report(Problem.error(ModelPath.root(ctx.platform().name()).child("flows", flow.kind().name().toLowerCase(Locale.ROOT)),
                        "a " + flow.kind() + " flow names tier '" + t.name() + "', which does not exist",
                        "add flows only for declared tiers").withRule("KEE-SEC-006"));
            }
            return Optional.ofNullable(d);
        }
        if (peer == Peer.allPods()) {
            String name = ALL_PODS + flow.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
            return Optional.of(drafts.computeIfAbsent(name, n -> new Draft(Map.of(), ctx.labels())));
        }
        if (peer instanceof Peer.Workloads w && (w.namespace() == null || w.namespace().equals(ctx.namespaceName()))) {
            String name = direction + "-" + labelName(w.podLabels());
            return Optional.of(drafts.computeIfAbsent(name, n -> new Draft(w.podLabels(), ctx.labels())));
        }
        return Optional.empty();
    }

    private static String labelName(Map<String, String> labels) {
        String joined = labels.isEmpty() ? "all" : String.join("-", labels.values());
        String name = joined.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return name.length() > 50 ? name.substring(0, 50).replaceAll("-+$", "") : name;
    }

    /** The NetworkPolicy peers that stand for {@code peer}, or {@code null} if it is unknown. */
    private List<NetworkPolicyPeer> peers(Peer peer) {
        if (peer instanceof Peer.TierPeer t) {
            Optional<TierObjects> tier = ctx.tier(t.name());
            return tier.map(o -> mutable(new NetworkPolicyPeer(null, null, selector(o.selector())))).orElse(null);
        }
        if (peer == Peer.allPods()) {
            return mutable(new NetworkPolicyPeer(null, null, new LabelSelector()));
        }
        if (peer instanceof Peer.Workloads w) {
            boolean here = w.namespace() == null || w.namespace().equals(ctx.namespaceName());
            LabelSelector namespace = here ? null : selector(Map.of(NS_LABEL, w.namespace()));
            LabelSelector pods = w.podLabels().isEmpty() ? (here ? new LabelSelector() : null) : selector(w.podLabels());
            return mutable(new NetworkPolicyPeer(null, namespace, pods));
        }
        if (peer instanceof Peer.Network n) {
            List<NetworkPolicyPeer> list = new ArrayList<>();
            for (String cidr : n.cidrs()) {
                list.add(new NetworkPolicyPeer(ipBlock(cidr), null, null));
            }
            return list.isEmpty() ? null : list;
        }
        return null;
    }

    private static List<NetworkPolicyPeer> mutable(NetworkPolicyPeer peer) {
        List<NetworkPolicyPeer> list = new ArrayList<>(1);
        list.add(peer);
        return list;
    }

    /** An ipBlock for {@code cidr}, excepting the cloud metadata address when the range contains it. */
    static IPBlock ipBlock(String cidr) {
        IPBlock block = new IPBlock();
        block.setCidr(cidr);
        if (containsMetadata(cidr)) {
            block.setExcept(new ArrayList<>(List.of(METADATA)));
        }
        return block;
    }

    /** Whether {@code cidr} is a wider IPv4 range that contains 169.254.169.254. */
    public static boolean containsMetadata(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return false;
        }
        try {
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            long base = ipv4(cidr.substring(0, slash));
            long metadata = ipv4("169.254.169.254");
            if (base < 0 || bits >= 32 || bits < 0) {
                return false;
            }
            long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            return (base & mask) == (metadata & mask);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static long ipv4(String address) {
        String[] parts = address.split("\\.");
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String p : parts) {
            int octet = Integer.parseInt(p);
            if (octet < 0 || octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    static LabelSelector selector(Map<String, String> labels) {
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

    /** The Cilium L7 policy of one tier-to-tier edge. */
    static final class CiliumL7 {

        private CiliumL7() {
        }

        static GenericKubernetesResource policy(FeatureContext ctx, Flow flow) {
            String from = ((Peer.TierPeer) flow.from()).name();
            String to = ((Peer.TierPeer) flow.to()).name();
            TierObjects target = ctx.tier(to).orElseThrow();
            TierObjects source = ctx.tier(from).orElseThrow();
            List<Map<String, Object>> http = new ArrayList<>();
            List<String> methods = flow.methods().isEmpty() ? java.util.Collections.singletonList(null) : flow.methods();
            List<String> paths = flow.paths().isEmpty() ? java.util.Collections.singletonList(null) : flow.paths();
            for (String m : methods) {
                for (String p : paths) {
                    Map<String, Object> rule = new LinkedHashMap<>();
                    if (m != null) {
                        rule.put("method", m);
                    }
                    if (p != null) {
                        rule.put("path", regex(p));
                    }
                    http.add(rule);
                }
            }
            List<Map<String, Object>> toPorts = new ArrayList<>();
            List<Map<String, Object>> portList = new ArrayList<>();
            for (Port p : flow.ports()) {
                Map<String, Object> port = new LinkedHashMap<>();
                port.put("port", String.valueOf(p.number()));
                port.put("protocol", p.protocol().name());
                portList.add(port);
            }
            Map<String, Object> toPort = new LinkedHashMap<>();
            toPort.put("ports", portList);
            toPort.put("rules", Map.of("http", http));
            toPorts.add(toPort);
            Map<String, Object> ingress = new LinkedHashMap<>();
            ingress.put("fromEndpoints", List.of(Map.of("matchLabels", new LinkedHashMap<>(source.selector()))));
            ingress.put("toPorts", toPorts);
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("endpointSelector", Map.of("matchLabels", new LinkedHashMap<>(target.selector())));
            spec.put("ingress", List.of(ingress));

            GenericKubernetesResource r = new GenericKubernetesResource();
            r.setApiVersion("cilium.io/v2");
            r.setKind("CiliumNetworkPolicy");
            ObjectMeta meta = new ObjectMeta();
            meta.setName(to + "-from-" + from);
            meta.setNamespace(ctx.namespaceName());
            meta.setLabels(target.labels());
            r.setMetadata(meta);
            r.setAdditionalProperty("spec", spec);
            return r;
        }

        /** An Istio-style path ({@code *} as a wildcard) as the regular expression Cilium matches paths with. */
        static String regex(String path) {
            StringBuilder out = new StringBuilder();
            for (char c : path.toCharArray()) {
                if (c == '*') {
                    out.append(".*");
                } else if ("\\.+?()[]{}|^$".indexOf(c) >= 0) {
                    out.append('\\').append(c);
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}

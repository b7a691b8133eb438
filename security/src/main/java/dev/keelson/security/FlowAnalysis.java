package dev.keelson.security;

import dev.keelson.core.Flow;
import dev.keelson.core.Manifest;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.Require;
import dev.keelson.core.Tier;
import dev.keelson.security.internal.FlowEvaluator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the synthesized objects of one environment let through: for every declared flow, whether
 * its NetworkPolicies and its mesh AuthorizationPolicies allow it, and which flows the policies
 * allow that nobody declared. It reads the final objects back (the same evaluation as the policy
 * check's SEC-NET-010..013), so it shows what the cluster will do, not what was declared.
 *
 * <pre>{@code
 * Manifest prod = Keelson.synth(platform).manifest("prod");
 * for (FlowAnalysis.Declared d : FlowAnalysis.of(platform, prod).declared()) {
 *     System.out.println(d.flow().from() + " -> " + d.flow().to() + ": " + d.networkPolicy() + " / " + d.mesh());
 * }
 * }</pre>
 */
public final class FlowAnalysis {

    /** What one layer does with a flow. */
    public enum Verdict {
        /** The layer is enforced and allows the flow on every port. */
        ALLOWED,
        /** The layer is enforced and blocks the flow on at least one port. */
        BLOCKED,
        /** The layer is not enforced in this environment (no NetworkPolicy at all; no mesh). */
        NOT_ENFORCED
    }

    /**
     * A declared flow and what each layer does with it.
     *
     * @param flow the declared flow
     * @param networkPolicy what the NetworkPolicies do
     * @param mesh what the mesh's AuthorizationPolicies do ({@link Verdict#NOT_ENFORCED} for traffic to
     *        another namespace or out of the cluster, which the environment's policies do not govern)
     * @param reasons why a layer blocks it, one line per blocked port and layer (empty when allowed)
     */
    public record Declared(Flow flow, Verdict networkPolicy, Verdict mesh, List<String> reasons) {
        /**
         * Checks every argument at once, naming the argument and the call when one is invalid.
         * Copies the collections, so the value stays immutable.
         *
         * @param flow the declared flow
         * @param networkPolicy what the NetworkPolicies do
         * @param mesh what the mesh's AuthorizationPolicies do
         * @param reasons why a layer blocks it
         */
        public Declared {
            Require.nonNull(flow, "flow");
            Require.nonNull(networkPolicy, "networkPolicy");
            Require.nonNull(mesh, "mesh");
            Require.noNulls(reasons, "reasons");
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * Traffic a policy allows that no declared flow covers.
     *
     * @param layer {@code NetworkPolicy} or {@code AuthorizationPolicy}
     * @param policy the policy's kind and name, e.g. {@code NetworkPolicy/api-ingress}
     * @param from where the traffic starts (a tier's name, a namespace's workloads, a network)
     * @param to where it goes
     * @param ports the ports, e.g. {@code TCP 8080}
     */
    public record Undeclared(String layer, String policy, String from, String to, List<String> ports) {
        /**
         * Checks every argument at once, naming the argument and the call when one is invalid.
         * Copies the collections, so the value stays immutable.
         *
         * @param layer {@code NetworkPolicy} or {@code AuthorizationPolicy}
         * @param policy the policy's kind and name
         * @param from where the traffic starts
         * @param to where it goes
         * @param ports the ports
         */
        public Undeclared {
            Require.nonNull(layer, "layer");
            Require.nonNull(policy, "policy");
            Require.nonNull(from, "from");
            Require.nonNull(to, "to");
            Require.noNulls(ports, "ports");
            ports = List.copyOf(ports);
        }
    }

    private final List<Declared> declared;
    private final List<Undeclared> undeclared;
    private final boolean meshEnforced;

    private FlowAnalysis(List<Declared> declared, List<Undeclared> undeclared, boolean meshEnforced) {
        this.declared = List.copyOf(declared);
        this.undeclared = List.copyOf(undeclared);
        this.meshEnforced = meshEnforced;
    }

    /**
     * Evaluates one environment's synthesized objects against its declared flows.
     *
     * @param platform the platform the manifest was synthesized from
     * @param manifest one environment's manifest ({@code Keelson.synth(platform).manifest(env)})
     * @return what each layer does with each flow
     */
    public static FlowAnalysis of(Platform platform, Manifest manifest) {
        Require.nonNull(platform, "platform");
        Require.nonNull(manifest, "manifest");
        Map<String, Map<String, String>> selectors = new LinkedHashMap<>();
        for (Tier t : platform.tiers()) {
            Map<String, String> selector = new LinkedHashMap<>();
            selector.put("app.kubernetes.io/name", t.name());
            selector.put("app.kubernetes.io/part-of", platform.name());
            selectors.put(t.name(), selector);
        }
        Map<String, String> nsLabels = Map.of();
        for (Namespace ns : manifest.objects(Namespace.class)) {
            if (manifest.namespace().equals(ns.getMetadata().getName()) && ns.getMetadata().getLabels() != null) {
                nsLabels = ns.getMetadata().getLabels();
            }
        }
        boolean networkPolicies = !manifest.objects(NetworkPolicy.class).isEmpty()
                || manifest.objects().stream().anyMatch(o -> o.getKind().equals("CiliumNetworkPolicy"));
        boolean meshed = "enabled".equals(nsLabels.get("istio-injection")) || nsLabels.containsKey("istio.io/rev")
                || "ambient".equals(nsLabels.get("istio.io/dataplane-mode"));
        boolean mesh = meshed && manifest.objects().stream().anyMatch(o -> o.getKind().equals("AuthorizationPolicy"));
        FlowEvaluator.Result result = FlowEvaluator.evaluate(manifest.namespace(), nsLabels, manifest.objects(),
                manifest.flows(), selectors);

        Map<Flow, List<FlowEvaluator.Blocked>> blocked = new IdentityHashMap<>();
        for (FlowEvaluator.Blocked b : result.blocked()) {
            blocked.computeIfAbsent(b.flow(), f -> new ArrayList<>()).add(b);
        }
        List<Declared> declared = new ArrayList<>();
        for (Flow f : manifest.flows()) {
            List<FlowEvaluator.Blocked> bs = blocked.getOrDefault(f, List.of());
            boolean npBlocked = bs.stream().anyMatch(b -> b.layer() == FlowEvaluator.Layer.NETWORK_POLICY);
            boolean meshBlocked = bs.stream().anyMatch(b -> b.layer() == FlowEvaluator.Layer.AUTHORIZATION);
            List<String> reasons = new ArrayList<>();
            for (FlowEvaluator.Blocked b : bs) {
                reasons.add((b.layer() == FlowEvaluator.Layer.NETWORK_POLICY ? "NetworkPolicy" : "AuthorizationPolicy")
                        + " blocks " + b.from() + " -> " + b.to() + " on " + b.port() + ": " + b.reason());
            }
            boolean meshDecides = mesh && inNamespace(f.to(), manifest.namespace());
            declared.add(new Declared(f,
                    npBlocked ? Verdict.BLOCKED : networkPolicies ? Verdict.ALLOWED : Verdict.NOT_ENFORCED,
                    meshBlocked ? Verdict.BLOCKED : meshDecides ? Verdict.ALLOWED : Verdict.NOT_ENFORCED, reasons));
        }
        List<Undeclared> undeclared = new ArrayList<>();
        for (FlowEvaluator.Undeclared u : result.undeclared()) {
            HasMetadata p = u.policy();
            undeclared.add(new Undeclared(u.layer() == FlowEvaluator.Layer.NETWORK_POLICY ? "NetworkPolicy" : "AuthorizationPolicy",
                    p.getKind() + "/" + p.getMetadata().getName(), u.from().toString(), u.to().toString(), u.ports()));
        }
        return new FlowAnalysis(declared, undeclared, mesh);
    }

    /**
     * Whether traffic to {@code peer} is received in the environment's own namespace, where the mesh's
     * AuthorizationPolicies decide; traffic to other namespaces or outside the cluster is not theirs.
     */
    private static boolean inNamespace(Peer peer, String namespace) {
        return peer instanceof Peer.TierPeer || peer instanceof Peer.AllPods
                || peer instanceof Peer.Workloads w && (w.namespace() == null || w.namespace().equals(namespace));
    }

    /** Every declared flow of the environment, in the graph's order, with what each layer does. */
    public List<Declared> declared() {
        return declared;
    }

    /** What the policies allow beyond the declared flows (empty for Keelson's own output). */
    public List<Undeclared> undeclared() {
        return undeclared;
    }

    /** Whether mesh authorization is enforced in the environment (meshed namespace with AuthorizationPolicies). */
    public boolean meshEnforced() {
        return meshEnforced;
    }
}

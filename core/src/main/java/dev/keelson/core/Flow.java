package dev.keelson.core;

import java.util.List;

/**
 * One allowed flow of traffic: from a peer, to a peer, on ports, optionally limited to HTTP methods
 * and paths. The flows of an environment form one graph ({@link Flows}); features add flows to it
 * and render it (network policies, mesh authorization), so the rules of different features can
 * never disagree.
 *
 * <pre>{@code
 * // in a feature's contribute(): every pod may reach the collector on 4317
 * synthesis.flows().add(Flow.of(Flow.Kind.DEPENDENCY, Peer.allPods(),
 *         Peer.workloads("observability", Map.of("app", "otel-collector"), null),
 *         List.of(Port.grpc(4317))));
 * }</pre>
 *
 * @param kind why the flow exists
 * @param from where traffic starts
 * @param to where traffic goes
 * @param ports the destination ports (for a tier: its container ports)
 * @param methods HTTP methods allowed; empty for any
 * @param paths HTTP paths allowed; empty for any
 */
public record Flow(Kind kind, Peer from, Peer to, List<Port> ports, List<String> methods, List<String> paths) {

    /** Why a flow exists. */
    public enum Kind {
        /** A tier calls another ({@code talksTo}). */
        TIER,
        /** The ingress controller (or a mesh gateway) forwards outside traffic to an exposed tier. */
        INGRESS,
        /** Monitoring scrapes a metrics port. */
        MONITORING,
        /** Pods resolve names. */
        DNS,
        /** A tier calls an in-cluster dependency. */
        DEPENDENCY,
        /** A tier calls an endpoint outside the cluster. */
        EXTERNAL,
        /** Sidecars or agents reach their control plane (e.g. istiod). */
        CONTROL_PLANE,
        /** A workload calls the Kubernetes API. */
        KUBERNETES_API
    }

    /**
     * Checks {@code kind}, {@code from}, {@code to}, {@code ports}, {@code methods} and {@code paths} at once, naming
     * the argument and the call when one is invalid. Copies the collections, so the value stays immutable.
     *
     * @param kind why the flow exists
     * @param from where traffic starts
     * @param to where traffic goes
     * @param ports the destination ports (for a tier: its container ports)
     * @param methods HTTP methods allowed; empty for any
     * @param paths HTTP paths allowed; empty for any
     */
    public Flow {
        Require.nonNull(kind, "kind");
        Require.nonNull(from, "from");
        Require.nonNull(to, "to");
        Require.noNulls(ports, "ports");
        Require.noNulls(methods, "methods");
        Require.noNulls(paths, "paths");
        ports = List.copyOf(ports);
        methods = List.copyOf(methods);
        paths = List.copyOf(paths);
    }

    /** A flow on ports, with no HTTP limits. */
    public static Flow of(Kind kind, Peer from, Peer to, List<Port> ports) {
        Require.nonNull(kind, "kind");
        Require.nonNull(from, "from");
        Require.nonNull(to, "to");
        Require.noNulls(ports, "ports");
        return new Flow(kind, from, to, ports, List.of(), List.of());
    }

    /** Whether traffic starts at the tier {@code tier} (or at every pod of the namespace). */
    public boolean leaves(String tier) {
        Require.nonNull(tier, "tier");
        return from instanceof Peer.TierPeer t ? t.name().equals(tier) : from == Peer.allPods();
    }

    /** Whether traffic arrives at the tier {@code tier} (or at every pod of the namespace). */
    public boolean reaches(String tier) {
        Require.nonNull(tier, "tier");
        return to instanceof Peer.TierPeer t ? t.name().equals(tier) : to == Peer.allPods();
    }
}

package dev.keelson.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One end of a {@link Flow}: a tier of the platform, every pod of the environment's namespace,
 * workloads elsewhere in the cluster, or a network outside it.
 *
 * <pre>{@code
 * Peer.tier("api")
 * Peer.allPods()
 * Peer.workloads("istio-system", Map.of("app", "istiod"), null)
 * Peer.network("payments", List.of("203.0.113.0/24"), List.of("api.payments.example"))
 * }</pre>
 */
public sealed interface Peer {

    /** A tier of the platform, in the environment being synthesized. */
    static Peer tier(String name) {
        Require.nonNull(name, "name");
        return new TierPeer(name);
    }

    /** Every pod of the environment's namespace. */
    static Peer allPods() {
        return AllPods.INSTANCE;
    }

    /**
     * Pods in another namespace of the cluster, by namespace name and pod labels, optionally with the
     * ServiceAccount they run as (the mesh uses it as their identity).
     */
    static Peer workloads(@Nullable String namespace, Map<String, String> podLabels, @Nullable String serviceAccount) {
        Require.noNulls(podLabels, "podLabels");
        return new Workloads(namespace, podLabels, serviceAccount);
    }

    /** A network outside the cluster: address ranges, with host names where known. */
    static Peer network(String name, List<String> cidrs, List<String> hosts) {
        Require.nonNull(name, "name");
        Require.noNulls(cidrs, "cidrs");
        Require.noNulls(hosts, "hosts");
        return new Network(name, cidrs, hosts);
    }

    /**
     * A tier of the platform.
     *
     * @param name the tier's name
     */
    record TierPeer(String name) implements Peer {
        /**
         * Checks {@code name} at once, naming the argument and the call when one is invalid.
         *
         * @param name the tier's name
         */
        public TierPeer {
            Require.nonNull(name, "name");
        }

        // equals and hashCode written out: the generated ones bootstrap method handles the first time they run
        @Override
        public boolean equals(Object o) {
            return o instanceof TierPeer t && name.equals(t.name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    /** Every pod of the environment's namespace. */
    enum AllPods implements Peer {
        /** The only value. */
        INSTANCE
    }

    /**
     * Pods in a namespace of the cluster.
     *
     * @param namespace the namespace's name; {@code null} for the environment's own namespace
     * @param podLabels the labels that select the pods; empty for all pods of the namespace
     * @param serviceAccount the ServiceAccount the pods run as, or {@code null} if unknown
     */
    record Workloads(@Nullable String namespace, Map<String, String> podLabels, @Nullable String serviceAccount)
            implements Peer {
        /**
         * Checks {@code podLabels} at once, naming the argument and the call when one is invalid. Copies the
         * collections, so the value stays immutable.
         *
         * @param namespace the namespace's name; {@code null} for the environment's own namespace
         * @param podLabels the labels that select the pods; empty for all pods of the namespace
         * @param serviceAccount the ServiceAccount the pods run as, or {@code null} if unknown
         */
        public Workloads {
            Require.noNulls(podLabels, "podLabels");
            podLabels = Collections.unmodifiableMap(new LinkedHashMap<>(podLabels));
        }

        // equals and hashCode written out: the generated ones bootstrap method handles the first time they run,
        // which was a tenth of a 10-tier synthesis (benchmarks/RESULTS.md)
        @Override
        public boolean equals(Object o) {
            return o instanceof Workloads w && Objects.equals(namespace, w.namespace) && podLabels.equals(w.podLabels)
                    && Objects.equals(serviceAccount, w.serviceAccount);
        }

        @Override
        public int hashCode() {
            return (Objects.hashCode(namespace) * 31 + podLabels.hashCode()) * 31 + Objects.hashCode(serviceAccount);
        }
    }

    /**
     * A network outside the cluster.
     *
     * @param name what it is (the dependency's name)
     * @param cidrs its address ranges
     * @param hosts its DNS names, where known
     */
    record Network(String name, List<String> cidrs, List<String> hosts) implements Peer {
        /**
         * Checks {@code name}, {@code cidrs} and {@code hosts} at once, naming the argument and the call when one is
         * invalid. Copies the collections, so the value stays immutable.
         *
         * @param name what it is (the dependency's name)
         * @param cidrs its address ranges
         * @param hosts its DNS names, where known
         */
        public Network {
            Require.nonNull(name, "name");
            Require.noNulls(cidrs, "cidrs");
            Require.noNulls(hosts, "hosts");
            cidrs = List.copyOf(cidrs);
            hosts = List.copyOf(hosts);
        }
    }
}

package dev.keelson.core;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A tier whose pods have a stable identity: a StatefulSet, its headless Service
 * {@code <tier>-headless} (so each pod has the DNS name {@code <tier>-<ordinal>.<tier>-headless}),
 * a PersistentVolumeClaim per pod and volume ({@link Storage}), and, with 2 replicas or more, a
 * PodDisruptionBudget that lets one pod go at a time. Its pods may call each other on the tier's
 * ports: core adds that flow, so NetworkPolicies and mesh authorization admit it.
 *
 * <pre>{@code
 * Tier.named("db").image("ghcr.io/acme/db:16.4").port(Port.tcp("pg", 5432)).replicas(3)
 *     .stateful(Stateful.of(Storage.of("10Gi").storageClass("fast")).partition(2));
 * }</pre>
 *
 * @param storage the volumes each pod gets, in order (may be empty: a stable identity without storage)
 * @param podManagement how pods are started and stopped. Default: {@link PodManagement#ORDERED_READY}
 * @param partition rolling updates change only the pods with an ordinal at or above it (a staged
 *     rollout: lower it step by step). Default: 0, every pod
 * @param whenDeleted what happens to the claims when the StatefulSet is deleted; {@code null} (the
 *     default) leaves Kubernetes' behaviour (Retain) and writes no {@code persistentVolumeClaimRetentionPolicy}
 * @param whenScaled what happens to the claims of pods removed by scaling down; {@code null} as above
 */
public record Stateful(List<Storage> storage, PodManagement podManagement, int partition,
                       @Nullable ClaimRetention whenDeleted, @Nullable ClaimRetention whenScaled) implements Workload {

    /** How a StatefulSet starts and stops its pods ({@code podManagementPolicy}). */
    public enum PodManagement {
        /** One at a time, in order, each waiting for the previous to be ready ({@code OrderedReady}). The default. */
        ORDERED_READY("OrderedReady"),
        /** All at once ({@code Parallel}): for peers that find each other without an order. */
        PARALLEL("Parallel");

        private final String value;

        PodManagement(String value) {
            this.value = value;
        }

        /** The value Kubernetes spells. */
        public String value() {
            return value;
        }
    }

    /** What becomes of a pod's claims ({@code persistentVolumeClaimRetentionPolicy}, beta from Kubernetes 1.27). */
    public enum ClaimRetention {
        /** The claims and their data stay ({@code Retain}): Kubernetes' default. */
        RETAIN("Retain"),
        /** The claims are deleted ({@code Delete}); with a reclaim policy of Delete, so is the data. */
        DELETE("Delete");

        private final String value;

        ClaimRetention(String value) {
            this.value = value;
        }

        /** The value Kubernetes spells. */
        public String value() {
            return value;
        }
    }

    /** Copies the list; the values are checked with the platform (KEE-KIND-010..013). */
    public Stateful {
        Require.noNulls(storage, "storage");
        Require.nonNull(podManagement, "podManagement");
        storage = List.copyOf(storage);
    }

    /** A stateful tier with these volumes per pod, started in order, updated all the way down. */
    public static Stateful of(Storage... storage) {
        Require.noNulls(storage, "storage");
        return new Stateful(List.of(storage), PodManagement.ORDERED_READY, 0, null, null);
    }

    /** Pods started and stopped all at once ({@code podManagementPolicy: Parallel}). */
    public Stateful parallel() {
        return new Stateful(storage, PodManagement.PARALLEL, partition, whenDeleted, whenScaled);
    }

    /** A rolling update changes only the pods with ordinal {@code ordinal} or higher (0 to replicas). */
    public Stateful partition(int ordinal) {
        return new Stateful(storage, podManagement, ordinal, whenDeleted, whenScaled);
    }

    /**
     * What becomes of the claims when the StatefulSet is deleted and when it scales down. Needs
     * Kubernetes 1.27 or later as the platform's target (KEE-VER-011).
     */
    public Stateful claimRetention(ClaimRetention whenDeleted, ClaimRetention whenScaled) {
        Require.nonNull(whenDeleted, "whenDeleted");
        Require.nonNull(whenScaled, "whenScaled");
        return new Stateful(storage, podManagement, partition, whenDeleted, whenScaled);
    }

    @Override
    public Kind kind() {
        return Kind.STATEFUL_SET;
    }
}

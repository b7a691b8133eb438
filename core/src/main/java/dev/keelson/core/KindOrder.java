package dev.keelson.core;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stable order Keelson writes and applies objects in: what others depend on comes first
 * (Namespaces and CRDs, quotas, ServiceAccounts, RBAC, config, Services, workloads, autoscalers and
 * budgets, NetworkPolicies, Certificates and Ingresses, Istio's kinds, then everything else), and
 * within one rank the order they were added. A Job that must finish before other tiers roll out
 * ({@code Tier.Builder.runsBefore}, marked with the annotation {@value #RUNS_BEFORE}) has a rank of
 * its own, just before the workloads. A {@link Manifest} is in this order; {@code apply}
 * applies rank by rank and deletes in the reverse order. Public so that a tool that applies
 * Keelson's output itself can keep the same order.
 *
 * <pre>{@code
 * List<HasMetadata> ordered = KindOrder.sort(objects);
 * boolean first = KindOrder.rank(namespace) < KindOrder.rank(deployment);   // true
 * }</pre>
 */
public final class KindOrder {

    /**
     * The annotation that marks a Job to run before the named tiers' workloads (comma-separated
     * tier names): such a Job ranks after the Services and before every other workload.
     */
    public static final String RUNS_BEFORE = "keelson.dev/runs-before";

    private static final int PRE_ROLLOUT = 7;

    private static final Map<String, Integer> RANKS = Map.ofEntries(
            Map.entry("Namespace", 0),
            Map.entry("CustomResourceDefinition", 0),
            Map.entry("ResourceQuota", 1),
            Map.entry("LimitRange", 1),
            Map.entry("ServiceAccount", 2),
            Map.entry("ClusterRole", 3),
            Map.entry("Role", 3),
            Map.entry("ClusterRoleBinding", 4),
            Map.entry("RoleBinding", 4),
            Map.entry("ConfigMap", 5),
            Map.entry("Secret", 5),
            Map.entry("PersistentVolumeClaim", 5),
            Map.entry("Service", 6),
            Map.entry("Deployment", 8),
            Map.entry("StatefulSet", 8),
            Map.entry("DaemonSet", 8),
            Map.entry("Job", 8),
            Map.entry("CronJob", 8),
            Map.entry("HorizontalPodAutoscaler", 9),
            Map.entry("VerticalPodAutoscaler", 9),
            Map.entry("PodDisruptionBudget", 9),
            Map.entry("ScaledObject", 9),
            Map.entry("NetworkPolicy", 10),
            Map.entry("CiliumNetworkPolicy", 10),
            Map.entry("Certificate", 11),
            Map.entry("Ingress", 11));
    private static final int ISTIO = 12;
    private static final int OTHER = 13;

    private KindOrder() {
    }

    /** The rank of an object's kind: lower goes first. */
    public static int rank(HasMetadata object) {
        Require.nonNull(object, "object");
        if ("Job".equals(object.getKind()) && object.getMetadata() != null && object.getMetadata().getAnnotations() != null
                && object.getMetadata().getAnnotations().containsKey(RUNS_BEFORE)) {
            return PRE_ROLLOUT;
        }
        Integer rank = RANKS.get(object.getKind());
        if (rank != null) {
            return rank;
        }
        String apiVersion = object.getApiVersion();
        return apiVersion != null && apiVersion.contains("istio.io/") ? ISTIO : OTHER;
    }

    /** The objects in stable order (a new list; a stable sort keeps insertion order within a rank). */
    public static List<HasMetadata> sort(List<HasMetadata> objects) {
        Require.noNulls(objects, "objects");
        List<List<HasMetadata>> buckets = new ArrayList<>(OTHER + 1);
        for (int i = 0; i <= OTHER; i++) {
            buckets.add(new ArrayList<>());
        }
        for (HasMetadata o : objects) {
            buckets.get(rank(o)).add(o);
        }
        List<HasMetadata> sorted = new ArrayList<>(objects.size());
        for (List<HasMetadata> bucket : buckets) {
            sorted.addAll(bucket);
        }
        return sorted;
    }
}

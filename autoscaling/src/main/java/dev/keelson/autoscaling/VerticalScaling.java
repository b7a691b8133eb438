package dev.keelson.autoscaling;

import org.jspecify.annotations.Nullable;
import dev.keelson.core.Require;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A vertical autoscaler ({@code autoscaling.k8s.io/v1 VerticalPodAutoscaler}) for a tier: it
 * recommends, and depending on the mode sets, the containers' requests.
 *
 * <pre>{@code
 * VerticalScaling.recommendOnly()                                    // Off: recommendations only
 * VerticalScaling.mode(UpdateMode.INITIAL).container(ContainerPolicy.app().maxAllowed("2", "2Gi"))
 * VerticalScaling.mode(UpdateMode.RECREATE)
 *     .container(ContainerPolicy.app().controls(ComputeResource.MEMORY))   // next to a CPU HPA
 *     .container(ContainerPolicy.istioProxy())
 * }</pre>
 *
 * <p>Needs the VPA installed in the cluster. Default mode: {@link UpdateMode#OFF}, which never
 * changes a pod. Next to an HPA on cpu or memory, only the other resource may be controlled
 * (or the mode must be Off); validation refuses a setup where both act on the same resource.
 *
 * @param mode when recommendations are applied
 * @param containers per-container policies, in order; none: every container, cpu and memory, no bounds
 * @param minReplicas the fewest live replicas for the VPA to evict one, or {@code null} for the
 *     VPA's default (2)
 */
public record VerticalScaling(UpdateMode mode, List<ContainerPolicy> containers, @Nullable Integer minReplicas) {

    /**
     * Checks {@code mode} and {@code containers} at once, naming the argument and the call when one is invalid. Copies
     * the collections, so the value stays immutable.
     *
     * @param mode when recommendations are applied
     * @param containers per-container policies, in order; none: every container, cpu and memory, no bounds
     * @param minReplicas the fewest live replicas for the VPA to evict one, or {@code null} for the
     *     VPA's default (2)
     */
    public VerticalScaling {
        Require.nonNull(mode, "mode");
        Require.noNulls(containers, "containers");
        containers = List.copyOf(containers);
        if (minReplicas != null && minReplicas < 1) {
            throw new IllegalArgumentException("the VPA's minReplicas must be at least 1, was " + minReplicas);
        }
    }

    /** Recommendations only ({@link UpdateMode#OFF}). */
    public static VerticalScaling recommendOnly() {
        return mode(UpdateMode.OFF);
    }

    /** A vertical autoscaler in {@code mode}. */
    public static VerticalScaling mode(UpdateMode mode) {
        Require.nonNull(mode, "mode");
        return new VerticalScaling(mode, List.of(), null);
    }

    /** This autoscaler with one more container policy (a later policy for the same container replaces it). */
    public VerticalScaling container(ContainerPolicy policy) {
        Require.nonNull(policy, "policy");
        List<ContainerPolicy> copy = new ArrayList<>(containers);
        copy.removeIf(p -> Objects.equals(p.container(), policy.container()));
        copy.add(policy);
        return new VerticalScaling(mode, copy, minReplicas);
    }

    /** This autoscaler with {@link ContainerPolicy#istioProxy()} for the Istio sidecar. */
    public VerticalScaling istioProxy() {
        return container(ContainerPolicy.istioProxy());
    }

    /** This autoscaler evicting only while at least {@code count} replicas are live. Default: the VPA's (2). */
    public VerticalScaling minReplicas(int count) {
        return new VerticalScaling(mode, containers, count);
    }

    /** The policy for {@code container} ({@code null}: the tier's own), if any. */
    public java.util.Optional<ContainerPolicy> policyFor(@Nullable String container) {
        return containers.stream().filter(p -> Objects.equals(p.container(), container)).findFirst();
    }
}

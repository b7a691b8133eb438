package dev.keelson.autoscaling;

import org.jspecify.annotations.Nullable;
import dev.keelson.core.Require;
import dev.keelson.autoscaling.internal.Quantities;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a vertical autoscaler may do to one container: bounds, the resources it controls, and
 * whether it touches limits.
 *
 * <pre>{@code
 * ContainerPolicy.app().minAllowed("100m", "128Mi").maxAllowed("2", "2Gi")
 * ContainerPolicy.app().controls(ComputeResource.MEMORY)       // leave CPU to an HPA
 * ContainerPolicy.istioProxy()                                 // the Istio sidecar
 * ContainerPolicy.named("log-shipper").off()                   // never touch it
 * }</pre>
 *
 * <p>Defaults: no bounds (the VPA may recommend anything), both cpu and memory controlled, the
 * VPA's own default for values ({@code RequestsAndLimits}), enabled.
 *
 * @param container the container name; {@code null} for the tier's own container, {@code *} for
 *     every container without a policy of its own
 * @param minCpu the lowest CPU request recommended, or {@code null}
 * @param minMemory the lowest memory request recommended, or {@code null}
 * @param maxCpu the highest CPU request recommended, or {@code null}
 * @param maxMemory the highest memory request recommended, or {@code null}
 * @param controlled the resources the VPA changes; never empty
 * @param values which values it changes, or {@code null} for the VPA's default
 * @param enabled {@code false}: the VPA leaves this container alone ({@code mode: Off})
 */
public record ContainerPolicy(@Nullable String container, @Nullable String minCpu, @Nullable String minMemory,
                              @Nullable String maxCpu, @Nullable String maxMemory, Set<ComputeResource> controlled,
                              @Nullable ControlledValues values, boolean enabled) {

    /** The container Istio injects into meshed pods. */
    public static final String ISTIO_PROXY = "istio-proxy";

    /** The container name meaning "every container without a policy of its own". */
    public static final String ALL_OTHERS = "*";

    /**
     * Checks {@code controlled} at once, naming the argument and the call when one is invalid. Copies the collections,
     * so the value stays immutable.
     *
     * @param container the container name; {@code null} for the tier's own container, {@code *} for
     *     every container without a policy of its own
     * @param minCpu the lowest CPU request recommended, or {@code null}
     * @param minMemory the lowest memory request recommended, or {@code null}
     * @param maxCpu the highest CPU request recommended, or {@code null}
     * @param maxMemory the highest memory request recommended, or {@code null}
     * @param controlled the resources the VPA changes; never empty
     * @param values which values it changes, or {@code null} for the VPA's default
     * @param enabled {@code false}: the VPA leaves this container alone ({@code mode: Off})
     */
    public ContainerPolicy {
        Require.noNulls(controlled, "controlled");
        if (container != null && container.isBlank()) {
            throw new IllegalArgumentException("container name must not be blank");
        }
        optionalQuantity(minCpu, "minCpu");
        optionalQuantity(minMemory, "minMemory");
        optionalQuantity(maxCpu, "maxCpu");
        optionalQuantity(maxMemory, "maxMemory");
        if (controlled.isEmpty()) {
            throw new IllegalArgumentException("a container policy controls at least one resource; use off() to leave the container alone");
        }
        controlled = Collections.unmodifiableSet(new LinkedHashSet<>(EnumSet.copyOf(controlled)));
    }

    /** A policy for the tier's own container. */
    public static ContainerPolicy app() {
        return new ContainerPolicy(null, null, null, null, null, EnumSet.allOf(ComputeResource.class), null, true);
    }

    /** A policy for the container {@code container} (e.g. a sidecar). */
    public static ContainerPolicy named(String container) {
        Require.nonNull(container, "container");
        return new ContainerPolicy(container, null, null, null, null,
                EnumSet.allOf(ComputeResource.class), null, true);
    }

    /** A policy for every container that has none of its own ({@code containerName: "*"}). */
    public static ContainerPolicy allOthers() {
        return named(ALL_OTHERS);
    }

    /**
     * A policy for Istio's sidecar {@code istio-proxy}: requests only (the injector's limits stay),
     * between 50m CPU / 64Mi memory and 1 CPU / 1Gi memory. Override any bound with the methods below.
     */
    public static ContainerPolicy istioProxy() {
        return named(ISTIO_PROXY).minAllowed("50m", "64Mi").maxAllowed("1", "1Gi")
                .controlledValues(ControlledValues.REQUESTS_ONLY);
    }

    /** Lower bounds: {@code cpu} and {@code memory} quantities, either may be {@code null}. Default: none. */
    public ContainerPolicy minAllowed(@Nullable String cpu, @Nullable String memory) {
        return new ContainerPolicy(container, cpu, memory, maxCpu, maxMemory, controlled, values, enabled);
    }

    /** Upper bounds: {@code cpu} and {@code memory} quantities, either may be {@code null}. Default: none. */
    public ContainerPolicy maxAllowed(@Nullable String cpu, @Nullable String memory) {
        return new ContainerPolicy(container, minCpu, minMemory, cpu, memory, controlled, values, enabled);
    }

    /** The resources the VPA may change. Default: cpu and memory. */
    public ContainerPolicy controls(ComputeResource first, ComputeResource... more) {
        Require.nonNull(first, "first");
        Require.noNulls(more, "more");
        return new ContainerPolicy(container, minCpu, minMemory, maxCpu, maxMemory, EnumSet.of(first, more), values, enabled);
    }

    /** Which values the VPA changes. Default: the VPA's ({@link ControlledValues#REQUESTS_AND_LIMITS}). */
    public ContainerPolicy controlledValues(ControlledValues newValues) {
        Require.nonNull(newValues, "newValues");
        return new ContainerPolicy(container, minCpu, minMemory, maxCpu, maxMemory, controlled, newValues, enabled);
    }

    /** The VPA leaves this container alone ({@code mode: Off}). */
    public ContainerPolicy off() {
        return new ContainerPolicy(container, minCpu, minMemory, maxCpu, maxMemory, controlled, values, false);
    }

    /** The resources the VPA changes on this container: none when it is off. */
    public Set<ComputeResource> effectiveResources() {
        return enabled ? controlled : Set.of();
    }

    private static void optionalQuantity(@Nullable String q, String parameter) {
        if (q != null) {
            Quantities.require(q, parameter);
        }
    }
}

package dev.keelson.autoscaling;

import dev.keelson.core.Require;
import dev.keelson.autoscaling.internal.Quantities;
import java.time.Duration;
import java.util.List;

/**
 * How a tier scales in one direction: the policies limiting each step, which of them wins, and how
 * long recommendations must hold before they act.
 *
 * <pre>{@code
 * ScalingRules.of(ScalingPolicy.percent(10, Duration.ofSeconds(60)), ScalingPolicy.pods(1, Duration.ofSeconds(60)))
 *     .stabilization(Duration.ofSeconds(300))
 *     .select(SelectPolicy.MIN)
 * }</pre>
 *
 * @param policies the limits, at least one unless {@code select} is {@link SelectPolicy#DISABLED}
 * @param stabilization how long the autoscaler looks back before acting, whole seconds 0..3600
 * @param select which policy wins. Default: {@link SelectPolicy#MIN}, so every policy is a cap
 */
public record ScalingRules(List<ScalingPolicy> policies, Duration stabilization, SelectPolicy select) {

    /**
     * Checks {@code policies}, {@code stabilization} and {@code select} at once, naming the argument and the call when
     * one is invalid. Copies the collections, so the value stays immutable.
     *
     * @param policies the limits, at least one unless {@code select} is {@link SelectPolicy#DISABLED}
     * @param stabilization how long the autoscaler looks back before acting, whole seconds 0..3600
     * @param select which policy wins. Default: {@link SelectPolicy#MIN}, so every policy is a cap
     */
    public ScalingRules {
        Require.noNulls(policies, "policies");
        Require.nonNull(stabilization, "stabilization");
        Require.nonNull(select, "select");
        policies = List.copyOf(policies);
        Quantities.wholeSeconds(stabilization, 0, 3600, "stabilization");
        if (policies.isEmpty() && select != SelectPolicy.DISABLED) {
            throw new IllegalArgumentException("scaling rules need at least one policy, or SelectPolicy.DISABLED");
        }
    }

    /** The policies, no stabilization window, {@link SelectPolicy#MIN}. */
    public static ScalingRules of(ScalingPolicy... policies) {
        Require.noNulls(policies, "policies");
        return new ScalingRules(List.of(policies), Duration.ZERO, SelectPolicy.MIN);
    }

    /** No scaling in this direction ({@code selectPolicy: Disabled}). */
    public static ScalingRules disabled() {
        return new ScalingRules(List.of(), Duration.ZERO, SelectPolicy.DISABLED);
    }

    /** These rules with a stabilization window of {@code window}. */
    public ScalingRules stabilization(Duration window) {
        Require.nonNull(window, "window");
        return new ScalingRules(policies, window, select);
    }

    /** These rules with another select policy. */
    public ScalingRules select(SelectPolicy newSelect) {
        Require.nonNull(newSelect, "newSelect");
        return new ScalingRules(policies, stabilization, newSelect);
    }
}

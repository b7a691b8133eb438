package dev.keelson.autoscaling;

import dev.keelson.core.Require;
import java.time.Duration;

/**
 * How fast a horizontal autoscaler may scale up and down.
 *
 * <pre>{@code
 * Behavior.DEFAULT                                   // the report's figures
 * Behavior.DEFAULT.scaleDown(ScalingRules.disabled())
 * }</pre>
 *
 * <p>Default ({@link #DEFAULT}), the report's figures: scale up by at most 50 % or 2 pods per
 * 60 s, stabilized over 60 s; scale down by at most 10 % or 1 pod per 60 s, stabilized over
 * 300 s. The report says "max 2 pods" and "max 1 pod", so both directions use
 * {@link SelectPolicy#MIN}: each policy is a cap. Choose {@link SelectPolicy#MAX} for scale-up to
 * react faster to spikes (the larger step wins).
 *
 * @param scaleUp the rules for adding pods
 * @param scaleDown the rules for removing pods
 */
public record Behavior(ScalingRules scaleUp, ScalingRules scaleDown) {

    private static final Duration MINUTE = Duration.ofSeconds(60);

    /** The report's behavior; see the type's description. */
    public static final Behavior DEFAULT = new Behavior(
            ScalingRules.of(ScalingPolicy.percent(50, MINUTE), ScalingPolicy.pods(2, MINUTE))
                    .stabilization(Duration.ofSeconds(60)).select(SelectPolicy.MIN),
            ScalingRules.of(ScalingPolicy.percent(10, MINUTE), ScalingPolicy.pods(1, MINUTE))
                    .stabilization(Duration.ofSeconds(300)).select(SelectPolicy.MIN));

    /**
     * Checks {@code scaleUp} and {@code scaleDown} at once, naming the argument and the call when one is invalid.
     *
     * @param scaleUp the rules for adding pods
     * @param scaleDown the rules for removing pods
     */
    public Behavior {
        Require.nonNull(scaleUp, "scaleUp");
        Require.nonNull(scaleDown, "scaleDown");
    }

    /** This behavior with other scale-up rules. */
    public Behavior scaleUp(ScalingRules rules) {
        Require.nonNull(rules, "rules");
        return new Behavior(rules, scaleDown);
    }

    /** This behavior with other scale-down rules. */
    public Behavior scaleDown(ScalingRules rules) {
        Require.nonNull(rules, "rules");
        return new Behavior(scaleUp, rules);
    }
}

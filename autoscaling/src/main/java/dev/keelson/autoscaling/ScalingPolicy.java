package dev.keelson.autoscaling;

import dev.keelson.core.Percent;
import dev.keelson.core.Require;
import dev.keelson.autoscaling.internal.Quantities;
import java.time.Duration;

/**
 * One limit on how fast a tier scales in one direction: so many pods, or so many percent of the
 * current replicas, per period.
 *
 * <pre>{@code
 * ScalingPolicy.percent(50, Duration.ofSeconds(60))   // +50 % per minute
 * ScalingPolicy.pods(2, Duration.ofSeconds(60))       // +2 pods per minute
 * }</pre>
 *
 * @param type pods or percent
 * @param value how many, at least 1
 * @param period over what time: whole seconds from 1 to 1800 (Kubernetes' bounds)
 */
public record ScalingPolicy(Type type, int value, Duration period) {

    /** What a policy counts. */
    public enum Type {
        /** A number of pods ({@code Pods}). */
        PODS("Pods"),
        /** A percentage of the current replicas ({@code Percent}). */
        PERCENT("Percent");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        /** The value Kubernetes expects. */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * Checks {@code type} and {@code period} at once, naming the argument and the call when one is invalid.
     *
     * @param type pods or percent
     * @param value how many, at least 1
     * @param period over what time: whole seconds from 1 to 1800 (Kubernetes' bounds)
     */
    public ScalingPolicy {
        Require.nonNull(type, "type");
        Require.nonNull(period, "period");
        if (value < 1) {
            throw new IllegalArgumentException("a scaling policy's value must be at least 1, was " + value);
        }
        Quantities.wholeSeconds(period, 1, 1800, "a scaling policy's period");
    }

    /** At most {@code count} pods per {@code period}. */
    public static ScalingPolicy pods(int count, Duration period) {
        Require.nonNull(period, "period");
        return new ScalingPolicy(Type.PODS, count, period);
    }

    /** At most {@code percent} % of the current replicas per {@code period}. */
    public static ScalingPolicy percent(int percent, Duration period) {
        Require.nonNull(period, "period");
        return new ScalingPolicy(Type.PERCENT, percent, period);
    }

    /** At most {@code percent} of the current replicas per {@code period}; whole, at least 1, may exceed 100. */
    public static ScalingPolicy percent(Percent percent, Duration period) {
        Require.nonNull(percent, "percent");
        Require.nonNull(period, "period");
        return new ScalingPolicy(Type.PERCENT, Quantities.wholePercent(percent, "a scaling policy's value"), period);
    }

    @Override
    public String toString() {
        return value + (type == Type.PODS ? " pods" : "%") + " per " + period.getSeconds() + "s";
    }
}

package dev.keelson.autoscaling;

import dev.keelson.core.Percent;
import dev.keelson.core.Require;
import dev.keelson.autoscaling.internal.Quantities;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * What an autoscaler aims for on one metric: a utilization of the requests, an average value per
 * pod, or a total value.
 *
 * <pre>{@code
 * Target.utilization(70)                     // 70 % of the containers' requests
 * Target.averageValue(100)                   // 100 per pod, e.g. requests per second
 * Target.averageValue(Duration.ofMillis(500))// 0.5 s per pod (written 500m)
 * Target.averageQuantity("512Mi")            // 512 MiB of memory per pod
 * Target.value(2000)                         // 2000 in total, e.g. on an Ingress
 * }</pre>
 */
public sealed interface Target {

    /**
     * A percentage of the containers' requests; only for cpu and memory. Requires requests on every
     * container. A whole number of at least 1, which may exceed 100 (150 % of the request is legal).
     */
    record Utilization(Percent percent) implements Target {
        /**
         * Checks {@code percent} at once, naming the argument and the call when one is invalid.
         *
         * @param percent the {@link #percent() percent} component: whole, at least 1
         */
        public Utilization {
            Require.nonNull(percent, "percent");
            Quantities.wholePercent(percent, "percent");
        }
    }

    /** An average per pod, as a Kubernetes quantity (e.g. {@code 100}, {@code 500m}, {@code 512Mi}). */
    record AverageValue(String quantity) implements Target {
        /**
         * Checks {@code quantity} at once, naming the argument and the call when one is invalid.
         *
         * @param quantity the {@link #quantity() quantity} component
         */
        public AverageValue {
            Require.nonNull(quantity, "quantity");
            Quantities.require(quantity, "averageValue");
        }
    }

    /** A total value, as a Kubernetes quantity; for object and external metrics. */
    record Value(String quantity) implements Target {
        /**
         * Checks {@code quantity} at once, naming the argument and the call when one is invalid.
         *
         * @param quantity the {@link #quantity() quantity} component
         */
        public Value {
            Require.nonNull(quantity, "quantity");
            Quantities.require(quantity, "value");
        }
    }

    /** {@code percent} % of the requests. */
    static Target utilization(int percent) {
        return utilization(Percent.of(percent));
    }

    /** {@code percent} of the requests: whole, at least 1. */
    static Target utilization(Percent percent) {
        Require.nonNull(percent, "percent");
        return new Utilization(percent);
    }

    /** An average of {@code perPod} per pod. */
    static Target averageValue(long perPod) {
        return new AverageValue(Quantities.of(BigDecimal.valueOf(perPod), "averageValue"));
    }

    /** An average of {@code perPod} per pod; fractions to a thousandth ({@code 0.5} is written {@code 500m}). */
    static Target averageValue(BigDecimal perPod) {
        Require.nonNull(perPod, "perPod");
        return new AverageValue(Quantities.of(perPod, "averageValue"));
    }

    /** An average duration per pod, for metrics measured in seconds (500 ms is written {@code 500m}). */
    static Target averageValue(Duration perPod) {
        Require.nonNull(perPod, "perPod");
        return new AverageValue(Quantities.seconds(perPod, "averageValue"));
    }

    /** An average per pod given as a Kubernetes quantity such as {@code 500m} (CPU) or {@code 512Mi} (memory). */
    static Target averageQuantity(String quantity) {
        Require.nonNull(quantity, "quantity");
        return new AverageValue(quantity);
    }

    /** A total of {@code total}. */
    static Target value(long total) {
        return new Value(Quantities.of(BigDecimal.valueOf(total), "value"));
    }

    /** A total given as a Kubernetes quantity. */
    static Target valueQuantity(String quantity) {
        Require.nonNull(quantity, "quantity");
        return new Value(quantity);
    }
}

package dev.keelson.autoscaling;

/**
 * A whole percentage, e.g. a utilization target or a scaling step.
 *
 * <pre>{@code
 * Percent.of(70)      // 70 %
 * }</pre>
 *
 * <p>Values above 100 are allowed: a CPU utilization target of 150 % of the request is legal, as is
 * a scale-up step of 200 %.
 *
 * @param value the percentage, at least 1
 */
public record Percent(int value) {

    /**
     * Checks the components at once, naming the one that is invalid.
     *
     * @param value the percentage, at least 1
     */
    public Percent {
        if (value < 1) {
            throw new IllegalArgumentException("percent must be at least 1, was " + value);
        }
    }

    /** {@code value} percent; at least 1. */
    public static Percent of(int value) {
        return new Percent(value);
    }

    @Override
    public String toString() {
        return value + "%";
    }
}

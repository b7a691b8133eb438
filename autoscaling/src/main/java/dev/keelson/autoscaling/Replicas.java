package dev.keelson.autoscaling;

/**
 * The range an autoscaler keeps a tier's replica count in.
 *
 * <pre>{@code
 * Replicas.between(2, 20)    // the report's range
 * }</pre>
 *
 * <p>Negative values fail at once; a minimum above the maximum, a minimum of 0 without KEDA, and a
 * minimum of 1 (no pod survives a node drain) are reported when the platform is built, with the
 * tier's path.
 *
 * @param min the fewest replicas (0 only with KEDA, which can scale to zero)
 * @param max the most replicas, at least 1
 */
public record Replicas(int min, int max) {

    /** The report's range: 2 to 20. */
    public static final Replicas DEFAULT = new Replicas(2, 20);

    /**
     * Checks the components at once, naming the one that is invalid.
     *
     * @param min the fewest replicas (0 only with KEDA, which can scale to zero)
     * @param max the most replicas, at least 1
     */
    public Replicas {
        if (min < 0) {
            throw new IllegalArgumentException("min replicas must be 0 or more, was " + min);
        }
        if (max < 1) {
            throw new IllegalArgumentException("max replicas must be at least 1, was " + max);
        }
    }

    /** From {@code min} to {@code max} replicas. */
    public static Replicas between(int min, int max) {
        return new Replicas(min, max);
    }

    @Override
    public String toString() {
        return min + ".." + max;
    }
}

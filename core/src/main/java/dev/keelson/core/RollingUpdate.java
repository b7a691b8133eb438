package dev.keelson.core;

/**
 * How a Deployment replaces its pods. Values are counts ({@code "1"}) or percentages
 * ({@code "25%"}).
 *
 * <p>Default ({@link #DEFAULT}): {@code maxSurge 25%}, {@code maxUnavailable 0}: new pods come up
 * before old ones go, so a rollout never lowers capacity.
 *
 * @param maxSurge how many pods above the desired count may exist during a rollout
 * @param maxUnavailable how many pods below the desired count may be unavailable
 */
public record RollingUpdate(String maxSurge, String maxUnavailable) {

    /** maxSurge 25%, maxUnavailable 0. */
    public static final RollingUpdate DEFAULT = new RollingUpdate("25%", "0");

    /**
     * Checks {@code maxSurge} and {@code maxUnavailable} at once, naming the argument and the call when one is
     * invalid.
     *
     * @param maxSurge how many pods above the desired count may exist during a rollout
     * @param maxUnavailable how many pods below the desired count may be unavailable
     */
    public RollingUpdate {
        Require.nonNull(maxSurge, "maxSurge");
        Require.nonNull(maxUnavailable, "maxUnavailable");
    }

    /** A rolling update with these limits. */
    public static RollingUpdate of(String maxSurge, String maxUnavailable) {
        Require.nonNull(maxSurge, "maxSurge");
        Require.nonNull(maxUnavailable, "maxUnavailable");
        return new RollingUpdate(maxSurge, maxUnavailable);
    }
}

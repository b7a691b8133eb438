package dev.keelson.mesh;

import dev.keelson.core.Image;
import dev.keelson.core.Percent;
import dev.keelson.core.Require;

/**
 * A canary: a small share of traffic to a new image, the rest to the stable Deployment. Weights
 * must sum to 100 and the canary image must differ from the stable one.
 *
 * <pre>{@code
 * Canary.of("ghcr.io/acme/api:2.5.0", 10)            // 90 stable / 10 canary, 1 replica
 * Canary.of("ghcr.io/acme/api:2.5.0", 10).replicas(2)
 * }</pre>
 *
 * @param image the canary's image
 * @param stableWeight percent of requests to the stable version
 * @param canaryWeight percent of requests to the canary
 * @param replicas replicas of {@code <tier>-canary}; default 1
 */
public record Canary(Image image, int stableWeight, int canaryWeight, int replicas) implements TrafficSplit {

    /**
     * Checks {@code image} at once, naming the argument and the call when one is invalid.
     *
     * @param image the canary's image
     * @param stableWeight percent of requests to the stable version
     * @param canaryWeight percent of requests to the canary
     * @param replicas replicas of {@code <tier>-canary}; default 1
     */
    public Canary {
        Require.nonNull(image, "image");
    }

    /** {@code percent} percent of requests to {@code image}, the rest to the stable version. */
    public static Canary of(String image, int percent) {
        Require.nonNull(image, "image");
        return of(Image.parse(image), percent);
    }

    /** {@code percent} percent of requests to {@code image}, the rest to the stable version. */
    public static Canary of(Image image, int percent) {
        Require.nonNull(image, "image");
        return new Canary(image, 100 - percent, percent, 1);
    }

    /**
     * {@code percent} of requests to {@code image}, the rest to the stable version; a whole number,
     * as Istio weighs routes in whole percent (a fraction is refused at once).
     */
    public static Canary of(Image image, Percent percent) {
        Require.nonNull(image, "image");
        Require.nonNull(percent, "percent");
        return of(image, percent.intValueExact());
    }

    /** This canary with explicit weights (they must sum to 100). */
    public Canary weights(int stable, int canary) {
        return new Canary(image, stable, canary, replicas);
    }

    /** This canary with another replica count. */
    public Canary replicas(int count) {
        return new Canary(image, stableWeight, canaryWeight, count);
    }

    @Override
    public String version() {
        return "canary";
    }

    @Override
    public String kind() {
        return "canary";
    }
}

package dev.keelson.mesh;

import dev.keelson.core.Image;
import dev.keelson.core.Percent;
import dev.keelson.core.Require;

/**
 * Traffic mirroring (shadowing): a copy of a share of requests goes to a new version
 * ({@code <tier>-mirror}), whose answers are thrown away; callers only see the stable version.
 *
 * <pre>{@code
 * Mirror.of("ghcr.io/acme/api:2.5.0", 100)   // every request copied
 * }</pre>
 *
 * @param image the mirror's image
 * @param percentage the share of requests copied, above 0 and at most 100
 * @param replicas replicas of {@code <tier>-mirror}; default 1
 */
public record Mirror(Image image, Percent percentage, int replicas) implements TrafficSplit {

    /**
     * Checks {@code image} at once, naming the argument and the call when one is invalid.
     *
     * @param image the mirror's image
     * @param percentage the share of requests copied, above 0 and at most 100
     * @param replicas replicas of {@code <tier>-mirror}; default 1
     */
    public Mirror {
        Require.nonNull(image, "image");
        Require.nonNull(percentage, "percentage");
    }

    /** {@code percentage} percent of requests copied to {@code image}. */
    public static Mirror of(String image, double percentage) {
        Require.nonNull(image, "image");
        return of(image, Percent.of(percentage));
    }

    /** {@code percentage} of requests copied to {@code image}, e.g. {@code Percent.parse("0.5")}. */
    public static Mirror of(String image, Percent percentage) {
        Require.nonNull(image, "image");
        Require.nonNull(percentage, "percentage");
        return new Mirror(Image.parse(image), percentage, 1);
    }

    /** The mirror with another replica count. */
    public Mirror replicas(int count) {
        return new Mirror(image, percentage, count);
    }

    @Override
    public String version() {
        return "mirror";
    }

    @Override
    public String kind() {
        return "mirror";
    }
}

package dev.keelson.mesh;

import dev.keelson.core.Image;
import dev.keelson.core.Require;

/**
 * Blue-green: a full second Deployment {@code <tier>-green} beside the stable (blue) one, and all
 * traffic on exactly one of them. Switching is one line; switching back is instant.
 *
 * <pre>{@code
 * BlueGreen.green("ghcr.io/acme/web:1.5.0")              // deployed, no traffic yet
 * BlueGreen.green("ghcr.io/acme/web:1.5.0").switched()   // all traffic to green
 * }</pre>
 *
 * @param image the green version's image
 * @param greenLive whether traffic goes to green; default false (all to stable)
 * @param replicas replicas of {@code <tier>-green}; 0 (the default) means as many as the tier's
 */
public record BlueGreen(Image image, boolean greenLive, int replicas) implements TrafficSplit {

    /**
     * Checks {@code image} at once, naming the argument and the call when one is invalid.
     *
     * @param image the green version's image
     * @param greenLive whether traffic goes to green; default false (all to stable)
     * @param replicas replicas of {@code <tier>-green}; 0 (the default) means as many as the tier's
     */
    public BlueGreen {
        Require.nonNull(image, "image");
    }

    /** A green version with {@code image}, not yet receiving traffic. */
    public static BlueGreen green(String image) {
        Require.nonNull(image, "image");
        return new BlueGreen(Image.parse(image), false, 0);
    }

    /** All traffic to green. */
    public BlueGreen switched() {
        return new BlueGreen(image, true, replicas);
    }

    /** Green with another replica count. */
    public BlueGreen replicas(int count) {
        return new BlueGreen(image, greenLive, count);
    }

    @Override
    public String version() {
        return "green";
    }

    @Override
    public String kind() {
        return "blueGreen";
    }
}

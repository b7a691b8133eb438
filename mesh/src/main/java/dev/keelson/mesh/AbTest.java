package dev.keelson.mesh;

import dev.keelson.core.Image;
import dev.keelson.core.Require;

/**
 * An A/B test: requests carrying a header value (or a cookie) go to variant B ({@code <tier>-b}),
 * every other request to the stable version.
 *
 * <pre>{@code
 * AbTest.header("x-variant", "b", "ghcr.io/acme/web:1.5.0-b")
 * AbTest.cookie("variant", "b", "ghcr.io/acme/web:1.5.0-b")
 * }</pre>
 *
 * @param image variant B's image
 * @param name the header or cookie name
 * @param value the value that selects B
 * @param cookie whether {@code name} is a cookie rather than a header
 * @param replicas replicas of {@code <tier>-b}; default 1
 */
public record AbTest(Image image, String name, String value, boolean cookie, int replicas) implements TrafficSplit {

    /**
     * Checks {@code image}, {@code name} and {@code value} at once, naming the argument and the call when one is
     * invalid.
     *
     * @param image variant B's image
     * @param name the header or cookie name
     * @param value the value that selects B
     * @param cookie whether {@code name} is a cookie rather than a header
     * @param replicas replicas of {@code <tier>-b}; default 1
     */
    public AbTest {
        Require.nonNull(image, "image");
        Require.nonNull(name, "name");
        Require.nonNull(value, "value");
    }

    /** Requests with header {@code header: value} to {@code image}. */
    public static AbTest header(String header, String value, String image) {
        Require.nonNull(header, "header");
        Require.nonNull(value, "value");
        Require.nonNull(image, "image");
        return new AbTest(Image.parse(image), header, value, false, 1);
    }

    /** Requests with cookie {@code cookie=value} to {@code image}. */
    public static AbTest cookie(String cookie, String value, String image) {
        Require.nonNull(cookie, "cookie");
        Require.nonNull(value, "value");
        Require.nonNull(image, "image");
        return new AbTest(Image.parse(image), cookie, value, true, 1);
    }

    /** Variant B with another replica count. */
    public AbTest replicas(int count) {
        return new AbTest(image, name, value, cookie, count);
    }

    @Override
    public String version() {
        return "b";
    }

    @Override
    public String kind() {
        return "abTest";
    }
}

package dev.keelson.mesh;

import dev.keelson.core.Require;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How a tier's callers pick one of its pods (DestinationRule {@code loadBalancer}).
 *
 * <pre>{@code
 * LoadBalancer.leastRequest()              // the default
 * LoadBalancer.roundRobin()
 * LoadBalancer.random()
 * LoadBalancer.hashHeader("x-user-id")     // session affinity by header
 * LoadBalancer.hashCookie("session", Duration.ofHours(1))
 * LoadBalancer.hashSourceIp()
 * }</pre>
 *
 * @param kind the algorithm
 * @param key the header or cookie name for consistent hashing, else {@code null} (checked: a key
 *     given to another algorithm would do nothing, so it is refused)
 * @param cookieTtl the lifetime of a generated cookie for {@code HASH_COOKIE}, else {@code null} (checked likewise)
 */
public record LoadBalancer(Kind kind, @Nullable String key, @Nullable Duration cookieTtl) {

    /** The load-balancing algorithms. */
    public enum Kind {
        /** Each endpoint in turn. */
        ROUND_ROBIN,
        /** The endpoint with the fewest active requests (Istio's default). */
        LEAST_REQUEST,
        /** A random endpoint. */
        RANDOM,
        /** Consistent hashing on a request header: the same value reaches the same endpoint. */
        HASH_HEADER,
        /** Consistent hashing on a cookie, generated with a lifetime when missing. */
        HASH_COOKIE,
        /** Consistent hashing on the client's IP address. */
        HASH_SOURCE_IP
    }

    /**
     * Checks {@code kind} at once, naming the argument and the call when one is invalid.
     *
     * @param kind the algorithm
     * @param key the header or cookie name for consistent hashing, else {@code null} (checked: a key
     *     given to another algorithm would do nothing, so it is refused)
     * @param cookieTtl the lifetime of a generated cookie for {@code HASH_COOKIE}, else {@code null} (checked likewise)
     */
    public LoadBalancer {
        Require.nonNull(kind, "kind");
        boolean keyed = kind == Kind.HASH_HEADER || kind == Kind.HASH_COOKIE;
        if (keyed != (key != null)) {
            throw new IllegalArgumentException("new LoadBalancer(): " + kind + (keyed ? " needs a key (the header or cookie name)"
                    : " takes no key, but got '" + key + "'") + "; use the factories, e.g. LoadBalancer.hashHeader(\"x-user-id\")");
        }
        if ((kind == Kind.HASH_COOKIE) != (cookieTtl != null)) {
            throw new IllegalArgumentException("new LoadBalancer(): " + kind + (kind == Kind.HASH_COOKIE
                    ? " needs a cookie lifetime" : " takes no cookie lifetime, but got " + cookieTtl)
                    + "; use the factories, e.g. LoadBalancer.hashCookie(\"session\", Duration.ofHours(1))");
        }
    }

    /** Fewest outstanding requests wins (Istio's default, good for uneven request costs). */
    public static LoadBalancer leastRequest() {
        return new LoadBalancer(Kind.LEAST_REQUEST, null, null);
    }

    /** Each pod in turn. */
    public static LoadBalancer roundRobin() {
        return new LoadBalancer(Kind.ROUND_ROBIN, null, null);
    }

    /** A random pod. */
    public static LoadBalancer random() {
        return new LoadBalancer(Kind.RANDOM, null, null);
    }

    /** The same pod for the same value of HTTP header {@code header}. */
    public static LoadBalancer hashHeader(String header) {
        Require.nonNull(header, "header");
        return new LoadBalancer(Kind.HASH_HEADER, header, null);
    }

    /** The same pod for the same cookie {@code cookie}, generated with lifetime {@code ttl} when absent. */
    public static LoadBalancer hashCookie(String cookie, Duration ttl) {
        Require.nonNull(cookie, "cookie");
        Require.nonNull(ttl, "ttl");
        return new LoadBalancer(Kind.HASH_COOKIE, cookie, ttl);
    }

    /** The same pod for the same client IP address. */
    public static LoadBalancer hashSourceIp() {
        return new LoadBalancer(Kind.HASH_SOURCE_IP, null, null);
    }
}

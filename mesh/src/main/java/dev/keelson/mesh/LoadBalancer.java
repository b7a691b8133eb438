package dev.keelson.mesh;

import java.time.Duration;
import java.util.Objects;

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
 * @param key the header or cookie name for consistent hashing, else {@code null}
 * @param cookieTtl the lifetime of a generated cookie, else {@code null}
 */
public record LoadBalancer(Kind kind, String key, Duration cookieTtl) {

    /** The load-balancing algorithms. */
    public enum Kind { ROUND_ROBIN, LEAST_REQUEST, RANDOM, HASH_HEADER, HASH_COOKIE, HASH_SOURCE_IP }

    public LoadBalancer {
        Objects.requireNonNull(kind, "kind");
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
        return new LoadBalancer(Kind.HASH_HEADER, Objects.requireNonNull(header, "header"), null);
    }

    /** The same pod for the same cookie {@code cookie}, generated with lifetime {@code ttl} when absent. */
    public static LoadBalancer hashCookie(String cookie, Duration ttl) {
        return new LoadBalancer(Kind.HASH_COOKIE, Objects.requireNonNull(cookie, "cookie"), Objects.requireNonNull(ttl, "ttl"));
    }

    /** The same pod for the same client IP address. */
    public static LoadBalancer hashSourceIp() {
        return new LoadBalancer(Kind.HASH_SOURCE_IP, null, null);
    }
}

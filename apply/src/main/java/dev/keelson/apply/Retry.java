package dev.keelson.apply;

import dev.keelson.core.Require;
import java.time.Duration;

/**
 * How transient failures are retried: HTTP 429 (too many requests), 5xx, timeouts and dropped
 * connections. The wait doubles after each attempt, from {@code initialBackoff} up to
 * {@code maxBackoff}, with random jitter of up to half the wait. Other failures (400, 403, 404,
 * 409, 422) are never retried: repeating them cannot help.
 *
 * <pre>{@code
 * cluster.apply(platform).environment("prod").retry(Retry.attempts(8)).run();
 * }</pre>
 *
 * @param attempts how many times a request is tried in all, at least 1. Default: 6.
 * @param initialBackoff the wait after the first failure. Default: 200 ms.
 * @param maxBackoff the longest wait between two attempts. Default: 10 s.
 */
public record Retry(int attempts, Duration initialBackoff, Duration maxBackoff) {

    /**
     * Checks {@code initialBackoff} and {@code maxBackoff} at once, naming the argument and the call when one is
     * invalid.
     *
     * @param attempts how many times a request is tried in all, at least 1. Default: 6.
     * @param initialBackoff the wait after the first failure. Default: 200 ms.
     * @param maxBackoff the longest wait between two attempts. Default: 10 s.
     */
    public Retry {
        Require.nonNull(initialBackoff, "initialBackoff");
        Require.nonNull(maxBackoff, "maxBackoff");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initialBackoff (" + initialBackoff
                    + ") <= maxBackoff (" + maxBackoff + ")");
        }
    }

    /** 6 attempts, 200 ms doubling up to 10 s: about 16 s of waiting at most per request. */
    public static Retry defaults() {
        return new Retry(6, Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    /** Every request tried once. */
    public static Retry none() {
        return new Retry(1, Duration.ZERO, Duration.ZERO);
    }

    /** The default backoff with {@code attempts} attempts in all. */
    public static Retry attempts(int attempts) {
        Retry d = defaults();
        return new Retry(attempts, d.initialBackoff(), d.maxBackoff());
    }

    /** This policy with another backoff. */
    public Retry backoff(Duration initial, Duration max) {
        Require.nonNull(initial, "initial");
        Require.nonNull(max, "max");
        return new Retry(attempts, initial, max);
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failures (1-based), without jitter. */
    public Duration backoffAfter(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}

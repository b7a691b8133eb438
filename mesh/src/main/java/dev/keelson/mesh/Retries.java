package dev.keelson.mesh;

import dev.keelson.core.Require;
import java.time.Duration;
import java.util.List;

/**
 * How the caller's proxy retries a failed request to a tier (VirtualService {@code retries}).
 *
 * <pre>{@code
 * Retries.DEFAULT                                          // 2 attempts, 2 s each, safe conditions
 * Retries.attempts(3).perTry(Duration.ofSeconds(1))
 * Retries.attempts(3).on("5xx", "reset", "connect-failure") // 5xx retries non-idempotent calls too
 * Retries.none()
 * }</pre>
 *
 * @param attempts how many retries; 0 for none
 * @param perTryTimeout the timeout of each try
 * @param retryOn the Envoy retry conditions
 */
public record Retries(int attempts, Duration perTryTimeout, List<String> retryOn) {

    /**
     * The conditions retried unless told otherwise: failures where the request surely did not reach
     * the application, so even non-idempotent calls are safe to retry.
     */
    public static final List<String> SAFE_CONDITIONS = List.of("connect-failure", "refused-stream", "unavailable",
            "cancelled", "retriable-status-codes");

    /** 2 retries, 2 s per try, on {@link #SAFE_CONDITIONS}. */
    public static final Retries DEFAULT = new Retries(2, Duration.ofSeconds(2), SAFE_CONDITIONS);

    /**
     * Checks {@code perTryTimeout} and {@code retryOn} at once, naming the argument and the call when one is invalid.
     * Copies the collections, so the value stays immutable.
     *
     * @param attempts how many retries; 0 for none
     * @param perTryTimeout the timeout of each try
     * @param retryOn the Envoy retry conditions
     */
    public Retries {
        Require.nonNull(perTryTimeout, "perTryTimeout");
        Require.noNulls(retryOn, "retryOn");
        retryOn = List.copyOf(retryOn);
    }

    /** {@code n} retries, otherwise as {@link #DEFAULT}. */
    public static Retries attempts(int n) {
        return new Retries(n, DEFAULT.perTryTimeout(), DEFAULT.retryOn());
    }

    /** No retries. */
    public static Retries none() {
        return new Retries(0, DEFAULT.perTryTimeout(), List.of());
    }

    /** These retries with another per-try timeout. */
    public Retries perTry(Duration timeout) {
        Require.nonNull(timeout, "timeout");
        return new Retries(attempts, timeout, retryOn);
    }

    /** These retries on other Envoy conditions ({@code 5xx}, {@code gateway-error}, {@code reset}, ...). */
    public Retries on(String... conditions) {
        Require.noNulls(conditions, "conditions");
        return new Retries(attempts, perTryTimeout, List.of(conditions));
    }
}

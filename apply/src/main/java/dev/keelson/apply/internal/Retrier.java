package dev.keelson.apply.internal;

import dev.keelson.apply.Retry;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Runs a request again on transient failures, with bounded exponential backoff. Internal. */
public final class Retrier {

    private final Retry policy;

    public Retrier(Retry policy) {
        this.policy = policy;
    }

    /**
     * The result of {@code request}, tried up to {@link Retry#attempts()} times while it fails
     * transiently; {@code attempts} counts the tries.
     */
    public <T> T call(Supplier<T> request, AtomicInteger attempts) {
        for (int attempt = 1; ; attempt++) {
            attempts.incrementAndGet();
            try {
                return request.get();
            } catch (KubernetesClientException e) {
                if (attempt >= policy.attempts() || !transient_(e)) {
                    throw e;
                }
                sleep(attempt);
            }
        }
    }

    /** Whether a failure may go away by itself: 429, 5xx, timeouts, dropped connections. */
    public static boolean transient_(KubernetesClientException e) {
        int code = e.getCode();
        if (code == 429 || code >= 500 && code <= 599) {
            return true;
        }
        if (code > 0) {
            return false;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    private void sleep(int attempt) {
        long millis = policy.backoffAfter(attempt).toMillis();
        long jitter = millis <= 1 ? 0 : ThreadLocalRandom.current().nextLong(millis / 2 + 1);
        try {
            Thread.sleep(millis / 2 + jitter);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while waiting to retry", interrupted);
        }
    }
}

package dev.keelson.core;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A tier that runs to completion: a Job (a migration, a one-off task), or the Job a
 * {@link Schedule} starts. Its pods restart never ({@code restartPolicy: Never}, so each failed
 * attempt stays visible with its reason), have no Service, probes, disruption budget or autoscaler,
 * and keep the secure pod defaults. Under an Istio sidecar mesh its pods get a native sidecar, so
 * the proxy does not keep a finished Job running.
 *
 * <pre>{@code
 * Tier.named("migrate").image("ghcr.io/acme/api:2.0.1").command("/app/migrate")
 *     .job(Batch.DEFAULT.backoffLimit(1).activeDeadline(Duration.ofMinutes(10)))
 *     .runsBefore("api");
 * }</pre>
 *
 * @param backoffLimit failed attempts retried before the Job fails. Default: 2
 * @param activeDeadline how long the Job may run in all, retries included; {@code null} (the
 *     default) for no limit
 * @param ttlAfterFinished how long a finished Job (and its pods, with their logs) stays before
 *     Kubernetes deletes it; {@code null} keeps it forever. Default: 1 day
 */
public record Batch(int backoffLimit, @Nullable Duration activeDeadline, @Nullable Duration ttlAfterFinished) implements Workload {

    /** Two retries, no deadline, deleted one day after it finished. */
    public static final Batch DEFAULT = new Batch(2, null, Duration.ofDays(1));

    /** Failed attempts retried before the Job fails (0 or more). */
    public Batch backoffLimit(int retries) {
        return new Batch(retries, activeDeadline, ttlAfterFinished);
    }

    /** How long the Job may run in all ({@code activeDeadlineSeconds}, whole seconds, at least 1). */
    public Batch activeDeadline(Duration deadline) {
        Require.nonNull(deadline, "deadline");
        return new Batch(backoffLimit, deadline, ttlAfterFinished);
    }

    /** How long a finished Job stays ({@code ttlSecondsAfterFinished}, whole seconds, 0 or more). */
    public Batch ttlAfterFinished(Duration ttl) {
        Require.nonNull(ttl, "ttl");
        return new Batch(backoffLimit, activeDeadline, ttl);
    }

    /** A finished Job stays until deleted. The security policy check reports it (SEC-AVL-012). */
    public Batch keptForever() {
        return new Batch(backoffLimit, activeDeadline, null);
    }

    @Override
    public Kind kind() {
        return Kind.JOB;
    }
}

package dev.keelson.core;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A tier that runs to completion on a schedule: a CronJob, whose Jobs are {@link Batch}es.
 *
 * <pre>{@code
 * Tier.named("report").image("ghcr.io/acme/report:1.0.0")
 *     .cronJob(Schedule.cron("0 3 * * *").timeZone("Europe/Berlin").concurrency(Schedule.Concurrency.REPLACE));
 * }</pre>
 *
 * @param cron five fields (minute hour day-of-month month day-of-week) or a macro such as {@code @daily}
 * @param timeZone an IANA time zone such as {@code Europe/Berlin}; {@code null} (the default) uses
 *     kube-controller-manager's (usually UTC)
 * @param concurrency what happens when a run is due while the last one still runs. Default: {@link Concurrency#FORBID}
 * @param successfulJobsHistory finished Jobs kept. Default: 3
 * @param failedJobsHistory failed Jobs kept (with their pods, for the logs). Default: 1
 * @param startingDeadline how late a missed run may still start; {@code null} for no limit (then the
 *     controller stops scheduling after 100 missed runs). Default: 5 minutes
 * @param batch the settings of each Job. Default: {@link Batch#DEFAULT}
 */
public record Schedule(String cron, @Nullable String timeZone, Concurrency concurrency, int successfulJobsHistory,
                       int failedJobsHistory, @Nullable Duration startingDeadline, Batch batch) implements Workload {

    /** What happens to a run due while the previous one still runs ({@code concurrencyPolicy}). */
    public enum Concurrency {
        /** Both run ({@code Allow}). */
        ALLOW("Allow"),
        /** The new run is skipped ({@code Forbid}). The default. */
        FORBID("Forbid"),
        /** The running one is stopped and replaced ({@code Replace}). */
        REPLACE("Replace");

        private final String value;

        Concurrency(String value) {
            this.value = value;
        }

        /** The value Kubernetes spells. */
        public String value() {
            return value;
        }
    }

    /** Checks nulls; the rest is checked with the platform (KEE-KIND-020..023). */
    public Schedule {
        Require.nonNull(cron, "cron");
        Require.nonNull(concurrency, "concurrency");
        Require.nonNull(batch, "batch");
    }

    /** Runs on {@code cron} (e.g. {@code 0 3 * * *}, {@code @hourly}), never two at once, missed runs dropped after 5 minutes. */
    public static Schedule cron(String cron) {
        Require.nonNull(cron, "cron");
        return new Schedule(cron, null, Concurrency.FORBID, 3, 1, Duration.ofMinutes(5), Batch.DEFAULT);
    }

    /** The IANA time zone the schedule is read in (e.g. {@code Europe/Berlin}). */
    public Schedule timeZone(String zone) {
        Require.nonNull(zone, "zone");
        return new Schedule(cron, zone, concurrency, successfulJobsHistory, failedJobsHistory, startingDeadline, batch);
    }

    /** What happens when a run is due while the last one still runs. */
    public Schedule concurrency(Concurrency policy) {
        Require.nonNull(policy, "policy");
        return new Schedule(cron, timeZone, policy, successfulJobsHistory, failedJobsHistory, startingDeadline, batch);
    }

    /** Finished and failed Jobs kept (0 or more each). */
    public Schedule history(int successful, int failed) {
        return new Schedule(cron, timeZone, concurrency, successful, failed, startingDeadline, batch);
    }

    /** How late a missed run may still start (whole seconds, at least 1). */
    public Schedule startingDeadline(Duration deadline) {
        Require.nonNull(deadline, "deadline");
        return new Schedule(cron, timeZone, concurrency, successfulJobsHistory, failedJobsHistory, deadline, batch);
    }

    /** The settings of each Job (retries, deadline, time to live). */
    public Schedule batch(Batch settings) {
        Require.nonNull(settings, "settings");
        return new Schedule(cron, timeZone, concurrency, successfulJobsHistory, failedJobsHistory, startingDeadline, settings);
    }

    @Override
    public Kind kind() {
        return Kind.CRON_JOB;
    }
}

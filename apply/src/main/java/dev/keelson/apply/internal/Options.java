package dev.keelson.apply.internal;

import dev.keelson.apply.Retry;
import java.time.Duration;

/**
 * The options of one apply or diff. Internal.
 *
 * @param dryRun server-side dry run, nothing written
 * @param prune delete ApplySet members no longer in the platform
 * @param waitTimeout how long to wait for workloads to roll out (and Jobs to finish), or for deleted objects
 *     to go; {@code null} for no waiting (destroy then takes {@link #DEFAULT_DELETE_TIMEOUT})
 * @param forceConflicts take over fields other field managers own
 * @param maxInFlight the most requests in flight at once
 * @param retry how transient failures are retried
 * @param progress told about each object as it completes and about waiting
 */
public record Options(boolean dryRun, boolean prune, Duration waitTimeout, boolean forceConflicts, int maxInFlight,
                      Retry retry, Progress progress) {

    /** How long destroy waits for deleted objects to go when no timeout was given. */
    public static final Duration DEFAULT_DELETE_TIMEOUT = Duration.ofMinutes(2);
}

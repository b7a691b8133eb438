package dev.keelson.apply.internal;

import dev.keelson.apply.Retry;
import java.time.Duration;

/**
 * The options of one apply or diff. Internal.
 *
 * @param dryRun server-side dry run, nothing written
 * @param prune delete ApplySet members no longer in the platform
 * @param waitTimeout how long to wait for Deployments, StatefulSets and DaemonSets to roll out; {@code null} for no waiting
 * @param forceConflicts take over fields other field managers own
 * @param maxInFlight the most requests in flight at once
 * @param retry how transient failures are retried
 */
public record Options(boolean dryRun, boolean prune, Duration waitTimeout, boolean forceConflicts, int maxInFlight,
                      Retry retry) {
}

package dev.keelson.security;

import dev.keelson.core.KubernetesSyntax;
import dev.keelson.core.Resources;
import dev.keelson.core.Require;
import org.jspecify.annotations.Nullable;

/**
 * The ResourceQuota and LimitRange of each environment's namespace.
 *
 * <pre>{@code
 * Quota.derived()                                  // from the tiers, +50% headroom (default)
 * Quota.derived().headroom(100)                    // from the tiers, doubled
 * Quota.derived().requests("8", "16Gi").memoryLimit("24Gi").pods(60)   // fixed values
 * Quota.derived().limitDefaults(Resources.requests("50m", "64Mi"))
 * Quota.none()                                     // no quota: SEC-RES-005 reports it
 * }</pre>
 *
 * <p>Derived values: for every workload, its pod's requests (CPU, memory) and memory limits times
 * its most replicas (the Deployment's, or its HorizontalPodAutoscaler's {@code maxReplicas}),
 * plus an Istio sidecar's (100m, 128Mi, limit 1Gi) when the namespace is labelled for injection,
 * summed and raised by the headroom; a derived value is never less than what the workloads need
 * during their largest rollout (the surge pods of a rolling update), so the derived quota fits the
 * platform as rendered. Every quota, fixed or derived, is checked against the final objects of each
 * environment (rule KEE-SEC-030, docs/security.md). The quota never limits CPU: a CPU limit quota would force CPU limits on every container, which
 * throttle and fight autoscaling (checklist G-18).
 *
 * <p>The LimitRange gives containers that set nothing (e.g. injected sidecars) a default request
 * and memory limit; default {@link Resources#DEFAULT} (100m CPU and 128Mi memory requested, 128Mi
 * memory limit, no CPU limit).
 *
 * @param enabled whether a ResourceQuota and LimitRange are emitted; default true
 * @param headroomPercent how much above the derived sum the quota is; default 50 (slack, not the
 *     rollout surge, which a derived value always covers)
 * @param cpuRequests a fixed {@code requests.cpu}, or {@code null} to derive it
 * @param memoryRequests a fixed {@code requests.memory}, or {@code null} to derive it
 * @param memoryLimits a fixed {@code limits.memory}, or {@code null} to derive it
 * @param pods a fixed pod count, or {@code null} to derive it
 * @param limitDefaults the LimitRange's per-container defaults
 */
public record Quota(boolean enabled, int headroomPercent, @Nullable String cpuRequests, @Nullable String memoryRequests,
                    @Nullable String memoryLimits, @Nullable Integer pods, Resources limitDefaults) {

    /** The default headroom above the derived sum, in percent. */
    public static final int DEFAULT_HEADROOM = 50;

    /**
     * Checks {@code limitDefaults} at once, naming the argument and the call when one is invalid.
     *
     * @param enabled whether a ResourceQuota and LimitRange are emitted; default true
     * @param headroomPercent how much above the derived sum the quota is; default 50 (slack, not the
     *     rollout surge, which a derived value always covers)
     * @param cpuRequests a fixed {@code requests.cpu}, or {@code null} to derive it
     * @param memoryRequests a fixed {@code requests.memory}, or {@code null} to derive it
     * @param memoryLimits a fixed {@code limits.memory}, or {@code null} to derive it
     * @param pods a fixed pod count, or {@code null} to derive it
     * @param limitDefaults the LimitRange's per-container defaults
     */
    public Quota {
        Require.nonNull(limitDefaults, "limitDefaults");
        if (headroomPercent < 0) {
            throw new IllegalArgumentException("headroomPercent must be 0 or more, not " + headroomPercent);
        }
        if (pods != null && pods < 1) {
            throw new IllegalArgumentException("pods must be 1 or more, not " + pods);
        }
    }

    /** A quota derived from the tiers with {@value #DEFAULT_HEADROOM}% headroom. */
    public static Quota derived() {
        return new Quota(true, DEFAULT_HEADROOM, null, null, null, null, Resources.DEFAULT);
    }

    /** No ResourceQuota and no LimitRange. A weakening: rule SEC-RES-005 reports it. */
    public static Quota none() {
        return new Quota(false, DEFAULT_HEADROOM, null, null, null, null, Resources.DEFAULT);
    }

    /** This quota with another headroom above the derived sum, in percent (0 or more). */
    public Quota headroom(int percent) {
        return new Quota(enabled, percent, cpuRequests, memoryRequests, memoryLimits, pods, limitDefaults);
    }

    /** This quota with fixed {@code requests.cpu} and {@code requests.memory} (Kubernetes quantities). */
    public Quota requests(String cpu, String memory) {
        Require.nonNull(cpu, "cpu");
        Require.nonNull(memory, "memory");
        return new Quota(enabled, headroomPercent, quantity(cpu, "cpu"), quantity(memory, "memory"), memoryLimits, pods,
                limitDefaults);
    }

    /** This quota with a fixed {@code limits.memory}. */
    public Quota memoryLimit(String memory) {
        Require.nonNull(memory, "memory");
        return new Quota(enabled, headroomPercent, cpuRequests, memoryRequests, quantity(memory, "memory"),
                pods, limitDefaults);
    }

    private static String quantity(String value, String parameter) {
        if (KubernetesSyntax.quantity(value) == null) {
            throw new IllegalArgumentException(parameter + " '" + value
                    + "' is not a Kubernetes quantity; use e.g. '4' or '500m' for CPU, '8Gi' for memory");
        }
        return value;
    }

    /** This quota with a fixed pod count. */
    public Quota pods(int count) {
        return new Quota(enabled, headroomPercent, cpuRequests, memoryRequests, memoryLimits, count, limitDefaults);
    }

    /** This quota with other LimitRange defaults for containers that set no resources. */
    public Quota limitDefaults(Resources defaults) {
        Require.nonNull(defaults, "defaults");
        return new Quota(enabled, headroomPercent, cpuRequests, memoryRequests, memoryLimits, pods, defaults);
    }
}

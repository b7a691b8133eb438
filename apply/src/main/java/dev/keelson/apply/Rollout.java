package dev.keelson.apply;

import dev.keelson.core.Require;

/**
 * Where a workload's rollout (Deployment, StatefulSet or DaemonSet) stood when waiting ended.
 *
 * <pre>{@code
 * report.rollouts().stream().filter(r -> !r.ready()).forEach(System.out::println);
 * }</pre>
 *
 * @param object the workload
 * @param ready whether it was available and rolled out: the controller observed the latest
 *     generation, and updated and available replicas both reached the desired count
 * @param status what the controller reported, e.g. {@code 1/3 updated, 0/3 available, generation 4 observed 3}
 */
public record Rollout(ObjectRef object, boolean ready, String status) {

    /**
     * Checks {@code object} and {@code status} at once, naming the argument and the call when one is invalid.
     *
     * @param object the workload
     * @param ready whether it was available and rolled out: the controller observed the latest
     *     generation, and updated and available replicas both reached the desired count
     * @param status what the controller reported, e.g. {@code 1/3 updated, 0/3 available, generation 4 observed 3}
     */
    public Rollout {
        Require.nonNull(object, "object");
        Require.nonNull(status, "status");
    }

    @Override
    public String toString() {
        return object + ": " + (ready ? "ready" : "NOT READY") + " (" + status + ")";
    }
}

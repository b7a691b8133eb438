package dev.keelson.core;

/**
 * How a tier runs its pods: as a Deployment (the default), a StatefulSet ({@link Stateful}), a Job
 * ({@link Batch}), a CronJob ({@link Schedule}) or a DaemonSet ({@link NodeAgent}). Every kind gets
 * the same secure pod defaults, NetworkPolicies and mesh authorization from the flow graph; what a
 * kind cannot have (a Service for a Job, replicas for a DaemonSet) is refused by
 * {@link Platform.Builder#build()} with a rule id (KEE-KIND-*).
 *
 * <pre>{@code
 * Tier.named("db").image("ghcr.io/acme/db:16.4").port(Port.tcp("pg", 5432))
 *     .stateful(Storage.of("10Gi").storageClass("fast"));
 * Tier.named("migrate").image("ghcr.io/acme/api:2.0.1").command("migrate").job().runsBefore("api");
 * Tier.named("report").image("ghcr.io/acme/report:1.0.0").cronJob(Schedule.cron("0 3 * * *"));
 * Tier.named("logs").image("ghcr.io/acme/agent:3.1.0").daemonSet(NodeAgent.none().hostPath("/var/log"));
 * }</pre>
 */
public sealed interface Workload permits Workload.Replicated, Stateful, Batch, Schedule, NodeAgent {

    /** A Deployment: interchangeable replicas behind a Service. The default of every tier. */
    Workload DEPLOYMENT = new Replicated();

    /** The kind of object the tier's pods run in. */
    Kind kind();

    /** The workload kinds a tier can be. */
    enum Kind {
        /** A Deployment (the default). */
        DEPLOYMENT("Deployment", true),
        /** A StatefulSet with its headless Service. */
        STATEFUL_SET("StatefulSet", true),
        /** A Job: runs to completion once. */
        JOB("Job", false),
        /** A CronJob: a Job on a schedule. */
        CRON_JOB("CronJob", false),
        /** A DaemonSet: one pod per node. */
        DAEMON_SET("DaemonSet", true);

        private final String apiKind;
        private final boolean longRunning;

        Kind(String apiKind, boolean longRunning) {
            this.apiKind = apiKind;
            this.longRunning = longRunning;
        }

        /** The Kubernetes kind: {@code Deployment}, {@code StatefulSet}, ... */
        public String apiKind() {
            return apiKind;
        }

        /** Whether its pods keep running (and so may serve, be probed and be disrupted); false for Job and CronJob. */
        public boolean longRunning() {
            return longRunning;
        }
    }

    /** A Deployment; use {@link Workload#DEPLOYMENT}. */
    record Replicated() implements Workload {
        @Override
        public Kind kind() {
            return Kind.DEPLOYMENT;
        }
    }
}

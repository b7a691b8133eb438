package dev.keelson.examples.docs;

import dev.keelson.autoscaling.ScalingProfile;
import dev.keelson.core.Batch;
import dev.keelson.core.Environment;
import dev.keelson.core.NodeAgent;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Schedule;
import dev.keelson.core.Stage;
import dev.keelson.core.Stateful;
import dev.keelson.core.Storage;
import dev.keelson.core.Tier;
import dev.keelson.mesh.MeshPolicy;
import dev.keelson.security.PodSecurityLevel;
import dev.keelson.security.SecurityBaseline;
import dev.keelson.security.SecurityRule;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;

/**
 * The code of docs/workloads.md: a platform with a stateful database, a migration Job that runs
 * before the API, a nightly CronJob, and a node agent in a platform of its own. The examples' tests
 * synthesize both under their security baselines and the mesh, so the page cannot rot.
 */
public final class Workloads {

    private Workloads() {
    }

    /** The shop: a Deployment, a StatefulSet, a Job before the API's rollout and a CronJob, in dev and prod. */
    public static Platform shop() {
        return Platform.named("shop")
                .environments(Environment.dev(), Environment.prod())
                .kubernetes("1.30")
                .with(SecurityBaseline.byStage())
                .with(MeshPolicy.strictMtls().withCni())
                // snippet:stateful
                .tier(Tier.named("db").image("ghcr.io/acme/db:16.4").port(Port.tcp("pg", 5432)).replicas(3)
                        .secretFiles("db-credentials", "/etc/db")
                        .stateful(Stateful.of(Storage.of("20Gi").storageClass("fast").mountedAt("/var/lib/db"))
                                .partition(0)))
                // end:stateful
                // snippet:migration
                .tier(Tier.named("migrate").image("ghcr.io/acme/api:2.0.1").command("/app/migrate").talksTo("db")
                        .job(Batch.DEFAULT.backoffLimit(1).activeDeadline(Duration.ofMinutes(10)))
                        .runsBefore("api"))
                // end:migration
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080)).talksTo("db")
                        .with(ScalingProfile.report()))
                // snippet:cron
                .tier(Tier.named("report").image("ghcr.io/acme/report:1.0.0").talksTo("db")
                        .cronJob(Schedule.cron("0 3 * * *").timeZone("Europe/Berlin")
                                .concurrency(Schedule.Concurrency.FORBID).history(3, 1)))
                // end:cron
                .build();
    }

    /** A log agent on every node, in a namespace of its own that admits host access. */
    public static Platform nodeAgents() {
        // snippet:daemonset
        return Platform.named("node-agents")
                .with(SecurityBaseline.restricted()
                        // the API server's Pod Security admission refuses hostPath below privileged
                        .in(Stage.PRODUCTION, PodSecurityLevel.PRIVILEGED)
                        .waive(SecurityRule.PSS_004, DaemonSet.class, "logs", "reads the nodes' container logs, OPS-31")
                        .waive(SecurityRule.PSS_101, DaemonSet.class, "logs", "reads the nodes' container logs, OPS-31"))
                .tier(Tier.named("logs").image("ghcr.io/acme/log-agent:3.1.0").metrics(Port.http(2020))
                        .daemonSet(NodeAgent.none().hostPath("/var/log")))
                .build();
        // end:daemonset
    }
}

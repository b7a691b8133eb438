package dev.keelson.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.Batch;
import dev.keelson.core.Environment;
import dev.keelson.core.Flow;
import dev.keelson.core.Keelson;
import dev.keelson.core.KindOrder;
import dev.keelson.core.Manifest;
import dev.keelson.core.NodeAgent;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Schedule;
import dev.keelson.core.Stateful;
import dev.keelson.core.Storage;
import dev.keelson.core.Tier;
import dev.keelson.core.Workload;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import dev.keelson.core.spi.TierObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The workload kinds from the public API alone: what each kind gets, and what it does not. */
@DisplayName("Workload kinds: a tier runs as a StatefulSet, Job, CronJob or DaemonSet with the same pod defaults")
class WorkloadKindsTest {

    private static Tier.Builder db() {
        return Tier.named("db").image("ghcr.io/acme/db:16.4").port(Port.tcp("pg", 5432)).replicas(3)
                .stateful(Storage.of("10Gi").storageClass("fast"));
    }

    private static Manifest prod(Platform platform) {
        return Keelson.synth(platform).manifest("prod");
    }

    private static Platform shop(Tier.Builder... tiers) {
        Platform.Builder b = Platform.named("shop");
        for (Tier.Builder t : tiers) {
            b.tier(t);
        }
        return b.build();
    }

    @Test
    @DisplayName("a tier is a Deployment unless told otherwise")
    void deploymentByDefault() {
        Tier api = Tier.named("api").image("ghcr.io/acme/api:1.0.0").build();
        assertThat(api.workload()).isSameAs(Workload.DEPLOYMENT);
        assertThat(api.kind()).isEqualTo(Workload.Kind.DEPLOYMENT);
        assertThat(api.runsBefore()).isEmpty();
    }

    @Test
    @DisplayName("a stateful tier: StatefulSet with claim templates, headless Service that publishes unready peers, a budget")
    void stateful() {
        Manifest m = prod(shop(db()));
        StatefulSet set = m.get(StatefulSet.class, "db").orElseThrow();
        assertThat(m.get(Deployment.class, "db")).isEmpty();
        assertThat(set.getSpec().getServiceName()).isEqualTo("db-headless");
        assertThat(set.getSpec().getReplicas()).isEqualTo(3);
        assertThat(set.getSpec().getPodManagementPolicy()).isEqualTo("OrderedReady");
        assertThat(set.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(set.getSpec().getUpdateStrategy().getRollingUpdate()).isNull();
        assertThat(set.getSpec().getPersistentVolumeClaimRetentionPolicy()).isNull();
        var claim = set.getSpec().getVolumeClaimTemplates().get(0);
        assertThat(claim.getMetadata().getName()).isEqualTo("data");
        assertThat(claim.getKind()).isNull();
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("10Gi");
        PodSpec pod = set.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getVolumeMounts()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("data");
            assertThat(v.getMountPath()).isEqualTo("/data");
        });
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getTopologySpreadConstraints()).hasSize(2);

        Service headless = m.get(Service.class, "db-headless").orElseThrow();
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(headless.getMetadata().getLabels()).containsEntry(TierObjects.HEADLESS, "true");
        assertThat(m.get(Service.class, "db").orElseThrow().getSpec().getClusterIP()).isNull();

        PodDisruptionBudget pdb = m.get(PodDisruptionBudget.class, "db").orElseThrow();
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getUnhealthyPodEvictionPolicy()).isEqualTo("AlwaysAllow");
    }

    @Test
    @DisplayName("a stateful tier's options: parallel start, a partition, claim retention, volumes of its own")
    void statefulOptions() {
        Manifest m = prod(shop(Tier.named("db").image("ghcr.io/acme/db:16.4").port(Port.tcp("pg", 5432)).replicas(3)
                .stateful(Stateful.of(Storage.of("10Gi").named("wal").mountedAt("/wal").accessMode(Storage.AccessMode.READ_WRITE_ONCE_POD))
                        .parallel().partition(2).claimRetention(Stateful.ClaimRetention.DELETE, Stateful.ClaimRetention.RETAIN))));
        StatefulSet set = m.get(StatefulSet.class, "db").orElseThrow();
        assertThat(set.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(set.getSpec().getUpdateStrategy().getRollingUpdate().getPartition()).isEqualTo(2);
        assertThat(set.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Delete");
        assertThat(set.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled()).isEqualTo("Retain");
        assertThat(set.getSpec().getVolumeClaimTemplates().get(0).getSpec().getAccessModes()).containsExactly("ReadWriteOncePod");
        assertThat(set.getSpec().getVolumeClaimTemplates().get(0).getSpec().getStorageClassName()).isNull();
    }

    @Test
    @DisplayName("one replica: no budget (it would block every drain); before 1.27 the budget leaves out unhealthyPodEvictionPolicy")
    void budgetByReplicasAndTarget() {
        assertThat(prod(shop(db().replicas(1))).get(PodDisruptionBudget.class, "db")).isEmpty();
        Platform old = Platform.named("shop").kubernetes("1.26").tier(db()).build();
        assertThat(prod(old).get(PodDisruptionBudget.class, "db").orElseThrow().getSpec().getUnhealthyPodEvictionPolicy()).isNull();
    }

    @Test
    @DisplayName("a stateful tier's peers may call each other: the flow graph has the tier-to-itself flow once")
    void peersTalk() {
        Manifest m = prod(shop(db()));
        Flow self = Flow.of(Flow.Kind.TIER, Peer.tier("db"), Peer.tier("db"), List.of(Port.tcp("pg", 5432)));
        assertThat(m.flows()).contains(self);
        Manifest declared = prod(shop(db().talksTo("db")));
        assertThat(declared.flows().stream().filter(f -> f.from().equals(Peer.tier("db")) && f.to().equals(Peer.tier("db"))))
                .hasSize(1);
        assertThat(prod(shop(Tier.named("api").image("ghcr.io/acme/api:1.0.0").port(Port.http(8080)))).flows())
                .noneMatch(f -> f.kind() == Flow.Kind.TIER);
    }

    @Test
    @DisplayName("a Job: no Service, no probes, restartPolicy Never, retries, deadline and time to live; it runs before the API")
    void job() {
        Manifest m = prod(shop(Tier.named("api").image("ghcr.io/acme/api:1.0.0").port(Port.http(8080)),
                Tier.named("migrate").image("ghcr.io/acme/api:1.0.0").command("/app/migrate")
                        .job(Batch.DEFAULT.backoffLimit(0).activeDeadline(Duration.ofMinutes(5)).ttlAfterFinished(Duration.ofHours(2)))
                        .runsBefore("api")));
        Job job = m.get(Job.class, "migrate").orElseThrow();
        assertThat(m.get(Service.class, "migrate")).isEmpty();
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(300L);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(7200);
        assertThat(job.getSpec().getSelector()).isNull();
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getTopologySpreadConstraints()).isNullOrEmpty();
        assertThat(pod.getContainers().get(0).getReadinessProbe()).isNull();
        assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(job.getMetadata().getAnnotations()).containsEntry(KindOrder.RUNS_BEFORE, "api");
        assertThat(KindOrder.rank(job)).isLessThan(KindOrder.rank(m.get(Deployment.class, "api").orElseThrow()))
                .isGreaterThan(KindOrder.rank(m.get(Service.class, "api").orElseThrow()));
        List<String> order = m.objects().stream().filter(o -> o instanceof Job || o instanceof Deployment)
                .map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
        assertThat(order).containsExactly("Job/migrate", "Deployment/api");
    }

    @Test
    @DisplayName("a Job without runsBefore ranks with the other workloads, as before")
    void plainJobRank() {
        Job job = prod(shop(Tier.named("once").image("ghcr.io/acme/once:1.0.0").job())).get(Job.class, "once").orElseThrow();
        assertThat(job.getMetadata().getAnnotations()).isNullOrEmpty();
        Deployment d = new Deployment();
        d.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        assertThat(KindOrder.rank(job)).isEqualTo(KindOrder.rank(d));
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(86400);
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(2);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isNull();
        assertThat(prod(shop(Tier.named("once").image("ghcr.io/acme/once:1.0.0").job(Batch.DEFAULT.keptForever())))
                .get(Job.class, "once").orElseThrow().getSpec().getTtlSecondsAfterFinished()).isNull();
    }

    @Test
    @DisplayName("a CronJob: schedule, time zone, concurrency, history limits, starting deadline, its Jobs' settings")
    void cronJob() {
        CronJob cron = prod(shop(Tier.named("report").image("ghcr.io/acme/report:1.0.0")
                .cronJob(Schedule.cron("@daily").timeZone("Europe/Berlin").concurrency(Schedule.Concurrency.REPLACE)
                        .history(0, 3).startingDeadline(Duration.ofSeconds(60)).batch(Batch.DEFAULT.backoffLimit(4)))))
                .get(CronJob.class, "report").orElseThrow();
        assertThat(cron.getSpec().getSchedule()).isEqualTo("@daily");
        assertThat(cron.getSpec().getTimeZone()).isEqualTo("Europe/Berlin");
        assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Replace");
        assertThat(cron.getSpec().getSuccessfulJobsHistoryLimit()).isZero();
        assertThat(cron.getSpec().getFailedJobsHistoryLimit()).isEqualTo(3);
        assertThat(cron.getSpec().getStartingDeadlineSeconds()).isEqualTo(60L);
        assertThat(cron.getSpec().getJobTemplate().getSpec().getBackoffLimit()).isEqualTo(4);
        assertThat(cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");

        CronJob defaults = prod(shop(Tier.named("report").image("ghcr.io/acme/report:1.0.0").cronJob(Schedule.cron("0 3 * * *"))))
                .get(CronJob.class, "report").orElseThrow();
        assertThat(defaults.getSpec().getTimeZone()).isNull();
        assertThat(defaults.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(defaults.getSpec().getStartingDeadlineSeconds()).isEqualTo(300L);
        assertThat(defaults.getSpec().getSuccessfulJobsHistoryLimit()).isEqualTo(3);
        assertThat(defaults.getSpec().getFailedJobsHistoryLimit()).isEqualTo(1);
    }

    @Test
    @DisplayName("a DaemonSet: no replicas or spread, rolling one node at a time; host paths and the host network only when declared")
    void daemonSet() {
        Manifest m = prod(shop(Tier.named("logs").image("ghcr.io/acme/agent:3.1.0").daemonSet()));
        DaemonSet set = m.get(DaemonSet.class, "logs").orElseThrow();
        PodSpec pod = set.getSpec().getTemplate().getSpec();
        assertThat(pod.getTopologySpreadConstraints()).isNullOrEmpty();
        assertThat(pod.getHostNetwork()).isNull();
        assertThat(pod.getVolumes()).noneMatch(v -> v.getHostPath() != null);
        assertThat(set.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isEqualTo(1);

        DaemonSet agent = prod(shop(Tier.named("logs").image("ghcr.io/acme/agent:3.1.0")
                .daemonSet(NodeAgent.none().hostPath("/var/log").writableHostPath("/var/lib/agent").inHostNetwork())))
                .get(DaemonSet.class, "logs").orElseThrow();
        PodSpec host = agent.getSpec().getTemplate().getSpec();
        assertThat(host.getHostNetwork()).isTrue();
        assertThat(host.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
        assertThat(host.getVolumes()).filteredOn(v -> v.getHostPath() != null).extracting(v -> v.getHostPath().getPath())
                .containsExactly("/var/log", "/var/lib/agent");
        assertThat(host.getContainers().get(0).getVolumeMounts()).filteredOn(v -> v.getName().startsWith("host-"))
                .extracting(v -> v.getMountPath() + ":" + v.getReadOnly()).containsExactly("/var/log:true", "/var/lib/agent:null");
    }

    @Test
    @DisplayName("a feature sees the tier's kind and workload; deployment() of another kind says what to use instead")
    void tierObjects() {
        List<String> seen = new ArrayList<>();
        PlatformExtension probe = new PlatformExtension() {
            @Override
            public void contribute(FeatureContext s) {
                TierObjects db = s.tier("db").orElseThrow();
                HasMetadata w = db.workload();
                seen.add(db.kind() + " " + w.getKind() + " " + db.workloads().size() + " " + db.podTemplates().size()
                        + " " + db.headlessService().map(x -> x.getMetadata().getName()).orElse("-"));
                assertThat(db.podSpec()).isSameAs(((StatefulSet) w).getSpec().getTemplate().getSpec());
                assertThat(db.container().getName()).isEqualTo("db");
                assertThatThrownBy(db::deployment).isInstanceOf(IllegalStateException.class)
                        .hasMessage("TierObjects.deployment(): tier 'db' runs as a StatefulSet, not a Deployment; use workload() "
                                + "(or podTemplates() for its pods), and check kind() before treating it as a Deployment");
            }
        };
        Keelson.synth(Platform.named("shop").tier(db()).with(probe).build()).manifests();
        assertThat(seen).containsExactly("STATEFUL_SET StatefulSet 1 1 db-headless");
    }

    @Test
    @DisplayName("an environment's replica override reaches a StatefulSet; a kind survives Tier.in(environment)")
    void overrides() {
        Platform p = Platform.named("shop")
                .environments(Environment.dev().override("db", dev.keelson.core.TierOverride.replicas(1)), Environment.prod())
                .tier(db()).build();
        assertThat(Keelson.synth(p).manifest("dev").get(StatefulSet.class, "db").orElseThrow().getSpec().getReplicas()).isEqualTo(1);
        Tier inDev = p.tiers().get(0).in(p.environments().get(0));
        assertThat(inDev.kind()).isEqualTo(Workload.Kind.STATEFUL_SET);
        assertThat(inDev.workload()).isEqualTo(p.tiers().get(0).workload());
    }

    @Test
    @DisplayName("the value types are immutable: every option returns a new value")
    void values() {
        Storage s = Storage.of("1Gi");
        assertThat(s.storageClass("fast")).isNotSameAs(s).extracting(Storage::storageClass).isEqualTo("fast");
        assertThat(s.storageClass()).isNull();
        assertThat(Stateful.of().storage()).isEmpty();
        assertThat(Batch.DEFAULT.backoffLimit(5).backoffLimit()).isEqualTo(5);
        assertThat(Batch.DEFAULT.backoffLimit()).isEqualTo(2);
        assertThat(NodeAgent.none().hostPath("/x").hostPaths()).hasSize(1);
        assertThat(NodeAgent.none().hostPaths()).isEmpty();
        assertThat(Schedule.cron("@hourly").kind()).isEqualTo(Workload.Kind.CRON_JOB);
        assertThat(Workload.Kind.JOB.longRunning()).isFalse();
        assertThat(Workload.Kind.DAEMON_SET.apiKind()).isEqualTo("DaemonSet");
        assertThat(Tier.named("p").image("ghcr.io/acme/p:1.0.0").liveness(Probe.exec("true")).job().build().kind())
                .isEqualTo(Workload.Kind.JOB);
    }
}

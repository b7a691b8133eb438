package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.keelson.core.Batch;
import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.NodeAgent;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Schedule;
import dev.keelson.core.Storage;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import dev.keelson.core.conformance.SchemaConformance;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every workload kind under a restricted baseline: the policy check reads every kind's pod template
 * (the API server does not check a StatefulSet's or CronJob's template, only the pods it makes), the
 * NetworkPolicies follow the flows (a stateful tier's peers included), and host access is refused
 * until it is waived with a reason.
 */
@DisplayName("Workload kinds under SecurityBaseline.restricted(): checked, segmented, host access only when waived")
class WorkloadKindsSecurityTest {

    private static Platform.Builder kinds(SecurityBaseline baseline) {
        return Platform.named("kinds").environments(Environment.staging(), Environment.prod())
                .with(baseline)
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080)).talksTo("db"))
                .tier(Tier.named("db").image("ghcr.io/acme/db:16.4").port(Port.tcp("pg", 5432)).replicas(3)
                        .stateful(Storage.of("10Gi")))
                .tier(Tier.named("migrate").image("ghcr.io/acme/api:2.0.1").talksTo("db").job().runsBefore("api"))
                .tier(Tier.named("report").image("ghcr.io/acme/report:1.0.0").talksTo("db").cronJob(Schedule.cron("@daily")))
                .tier(Tier.named("metrics").image("ghcr.io/acme/exporter:1.0.0").port(Port.http(9100)).daemonSet());
    }

    /** The problems of every environment: the exception's when synthesis fails, else the manifests' warnings. */
    private static List<Problem> findings(Platform.Builder b) {
        Platform platform = b.build();
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> Keelson.synth(platform).manifests());
        return e != null ? e.problems()
                : Keelson.synth(platform).manifests().stream().flatMap(m -> m.warnings().stream()).toList();
    }

    @Test
    @DisplayName("every kind passes the restricted check as core writes it, and every object conforms to the schemas")
    void passes() {
        Platform platform = kinds(SecurityBaseline.restricted()).build();
        for (Manifest m : Keelson.synth(platform).manifests()) {
            // the Deployment's budget comes from the autoscaling module; core's StatefulSet has its own
            assertThat(m.warnings()).as(m.environment()).extracting(Problem::rule).containsOnly("SEC-AVL-002");
            assertThat(m.warnings()).singleElement().extracting(Problem::message).asString().contains("Deployment/api");
            SchemaConformance.assertConforms(m);
            assertThat(m.objects(StatefulSet.class)).hasSize(1);
            assertThat(m.objects(Job.class)).hasSize(1);
            assertThat(m.objects(CronJob.class)).hasSize(1);
            assertThat(m.objects(DaemonSet.class)).hasSize(1);
        }
    }

    @Test
    @DisplayName("a stateful tier's NetworkPolicy admits its own pods on its ports; a Job gets egress only")
    void segmentation() {
        Manifest m = Keelson.synth(kinds(SecurityBaseline.restricted()).build()).manifest("prod");
        List<NetworkPolicy> intoDb = m.objects(NetworkPolicy.class).stream()
                .filter(np -> "db".equals(np.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                        && np.getSpec().getIngress() != null && !np.getSpec().getIngress().isEmpty())
                .toList();
        List<String> from = intoDb.stream().flatMap(np -> np.getSpec().getIngress().stream())
                .flatMap(r -> r.getFrom().stream()).map(NetworkPolicyPeer::getPodSelector)
                .filter(s -> s != null && s.getMatchLabels() != null)
                .map(s -> s.getMatchLabels().get("app.kubernetes.io/name")).toList();
        assertThat(from).contains("db", "api", "migrate", "report");
    }

    /** Each kind's pod made privileged by a customization: the check finds it in that kind's template. */
    @Test
    @DisplayName("the policy check reads the pod template of a StatefulSet, Job, CronJob and DaemonSet")
    void everyTemplateChecked() {
        List<UnaryOperator<Platform.Builder>> breaks = List.of(
                b -> b.customize(StatefulSet.class, "db", s -> s.getSpec().getTemplate().getSpec().setHostPID(true)),
                b -> b.customize(Job.class, "migrate", j -> j.getSpec().getTemplate().getSpec().setHostPID(true)),
                b -> b.customize(CronJob.class, "report", c -> c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().setHostPID(true)),
                b -> b.customize(DaemonSet.class, "metrics", d -> d.getSpec().getTemplate().getSpec().setHostPID(true)));
        List<String> kinds = List.of("StatefulSet/db", "Job/migrate", "CronJob/report", "DaemonSet/metrics");
        for (int i = 0; i < breaks.size(); i++) {
            List<Problem> found = findings(breaks.get(i).apply(kinds(SecurityBaseline.restricted())));
            String kind = kinds.get(i);
            assertThat(found).as(kind).anySatisfy(p -> {
                assertThat(p.rule()).isEqualTo("SEC-PSS-001");
                assertThat(p.message()).contains(kind);
            });
        }
    }

    @Test
    @DisplayName("a node agent's hostPath and host network fail the check until each is waived with a reason, which the output shows")
    void hostAccessNeedsWaivers() {
        UnaryOperator<Platform.Builder> agent = b -> b.tier(Tier.named("logs").image("ghcr.io/acme/agent:3.1.0")
                .daemonSet(NodeAgent.none().hostPath("/var/log").inHostNetwork()));
        List<Problem> found = findings(agent.apply(kinds(SecurityBaseline.restricted())));
        assertThat(found).filteredOn(p -> p.severity() == Problem.Severity.ERROR).extracting(Problem::rule)
                .contains("SEC-PSS-001", "SEC-PSS-004", "SEC-PSS-101");

        SecurityBaseline waived = SecurityBaseline.restricted()
                .waive(SecurityRule.PSS_004, DaemonSet.class, "logs", "reads the nodes' container logs")
                .waive(SecurityRule.PSS_101, DaemonSet.class, "logs", "reads the nodes' container logs")
                .waive(SecurityRule.PSS_001, DaemonSet.class, "logs", "exports node network metrics");
        Manifest m = Keelson.synth(agent.apply(kinds(waived)).build()).manifest("prod");
        DaemonSet logs = m.get(DaemonSet.class, "logs").orElseThrow();
        assertThat(logs.getMetadata().getAnnotations())
                .containsEntry("keelson.dev/waived-SEC-PSS-004", "reads the nodes' container logs")
                .containsEntry("keelson.dev/waived-SEC-PSS-001", "exports node network metrics");
        assertThat(m.warnings()).extracting(Problem::rule).contains("SEC-PSS-004", "SEC-PSS-101", "SEC-PSS-001");
    }

    @Test
    @DisplayName("a finished Job kept forever is reported (SEC-AVL-012); core's default time to live passes")
    void jobCleanup() {
        List<Problem> found = findings(kinds(SecurityBaseline.restricted())
                .tier(Tier.named("forever").image("ghcr.io/acme/once:1.0.0").job(Batch.DEFAULT.keptForever())));
        assertThat(found).anySatisfy(p -> {
            assertThat(p.rule()).isEqualTo("SEC-AVL-012");
            assertThat(p.message()).contains("Job/forever");
        });
    }
}

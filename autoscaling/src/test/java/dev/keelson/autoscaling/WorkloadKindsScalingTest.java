package dev.keelson.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Schedule;
import dev.keelson.core.Storage;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import dev.keelson.core.conformance.SchemaConformance;
import io.fabric8.autoscaling.api.model.v1.VerticalPodAutoscaler;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Scaling by kind: a StatefulSet is scaled like a Deployment, a DaemonSet only vertically, a Job never. */
@DisplayName("ScalingProfile and workload kinds: StatefulSets scale, DaemonSets only vertically, Jobs not at all (KEE-SCALE-027)")
class WorkloadKindsScalingTest {

    private static Tier.Builder db() {
        return Tier.named("db").image("ghcr.io/acme/db:16.4").port(Port.tcp("pg", 5432)).stateful(Storage.of("10Gi"));
    }

    private static Manifest prod(Tier.Builder tier) {
        return Keelson.synth(Platform.named("shop").tier(tier).build()).manifest("prod");
    }

    private static Problem error(Tier.Builder tier) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> Platform.named("shop").tier(tier).build());
        assertThat(e).isNotNull();
        List<Problem> errors = e.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Test
    @DisplayName("an HPA and a VPA target the StatefulSet, which leaves its replicas to the HPA; the profile's budget replaces core's")
    void statefulSetScaled() {
        Manifest m = prod(db().with(ScalingProfile.report().vertical(VerticalScaling.recommendOnly())));
        HorizontalPodAutoscaler hpa = m.get(HorizontalPodAutoscaler.class, "db").orElseThrow();
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("StatefulSet");
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
        assertThat(m.get(VerticalPodAutoscaler.class, "db").orElseThrow().getSpec().getTargetRef().getKind()).isEqualTo("StatefulSet");
        assertThat(m.get(StatefulSet.class, "db").orElseThrow().getSpec().getReplicas()).isNull();
        assertThat(m.objects(PodDisruptionBudget.class)).singleElement()
                .satisfies(pdb -> assertThat(pdb.getSpec().getSelector().getMatchLabels()).doesNotContainKey("version"));
        SchemaConformance.assertConforms(m);
    }

    @Test
    @DisplayName("a fixed profile sets the StatefulSet's replicas")
    void statefulSetFixed() {
        assertThat(prod(db().with(ScalingProfile.fixed(5))).get(StatefulSet.class, "db").orElseThrow().getSpec().getReplicas())
                .isEqualTo(5);
    }

    @Test
    @DisplayName("a DaemonSet takes a vertical-only profile: a VPA on the DaemonSet, no HPA, no budget")
    void daemonSetVertical() {
        Manifest m = prod(Tier.named("agent").image("ghcr.io/acme/agent:1.0.0").port(Port.http(9100)).daemonSet()
                .with(ScalingProfile.verticalOnly(VerticalScaling.recommendOnly())));
        assertThat(m.get(VerticalPodAutoscaler.class, "agent").orElseThrow().getSpec().getTargetRef().getKind()).isEqualTo("DaemonSet");
        assertThat(m.objects(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(m.objects(PodDisruptionBudget.class)).isEmpty();
        SchemaConformance.assertConforms(m);
    }

    @Test
    @DisplayName("KEE-SCALE-027: no profile on a Job or CronJob, and no replicas for a DaemonSet")
    void refused() {
        Problem job = error(Tier.named("migrate").image("ghcr.io/acme/api:1.0.0").job().with(ScalingProfile.report()));
        assertThat(job.rule()).isEqualTo("KEE-SCALE-027");
        assertThat(job.path()).isEqualTo("shop/tiers/migrate/scaling");
        assertThat(job.message()).isEqualTo("tier 'migrate' is a Job, which runs to completion: nothing scales it");
        Problem cron = error(Tier.named("report").image("ghcr.io/acme/r:1.0.0").cronJob(Schedule.cron("@daily"))
                .with(ScalingProfile.verticalOnly(VerticalScaling.recommendOnly())));
        assertThat(cron.message()).isEqualTo("tier 'report' is a CronJob, which runs to completion: nothing scales it");
        Problem daemon = error(Tier.named("agent").image("ghcr.io/acme/agent:1.0.0").port(Port.http(9100)).daemonSet()
                .with(ScalingProfile.report()));
        assertThat(daemon.rule()).isEqualTo("KEE-SCALE-027");
        assertThat(daemon.message()).isEqualTo("tier 'agent' is a DaemonSet, which runs one pod per node: replicas and a "
                + "horizontal autoscaler do not apply");
        assertThat(daemon.fix()).contains("ScalingProfile.verticalOnly(...)");
    }
}

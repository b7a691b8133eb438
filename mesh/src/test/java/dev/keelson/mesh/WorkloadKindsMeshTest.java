package dev.keelson.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The mesh with every workload kind: sidecars that let Jobs complete, authorization from the flows, splits for Deployments only. */
@DisplayName("Mesh and workload kinds: native sidecars for Jobs, peers of a stateful tier authorized, splits on Deployments only")
class WorkloadKindsMeshTest {

    private static Platform.Builder kinds(MeshPolicy mesh) {
        return Platform.named("kinds").with(mesh)
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080)).talksTo("db"))
                .tier(Tier.named("db").image("ghcr.io/acme/db:16.4").port(Port.tcp("pg", 5432)).replicas(3)
                        .stateful(Storage.of("10Gi")))
                .tier(Tier.named("migrate").image("ghcr.io/acme/api:2.0.1").talksTo("db").job().runsBefore("api"))
                .tier(Tier.named("report").image("ghcr.io/acme/report:1.0.0").talksTo("db").cronJob(Schedule.cron("@daily")))
                .tier(Tier.named("agent").image("ghcr.io/acme/agent:1.0.0").port(Port.http(9100)).daemonSet(NodeAgent.none()));
    }

    private static List<Problem> errors(Platform.Builder b) {
        ValidationException e = catchThrowableOfType(ValidationException.class, b::build);
        assertThat(e).as("build() must fail").isNotNull();
        return e.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
    }

    @Test
    @DisplayName("a Job's and a CronJob's pods get the proxy as a native sidecar; long-running kinds keep the regular one")
    void nativeSidecarForJobs() {
        Manifest m = Keelson.synth(kinds(MeshPolicy.strictMtls()).build()).manifest("prod");
        Job job = m.get(Job.class, "migrate").orElseThrow();
        CronJob cron = m.get(CronJob.class, "report").orElseThrow();
        assertThat(job.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("sidecar.istio.io/nativeSidecar", "true")
                .containsKey("sidecar.istio.io/proxyCPU");
        assertThat(cron.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("sidecar.istio.io/nativeSidecar", "true");
        for (HasMetadata o : List.of(m.get(StatefulSet.class, "db").orElseThrow(), m.get(DaemonSet.class, "agent").orElseThrow())) {
            var template = o instanceof StatefulSet s ? s.getSpec().getTemplate() : ((DaemonSet) o).getSpec().getTemplate();
            assertThat(template.getMetadata().getAnnotations()).as(o.getKind())
                    .containsKey("sidecar.istio.io/proxyCPU").doesNotContainKey("sidecar.istio.io/nativeSidecar");
        }
        SchemaConformance.assertConforms(m);
    }

    @Test
    @DisplayName("ambient mode puts no sidecar in a Job's pod, so it writes no native-sidecar annotation")
    void ambientJobs() {
        Manifest m = Keelson.synth(kinds(MeshPolicy.strictMtls().ambient()).build()).manifest("prod");
        var annotations = m.get(Job.class, "migrate").orElseThrow().getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(annotations == null ? java.util.Map.<String, String>of() : annotations)
                .doesNotContainKey("sidecar.istio.io/nativeSidecar");
    }

    @Test
    @DisplayName("the stateful tier's AuthorizationPolicy admits its own peers, its callers and the Jobs that call it")
    void peersAuthorized() {
        Manifest m = Keelson.synth(kinds(MeshPolicy.strictMtls()).build()).manifest("prod");
        AuthorizationPolicy db = m.get(AuthorizationPolicy.class, "db").orElseThrow();
        List<String> principals = db.getSpec().getRules().stream().flatMap(r -> r.getFrom().stream())
                .flatMap(f -> f.getSource().getPrincipals().stream()).toList();
        assertThat(principals).contains("cluster.local/ns/kinds-prod/sa/db", "cluster.local/ns/kinds-prod/sa/api",
                "cluster.local/ns/kinds-prod/sa/migrate", "cluster.local/ns/kinds-prod/sa/report");
    }

    @Test
    @DisplayName("KEE-MESH-048: a traffic split is refused on a tier that is not a Deployment, with the alternative")
    void splitsOnDeploymentsOnly() {
        List<Problem> found = errors(Platform.named("kinds").with(MeshPolicy.strictMtls())
                .tier(Tier.named("db").image("ghcr.io/acme/db:16.4").port(Port.http(8080)).replicas(3).stateful(Storage.of("1Gi"))
                        .with(Canary.of("ghcr.io/acme/db:16.5", 10))));
        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo("KEE-MESH-048");
            assertThat(p.path()).isEqualTo("kinds/tiers/db/canary");
            assertThat(p.message()).isEqualTo("Canary supports Deployment tiers only, and tier 'db' is a StatefulSet");
            assertThat(p.fix()).contains("Stateful...partition(n)");
        });
        List<Problem> blueGreen = errors(Platform.named("kinds").with(MeshPolicy.strictMtls())
                .tier(Tier.named("agent").image("ghcr.io/acme/agent:1.0.0").port(Port.http(8080)).daemonSet()
                        .with(BlueGreen.green("ghcr.io/acme/agent:1.1.0"))));
        assertThat(blueGreen).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo("KEE-MESH-048");
            assertThat(p.message()).isEqualTo("BlueGreen supports Deployment tiers only, and tier 'agent' is a DaemonSet");
        });
    }

    @Test
    @DisplayName("KEE-MESH-049: with sidecars, a Job needs a target with native sidecars (1.29); ambient does not")
    void jobsNeedNativeSidecars() {
        List<Problem> found = errors(kinds(MeshPolicy.strictMtls()).kubernetes("1.28"));
        assertThat(found).extracting(Problem::rule).containsOnly("KEE-MESH-049");
        assertThat(found).extracting(Problem::path).containsExactly("kinds/tiers/migrate", "kinds/tiers/report");
        assertThat(found.get(0).message()).isEqualTo("tier 'migrate' is a Job: its pod runs to completion only with the proxy "
                + "as a native sidecar, which Kubernetes 1.28 (the platform's target) does not serve; it works from 1.29 on");
        assertThat(kinds(MeshPolicy.strictMtls().ambient()).kubernetes("1.28").build().tiers()).hasSize(5);
        assertThat(kinds(MeshPolicy.strictMtls()).kubernetes("1.29").build().tiers()).hasSize(5);
    }

    @Test
    @DisplayName("KEE-MESH-050: a host-network node agent is marked outside the mesh, with a warning")
    void hostNetworkOutsideMesh() {
        Platform p = Platform.named("kinds").with(MeshPolicy.strictMtls())
                .tier(Tier.named("agent").image("ghcr.io/acme/agent:1.0.0").port(Port.http(9100))
                        .daemonSet(NodeAgent.none().inHostNetwork()))
                .build();
        Manifest m = Keelson.synth(p).manifest("prod");
        var annotations = m.get(DaemonSet.class, "agent").orElseThrow().getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("sidecar.istio.io/inject", "false").doesNotContainKey("sidecar.istio.io/proxyCPU");
        assertThat(m.warnings()).anySatisfy(w -> {
            assertThat(w.rule()).isEqualTo("KEE-MESH-050");
            assertThat(w.path()).isEqualTo("kinds/tiers/agent/daemonSet/hostNetwork");
        });
    }
}

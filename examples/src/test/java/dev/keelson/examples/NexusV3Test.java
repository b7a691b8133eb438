package dev.keelson.examples;

import static dev.keelson.testing.KeelsonAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Flow;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Peer;
import dev.keelson.core.Problem;
import dev.keelson.core.conformance.SchemaConformance;
import dev.keelson.testing.KeelsonApprovals;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference platform: locked by a snapshot, schema-valid, and as the report describes it. */
class NexusV3Test {

    private final List<Manifest> manifests = Keelson.synth(NexusV3.platform()).manifests();

    private Manifest env(String name) {
        return manifests.stream().filter(m -> m.environment().equals(name)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("the whole reference platform (dev, staging, prod) is locked by one approved snapshot")
    void snapshot() {
        KeelsonApprovals.verify(NexusV3.platform());
    }

    @Test
    @DisplayName("every object of every environment conforms to the upstream Kubernetes (its target, 1.28), Istio, VPA, Prometheus, "
            + "cert-manager and policy-controller schemas")
    void conformance() {
        for (Manifest m : manifests) {
            SchemaConformance.assertConforms(m, TARGET);
        }
    }

    /** The platform's target Kubernetes version. */
    private static final String TARGET = "1.28";

    @Test
    @DisplayName("it targets the report's Kubernetes 1.28, and conforms to every Kubernetes spec we have (1.28's and 1.36's), "
            + "but for the admission policies, whose API version follows the target (v1beta1 on 1.28, which 1.36 no longer serves)")
    void everyKubernetesVersion() {
        assertThat(NexusV3.platform().kubernetes()).hasToString(TARGET);
        assertThat(SchemaConformance.kubernetesVersions()).contains(TARGET);
        for (String version : SchemaConformance.kubernetesVersions()) {
            for (Manifest m : manifests) {
                if (version.equals(TARGET)) {
                    SchemaConformance.assertConforms(m, version);
                    continue;
                }
                List<HasMetadata> byTarget = m.objects().stream()
                        .filter(o -> o.getApiVersion().equals("admissionregistration.k8s.io/v1beta1")).toList();
                assertThat(byTarget).extracting(HasMetadata::getKind).containsOnly("ValidatingAdmissionPolicy",
                        "ValidatingAdmissionPolicyBinding").hasSize(6);
                for (HasMetadata o : m.objects()) {
                    if (!byTarget.contains(o)) {
                        assertThat(SchemaConformance.validate(o, version)).as(version + " " + o.getKind() + "/"
                                + o.getMetadata().getName()).isEmpty();
                    }
                }
            }
        }
        assertThat(env("prod").objects(io.fabric8.kubernetes.api.model.Namespace.class).get(0).getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce-version", "v1.28");
    }

    @Test
    @DisplayName("the files written by synth conform too, and the runner writes one directory per environment")
    void writtenFilesConform(@TempDir Path dir) {
        int code = Keelson.runner(NexusV3.platform()).execute("synth", "--out", dir.toString());
        assertThat(code).isZero();
        assertThat(Files.isDirectory(dir.resolve("dev"))).isTrue();
        assertThat(Files.isDirectory(dir.resolve("staging"))).isTrue();
        assertThat(Files.isDirectory(dir.resolve("prod"))).isTrue();
        SchemaConformance.assertTreeConforms(dir, TARGET);
    }

    @Test
    @DisplayName("staging and prod pass their own restricted check with no waiver; dev runs at baseline")
    void securityLevels() {
        for (Manifest m : manifests) {
            assertThat(m.warnings()).as(m.environment()).filteredOn(p -> p.severity() == Problem.Severity.ERROR).isEmpty();
            assertThat(m.warnings()).as(m.environment()).extracting(Problem::message).noneMatch(s -> s.contains("waived"));
            assertThat(m.objects(NetworkPolicy.class)).as(m.environment()).extracting(n -> n.getMetadata().getName())
                    .containsExactly("default-deny", "web", "api", "worker", "all-pods-dns", "all-pods-control-plane");
        }
        for (String name : List.of("staging", "prod")) {
            Manifest m = env(name);
            assertThat(m.namespace().length()).isPositive();
            HasMetadata ns = m.objects().get(0);
            assertThat(ns.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        }
        assertThat(env("dev").objects().get(0).getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "baseline");
        assertThat(env("prod")).eachDeployment(d -> d.runsAsNonRoot().hasReadOnlyRootFilesystem().dropsAllCapabilities()
                .disallowsPrivilegeEscalation().doesNotMountServiceAccountToken().hasResourceRequests());
    }

    @Test
    @DisplayName("prod HPAs carry the report's figures: CPU 70%, memory 80%, 2..20, +50%/+2 pods and -10%/-1 pod per 60 s, 60 s / 300 s")
    void reportFigures() {
        HorizontalPodAutoscaler hpa = env("prod").get(HorizontalPodAutoscaler.class, "api").orElseThrow();
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(20);
        assertThat(hpa.getSpec().getMetrics()).anySatisfy(m -> {
            assertThat(m.getContainerResource().getName()).isEqualTo("cpu");
            assertThat(m.getContainerResource().getTarget().getAverageUtilization()).isEqualTo(70);
        });
        assertThat(hpa.getSpec().getMetrics()).anySatisfy(m -> {
            assertThat(m.getContainerResource().getName()).isEqualTo("memory");
            assertThat(m.getContainerResource().getTarget().getAverageUtilization()).isEqualTo(80);
        });
        var up = hpa.getSpec().getBehavior().getScaleUp();
        var down = hpa.getSpec().getBehavior().getScaleDown();
        assertThat(up.getStabilizationWindowSeconds()).isEqualTo(60);
        assertThat(down.getStabilizationWindowSeconds()).isEqualTo(300);
        assertThat(up.getPolicies()).extracting(HPAScalingPolicy::getType, HPAScalingPolicy::getValue, HPAScalingPolicy::getPeriodSeconds)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Percent", 50, 60), org.assertj.core.groups.Tuple.tuple("Pods", 2, 60));
        assertThat(down.getPolicies()).extracting(HPAScalingPolicy::getType, HPAScalingPolicy::getValue, HPAScalingPolicy::getPeriodSeconds)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Percent", 10, 60), org.assertj.core.groups.Tuple.tuple("Pods", 1, 60));
        assertThat(env("prod")).deployment("api").leavesReplicasToAutoscaler();
        assertThat(env("prod").get(PodDisruptionBudget.class, "api")).isPresent();
        assertThat(env("dev").get(HorizontalPodAutoscaler.class, "api")).isEmpty();
        assertThat(env("dev")).deployment("api").hasReplicas(1);
    }

    @Test
    @DisplayName("strict mTLS, default-deny, a 10% canary of the API, and fault injection only outside prod")
    void meshAndNetwork() {
        for (Manifest m : manifests) {
            assertThat(m.get(PeerAuthentication.class, "default").orElseThrow().getSpec().getMtls().getMode()).hasToString("STRICT");
            assertThat(m.get(NetworkPolicy.class, "default-deny")).isPresent();
            assertThat(m.flows()).anyMatch(f -> f.kind() == Flow.Kind.CONTROL_PLANE);
        }
        Manifest prod = env("prod");
        assertThat(prod.get(Deployment.class, "api-canary")).isPresent();
        // the canary is a copy made by the mesh; features declared after it (tracing) still reach it
        var stable = prod.get(Deployment.class, "api").orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
        var canary = prod.get(Deployment.class, "api-canary").orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(canary.getEnv()).isNotEmpty().isEqualTo(stable.getEnv());
        assertThat(canary.getImage()).isNotEqualTo(stable.getImage());
        VirtualService vs = prod.get(VirtualService.class, "api").orElseThrow();
        assertThat(vs.getSpec().getHttp()).allSatisfy(route -> assertThat(route.getFault()).isNull());
        assertThat(vs.getSpec().getHttp()).anySatisfy(route ->
                assertThat(route.getRoute()).extracting(r -> r.getWeight()).containsExactlyInAnyOrder(90, 10));
        assertThat(env("staging").get(VirtualService.class, "api").orElseThrow().getSpec().getHttp())
                .anySatisfy(route -> assertThat(route.getFault()).isNotNull());
        assertThat(prod.get(Ingress.class, "web").orElseThrow().getMetadata().getAnnotations())
                .containsEntry("cert-manager.io/cluster-issuer", "letsencrypt-prod");
        assertThat(prod).hasFlow(Flow.Kind.TIER, Peer.tier("web"), Peer.tier("api"));
    }
}

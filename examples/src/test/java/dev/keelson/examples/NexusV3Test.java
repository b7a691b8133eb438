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
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
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

    /**
     * The Barman Cloud plugin's ObjectStore (barmancloud.cnpg.io/v1, the PostgreSQL backups) is the
     * one kind whose CRD the shared schemas lack: every other object is checked, and the only
     * violations allowed are those saying that this kind has no schema.
     */
    private static void assertConformsButObjectStore(List<String> violations) {
        assertThat(violations).allSatisfy(v -> assertThat(v).satisfiesAnyOf(
                o -> assertThat(o).startsWith("ObjectStore ").contains("no schema for apiVersion barmancloud.cnpg.io/v1, kind ObjectStore"),
                o -> assertThat(o).matches("ValidatingAdmissionPolicy(Binding)? .*").contains(ADMISSION_GONE)));
    }

    /**
     * The admission policies' API version follows the target (v1beta1 for 1.29), which the 1.36 spec
     * no longer serves; they are checked against 1.28's spec, the one we have that serves v1beta1.
     */
    private static final String ADMISSION_GONE = "no schema for apiVersion admissionregistration.k8s.io/v1beta1";

    @Test
    @DisplayName("the admission policies (v1beta1, as the 1.29 target needs) conform to the 1.28 spec, which serves v1beta1")
    void admissionPoliciesConform() {
        for (Manifest m : manifests) {
            List<HasMetadata> admission = m.objects().stream()
                    .filter(o -> o.getApiVersion().equals("admissionregistration.k8s.io/v1beta1")).toList();
            assertThat(admission).extracting(HasMetadata::getKind).containsOnly("ValidatingAdmissionPolicy",
                    "ValidatingAdmissionPolicyBinding").hasSize(6);
            for (HasMetadata o : admission) {
                assertThat(SchemaConformance.validate(o, "1.28")).as(o.getKind() + "/" + o.getMetadata().getName()).isEmpty();
            }
        }
    }

    private static List<String> violations(Manifest m, String version) {
        List<String> all = new java.util.ArrayList<>();
        for (HasMetadata o : m.objects()) {
            for (String v : version == null ? SchemaConformance.validate(o) : SchemaConformance.validate(o, version)) {
                all.add(o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName() + ": " + v);
            }
        }
        return all;
    }

    @Test
    @DisplayName("every object of every environment conforms to the upstream Kubernetes, Istio, VPA, Prometheus, cert-manager and CloudNativePG schemas")
    void conformance() {
        for (Manifest m : manifests) {
            assertConformsButObjectStore(violations(m, null));
        }
        assertThat(env("prod").objects()).anyMatch(o -> o.getKind().equals("Cluster") && o.getApiVersion().equals("postgresql.cnpg.io/v1"));
    }

    @Test
    @DisplayName("it targets Kubernetes 1.29 (native sidecars for its migration Job), and conforms to every spec we have: 1.28's and 1.36's")
    void everyKubernetesVersion() {
        assertThat(NexusV3.platform().kubernetes()).hasToString("1.29");
        assertThat(SchemaConformance.kubernetesVersions()).contains("1.28");
        for (String version : SchemaConformance.kubernetesVersions()) {
            for (Manifest m : manifests) {
                assertConformsButObjectStore(violations(m, version));
            }
        }
        assertThat(env("prod").objects(io.fabric8.kubernetes.api.model.Namespace.class).get(0).getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce-version", "v1.29");
    }

    @Test
    @DisplayName("the files written by synth conform too, and the runner writes one directory per environment")
    void writtenFilesConform(@TempDir Path dir) {
        int code = Keelson.runner(NexusV3.platform()).execute("synth", "--out", dir.toString());
        assertThat(code).isZero();
        assertThat(Files.isDirectory(dir.resolve("dev"))).isTrue();
        assertThat(Files.isDirectory(dir.resolve("staging"))).isTrue();
        assertThat(Files.isDirectory(dir.resolve("prod"))).isTrue();
        List<String> violations = new java.util.ArrayList<>();
        for (String env : List.of("dev", "staging", "prod")) {
            try (var files = Files.list(dir.resolve(env))) {
                for (Path f : files.sorted().toList()) {
                    violations.addAll(SchemaConformance.validateYaml(Files.readString(f)));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertThat(violations).allSatisfy(v -> assertThat(v).satisfiesAnyOf(
                o -> assertThat(o).contains("ObjectStore").contains("no schema for apiVersion barmancloud.cnpg.io/v1, kind ObjectStore"),
                o -> assertThat(o).contains(ADMISSION_GONE)));
    }

    @Test
    @DisplayName("staging and prod pass their own restricted check with one waiver (the operator-made PostgreSQL pods); dev runs at baseline")
    void securityLevels() {
        for (Manifest m : manifests) {
            assertThat(m.warnings()).as(m.environment()).filteredOn(p -> p.severity() == Problem.Severity.ERROR).isEmpty();
            // one waiver: SEC-NET-004 on the PostgreSQL policy, whose pods CloudNativePG's operator creates
            assertThat(m.warnings()).as(m.environment()).filteredOn(p -> p.message().contains("waived"))
                    .singleElement().satisfies(p -> assertThat(p.path()).endsWith("NetworkPolicy/nexus-postgresql/spec.podSelector"));
            assertThat(m.objects(NetworkPolicy.class)).as(m.environment()).extracting(n -> n.getMetadata().getName())
                    .containsExactly("default-deny", "migrate", "web", "api", "worker", "all-pods-dns", "all-pods-control-plane",
                            // the data namespace's: CloudNativePG's PostgreSQL and the Redis, deployed by the platform
                            "default-deny", "all-pods-dns", "nexus-postgresql", "nexus-redis");
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

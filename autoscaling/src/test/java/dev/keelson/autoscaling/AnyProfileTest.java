package dev.keelson.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Problem;
import dev.keelson.core.Stage;
import dev.keelson.core.ValidationException;
import dev.keelson.core.testkit.Gen;
import dev.keelson.core.testkit.Seeded;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Any profile: objects that keep the module's promises, or a complete ValidationException; never anything else. */
class AnyProfileTest {

    @Test
    @DisplayName("any profile synthesizes consistent objects in every environment, or fails validation with problems that have a path and a fix")
    void anyProfile() {
        Seeded.forAll(300, profiles(), AnyProfileTest::check);
    }

    private static void check(ScalingProfile profile) {
        Platform platform;
        try {
            platform = Fixtures.shop(Fixtures.api().with(profile));
        } catch (ValidationException e) {
            assertThat(e.problems()).filteredOn(p -> p.severity() == Problem.Severity.ERROR).isNotEmpty()
                    .allSatisfy(p -> {
                        assertThat(p.path()).startsWith("shop/");
                        assertThat(p.fix()).isNotBlank();
                    });
            return;
        }
        for (Manifest m : Keelson.synth(platform).manifests()) {
            ScalingProfile active = profile.forStage(platform.environment(m.environment()).orElseThrow().stage()).orElse(null);
            List<String> kinds = m.objects().stream().map(HasMetadata::getKind).toList();
            Deployment d = m.get(Deployment.class, "api").orElseThrow();
            boolean hpa = kinds.contains("HorizontalPodAutoscaler");
            boolean keda = kinds.contains("ScaledObject");
            assertThat(hpa && keda).as("never both an HPA and a ScaledObject").isFalse();
            if (hpa || keda) {
                assertThat(d.getSpec().getReplicas()).as("no replicas on a scaled Deployment").isNull();
            }
            if (kinds.contains("PodDisruptionBudget")) {
                assertThat(active).isNotNull();
                assertThat(m.toYaml()).doesNotContain("minAvailable");
            }
            assertThat(kinds.contains("VerticalPodAutoscaler")).isEqualTo(active != null && active.vertical().isPresent());
        }
    }

    static Gen<ScalingProfile> profiles() {
        Gen<ScalingProfile> base = Gen.of(ScalingProfile.report(), ScalingProfile.standard(),
                ScalingProfile.cpu(50), ScalingProfile.on(Metric.requestsPerSecond(100)),
                ScalingProfile.on(Metric.memoryAverage("512Mi")), ScalingProfile.on(Metric.cpu(60).wholePod()));
        Gen<Integer> mins = Gen.ints(0, 6);
        Gen<Integer> maxs = Gen.ints(1, 8);
        Gen<UpdateMode> modes = Gen.of(UpdateMode.class);
        Gen<Set<ComputeResource>> controlled = Gen.of(ComputeResource.class).set(1, ComputeResource.values().length);
        Gen<Boolean> sidecars = Gen.booleans();
        Gen<VerticalScaling> vpa = r -> {
            UpdateMode mode = modes.next(r);
            ComputeResource[] rs = controlled.next(r).toArray(ComputeResource[]::new);
            boolean sidecar = sidecars.next(r);
            VerticalScaling v = VerticalScaling.mode(mode).container(ContainerPolicy.app().controls(rs[0], rs));
            return sidecar ? v.istioProxy() : v;
        };
        Gen<VerticalScaling> vpas = vpa.injectNull(0.3);
        Gen<Boolean> kedas = Gen.booleans();
        Gen<Boolean> budgets = Gen.booleans();
        Gen<Integer> stages = Gen.of(0, 1, 2);
        return r -> {
            ScalingProfile p = base.next(r);
            int min = mins.next(r);
            int max = maxs.next(r);
            VerticalScaling v = vpas.next(r);
            boolean keda = kedas.next(r);
            boolean budget = budgets.next(r);
            int stage = stages.next(r);
            ScalingProfile out = p.replicas(min, max);
            if (v != null) {
                out = out.vertical(v);
            }
            if (keda) {
                out = out.keda(Keda.with(KedaTrigger.cron(ZoneId.of("UTC"), "0 8 * * *", "0 18 * * *", 3))
                        .cooldown(Duration.ofSeconds(120)));
            }
            if (!budget) {
                out = out.withoutDisruptionBudget();
            }
            return switch (stage) {
                case 0 -> out;
                case 1 -> out.in(Stage.DEVELOPMENT, ScalingProfile.fixed(1));
                default -> out.onlyIn(Stage.PRODUCTION);
            };
        };
    }
}

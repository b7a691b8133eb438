package dev.keelson.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Problem;
import dev.keelson.core.Stage;
import dev.keelson.core.ValidationException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any profile: objects that keep the module's promises, or a complete ValidationException; never anything else. */
class AnyProfileTest {

    @Property(tries = 300)
    @Label("any profile synthesizes consistent objects in every environment, or fails validation with problems that have a path and a fix")
    void anyProfile(@ForAll("profiles") ScalingProfile profile) {
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

    @Provide
    Arbitrary<ScalingProfile> profiles() {
        Arbitrary<ScalingProfile> base = Arbitraries.of(ScalingProfile.report(), ScalingProfile.standard(),
                ScalingProfile.cpu(50), ScalingProfile.on(Metric.requestsPerSecond(100)),
                ScalingProfile.on(Metric.memoryAverage("512Mi")), ScalingProfile.on(Metric.cpu(60).wholePod()));
        Arbitrary<int[]> range = Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.integers().between(1, 8))
                .as((a, b) -> new int[] {a, b});
        Arbitrary<VerticalScaling> vpa = Combinators.combine(Arbitraries.of(UpdateMode.class),
                        Arbitraries.of(ComputeResource.class).set().ofMinSize(1), Arbitraries.of(true, false))
                .as((mode, resources, sidecar) -> {
                    ComputeResource[] rs = resources.toArray(ComputeResource[]::new);
                    VerticalScaling v = VerticalScaling.mode(mode).container(ContainerPolicy.app().controls(rs[0], rs));
                    return sidecar ? v.istioProxy() : v;
                });
        return Combinators.combine(base, range, vpa.injectNull(0.3), Arbitraries.of(true, false), Arbitraries.of(true, false),
                        Arbitraries.of(0, 1, 2))
                .as((p, r, v, keda, budget, stage) -> {
                    ScalingProfile out = p.replicas(r[0], r[1]);
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
                });
    }
}

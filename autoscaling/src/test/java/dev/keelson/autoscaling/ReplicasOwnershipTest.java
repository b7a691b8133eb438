package dev.keelson.autoscaling;

import static dev.keelson.autoscaling.Fixtures.api;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.core.TierOverride;
import dev.keelson.core.ValidationException;
import dev.keelson.core.testkit.Gen;
import dev.keelson.core.testkit.Seeded;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.time.ZoneId;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Who owns a Deployment's replica count, per environment. */
class ReplicasOwnershipTest {

    @Test
    @DisplayName("replicas never appear on a Deployment targeted by an HPA or KEDA, in any environment")
    void noReplicasOnScaledDeployments() {
        Platform platform = Platform.named("shop")
                .environments(Environment.dev(), Environment.staging(), Environment.prod())
                .tier(api().with(ScalingProfile.report()))
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.0.0").with(ScalingProfile.standard()
                        .keda(Keda.with(KedaTrigger.cron(ZoneId.of("UTC"), "0 8 * * *", "0 18 * * *", 6)))))
                .build();
        for (Manifest m : Keelson.synth(platform).manifests()) {
            for (Deployment d : m.objects(Deployment.class)) {
                assertThat(d.getSpec().getReplicas()).as(m.environment() + "/" + d.getMetadata().getName()).isNull();
                assertThat(Manifest.toYaml(d)).doesNotContain("replicas:");
            }
        }
    }

    @Test
    @DisplayName("per stage: dev runs one fixed pod without HPA or PDB; staging and prod get the HPA")
    void perStage() {
        Platform platform = Fixtures.shop(api().with(ScalingProfile.report().in(Stage.DEVELOPMENT, ScalingProfile.fixed(1))));
        var synth = Keelson.synth(platform);
        Manifest dev = synth.manifest("dev");
        assertThat(dev.get(Deployment.class, "api").orElseThrow().getSpec().getReplicas()).isEqualTo(1);
        assertThat(kinds(dev)).doesNotContain("HorizontalPodAutoscaler", "PodDisruptionBudget");
        for (String env : new String[] {"staging", "prod"}) {
            Manifest m = synth.manifest(env);
            assertThat(m.get(HorizontalPodAutoscaler.class, "api")).isPresent();
            assertThat(kinds(m)).contains("PodDisruptionBudget");
        }
    }

    @Test
    @DisplayName("onlyIn: outside the named stages the tier keeps its own replicas and gets no scaling objects")
    void onlyIn() {
        Platform platform = Fixtures.shop(api().replicas(3).with(ScalingProfile.standard().onlyIn(Stage.PRODUCTION)));
        var synth = Keelson.synth(platform);
        Manifest staging = synth.manifest("staging");
        assertThat(staging.get(Deployment.class, "api").orElseThrow().getSpec().getReplicas()).isEqualTo(3);
        assertThat(kinds(staging)).doesNotContainAnyElementsOf(Fixtures.SCALING_KINDS);
        assertThat(synth.manifest("prod").get(Deployment.class, "api").orElseThrow().getSpec().getReplicas()).isNull();
    }

    /** One try's replica range, prod override and whether dev runs one fixed pod. */
    record Counts(int min, int max, Integer override, boolean devFixed) {
    }

    @Test
    @DisplayName("any replica range and overrides: a valid platform never writes replicas on an HPA-scaled Deployment, "
            + "an invalid one fails with a ValidationException, an override of the HPA's count with KEE-SCALE-014")
    void anyRange() {
        Gen<Integer> counts = counts();
        Gen<Integer> overrides = counts().injectNull(0.5);
        Gen<Boolean> devFixed = Gen.booleans();
        Seeded.forAll(200, r -> new Counts(counts.next(r), counts.next(r), overrides.next(r), devFixed.next(r)),
                c -> anyRange(c.min(), c.max(), c.override(), c.devFixed()));
    }

    private static void anyRange(int min, int max, Integer override, boolean devFixed) {
        ScalingProfile profile;
        try {
            profile = ScalingProfile.standard().replicas(min, max);
        } catch (IllegalArgumentException e) {
            assertThat(min < 0 || max < 1).isTrue();
            return;
        }
        if (devFixed) {
            profile = profile.in(Stage.DEVELOPMENT, ScalingProfile.fixed(1));
        }
        Platform platform;
        Environment prod = Environment.prod();
        if (override != null) {
            try {
                prod = prod.override("api", TierOverride.replicas(override));
            } catch (IllegalArgumentException e) {
                assertThat(override).isNegative();
                override = null;
            }
        }
        try {
            platform = Platform.named("shop").environments(Environment.dev(), prod).tier(api().with(profile)).build();
        } catch (ValidationException e) {
            assertThat(e.problems()).isNotEmpty();
            if (override != null) {
                assertThat(e.problems()).anySatisfy(p -> {
                    assertThat(p.rule()).isEqualTo("KEE-SCALE-014");
                    assertThat(p.path()).isEqualTo("shop/environments/prod/overrides/api/replicas");
                });
            }
            return;
        }
        assertThat(override).as("an override of an HPA-scaled tier's replicas is refused").isNull();
        for (Manifest m : Keelson.synth(platform).manifests()) {
            Integer replicas = m.get(Deployment.class, "api").orElseThrow().getSpec().getReplicas();
            boolean hpa = m.get(HorizontalPodAutoscaler.class, "api").isPresent();
            assertThat(hpa).isEqualTo(!(devFixed && m.environment().equals("dev")));
            if (hpa) {
                assertThat(replicas).isNull();
            } else {
                assertThat(replicas).isEqualTo(1);
            }
        }
    }

    static Gen<Integer> counts() {
        return Gen.ints(-2, 30);
    }

    private static Set<String> kinds(Manifest m) {
        return m.objects().stream().map(HasMetadata::getKind).collect(Collectors.toSet());
    }
}

package dev.keelson.api;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import dev.keelson.core.spi.PodTemplates;
import dev.keelson.core.spi.TierObjects;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tier's workloads: core's Deployment and those features add; what changes the tier's pods changes them all. */
@DisplayName("TierObjects: a feature adds a workload to a tier, and later features change its pods with the tier's")
class TierWorkloadsTest {

    /** Adds a second Deployment to tier 'api', copied from the tier's, as the mesh does for a canary. */
    static final class AddsSecond implements PlatformExtension {
        @Override
        public void contribute(FeatureContext s) {
            TierObjects api = s.tier("api").orElseThrow();
            Deployment second = new DeploymentBuilder(api.deployment()).editMetadata().withName("api-second").endMetadata().build();
            assertThat(api.addWorkload(second)).isSameAs(second);
        }
    }

    /** Adds a variable to every pod of every tier. */
    static final class AddsVariable implements PlatformExtension {
        @Override
        public void contribute(FeatureContext s) {
            for (TierObjects t : s.tiers()) {
                for (PodTemplateSpec pod : t.podTemplates()) {
                    pod.getSpec().getContainers().get(0).getEnv().add(new EnvVar("LATER", "yes", null));
                }
            }
        }
    }

    /** Runs {@code check} on tier 'api' in contribute. */
    record Inspect(Consumer<TierObjects> check) implements PlatformExtension {
        @Override
        public void contribute(FeatureContext s) {
            check.accept(s.tier("api").orElseThrow());
        }
    }

    private static Manifest prod(PlatformFeature... features) {
        Platform.Builder p = Platform.named("shop").environments(Environment.prod());
        for (PlatformFeature f : features) {
            p.with(f);
        }
        return Keelson.synth(p.tier(Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080))).build()).manifest("prod");
    }

    @Test
    @DisplayName("an added workload joins the output and the tier's workloads, after the tier's own; its pod template joins podTemplates()")
    void addedWorkloadIsListed() {
        List<String> names = new ArrayList<>();
        List<PodTemplateSpec> templates = new ArrayList<>();
        Manifest prod = prod(new AddsSecond(), new Inspect(t -> {
            t.workloads().forEach(d -> names.add(d.getMetadata().getName()));
            templates.addAll(t.podTemplates());
            assertThat(t.podSpec()).isSameAs(t.deployment().getSpec().getTemplate().getSpec());
        }));
        assertThat(names).containsExactly("api", "api-second");
        assertThat(templates).hasSize(2);
        assertThat(templates.get(0)).isSameAs(prod.get(Deployment.class, "api").orElseThrow().getSpec().getTemplate());
        assertThat(templates.get(1)).isSameAs(prod.get(Deployment.class, "api-second").orElseThrow().getSpec().getTemplate());
    }

    @Test
    @DisplayName("a feature that changes the tier's pods after the workload was added changes its pods too; one before is copied")
    void laterFeaturesReachTheWorkload() {
        for (Manifest prod : List.of(prod(new AddsSecond(), new AddsVariable()), prod(new AddsVariable(), new AddsSecond()))) {
            for (String name : List.of("api", "api-second")) {
                assertThat(prod.get(Deployment.class, name).orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                        .as(name).extracting(EnvVar::getName).containsOnlyOnce("LATER");
            }
        }
    }

    @Test
    @DisplayName("a workload removed from the objects leaves the tier's workloads")
    void removedWorkloadLeaves() {
        List<String> names = new ArrayList<>();
        Manifest prod = prod(new AddsSecond(), new PlatformExtension() {
            @Override
            public void contribute(FeatureContext s) {
                TierObjects api = s.tier("api").orElseThrow();
                s.remove(api.workloads().get(1));
                api.workloads().forEach(d -> names.add(d.getMetadata().getName()));
            }
        });
        assertThat(names).containsExactly("api");
        assertThat(prod.get(Deployment.class, "api-second")).isEmpty();
    }

    @Test
    @DisplayName("addWorkload refuses null, a Deployment without a pod template, and one already among the objects, naming the call")
    void addWorkloadRefuses() {
        prod(new Inspect(t -> {
            assertThatThrownBy(() -> t.addWorkload(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("TierObjects.addWorkload(): argument 'deployment' is null");
            assertThatThrownBy(() -> t.addWorkload(new DeploymentBuilder().withNewMetadata().withName("bare").endMetadata().build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("TierObjects.addWorkload(): the Deployment 'bare' of tier 'api' has no pod template (spec.template.spec); "
                            + "give it one, e.g. start from a copy of the tier's Deployment");
            assertThatThrownBy(() -> t.addWorkload(t.deployment())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("was added twice");
            assertThat(t.workloads()).containsExactly(t.deployment());
        }));
    }

    @Test
    @DisplayName("PodTemplates.of finds the pod template of every workload kind, and none in other objects")
    void podTemplatesOfAnyKind() {
        Deployment d = new DeploymentBuilder().withNewSpec().withNewTemplate().withNewSpec().endSpec().endTemplate().endSpec().build();
        assertThat(PodTemplates.of(d)).containsSame(d.getSpec().getTemplate());
        var cron = new CronJobBuilder().withNewSpec().withNewJobTemplate().withNewSpec().withNewTemplate().endTemplate().endSpec()
                .endJobTemplate().endSpec().build();
        assertThat(PodTemplates.of(cron)).containsSame(cron.getSpec().getJobTemplate().getSpec().getTemplate());
        assertThat(PodTemplates.of(new DeploymentBuilder().build())).isEmpty();
        assertThat(PodTemplates.of(new ConfigMapBuilder().build())).isEmpty();
        assertThatThrownBy(() -> PodTemplates.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("PodTemplates.of(): argument 'workload' is null");
    }
}

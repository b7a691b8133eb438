package dev.keelson.autoscaling;

import static dev.keelson.autoscaling.Fixtures.api;
import static dev.keelson.autoscaling.Fixtures.buildProblems;
import static dev.keelson.autoscaling.Fixtures.prod;
import static dev.keelson.autoscaling.Fixtures.shop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Problem;
import dev.keelson.core.Stage;
import dev.keelson.core.TierOverride;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One test per rule of {@link ScalingProfile}'s validation: exact path, message and fix. */
class ValidationRulesTest {

    private static final ModelPath P = ModelPath.root("shop").tier("api").child("scaling");

    private static List<Problem> errors(ScalingProfile profile) {
        return buildProblems(() -> shop(api().with(profile)));
    }

    private static List<Problem> warnings(Platform platform) {
        return prod(platform).warnings();
    }

    @Nested
    @DisplayName("replicas")
    class ReplicasRules {

        @Test
        @DisplayName("a minimum above the maximum is refused")
        void minAboveMax() {
            assertThat(errors(ScalingProfile.standard().replicas(12, 10))).containsExactly(Problem.error(P.child("replicas"),
                    "minReplicas (12) exceeds maxReplicas (10)", "replicas(min, max) with min <= max").withRule("KEE-SCALE-001"));
        }

        @Test
        @DisplayName("a minimum of 0 without KEDA is refused")
        void zeroWithoutKeda() {
            assertThat(errors(ScalingProfile.standard().replicas(0, 10))).containsExactly(Problem.error(P.child("replicas"),
                    "minReplicas 0: an HPA cannot scale to zero (the HPAScaleToZero feature gate is alpha and off by default)",
                    "use replicas(1 or more, max), or scale to zero with KEDA: .keda(Keda.with(...))").withRule("KEE-SCALE-003"));
        }

        @Test
        @DisplayName("a minimum of 1 is a warning: no PDB, and drains take the tier down")
        void singleReplica() {
            assertThat(warnings(shop(api().with(ScalingProfile.standard().replicas(1, 10))))).containsExactly(
                    Problem.warning(P.child("replicas"), "minReplicas 1: at its minimum the tier runs a single pod, which every "
                                    + "node drain or rollout of that node takes down, and it gets no PodDisruptionBudget "
                                    + "(one would block drains)",
                            "replicas(2, 10) for a tier that must stay available").withRule("KEE-SCALE-004"));
        }

        @Test
        @DisplayName("a minimum equal to the maximum is a warning")
        void minEqualsMax() {
            assertThat(warnings(shop(api().with(ScalingProfile.standard().replicas(4, 4))))).containsExactly(
                    Problem.warning(P.child("replicas"), "minReplicas equals maxReplicas (4), so the autoscaler can never change the count",
                            "use ScalingProfile.fixed(4), or widen the range").withRule("KEE-SCALE-002"));
        }

        @Test
        @DisplayName("a per-stage profile is checked under its stage's path")
        void perStagePath() {
            assertThat(errors(ScalingProfile.standard().in(Stage.STAGING, ScalingProfile.standard().replicas(3, 2))))
                    .containsExactly(Problem.error(P.child("staging").child("replicas"), "minReplicas (3) exceeds maxReplicas (2)",
                            "replicas(min, max) with min <= max").withRule("KEE-SCALE-001"));
        }

        @Test
        @DisplayName("an environment override of replicas on an HPA-scaled tier is refused: the HPA wins and the number would be lost")
        void overrideIgnored() {
            assertThat(buildProblems(() -> Platform.named("shop")
                    .environments(Environment.prod().override("api", TierOverride.replicas(4)))
                    .tier(api().with(ScalingProfile.standard())).build()))
                    .containsExactly(Problem.error(ModelPath.root("shop").environment("prod").child("overrides", "api").child("replicas"),
                            "TierOverride.replicas(4) has no effect: tier 'api' is scaled by its ScalingProfile in 'prod', "
                                    + "which wins (the HPA owns the count, 2..20 replicas)",
                            "drop the override and set the count in the profile for stage PRODUCTION, "
                                    + "e.g. .in(Stage.PRODUCTION, ScalingProfile.standard().replicas(4, 20))").withRule("KEE-SCALE-014"));
        }

        @Test
        @DisplayName("an override of replicas on a fixed tier is refused too, with a fixed(..) fix")
        void overrideIgnoredFixed() {
            assertThat(buildProblems(() -> Platform.named("shop")
                    .environments(Environment.dev().override("api", TierOverride.replicas(3)))
                    .tier(api().with(ScalingProfile.standard().in(Stage.DEVELOPMENT, ScalingProfile.fixed(1)))).build()))
                    .containsExactly(Problem.error(ModelPath.root("shop").environment("dev").child("overrides", "api").child("replicas"),
                            "TierOverride.replicas(3) has no effect: tier 'api' is scaled by its ScalingProfile in 'dev', "
                                    + "which wins (ScalingProfile.fixed(1) sets it)",
                            "drop the override and set the count in the profile for stage DEVELOPMENT, "
                                    + "e.g. .in(Stage.DEVELOPMENT, ScalingProfile.fixed(3))").withRule("KEE-SCALE-014"));
        }

        @Test
        @DisplayName("Tier.replicas(n) on a tier its profile scales in every environment is refused: the profile wins")
        void tierReplicasIgnored() {
            assertThat(buildProblems(() -> shop(api().replicas(5).with(ScalingProfile.standard()))))
                    .containsExactly(Problem.error(ModelPath.root("shop").tier("api").child("replicas"),
                            "Tier.replicas(5) has no effect: tier 'api' is scaled by its ScalingProfile in every environment "
                                    + "(dev, staging, prod), which wins (the HPA owns the count, 2..20 replicas)",
                            "drop .replicas(5) from tier 'api' and set the count in the profile: ScalingProfile...replicas(5, 20); "
                                    + "or limit the profile to some stages with onlyIn(..) so the tier's count applies in the others")
                            .withRule("KEE-SCALE-015"));
        }

        @Test
        @DisplayName("Tier.replicas(n) beside a fixed profile is refused with a fixed(n) fix")
        void tierReplicasIgnoredFixed() {
            assertThat(buildProblems(() -> Platform.named("shop").environments(Environment.dev())
                    .tier(api().replicas(3).with(ScalingProfile.fixed(1))).build()))
                    .containsExactly(Problem.error(ModelPath.root("shop").tier("api").child("replicas"),
                            "Tier.replicas(3) has no effect: tier 'api' is scaled by its ScalingProfile in 'dev', "
                                    + "which wins (ScalingProfile.fixed(1) sets it)",
                            "drop .replicas(3) from tier 'api' and set the count in the profile: ScalingProfile.fixed(3); "
                                    + "or limit the profile to some stages with onlyIn(..) so the tier's count applies in the others")
                            .withRule("KEE-SCALE-015"));
        }

        @Test
        @DisplayName("Tier.replicas(n) used in some environment (the profile is limited to others) is accepted")
        void tierReplicasUsedSomewhere() {
            var synth = Keelson.synth(shop(api().replicas(3).with(ScalingProfile.standard().onlyIn(Stage.PRODUCTION))));
            assertThat(synth.manifest("dev").warnings()).noneMatch(p -> "KEE-SCALE-015".equals(p.rule()));
        }

        @Test
        @DisplayName("two scaling profiles on one tier are refused")
        void twoProfiles() {
            assertThat(buildProblems(() -> shop(api().with(ScalingProfile.standard()).with(ScalingProfile.cpu(50)))))
                    .containsExactly(Problem.error(P, "tier 'api' has 2 scaling profiles",
                            "give it one; vary it by stage with ScalingProfile...in(Stage.DEVELOPMENT, ScalingProfile.fixed(1))").withRule("KEE-SCALE-013"));
        }
    }

    @Nested
    @DisplayName("metrics")
    class MetricRules {

        @Test
        @DisplayName("a horizontal profile without any metric is refused")
        void noMetric() {
            ScalingProfile none = ScalingProfile.cpu(70).withoutMetric("cpu");
            assertThat(errors(none)).containsExactly(Problem.error(P.child("metrics"), "the profile has no metric to scale on",
                    "add one, e.g. .metric(Metric.cpu(70)), or start from ScalingProfile.standard()").withRule("KEE-SCALE-007"));
        }

        @Test
        @DisplayName("the report's 'ephemeral storage: 85%' is refused: the resource metrics API does not serve it")
        void ephemeralStorage() {
            ScalingProfile p = ScalingProfile.standard().metric(Metric.resource("ephemeral-storage", Target.utilization(85)));
            assertThat(errors(p)).containsExactly(Problem.error(P.child("metrics", "ephemeral-storage"),
                    "ephemeral-storage cannot drive an autoscaler: the resource metrics API (metrics-server) serves only "
                            + "cpu and memory, so the HPA would never get a value (the report's 'ephemeral storage: 85%' "
                            + "cannot be built as written)",
                    "drop it; bound disk use with an ephemeral-storage request and limit (the kubelet evicts a pod over its "
                            + "limit), or export disk usage as a custom metric and scale on "
                            + "Metric.pods(\"<metric>\", Target.averageValue(..))").withRule("KEE-SCALE-008"));
        }

        @Test
        @DisplayName("a metric selector must be a valid label selector")
        void selector() {
            ScalingProfile p = ScalingProfile.standard().metric(Metric.queueDepth("orders queue", 10));
            assertThat(errors(p)).containsExactly(Problem.error(P.child("metrics", "external/queue_messages_ready{queue=orders queue}").child("selector").child("queue"),
                    "selector value 'orders queue' is not a label value",
                    "use at most 63 letters, digits, '-', '_' and '.', alphanumeric at both ends").withRule("KEE-SCALE-006"));
        }

        @Test
        @DisplayName("a metric selector key must be a label key")
        void selectorKey() {
            ScalingProfile p = ScalingProfile.standard().metric(Metric.external("lag", Map.of("consumer group", "orders"),
                    Target.value(100)));
            assertThat(errors(p)).containsExactly(Problem.error(P.child("metrics", "external/lag{consumer group=orders}").child("selector").child("consumer group"),
                    "selector key 'consumer group' is not a label key",
                    "use an optional DNS prefix and a name of at most 63 letters, digits, '-', '_' and '.', e.g. 'queue'")
                    .withRule("KEE-SCALE-005"));
        }

        @Test
        @DisplayName("any other resource than cpu and memory is refused")
        void otherResource() {
            ScalingProfile p = ScalingProfile.standard().metric(Metric.resource("nvidia.com/gpu", Target.utilization(60)));
            assertThat(errors(p)).containsExactly(Problem.error(P.child("metrics", "nvidia.com/gpu"),
                    "resource 'nvidia.com/gpu' cannot drive an autoscaler: the resource metrics API serves only cpu and memory",
                    "use Metric.cpu(..) or Metric.memory(..), or a Pods or External metric for anything else").withRule("KEE-SCALE-009"));
        }
    }

    @Nested
    @DisplayName("KEDA")
    class KedaRules {

        @Test
        @DisplayName("a cron trigger asking for more replicas than the maximum is refused")
        void cronAboveMax() {
            ScalingProfile p = ScalingProfile.cpu(70).replicas(2, 40)
                    .keda(Keda.with(KedaTrigger.cron(ZoneId.of("UTC"), "0 8 * * *", "0 18 * * *", 50)));
            assertThat(errors(p)).containsExactly(Problem.error(P.child("keda").child("triggers", 0),
                    "the cron trigger asks for 50 replicas, above maxReplicas 40, so KEDA never reaches it",
                    "raise the range to replicas(min, 50) or ask the trigger for at most 40").withRule("KEE-SCALE-011"));
        }

        @Test
        @DisplayName("HPA custom metrics cannot be carried into KEDA")
        void customMetric() {
            ScalingProfile p = ScalingProfile.standard().metric(Metric.requestsPerSecond(100))
                    .keda(Keda.with(KedaTrigger.rabbitmq("orders", 10)));
            assertThat(errors(p)).containsExactly(Problem.error(P.child("metrics", "pods/http_requests_per_second"),
                    "KEDA replaces the HPA and cannot carry the HPA metric 'pods/http_requests_per_second'",
                    "express it as a KEDA trigger (e.g. KedaTrigger.prometheus(server, query, threshold)) and remove it "
                            + "with .withoutMetric(\"pods/http_requests_per_second\")").withRule("KEE-SCALE-010"));
        }

        @Test
        @DisplayName("scaling to zero on cpu or memory alone is refused: nothing could scale it up again")
        void zeroOnResourcesOnly() {
            ScalingProfile p = ScalingProfile.standard().replicas(0, 10).keda(Keda.with());
            assertThat(errors(p)).containsExactly(Problem.error(P.child("replicas"),
                    "minReplicas 0 with only cpu or memory to scale on: with no pod running there is no usage to measure, "
                            + "so KEDA could never scale up again",
                    "add an event trigger (a queue, a cron window) to the Keda setup, or use replicas(1 or more, max)").withRule("KEE-SCALE-012"));
        }

        @Test
        @DisplayName("scaling to zero with an event trigger is accepted, and gets no PDB")
        void zeroWithTrigger() {
            ScalingProfile p = ScalingProfile.standard().replicas(0, 10)
                    .keda(Keda.with(KedaTrigger.cron(ZoneId.of("UTC"), "0 8 * * *", "0 18 * * *", 3)));
            var manifest = prod(shop(api().with(p)));
            assertThat(manifest.objects()).extracting(o -> o.getKind())
                    .contains("ScaledObject").doesNotContain("PodDisruptionBudget", "HorizontalPodAutoscaler");
        }
    }

    @Nested
    @DisplayName("vertical")
    class VerticalRules {

        @Test
        @DisplayName("an HPA and a VPA on the same resource are refused, naming the compatible setups")
        void conflict() {
            ScalingProfile p = ScalingProfile.standard().withoutMetric("memory")
                    .vertical(VerticalScaling.mode(UpdateMode.RECREATE));
            assertThat(errors(p)).containsExactly(Problem.error(P.child("vertical"),
                    "the HPA scales on cpu while the VPA (mode Recreate) also changes the cpu requests: they fight (the VPA "
                            + "raises requests, utilization drops, the HPA scales in, and round again)",
                    "pick one of the compatible setups: let the VPA control only memory "
                            + "(ContainerPolicy.app().controls(ComputeResource.MEMORY)); run the VPA for recommendations only "
                            + "(VerticalScaling.recommendOnly()); or scale the HPA on custom or external metrics instead "
                            + "(e.g. ScalingProfile.on(Metric.requestsPerSecond(100)))").withRule("KEE-SCALE-020"));
        }

        @Test
        @DisplayName("the conflict rule counts Initial too, and both resources when both are scaled")
        void conflictBoth() {
            ScalingProfile p = ScalingProfile.standard().vertical(VerticalScaling.mode(UpdateMode.INITIAL));
            assertThat(errors(p)).extracting(Problem::path, Problem::message).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(P + "/vertical", "the HPA scales on cpu and memory while the VPA "
                            + "(mode Initial) also changes the cpu and memory requests: they fight (the VPA raises requests, "
                            + "utilization drops, the HPA scales in, and round again)"));
        }

        @Test
        @DisplayName("the compatible setups pass: VPA on the other resource, VPA Off, HPA on custom metrics")
        void compatibleSetups() {
            VerticalScaling recreate = VerticalScaling.mode(UpdateMode.RECREATE);
            for (ScalingProfile ok : List.of(
                    ScalingProfile.cpu(70).vertical(recreate.container(ContainerPolicy.app().controls(ComputeResource.MEMORY))),
                    ScalingProfile.standard().vertical(VerticalScaling.recommendOnly()),
                    ScalingProfile.on(Metric.requestsPerSecond(100)).vertical(recreate),
                    ScalingProfile.cpu(70).vertical(recreate.container(ContainerPolicy.app().off())))) {
                assertThat(prod(shop(api().with(ok))).objects()).extracting(o -> o.getKind())
                        .contains("HorizontalPodAutoscaler", "VerticalPodAutoscaler");
            }
        }

        @Test
        @DisplayName("a pod-wide metric conflicts with a VPA controlling that resource on any container")
        void podWideConflict() {
            ScalingProfile p = ScalingProfile.on(Metric.cpu(70).wholePod()).vertical(VerticalScaling.mode(UpdateMode.RECREATE)
                    .container(ContainerPolicy.app().controls(ComputeResource.MEMORY)));
            assertThat(errors(p)).extracting(Problem::path).containsExactly(P + "/vertical");
        }

        @Test
        @DisplayName("a VPA minimum above its maximum is refused")
        void boundsInverted() {
            ScalingProfile p = ScalingProfile.verticalOnly(VerticalScaling.recommendOnly()
                    .container(ContainerPolicy.app().minAllowed("2", null).maxAllowed("500m", null)));
            assertThat(errors(p)).containsExactly(Problem.error(P.child("vertical").child("containers", "api"),
                    "minAllowed cpu 2 exceeds maxAllowed cpu 500m", "minAllowed(..) at most maxAllowed(..)").withRule("KEE-SCALE-018"));
        }

        @Test
        @DisplayName("two policies for one container are refused (app() and the tier's name are the same container)")
        void duplicatePolicy() {
            ScalingProfile p = ScalingProfile.verticalOnly(VerticalScaling.recommendOnly()
                    .container(ContainerPolicy.app()).container(ContainerPolicy.named("api")));
            assertThat(errors(p)).containsExactly(Problem.error(P.child("vertical").child("containers", "api"),
                    "the VPA has two policies for container 'api' (ContainerPolicy.app() is the tier's container)",
                    "give each container one policy").withRule("KEE-SCALE-016"));
        }

        @Test
        @DisplayName("a container policy must name a container")
        void containerName() {
            ScalingProfile p = ScalingProfile.verticalOnly(VerticalScaling.recommendOnly()
                    .container(ContainerPolicy.named("Istio_Proxy")));
            assertThat(errors(p)).containsExactly(Problem.error(P.child("vertical").child("containers", "Istio_Proxy"),
                    "container name 'Istio_Proxy' is not a DNS label",
                    "name a container of the pod, e.g. 'api' or 'istio-proxy', or '*' for all others").withRule("KEE-SCALE-017"));
        }

        @Test
        @DisplayName("update mode Auto is a warning: deprecated since VPA 1.4")
        void autoDeprecated() {
            assertThat(warnings(shop(api().with(ScalingProfile.verticalOnly(VerticalScaling.mode(UpdateMode.AUTO))))))
                    .containsExactly(Problem.warning(P.child("vertical"), "update mode Auto is deprecated since VPA 1.4; it means Recreate",
                            "VerticalScaling.mode(UpdateMode.RECREATE), or IN_PLACE_OR_RECREATE to resize without restarts where possible").withRule("KEE-SCALE-019"));
        }

        @Test
        @DisplayName("an evicting mode on a tier too small for the VPA to evict is a warning")
        void tooFewToEvict() {
            assertThat(warnings(shop(api().replicas(1).with(ScalingProfile.verticalOnly(VerticalScaling.mode(UpdateMode.RECREATE))))))
                    .containsExactly(Problem.warning(P.child("vertical"), "update mode Recreate evicts pods only while at least 2 "
                                    + "replicas are live, and the tier can run 1, so its requests are never updated",
                            "use VerticalScaling.mode(UpdateMode.INITIAL) (applied when pods start), run more replicas, "
                                    + "or lower the VPA's minReplicas(..)").withRule("KEE-SCALE-021"));
        }
    }

    @Nested
    @DisplayName("final objects (check phase)")
    class CheckRules {

        @Test
        @DisplayName("a customization putting spec.replicas back on an HPA-scaled Deployment fails synthesis")
        void replicasCustomizedBack() {
            Platform platform = shop(api().with(ScalingProfile.standard()), b -> b.customize(
                    io.fabric8.kubernetes.api.model.apps.Deployment.class, "api", d -> d.getSpec().setReplicas(3)));
            List<Problem> problems = buildProblems(() -> Keelson.synth(platform).manifest("prod"));
            assertThat(problems).containsExactly(new Problem(P, "in prod: Deployment 'api' sets spec.replicas (3) but its "
                    + "replicas are owned by an autoscaler: every apply would reset the count it chose",
                    "do not set replicas in a customization of a scaled tier; set the range with ScalingProfile...replicas(min, max)",
                    Problem.Severity.ERROR, "SEC-HPA-004"));
        }

        @Test
        @DisplayName("a VPA policy naming a container the pod does not have is a warning (istio-proxy excepted: injected later)")
        void policyForMissingContainer() {
            Platform platform = shop(api().with(ScalingProfile.verticalOnly(VerticalScaling.recommendOnly()
                    .istioProxy().container(ContainerPolicy.named("log-shiper")))));
            assertThat(warnings(platform)).containsExactly(Problem.warning(P.child("vertical").child("containers", "log-shiper"),
                    "in prod: the VPA has a policy for container 'log-shiper', which the pod does not have, so it applies to nothing",
                    "name one of the pod's containers: api").withRule("KEE-SCALE-022"));
        }

        @Test
        @DisplayName("a container without a request for a utilization-scaled resource fails synthesis, naming it")
        void sidecarWithoutRequests() {
            Platform platform = shop(api().with(ScalingProfile.cpu(70)), b -> b.customize(
                    io.fabric8.kubernetes.api.model.apps.Deployment.class, "api", d -> d.getSpec().getTemplate().getSpec()
                            .getContainers().add(new io.fabric8.kubernetes.api.model.ContainerBuilder()
                                    .withName("log-shipper").withImage("ghcr.io/acme/shipper:1.0.0").build())));
            List<Problem> problems = buildProblems(() -> Keelson.synth(platform).manifest("prod"));
            assertThat(problems).containsExactly(new Problem(P, "in prod: container 'log-shipper' has no cpu request, but the "
                    + "tier scales on cpu utilization, a percentage of the requests: without one the autoscaler cannot "
                    + "compute it and stops scaling",
                    "set resources.requests.cpu on container 'log-shipper' (in the customization or feature that adds it), "
                            + "or scale on an average value instead: Metric.cpuAverage(\"<quantity>\")",
                    Problem.Severity.ERROR, "SEC-HPA-006"));
        }
    }
}

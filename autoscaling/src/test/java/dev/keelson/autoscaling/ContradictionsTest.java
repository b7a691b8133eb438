package dev.keelson.autoscaling;

import static dev.keelson.autoscaling.Fixtures.api;
import static dev.keelson.autoscaling.Fixtures.prod;
import static dev.keelson.autoscaling.Fixtures.shop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Resources;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.core.TierOverride;
import dev.keelson.core.ValidationException;
import dev.keelson.core.testkit.Gen;
import dev.keelson.core.testkit.Seeded;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The silent contradictions a scaled tier can hold: a count nobody uses (see {@link ValidationRulesTest}
 * for KEE-SCALE-014/015), metrics that need ports, Object metrics on objects the platform does not
 * write, a traffic split's Deployment the HPA does not scale, a RequestsOnly VPA capped by a limit.
 * Each rule by example (rule, path, message, fix) and over generated cases.
 */
class ContradictionsTest {

    private static final ModelPath P = ModelPath.root("shop").tier("api").child("scaling");

    private static List<Problem> rule(List<Problem> problems, String rule) {
        return problems.stream().filter(p -> rule.equals(p.rule())).toList();
    }

    /** Every problem of every environment of {@code platform}: its warnings, or the errors it fails with. */
    private static List<Problem> problems(Platform platform, String environment) {
        try {
            return Keelson.synth(platform).manifest(environment).warnings();
        } catch (ValidationException e) {
            return e.problems();
        }
    }

    @Nested
    @DisplayName("KEE-SCALE-014/015: a replica count the profile silently overrides")
    class ReplicaCounts {

        /** A profile variant and the stages in which it sets the count (an HPA or fixed(n)). */
        record Variant(String name, ScalingProfile profile, Set<Stage> setsCount) {
        }

        /** One try: the profile, the tier's replicas (2 is the default), the dev and prod overrides. */
        record Case(Variant variant, int replicas, Integer devOverride, Integer prodOverride) {
        }

        @Test
        @DisplayName("any profile, tier count and overrides: an override where the profile sets the count is refused at "
                + "its environment; a tier count no environment uses is refused at the tier")
        void anyCounts() {
            VerticalScaling vpa = VerticalScaling.recommendOnly();
            Gen<Variant> variants = Gen.of(
                    new Variant("standard", ScalingProfile.standard(), EnumSet.allOf(Stage.class)),
                    new Variant("fixed(3)", ScalingProfile.fixed(3), EnumSet.allOf(Stage.class)),
                    new Variant("verticalOnly", ScalingProfile.verticalOnly(vpa), EnumSet.noneOf(Stage.class)),
                    new Variant("prod only", ScalingProfile.standard().onlyIn(Stage.PRODUCTION), EnumSet.of(Stage.PRODUCTION)),
                    new Variant("dev vertical", ScalingProfile.standard().in(Stage.DEVELOPMENT, ScalingProfile.verticalOnly(vpa)),
                            EnumSet.of(Stage.STAGING, Stage.PRODUCTION)));
            Gen<Case> cases = r -> new Case(variants.next(r), Gen.ints(1, 5).next(r), Gen.constant(3).injectNull(0.5).next(r),
                    Gen.constant(4).injectNull(0.5).next(r));
            Seeded.forAll(120, cases, c -> {
                Environment dev = c.devOverride() == null ? Environment.dev()
                        : Environment.dev().override("api", TierOverride.replicas(c.devOverride()));
                Environment prod = c.prodOverride() == null ? Environment.prod()
                        : Environment.prod().override("api", TierOverride.replicas(c.prodOverride()));
                Map<Environment, Integer> overrides = new LinkedHashMap<>();
                overrides.put(dev, c.devOverride());
                overrides.put(Environment.staging(), null);
                overrides.put(prod, c.prodOverride());
                Set<String> expected014 = new TreeSet<>();
                boolean tierCountUsed = false;
                boolean ignoredSomewhere = false;
                for (Map.Entry<Environment, Integer> e : overrides.entrySet()) {
                    boolean sets = c.variant().setsCount().contains(e.getKey().stage());
                    if (e.getValue() != null && sets) {
                        expected014.add("shop/environments/" + e.getKey().name() + "/overrides/api/replicas");
                    }
                    if (e.getValue() == null) {
                        tierCountUsed |= !sets;
                        ignoredSomewhere |= sets;
                    }
                }
                boolean expected015 = c.replicas() != Tier.DEFAULT_REPLICAS && !tierCountUsed && ignoredSomewhere;
                List<Problem> found;
                try {
                    Platform.named("shop").environments(dev, Environment.staging(), prod)
                            .tier(api().replicas(c.replicas()).with(c.variant().profile())).build();
                    found = List.of();
                } catch (ValidationException e) {
                    found = e.problems();
                }
                assertThat(rule(found, "KEE-SCALE-014")).extracting(Problem::path).containsExactlyInAnyOrderElementsOf(expected014);
                assertThat(rule(found, "KEE-SCALE-015")).extracting(Problem::path)
                        .containsExactlyElementsOf(expected015 ? List.of("shop/tiers/api/replicas") : List.of());
                assertThat(found).filteredOn(p -> p.rule() != null && p.rule().matches("KEE-SCALE-01[45]"))
                        .allSatisfy(p -> {
                            assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
                            assertThat(p.message()).contains("has no effect").contains("which wins (");
                        });
            });
        }
    }

    @Nested
    @DisplayName("KEE-SCALE-023: signals from the tier's own pods on a tier without ports")
    class Ports {

        private static final String FIX = "declare the port the pods serve (Tier...port(Port.http(8080))) or the port they "
                + "serve metrics on (Tier...metrics(Port.metrics(9090))); or scale on a signal from outside the pods: an "
                + "External metric (e.g. Metric.queueDepth(\"<queue>\", 10)), a KEDA queue or cron trigger, or cpu";

        private Tier.Builder worker() {
            return Tier.named("api").image("ghcr.io/acme/worker:1.0.0");
        }

        @Test
        @DisplayName("requests per second on a tier without ports is a warning at the metric, naming the fix")
        void podsMetric() {
            assertThat(rule(prod(shop(worker().with(ScalingProfile.on(Metric.requestsPerSecond(100))))).warnings(), "KEE-SCALE-023"))
                    .containsExactly(Problem.warning(P.child("metrics", "pods/http_requests_per_second"),
                            "the Pods metric 'http_requests_per_second' is a series of each pod of tier 'api', which declares "
                                    + "no port: nothing scrapes the pods or sends them requests, so the adapter never serves "
                                    + "it, and while it is missing the HPA does not scale in", FIX).withRule("KEE-SCALE-023"));
        }

        @Test
        @DisplayName("the KEDA HTTP add-on's trigger on a tier without ports is a warning at the trigger")
        void kedaHttpAddOn() {
            ScalingProfile p = ScalingProfile.cpu(70).keda(Keda.with(KedaTrigger.of("external-push",
                    Map.of("scalerAddress", "keda-add-ons-http-external-scaler.keda:9090", "httpScaledObject", "api"))));
            assertThat(rule(prod(shop(worker().with(p))).warnings(), "KEE-SCALE-023"))
                    .containsExactly(Problem.warning(P.child("keda").child("triggers", 0), "the KEDA HTTP add-on trigger "
                            + "('keda-add-ons-http-external-scaler.keda:9090') counts requests routed to the Service of tier "
                            + "'api', which declares no port and so has no Service: the count stays 0", FIX)
                            .withRule("KEE-SCALE-023"));
        }

        /** One try: the tier's ports, and the metrics of its profile. */
        record Case(String ports, List<Metric> metrics) {
        }

        @Test
        @DisplayName("any metrics on a tier with or without ports: exactly the Pods metrics of a tier without any port are reported")
        void anyMetrics() {
            Gen<Metric> metric = Gen.<Metric>of(Metric.cpu(70), Metric.memory(80), Metric.cpuAverage("500m"),
                    Metric.requestsPerSecond(100), Metric.p95ResponseTime(Duration.ofMillis(500)), Metric.activeConnections(1000),
                    Metric.pods("jobs_in_flight", Target.averageValue(4)), Metric.queueDepth("orders", 10),
                    Metric.external("lag", Map.of(), Target.value(100)));
            Gen<Case> cases = r -> new Case(Gen.of("none", "http", "metrics").next(r), metric.list(1, 5).next(r));
            Seeded.forAll(100, cases, c -> {
                Tier.Builder tier = worker();
                if (c.ports().equals("http")) {
                    tier.port(Port.http(8080));
                } else if (c.ports().equals("metrics")) {
                    tier.metrics(Port.metrics(9090));
                }
                ScalingProfile profile = ScalingProfile.on(c.metrics().get(0));
                for (Metric m : c.metrics()) {
                    profile = profile.metric(m);
                }
                Set<String> expected = new TreeSet<>();
                if (c.ports().equals("none")) {
                    for (Metric m : profile.metrics()) {
                        if (m instanceof Metric.PodsMetric) {
                            expected.add(P + "/metrics/" + m.key());
                        }
                    }
                }
                List<Problem> found = rule(problems(shop(tier.with(profile)), "prod"), "KEE-SCALE-023");
                assertThat(found).extracting(Problem::path).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(found).allSatisfy(p -> {
                    assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
                    assertThat(p.fix()).isEqualTo(FIX);
                });
            });
        }
    }

    @Nested
    @DisplayName("KEE-SCALE-024: Object metrics on an object the platform does not write")
    class ObjectTargets {

        private Platform platform(Metric.DescribedObject object) {
            return Platform.named("shop").environments(Environment.prod())
                    .tier(api().with(ScalingProfile.cpu(70).metric(Metric.object("requests_per_second", object, Target.value(2000)))))
                    .tier(Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080)).exposedAt("shop.example.com"))
                    .build();
        }

        @Test
        @DisplayName("an Ingress name the platform does not write is a warning naming the Ingresses it does write")
        void unknownIngress() {
            List<Problem> found = rule(prod(platform(Metric.DescribedObject.ingress("shop"))).warnings(), "KEE-SCALE-024");
            assertThat(found).containsExactly(Problem.warning(P.child("metrics", "object/Ingress/shop/requests_per_second"),
                    "in prod: the Object metric 'requests_per_second' describes Ingress 'shop', which the platform does not write "
                            + "in this environment, so the adapter has no value for it, and while the metric is missing the HPA "
                            + "does not scale in",
                    "describe one of the platform's Ingress objects: web (e.g. Metric.DescribedObject.ingress(\"web\")), "
                            + "or add the object with add(...)").withRule("KEE-SCALE-024"));
        }

        @Test
        @DisplayName("an object of a kind the platform never writes is taken to be managed elsewhere")
        void otherKind() {
            Metric.DescribedObject gateway = new Metric.DescribedObject("gateway.networking.k8s.io/v1", "Gateway", "edge");
            assertThat(rule(prod(platform(gateway)).warnings(), "KEE-SCALE-024")).isEmpty();
        }

        /** One try: the described object's kind and name. */
        record Case(String kind, String name) {
        }

        @Test
        @DisplayName("any described object: reported exactly when its kind is one the platform writes and the name is not among them")
        void anyObject() {
            Set<String> written = Set.of("Service/api", "Service/web", "Ingress/web", "Deployment/api", "Deployment/web");
            Gen<Case> cases = r -> new Case(Gen.of("Service", "Ingress", "Deployment", "Gateway", "Route").next(r),
                    Gen.of("api", "web", "db", "shop", "api-canary").next(r));
            Seeded.forAll(60, cases, c -> {
                String apiVersion = switch (c.kind()) {
                    case "Service" -> "v1";
                    case "Ingress" -> "networking.k8s.io/v1";
                    case "Deployment" -> "apps/v1";
                    default -> "example.com/v1";
                };
                Manifest m = prod(platform(new Metric.DescribedObject(apiVersion, c.kind(), c.name())));
                for (String w : written) {
                    String[] kn = w.split("/");
                    assertThat(m.objects()).as("the fixture writes " + w)
                            .anyMatch(o -> o.getKind().equals(kn[0]) && o.getMetadata().getName().equals(kn[1]));
                }
                boolean expected = Set.of("Service", "Ingress", "Deployment").contains(c.kind())
                        && !written.contains(c.kind() + "/" + c.name());
                List<Problem> found = rule(m.warnings(), "KEE-SCALE-024");
                assertThat(found).hasSize(expected ? 1 : 0);
                assertThat(found).allSatisfy(p -> assertThat(p.path())
                        .isEqualTo(P + "/metrics/object/" + c.kind() + "/" + c.name() + "/requests_per_second"));
            });
        }
    }

    @Nested
    @DisplayName("KEE-SCALE-025: a traffic split's Deployment beside an HPA that does not scale it")
    class Splits {

        /** A canary as the mesh module writes it: {@code <tier>-canary}, the tier's name label, pods labelled version=canary. */
        private static HasMetadata canary(int replicas) {
            Map<String, String> labels = Map.of("app.kubernetes.io/name", "api", "app.kubernetes.io/instance", "api-canary");
            Map<String, String> pods = Map.of("app.kubernetes.io/name", "api", "version", "canary");
            return new DeploymentBuilder().withNewMetadata().withName("api-canary").withLabels(labels).endMetadata()
                    .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(pods).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(pods).endMetadata().withNewSpec().addNewContainer()
                    .withName("api").withImage("ghcr.io/acme/api:2.1.0").endContainer().endSpec().endTemplate().endSpec().build();
        }

        /** The mesh's routes to it: {@code weight} % to subset canary, the rest to stable. */
        private static HasMetadata routes(int weight) {
            GenericKubernetesResource vs = new GenericKubernetesResource();
            vs.setApiVersion("networking.istio.io/v1");
            vs.setKind("VirtualService");
            vs.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("api").build());
            Map<String, Object> stable = Map.of("destination", Map.of("host", "api.shop-prod.svc.cluster.local", "subset", "stable"),
                    "weight", 100 - weight);
            Map<String, Object> canary = Map.of("destination", Map.of("host", "api.shop-prod.svc.cluster.local", "subset", "canary"),
                    "weight", weight);
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("hosts", List.of("api"));
            spec.put("http", List.of(Map.of("route", List.of(stable, canary))));
            vs.setAdditionalProperties(new LinkedHashMap<>(Map.of("spec", spec)));
            return vs;
        }

        private static HasMetadata canaryHpa() {
            return new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("api-canary").endMetadata().withNewSpec()
                    .withNewScaleTargetRef("apps/v1", "Deployment", "api-canary").withMinReplicas(1).withMaxReplicas(4)
                    .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget().withType("Utilization")
                    .withAverageUtilization(70).endTarget().endResource().endMetric().endSpec().build();
        }

        private static Platform platform(ScalingProfile profile, UnaryOperator<Platform.Builder> more) {
            return more.apply(Platform.named("shop").environments(Environment.prod()).tier(api().with(profile))).build();
        }

        @Test
        @DisplayName("a canary of 1 replica taking 10 % of a tier scaled to 20 is a warning naming Canary...replicas(2)")
        void undersizedCanary() {
            Platform p = platform(ScalingProfile.standard(), b -> b.add(e -> canary(1)).add(e -> routes(10)));
            assertThat(rule(prod(p).warnings(), "KEE-SCALE-025")).containsExactly(Problem.warning(P,
                    "in prod: Deployment 'api-canary' runs tier 'api' too (version 'canary'), but the HPA scales only "
                            + "Deployment 'api': 'api-canary' keeps 1 replica whatever the load, while at 20 replicas of the "
                            + "tier its 10 % of the traffic needs 2",
                    "size it for its share of the peak, 10 % of 20 pods: Canary.of(image, 10).replicas(2); "
                            + "or add an HPA for Deployment 'api-canary' with add(...)").withRule("KEE-SCALE-025"));
        }

        @Test
        @DisplayName("a split Deployment whose share cannot be read (no route names it) is reported with the sizing rule")
        void unknownShare() {
            Platform p = platform(ScalingProfile.standard(), b -> b.add(e -> canary(3)));
            assertThat(rule(prod(p).warnings(), "KEE-SCALE-025")).singleElement().satisfies(w -> {
                assertThat(w.path()).isEqualTo(P.toString());
                assertThat(w.fix()).isEqualTo("size it for its share of the peak with the traffic split's replicas(n), "
                        + "n = maxReplicas (20) x its share of the traffic / 100, rounded up; "
                        + "or add an HPA for Deployment 'api-canary' with add(...)");
            });
        }

        /** One try: the HPA's maximum, the canary's weight and replicas, and whether it has an HPA of its own. */
        record Case(int max, int weight, int replicas, boolean ownHpa) {
        }

        @Test
        @DisplayName("any maximum, weight and canary size: reported exactly when the canary has no HPA and fewer replicas "
                + "than its share of the maximum")
        void anySplit() {
            Gen<Case> cases = r -> new Case(Gen.ints(2, 40).next(r), Gen.ints(0, 100).next(r), Gen.ints(1, 10).next(r),
                    Gen.booleans().next(r));
            Seeded.forAll(80, cases, c -> {
                ScalingProfile profile = ScalingProfile.standard().replicas(2, c.max());
                Platform p = platform(profile, b -> {
                    b.add(e -> canary(c.replicas())).add(e -> routes(c.weight()));
                    return c.ownHpa() ? b.add(e -> canaryHpa()) : b;
                });
                int needed = new BigDecimal(c.max() * c.weight()).divide(BigDecimal.valueOf(100), java.math.RoundingMode.CEILING).intValue();
                boolean expected = !c.ownHpa() && c.replicas() < needed;
                List<Problem> found = rule(problems(p, "prod"), "KEE-SCALE-025");
                assertThat(found).hasSize(expected ? 1 : 0);
                assertThat(found).allSatisfy(w -> {
                    assertThat(w.path()).isEqualTo(P.toString());
                    assertThat(w.severity()).isEqualTo(Problem.Severity.WARNING);
                    assertThat(w.fix()).contains("Canary.of(image, " + c.weight() + ").replicas(" + needed + ")");
                });
            });
        }
    }

    @Nested
    @DisplayName("KEE-SCALE-026: a RequestsOnly VPA that can recommend more than the container's limit")
    class RequestsOnly {

        @Test
        @DisplayName("maxAllowed memory above the memory limit, RequestsOnly: a warning with the three fixes")
        void aboveLimit() {
            ScalingProfile p = ScalingProfile.verticalOnly(VerticalScaling.mode(UpdateMode.INITIAL).container(ContainerPolicy.app()
                    .maxAllowed(null, "1Gi").controlledValues(ControlledValues.REQUESTS_ONLY)));
            assertThat(rule(prod(shop(api().resources(Resources.requests("100m", "256Mi")).with(p))).warnings(), "KEE-SCALE-026"))
                    .containsExactly(Problem.warning(P.child("vertical").child("containers", "api"),
                            "in prod: the VPA sets only the memory request of container 'api' (controlledValues RequestsOnly) and "
                                    + "may recommend up to 1Gi (maxAllowed), but the container's memory limit 256Mi stays: the VPA "
                                    + "caps the request at the limit, so the container never gets more than 256Mi",
                            "let limits follow the requests with .controlledValues(ControlledValues.REQUESTS_AND_LIMITS), raise "
                                    + "the memory limit to at least 1Gi, or set maxAllowed memory to at most 256Mi "
                                    + "(maxAllowed(cpu, \"256Mi\"))").withRule("KEE-SCALE-026"));
        }

        @Test
        @DisplayName("no maxAllowed at all: the recommendation is unbounded, so it is reported too; a CPU limit counts like memory's")
        void unbounded() {
            ScalingProfile p = ScalingProfile.verticalOnly(VerticalScaling.mode(UpdateMode.RECREATE).container(ContainerPolicy.allOthers()
                    .controlledValues(ControlledValues.REQUESTS_ONLY)));
            List<Problem> found = rule(prod(shop(api().resources(Resources.requests("100m", "128Mi").cpuLimit("1")).with(p)))
                    .warnings(), "KEE-SCALE-026");
            assertThat(found).extracting(Problem::path).containsExactly(P + "/vertical/containers/api", P + "/vertical/containers/api");
            assertThat(found).extracting(Problem::message).allSatisfy(m -> assertThat(m).contains("may recommend any amount"));
            assertThat(found.get(0).message()).contains("cpu limit 1 ");
            assertThat(found.get(1).message()).contains("memory limit 128Mi ");
        }

        /** One try: the VPA's mode, which policy, its values, what it controls, its memory bound; the memory limit. */
        record Case(UpdateMode mode, boolean allOthers, ControlledValues values, ComputeResource controls, String maxMemory, String limit) {
        }

        @Test
        @DisplayName("any mode, policy, bound and limit: reported exactly when the VPA acts, sets requests only, controls memory, "
                + "and its bound is missing or above the limit")
        void anyPolicy() {
            Gen<String> quantities = Gen.of("64Mi", "128Mi", "256Mi", "1Gi", "2Gi");
            Gen<Case> cases = r -> new Case(Gen.of(UpdateMode.class).next(r), Gen.booleans().next(r),
                    Gen.of(ControlledValues.class).injectNull(0.3).next(r), Gen.of(ComputeResource.class).next(r),
                    quantities.injectNull(0.3).next(r), quantities.next(r));
            Seeded.forAll(120, cases, c -> {
                ContainerPolicy policy = (c.allOthers() ? ContainerPolicy.allOthers() : ContainerPolicy.app()).controls(c.controls())
                        .maxAllowed(null, c.maxMemory());
                if (c.values() != null) {
                    policy = policy.controlledValues(c.values());
                }
                ScalingProfile p = ScalingProfile.verticalOnly(VerticalScaling.mode(c.mode()).container(policy));
                Platform platform = shop(api().resources(Resources.requests("50m", "64Mi").memoryLimit(c.limit())).with(p));
                boolean expected = c.mode() != UpdateMode.OFF && c.values() == ControlledValues.REQUESTS_ONLY
                        && c.controls() == ComputeResource.MEMORY && (c.maxMemory() == null
                        || mebibytes(c.maxMemory()) > mebibytes(c.limit()));
                List<Problem> found = rule(problems(platform, "prod"), "KEE-SCALE-026");
                assertThat(found).hasSize(expected ? 1 : 0);
                assertThat(found).allSatisfy(w -> {
                    assertThat(w.path()).isEqualTo(P + "/vertical/containers/api");
                    assertThat(w.fix()).contains("maxAllowed(cpu, \"" + c.limit() + "\")");
                });
            });
        }

        private static int mebibytes(String q) {
            return q.endsWith("Gi") ? Integer.parseInt(q.replace("Gi", "")) * 1024 : Integer.parseInt(q.replace("Mi", ""));
        }
    }

    @Test
    @DisplayName("none of the new rules fires on the module's own presets on a tier that serves")
    void presetsAreQuiet() {
        List<String> rules = new ArrayList<>(List.of("KEE-SCALE-023", "KEE-SCALE-024", "KEE-SCALE-025", "KEE-SCALE-026"));
        for (ScalingProfile p : List.of(ScalingProfile.report(), ScalingProfile.standard(),
                ScalingProfile.verticalOnly(VerticalScaling.mode(UpdateMode.INITIAL).istioProxy()))) {
            assertThat(prod(shop(api().with(p))).warnings()).noneMatch(w -> rules.contains(w.rule()));
        }
    }
}

package dev.keelson.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Percent;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Resources;
import dev.keelson.core.Stage;
import dev.keelson.core.Synth;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import dev.keelson.core.testkit.Gen;
import dev.keelson.core.testkit.Seeded;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Settings that would silently do nothing are reported, each with its rule ID, its path and a fix:
 * sidecar-only settings in ambient mode, and faults whose stages contradict the platform or
 * {@code allowInProduction()}.
 */
class MeshContradictionsTest {

    static final Set<String> RULES = Set.of("KEE-MESH-042", "KEE-MESH-043", "KEE-MESH-044", "KEE-MESH-045", "KEE-MESH-046");

    static Tier.Builder api() {
        return Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080));
    }

    /** The problems of {@link #RULES} a platform gets at build time, as (severity, rule, path); warnings reach the manifests. */
    static Set<Tuple> reported(Platform.Builder builder) {
        List<Problem> problems;
        try {
            Platform platform = builder.build();
            Synth synth = Keelson.synth(platform);
            problems = synth.manifest(platform.environments().get(0).name()).warnings();
        } catch (ValidationException e) {
            problems = e.problems();
        }
        Set<Tuple> out = new HashSet<>();
        for (Problem p : problems) {
            if (RULES.contains(p.rule())) {
                assertThat(p.fix()).as("fix of %s", p).isNotBlank();
                out.add(tuple(p.severity(), p.rule(), p.path()));
            }
        }
        return out;
    }

    static Problem only(Platform.Builder builder, String rule) {
        List<Problem> problems;
        try {
            Platform platform = builder.build();
            problems = Keelson.synth(platform).manifest(platform.environments().get(0).name()).warnings();
        } catch (ValidationException e) {
            problems = e.problems();
        }
        List<Problem> found = problems.stream().filter(p -> rule.equals(p.rule())).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Nested
    class Ambient {

        static Platform.Builder shop(MeshPolicy mesh) {
            return Platform.named("shop").environments(Environment.dev(), Environment.prod()).with(mesh).tier(api());
        }

        @Test
        @DisplayName("KEE-MESH-042: a revision in ambient mode is refused: it would be dropped, and with it the choice of control plane")
        void revision() {
            Problem p = only(shop(MeshPolicy.strictMtls().revision("1-30-3").ambient()), "KEE-MESH-042");
            assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
            assertThat(p.path()).isEqualTo("shop/mesh/revision");
            assertThat(p.message()).isEqualTo("revision '1-30-3' selects the sidecar injector of a control-plane revision,"
                    + " but in ambient mode no sidecar is injected and no istio.io/rev label is written, so the workloads"
                    + " would not be served by revision '1-30-3'");
            assertThat(p.fix()).isEqualTo("drop .revision(\"1-30-3\") (ambient workloads are served by the cluster's ztunnel),"
                    + " or use sidecars: MeshPolicy.strictMtls().revision(\"1-30-3\") without .ambient()");
        }

        @Test
        @DisplayName("KEE-MESH-043: proxy resources in ambient mode build with a warning: there is no sidecar to size")
        void proxyResources() {
            Problem p = only(shop(MeshPolicy.strictMtls().ambient().proxyResources(Resources.requests("50m", "64Mi"))),
                    "KEE-MESH-043");
            assertThat(tuple(p.severity(), p.path(), p.message(), p.fix())).isEqualTo(tuple(Problem.Severity.WARNING,
                    "shop/mesh/proxyResources", "proxyResources(...) sizes the sidecar, but in ambient mode there is no"
                            + " sidecar, so it is not written (ztunnel and waypoints are sized by their own installation)",
                    ".proxyResources(...): drop it, or use sidecars: MeshPolicy.strictMtls() without .ambient() and .withWaypoint()"));
        }

        @Test
        @DisplayName("KEE-MESH-043: withoutHoldingApplication() in ambient mode builds with a warning: there is no sidecar to wait for")
        void holdApplication() {
            Problem p = only(shop(MeshPolicy.strictMtls().withoutHoldingApplication().withWaypoint()), "KEE-MESH-043");
            assertThat(tuple(p.severity(), p.path(), p.message())).isEqualTo(tuple(Problem.Severity.WARNING,
                    "shop/mesh/holdApplication", "withoutHoldingApplication() lets the application start before its"
                            + " sidecar, but in ambient mode there is no sidecar to wait for"));
        }

        @Test
        @DisplayName("KEE-MESH-043: allowAnyOutbound() in ambient mode builds with a warning: no Sidecar resource carries it")
        void allowAnyOutbound() {
            Problem p = only(shop(MeshPolicy.strictMtls().ambient().allowAnyOutbound()), "KEE-MESH-043");
            assertThat(tuple(p.severity(), p.path(), p.message())).isEqualTo(tuple(Problem.Severity.WARNING,
                    "shop/mesh/outboundTrafficPolicy", "allowAnyOutbound() sets the outbound traffic policy of the"
                            + " namespace's Sidecar resource, but in ambient mode no Sidecar resource is written"));
        }

        @Test
        @DisplayName("KEE-MESH-043: controlPlane(...) in ambient mode builds with a warning: pods do not connect to istiod")
        void controlPlane() {
            Problem p = only(shop(MeshPolicy.strictMtls().controlPlane("istio-cp", Map.of("app", "istiod"), 15012).ambient()),
                    "KEE-MESH-043");
            assertThat(tuple(p.severity(), p.path(), p.message())).isEqualTo(tuple(Problem.Severity.WARNING,
                    "shop/mesh/controlPlane", "controlPlane(...) locates istiod for the sidecars' connection to it, but in"
                            + " ambient mode pods do not connect to istiod (ztunnel does), so no flow to it is written"));
        }

        @Test
        @DisplayName("KEE-MESH-044: tracing in ambient mode without a waypoint builds with a warning: ztunnel writes no spans")
        void tracing() {
            Problem p = only(shop(MeshPolicy.strictMtls().ambient().tracing(MeshTracing.provider("otel"))), "KEE-MESH-044");
            assertThat(tuple(p.severity(), p.path(), p.message(), p.fix())).isEqualTo(tuple(Problem.Severity.WARNING,
                    "shop/mesh/tracing", "MeshPolicy.tracing(...) asks the mesh's proxies for spans, but in ambient mode"
                            + " without a waypoint only ztunnel carries the traffic, and it works on TCP connections, not"
                            + " HTTP requests: no span is written",
                    "add a waypoint: MeshPolicy.strictMtls().withWaypoint(), or leave tracing to the applications' SDKs"));
            Problem shared = only(shop(MeshPolicy.strictMtls().ambient())
                    .with(new SharedTracingTest.Settings("otel", 10, Map.of())), "KEE-MESH-044");
            assertThat(shared.message()).startsWith("Settings.meshProvider(\"otel\") asks the mesh's proxies for spans");
        }

        @Test
        @DisplayName("in ambient mode an external dependency without a host is not said to be blocked by a sidecar")
        void externalWithoutHost() {
            Platform platform = Platform.named("shop").with(MeshPolicy.strictMtls().ambient())
                    .tier(api().dependsOn(Dependency.external("ledger").cidr("10.20.0.0/16"))).build();
            assertThat(Keelson.synth(platform).manifest("prod").warnings()).filteredOn(p -> "KEE-MESH-015".equals(p.rule()))
                    .extracting(Problem::path, Problem::message)
                    .containsExactly(tuple("shop/tiers/api/dependsOn/ledger",
                            "external dependency 'ledger' has no host name, so it gets no ServiceEntry"));
        }

        /** One try: the calls made on {@code MeshPolicy.strictMtls()}, in order. */
        record Calls(List<String> calls) {
        }

        static MeshPolicy apply(List<String> calls) {
            MeshPolicy mesh = MeshPolicy.strictMtls();
            for (String call : calls) {
                mesh = switch (call) {
                    case "ambient()" -> mesh.ambient();
                    case "withWaypoint()" -> mesh.withWaypoint();
                    case "withCni()" -> mesh.withCni();
                    case "revision(\"1-30\")" -> mesh.revision("1-30");
                    case "proxyResources(50m, 64Mi)" -> mesh.proxyResources(Resources.requests("50m", "64Mi"));
                    case "proxyResources(default)" -> mesh.proxyResources(MeshPolicy.DEFAULT_PROXY_RESOURCES);
                    case "withoutHoldingApplication()" -> mesh.withoutHoldingApplication();
                    case "allowAnyOutbound()" -> mesh.allowAnyOutbound();
                    case "controlPlane(istio-cp)" -> mesh.controlPlane("istio-cp", Map.of("app", "istiod"), 15012);
                    case "controlPlane(port 15013)" -> mesh.controlPlane("istio-system", Map.of("app", "istiod"), 15013);
                    case "tracing(otel)" -> mesh.tracing(MeshTracing.provider("otel"));
                    case "accessLogging(otel)" -> mesh.accessLogging("otel");
                    default -> throw new AssertionError(call);
                };
            }
            return mesh;
        }

        @Test
        @DisplayName("any mix and order of sidecar-only settings: reported exactly when ambient mode makes them do nothing")
        void anyMix() {
            Gen<String> setting = Gen.of("revision(\"1-30\")", "proxyResources(50m, 64Mi)", "proxyResources(default)",
                    "withoutHoldingApplication()", "allowAnyOutbound()", "controlPlane(istio-cp)", "controlPlane(port 15013)",
                    "tracing(otel)", "accessLogging(otel)", "withCni()");
            Gen<String> plane = Gen.of("none", "ambient()", "withWaypoint()");
            Gen<Calls> gen = r -> {
                List<String> calls = new ArrayList<>(setting.set(0, 6).next(r));
                String p = plane.next(r);
                if (!p.equals("none")) {
                    calls.add(r.nextInt(calls.size() + 1), p); // before, between or after the settings
                }
                return new Calls(calls);
            };
            Seeded.forAll(200, gen, c -> {
                List<String> calls = c.calls();
                boolean ambient = calls.contains("ambient()") || calls.contains("withWaypoint()");
                boolean waypoint = calls.contains("withWaypoint()");
                Set<Tuple> expected = new HashSet<>();
                if (ambient) {
                    if (calls.contains("revision(\"1-30\")")) {
                        expected.add(tuple(Problem.Severity.ERROR, "KEE-MESH-042", "shop/mesh/revision"));
                    }
                    if (calls.contains("proxyResources(50m, 64Mi)") && !lastOf(calls, "proxyResources(default)", "proxyResources(50m, 64Mi)")) {
                        expected.add(tuple(Problem.Severity.WARNING, "KEE-MESH-043", "shop/mesh/proxyResources"));
                    }
                    if (calls.contains("withoutHoldingApplication()")) {
                        expected.add(tuple(Problem.Severity.WARNING, "KEE-MESH-043", "shop/mesh/holdApplication"));
                    }
                    if (calls.contains("allowAnyOutbound()")) {
                        expected.add(tuple(Problem.Severity.WARNING, "KEE-MESH-043", "shop/mesh/outboundTrafficPolicy"));
                    }
                    if (calls.contains("controlPlane(istio-cp)") || calls.contains("controlPlane(port 15013)")) {
                        expected.add(tuple(Problem.Severity.WARNING, "KEE-MESH-043", "shop/mesh/controlPlane"));
                    }
                    if (calls.contains("tracing(otel)") && !waypoint) {
                        expected.add(tuple(Problem.Severity.WARNING, "KEE-MESH-044", "shop/mesh/tracing"));
                    }
                }
                MeshPolicy mesh = apply(calls);
                assertThat(reported(shop(mesh))).containsExactlyInAnyOrderElementsOf(expected);
                if (!ambient && calls.contains("proxyResources(50m, 64Mi)")
                        && !lastOf(calls, "proxyResources(default)", "proxyResources(50m, 64Mi)")) {
                    // in sidecar mode the same setting is not silent: it reaches the pod
                    var d = Keelson.synth(shop(mesh).build()).manifest("prod")
                            .get(io.fabric8.kubernetes.api.model.apps.Deployment.class, "api").orElseThrow();
                    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
                            .containsEntry("sidecar.istio.io/proxyCPU", "50m");
                }
            });
        }

        /** Whether {@code a} is called after the last {@code b}. */
        private static boolean lastOf(List<String> calls, String a, String b) {
            return calls.lastIndexOf(a) > calls.lastIndexOf(b);
        }
    }

    @Test
    @DisplayName("a load balancer's key or cookie lifetime given to an algorithm that ignores it is refused at once")
    void loadBalancerKey() {
        assertThatThrownBy(() -> new LoadBalancer(LoadBalancer.Kind.ROUND_ROBIN, "x-user-id", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("new LoadBalancer(): ROUND_ROBIN takes no key, but got 'x-user-id'; use the factories, e.g."
                        + " LoadBalancer.hashHeader(\"x-user-id\")");
        assertThatThrownBy(() -> new LoadBalancer(LoadBalancer.Kind.HASH_HEADER, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HASH_HEADER needs a key");
        assertThatThrownBy(() -> new LoadBalancer(LoadBalancer.Kind.HASH_HEADER, "x-user-id", Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HASH_HEADER takes no cookie lifetime");
        assertThatThrownBy(() -> new LoadBalancer(LoadBalancer.Kind.HASH_COOKIE, "session", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HASH_COOKIE needs a cookie lifetime");
        assertThat(LoadBalancer.hashCookie("session", Duration.ofHours(1)).key()).isEqualTo("session");
    }

    @Nested
    class PerStage {

        static Platform.Builder shop(Tier.Builder tier) {
            return Platform.named("shop").environments(Environment.dev(), Environment.staging(), Environment.prod())
                    .with(MeshPolicy.strictMtls().withCni()).tier(tier);
        }

        static List<Tuple> errors(Platform.Builder builder) {
            return MeshValidationTest.errors(builder);
        }

        @Test
        @DisplayName("one Traffic per stage is not a duplicate: each environment gets its own")
        void trafficPerStage() {
            Platform platform = shop(api().with(Traffic.defaults().timeout(Duration.ofSeconds(30)).onlyIn(Stage.DEVELOPMENT))
                    .with(Traffic.defaults().timeout(Duration.ofSeconds(5)).onlyIn(Stage.STAGING, Stage.PRODUCTION))).build();
            Synth synth = Keelson.synth(platform);
            assertThat(synth.manifest("dev").get(VirtualService.class, "api").orElseThrow().getSpec().getHttp().get(0)
                    .getTimeout()).isEqualTo("30s");
            assertThat(synth.manifest("prod").get(VirtualService.class, "api").orElseThrow().getSpec().getHttp().get(0)
                    .getTimeout()).isEqualTo("5s");
        }

        @Test
        @DisplayName("KEE-MESH-017: two Traffic, Jwt or splits active in a common stage are refused, naming the stages")
        void overlapping() {
            assertThat(errors(shop(api().with(Traffic.defaults().onlyIn(Stage.STAGING, Stage.PRODUCTION))
                    .with(Traffic.defaults().onlyIn(Stage.PRODUCTION)))))
                    .containsExactly(tuple("KEE-MESH-017", "shop/tiers/api/traffic",
                            "Traffic is declared twice on tier 'api', both active in stage PRODUCTION"));
            Jwt jwt = Jwt.issuer("https://auth.example.com").jwksUri("https://auth.example.com/jwks.json");
            assertThat(errors(shop(api().with(jwt).with(jwt.onlyAtIngress().onlyIn(Stage.DEVELOPMENT)))))
                    .containsExactly(tuple("KEE-MESH-017", "shop/tiers/api/jwt",
                            "Jwt is declared twice on tier 'api', both active in stage DEVELOPMENT"));
            assertThat(errors(shop(api().with(Canary.of("ghcr.io/acme/api:2.5.0", 10).onlyIn(Stage.STAGING))
                    .with(Mirror.of("ghcr.io/acme/api:2.6.0", 100)))))
                    .containsExactly(tuple("KEE-MESH-017", "shop/tiers/api/mirror",
                            "tier 'api' already has a traffic split (canary); a tier takes at most one, both active in stage STAGING"));
        }

        @Test
        @DisplayName("a canary in staging and a mirror in production are one split per environment")
        void splitPerStage() {
            Platform platform = shop(api().with(Canary.of("ghcr.io/acme/api:2.5.0", 10).onlyIn(Stage.STAGING))
                    .with(Mirror.of("ghcr.io/acme/api:2.6.0", 100).onlyIn(Stage.PRODUCTION))).build();
            Synth synth = Keelson.synth(platform);
            assertThat(synth.manifest("staging").get(io.fabric8.kubernetes.api.model.apps.Deployment.class, "api-canary")).isPresent();
            assertThat(synth.manifest("prod").get(io.fabric8.kubernetes.api.model.apps.Deployment.class, "api-mirror")).isPresent();
            assertThat(synth.manifest("dev").get(io.fabric8.kubernetes.api.model.apps.Deployment.class, "api-canary")).isEmpty();
        }

        @Test
        @DisplayName("KEE-MESH-031: a split's image is compared with the stable image only where the split is active")
        void sameImageOnlyWhereActive() {
            Platform.Builder builder = Platform.named("shop").environments(Environment.dev(), Environment.prod()
                            .override("api", dev.keelson.core.TierOverride.imageTag("2.5.0")))
                    .with(MeshPolicy.strictMtls().withCni())
                    .tier(api().with(Canary.of("ghcr.io/acme/api:2.5.0", 10).onlyIn(Stage.DEVELOPMENT)));
            assertThat(builder.build().tiers()).hasSize(1);
        }
    }

    @Nested
    class Faults {

        static Platform.Builder shop(Fault fault, Environment... environments) {
            return Platform.named("shop").environments(environments).with(MeshPolicy.strictMtls().withCni())
                    .tier(api().with(Traffic.defaults().fault(fault)));
        }

        @Test
        @DisplayName("onlyIn() without a stage is refused at once: the fault would apply nowhere")
        void noStage() {
            assertThatThrownBy(() -> Fault.abort(503, 5).onlyIn()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Fault.onlyIn(): no stage given, so the fault would apply in no environment; name at least"
                            + " one, e.g. onlyIn(Stage.DEVELOPMENT)");
            assertThatThrownBy(() -> new Fault(null, 503, Percent.of(5), Set.of(), false)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("new Fault(): argument 'stages' is empty");
        }

        @Test
        @DisplayName("KEE-MESH-029: a fault without a stage restriction is refused when the platform has a production environment")
        void unrestricted() {
            Problem p = only(shop(Fault.delay(Duration.ofSeconds(2), 10), Environment.dev(), Environment.prod()), "KEE-MESH-029");
            assertThat(tuple(p.severity(), p.path(), p.message(), p.fix())).isEqualTo(tuple(Problem.Severity.ERROR,
                    "shop/tiers/api/traffic/fault", "fault injection on tier 'api' would run in production environment(s) prod",
                    "limit it with .onlyIn(Stage.DEVELOPMENT, Stage.STAGING), or call .allowInProduction() on purpose"));
        }

        @Test
        @DisplayName("a fault in a Traffic limited to other stages than production is not refused: it never reaches production")
        void trafficLimited() {
            Platform platform = Platform.named("shop").environments(Environment.dev(), Environment.prod())
                    .with(MeshPolicy.strictMtls().withCni())
                    .tier(api().with(Traffic.defaults().fault(Fault.abort(503, 5)).onlyIn(Stage.DEVELOPMENT))).build();
            Synth synth = Keelson.synth(platform);
            assertThat(synth.manifest("dev").get(VirtualService.class, "api").orElseThrow().getSpec().getHttp().get(0)
                    .getFault()).isNotNull();
            assertThat(synth.manifest("prod").get(VirtualService.class, "api").orElseThrow().getSpec().getHttp().get(0)
                    .getFault()).isNull();
        }

        @Test
        @DisplayName("KEE-MESH-045: a fault limited to stages no environment has builds with a warning naming the stages there are")
        void reachesNoEnvironment() {
            Problem p = only(shop(Fault.abort(503, 5).onlyIn(Stage.STAGING), Environment.dev(), Environment.prod()),
                    "KEE-MESH-045");
            assertThat(tuple(p.severity(), p.path(), p.message(), p.fix())).isEqualTo(tuple(Problem.Severity.WARNING,
                    "shop/tiers/api/traffic/fault", "fault injection on tier 'api' reaches no environment: it is limited to"
                            + " stage STAGING, and the platform's environments are dev (DEVELOPMENT), prod (PRODUCTION)",
                    "limit it to the stages of the environments that should get it: .onlyIn(Stage.DEVELOPMENT), or drop the fault"));
            Problem prodOnly = only(shop(Fault.abort(503, 5).onlyIn(Stage.DEVELOPMENT, Stage.STAGING), Environment.prod()),
                    "KEE-MESH-045");
            assertThat(prodOnly.fix()).isEqualTo("drop the fault (the platform has only production environments), or allow"
                    + " it there on purpose: .onlyIn(Stage.PRODUCTION).allowInProduction()");
        }

        @Test
        @DisplayName("KEE-MESH-046: allowInProduction() on a fault limited to other stages builds with a warning: it has no effect")
        void allowedButExcluded() {
            Problem p = only(shop(Fault.abort(503, 5).onlyIn(Stage.DEVELOPMENT).allowInProduction(),
                    Environment.dev(), Environment.prod()), "KEE-MESH-046");
            assertThat(tuple(p.severity(), p.path(), p.message(), p.fix())).isEqualTo(tuple(Problem.Severity.WARNING,
                    "shop/tiers/api/traffic/fault", "fault injection on tier 'api' is allowed in production but limited to"
                            + " stage DEVELOPMENT, so allowInProduction() has no effect",
                    "drop .allowInProduction(), or add Stage.PRODUCTION to .onlyIn(...) for chaos testing in production"));
        }

        /** One try: the platform's environments and the fault's stages (all when unrestricted). */
        record Case(List<Environment> environments, Set<Stage> stages, boolean restricted, boolean allowInProduction,
                    boolean delay, Set<Stage> trafficStages, boolean trafficScoped) {
            @Override
            public String toString() {
                return "environments " + environments.stream().map(e -> e.name() + "/" + e.stage()).toList()
                        + (restricted ? ", fault onlyIn " + stages : ", fault unrestricted")
                        + (allowInProduction ? ", allowInProduction()" : "") + (delay ? ", delay" : ", abort")
                        + (trafficScoped ? ", Traffic onlyIn " + trafficStages : "");
            }
        }

        @Test
        @DisplayName("any stages, environments and allowInProduction(): the fault reaches exactly the environments it may,"
                + " a production one only on purpose, and every silent case is reported")
        void anyStages() {
            List<Environment> pool = List.of(Environment.dev(), Environment.staging(), Environment.prod(),
                    Environment.named("qa", Stage.STAGING), Environment.named("prod-eu", Stage.PRODUCTION));
            Gen<List<Environment>> environments = Gen.of(pool).uniqueList(1, 4, Environment::name);
            Gen<Set<Stage>> stages = Gen.of(Stage.class).set(1, 3);
            Gen<Boolean> bool = Gen.booleans();
            Gen<Case> gen = r -> new Case(environments.next(r), stages.next(r), bool.next(r), bool.next(r), bool.next(r),
                    stages.next(r), bool.next(r));
            Seeded.forAll(200, gen, c -> {
                // the fault acts where both it and its Traffic do
                Set<Stage> effective = EnumSet.allOf(Stage.class);
                if (c.restricted()) {
                    effective.retainAll(c.stages());
                }
                if (c.trafficScoped()) {
                    effective.retainAll(c.trafficStages());
                }
                Fault fault = c.delay() ? Fault.delay(Duration.ofSeconds(1), 10) : Fault.abort(503, 10);
                if (c.restricted()) {
                    fault = fault.onlyIn(c.stages().toArray(Stage[]::new));
                }
                if (c.allowInProduction()) {
                    fault = fault.allowInProduction();
                }
                boolean anyProduction = c.environments().stream().anyMatch(Environment::production);
                boolean refused = effective.contains(Stage.PRODUCTION) && !c.allowInProduction() && anyProduction;
                List<String> reached = c.environments().stream()
                        .filter(e -> effective.contains(e.stage()) && (!e.production() || c.allowInProduction()))
                        .map(Environment::name).toList();
                Set<Tuple> expected = new HashSet<>();
                if (c.allowInProduction() && !effective.contains(Stage.PRODUCTION)) {
                    expected.add(tuple(Problem.Severity.WARNING, "KEE-MESH-046", "shop/tiers/api/traffic/fault"));
                }
                if (reached.isEmpty() && !refused) {
                    expected.add(tuple(Problem.Severity.WARNING, "KEE-MESH-045", "shop/tiers/api/traffic/fault"));
                }
                Traffic traffic = Traffic.defaults().fault(fault);
                Platform.Builder builder = Platform.named("shop").environments(c.environments().toArray(Environment[]::new))
                        .with(MeshPolicy.strictMtls().withCni())
                        .tier(api().with(c.trafficScoped() ? traffic.onlyIn(c.trafficStages().toArray(Stage[]::new)) : traffic));
                assertThat(reported(builder)).containsExactlyInAnyOrderElementsOf(expected);
                if (refused) {
                    assertThat(only(builder, "KEE-MESH-029").severity()).isEqualTo(Problem.Severity.ERROR);
                    return;
                }
                Synth synth = Keelson.synth(builder.build());
                for (Environment e : c.environments()) {
                    VirtualService vs = synth.manifest(e.name()).get(VirtualService.class, "api").orElseThrow();
                    boolean injected = vs.getSpec().getHttp().get(0).getFault() != null;
                    assertThat(injected).as("fault in %s", e.name()).isEqualTo(reached.contains(e.name()));
                    if (e.production()) {
                        assertThat(injected).as("a fault in production is always on purpose").isEqualTo(injected && c.allowInProduction());
                    }
                }
            });
        }
    }
}

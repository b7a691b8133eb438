package dev.keelson.core;

import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import dev.keelson.core.testkit.Gen;
import dev.keelson.core.testkit.Seeded;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws generated platforms at the builders: names, ports, images, probes, talksTo targets,
 * overrides, exposures, dependencies, customizations, raw objects and a feature, valid and invalid
 * alike. Every input must either synthesize every environment to YAML or fail with a complete
 * {@link ValidationException}; never with any other exception (no NPE, IllegalStateException,
 * NoSuchElementException, NumberFormatException, ...).
 *
 * <p>Two generators: one where every value may be malformed (most platforms fail validation, each
 * in its own way), and one of well-formed values (most synthesize, so every synthesis path is
 * exercised). Coverage checks make sure each property really sees both outcomes.
 */
@DisplayName("Any generated platform either synthesizes to YAML or fails with a ValidationException, never otherwise")
class AnyInputPropertyTest {

    /** The shape of the rule ID every problem of core carries. */
    static final String RULE_ID = "KEE-[A-Z]+-[0-9]{3}";

    /** One generated change to a builder; {@code toString} makes a failing sample readable. */
    record Step<T>(String what, Consumer<T> apply) {
        @Override
        public String toString() {
            return what;
        }
    }

    /** One try's input: the platform's name and the changes made to its builder. */
    record Input(String name, List<Step<Platform.Builder>> steps) {
    }

    @Test
    @DisplayName("any values: synthesizes or fails with a ValidationException")
    void anyValues() {
        Map<String, Integer> outcomes = run(new Generators(true));
        assertThat(share(outcomes, "synthesized")).as("%% synthesized of %s (keelson.seed=%d)", outcomes, Seeded.baseSeed())
                .isGreaterThanOrEqualTo(3);
        assertThat(share(outcomes, "ValidationException")).as("%% ValidationException of %s (keelson.seed=%d)", outcomes, Seeded.baseSeed())
                .isGreaterThanOrEqualTo(50);
    }

    @Test
    @DisplayName("well-formed values: synthesizes (or fails with a ValidationException, e.g. an unknown talksTo target)")
    void wellFormedValues() {
        Map<String, Integer> outcomes = run(new Generators(false));
        assertThat(share(outcomes, "synthesized")).as("%% synthesized of %s (keelson.seed=%d)", outcomes, Seeded.baseSeed())
                .isGreaterThanOrEqualTo(40);
    }

    /** 300 tries; how many ended in each outcome. */
    private static Map<String, Integer> run(Generators gen) {
        Gen<String> names = gen.platformNames();
        Gen<List<Step<Platform.Builder>>> platforms = gen.platform();
        Map<String, Integer> outcomes = new TreeMap<>();
        Seeded.forAll(300, r -> new Input(names.next(r), platforms.next(r)),
                input -> outcomes.merge(synthesizeOrFail(input.name(), input.steps()), 1, Integer::sum));
        return outcomes;
    }

    private static double share(Map<String, Integer> outcomes, String outcome) {
        return 100.0 * outcomes.getOrDefault(outcome, 0) / outcomes.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String synthesizeOrFail(String name, List<Step<Platform.Builder>> steps) {
        Platform.Builder builder = Platform.named(name);
        steps.forEach(s -> s.apply().accept(builder));
        try {
            Platform platform = builder.build();
            Synth synth = Keelson.synth(platform);
            for (Environment env : platform.environments()) {
                Manifest manifest = synth.manifest(env.name());
                assertThat(manifest.toYaml()).startsWith("---\n");
                assertThat(manifest.objects()).isNotEmpty();
                assertThat(manifest.warnings()).allSatisfy(p -> assertThat(p.rule()).as("rule of %s", p).matches(RULE_ID));
            }
            return "synthesized";
        } catch (ValidationException e) {
            assertThat(e.problems()).anyMatch(p -> p.severity() == Problem.Severity.ERROR);
            assertThat(e.problems()).allSatisfy(p -> {
                assertThat(p.path()).isNotBlank();
                assertThat(p.message()).isNotBlank();
                assertThat(p.rule()).as("rule of %s", p).matches(RULE_ID);
            });
            assertThat(e.getMessage()).startsWith("platform '" + name + "' has ");
            return "ValidationException";
        }
    }

    static <A, B, R> Gen<R> combine(Gen<A> a, Gen<B> b, BiFunction<? super A, ? super B, ? extends R> f) {
        return r -> {
            A first = a.next(r);
            return f.apply(first, b.next(r));
        };
    }

    /** A feature that adds a flow and renders the graph into a ConfigMap, as modules will. */
    static final class FlowFeature implements PlatformExtension {
        @Override
        public void contribute(FeatureContext s) {
            s.flows().add(Flow.of(Flow.Kind.CONTROL_PLANE, Peer.allPods(),
                    Peer.workloads("istio-system", Map.of("app", "istiod"), null), List.of(Port.grpc(15012))));
        }

        @Override
        public void render(FeatureContext s) {
            s.add(new ConfigMapBuilder().withNewMetadata().withName("flows").endMetadata()
                    .addToData("count", Integer.toString(s.flows().all().size())).build());
        }

        @Override
        public String toString() {
            return "FlowFeature";
        }
    }

    /** The generators; with {@code malformed} false, only well-formed values (which may still not fit together). */
    static final class Generators {
        private final boolean malformed;

        Generators(boolean malformed) {
            this.malformed = malformed;
        }

        /** Well-formed values, mixed with malformed ones unless this generator is well-formed only. */
        @SafeVarargs
        private <T> Gen<T> mix(Gen<T> wellFormed, Gen<T>... malformedValues) {
            if (!malformed) {
                return wellFormed;
            }
            return Gen.frequency(Gen.weight(2, wellFormed), Gen.weight(1, Gen.oneOf(List.of(malformedValues))));
        }

        Gen<String> platformNames() {
            return mix(Gen.of("shop", "nexus-v3", "a", "s".repeat(50)),
                    Gen.of("Shop", "", " ", "-shop", "shop-", "x".repeat(63), "y".repeat(64), "s".repeat(58)),
                    Gen.strings("abz09-_A. ", 12));
        }

        Gen<String> tierNames() {
            return mix(Gen.of("api", "web", "worker", "db"),
                    Gen.of("Api", "1x", "", "we_b", "a".repeat(63), "b".repeat(64), "cart"),
                    Gen.strings("abz09-_A.", 10));
        }

        Gen<String> images() {
            return mix(Gen.of("ghcr.io/acme/api:1.0.0", "nginx:1.27", "localhost:5000/web:2",
                            "ghcr.io/acme/api@sha256:" + "ab".repeat(32), "ghcr.io/acme/api:1.0@sha256:" + "0f".repeat(32)),
                    Gen.of("ghcr.io/acme/api", "ghcr.io/acme/api:latest", "", " ", "ghcr.io/Acme/api:1",
                            "ghcr.io/acme/api:", "ghcr.io/acme/api@sha256:xyz", "@", ":", "/", "a//b:1", "ex_ample.com/a:1",
                            "ghcr.io/acme/api:" + "t".repeat(129), "ghcr.io/" + "r".repeat(300) + ":1", "api:1.0 ", "a@b@c", "a:b:c"),
                    Gen.strings("abc:/@._-A1 ", 20));
        }

        Gen<Integer> portNumbers() {
            return mix(Gen.frequency(Gen.weight(5, Gen.ints(1, 65535)),
                            Gen.weight(1, Gen.of(1, 53, 80, 443, 8080, 65535))),
                    Gen.of(-1, 0, 65536, 70000, Integer.MAX_VALUE, Integer.MIN_VALUE));
        }

        Gen<String> portNames() {
            return mix(Gen.of("http", "grpc", "metrics", "admin", "dns"),
                    Gen.of("Admin", "9000", "a--b", "administration12", "", "-a", "a-"),
                    Gen.strings("az09-A", 17));
        }

        Gen<Port> ports() {
            Gen<String> names = portNames();
            Gen<Integer> numbers = portNumbers();
            Gen<Protocol> protocols = Gen.of(Protocol.class);
            Gen<String> appProtocols = mix(Gen.of("http", "http2", "grpc", "tcp", "https").injectNull(0.2), Gen.of("h t"));
            return rnd -> new Port(names.next(rnd), numbers.next(rnd), protocols.next(rnd), appProtocols.next(rnd));
        }

        Gen<String> quantities() {
            return mix(Gen.of("100m", "1", "0.5", "128Mi", "1Gi", "2", "1e3", "1E", ".5", "1.", "1Ki", "10Ei", "1m"),
                    Gen.of("0", "-1", "", "abc", "1e9999999999", "999999999999999999999Ei", "1 Gi"));
        }

        Gen<Resources> resources() {
            if (!malformed) {
                // well-formed and consistent: request <= limit
                return Gen.of(Resources.DEFAULT, Resources.requests("250m", "256Mi").cpuLimit("1"),
                        Resources.requests("1", "1Gi").memoryLimit("2Gi"), Resources.requests("0.5", "1e9").cpuLimit("0.5"));
            }
            Gen<String> requests = quantities();
            Gen<String> rarelyUnlimited = quantities().injectNull(0.6);
            Gen<String> oftenUnlimited = quantities().injectNull(0.3);
            return rnd -> new Resources(requests.next(rnd), requests.next(rnd), rarelyUnlimited.next(rnd), oftenUnlimited.next(rnd));
        }

        Gen<Probe> probes() {
            Gen<Integer> timing = mix(Gen.ints(1, 30), Gen.of(-1, 0));
            Gen<Probe.Kind> kinds = Gen.of(Probe.Kind.class);
            Gen<String> paths = mix(Gen.of("/healthz", "/ready", "/"), Gen.of("healthz", "").injectNull(0.2));
            Gen<String> ports = malformed ? portNames().injectNull(0.5) : Gen.of("http").injectNull(0.5);
            return rnd -> {
                Probe.Kind kind = kinds.next(rnd);
                String path = paths.next(rnd);
                return new Probe(kind, kind == Probe.Kind.HTTP ? path : null, ports.next(rnd),
                        timing.next(rnd), timing.next(rnd), timing.next(rnd), timing.next(rnd));
            };
        }

        Gen<String> hosts() {
            return mix(Gen.of("shop.example.com", "*.example.com", "api.example.com", "localhost", "a.b.c.example.org"),
                    Gen.of("Shop.example.com", "203.0.113.7", "", "*.", "a..b", "a".repeat(64) + ".example.com",
                            "-a.example.com", "shop.example.com."));
        }

        Gen<Tls> tls() {
            return mix(Gen.of(Tls.clusterIssuer("letsencrypt-prod"), Tls.issuer("team-ca"), Tls.none()),
                    Gen.of(Tls.clusterIssuer("Bad Issuer"), Tls.issuer("")));
        }

        Gen<Exposure> exposures() {
            Gen<String> hosts = hosts();
            Gen<String> paths = mix(Gen.of("/", "/api", "/v1/"), Gen.of("api", "", "/a b"));
            Gen<String> ports = malformed ? portNames().injectNull(0.6) : Gen.of("http").injectNull(0.6);
            Gen<Tls> tls = tls().injectNull(0.5);
            Gen<String> classes = mix(Gen.of("nginx", "internal"), Gen.of("NGINX", ""));
            return rnd -> new Exposure(hosts.next(rnd), paths.next(rnd), ports.next(rnd), tls.next(rnd), classes.next(rnd));
        }

        Gen<Connection> connections() {
            Gen<String> targets = tierNames();
            Gen<List<String>> ports = malformed ? portNames().list(0, 2) : Gen.of(List.<String>of(), List.of("http"));
            Gen<List<String>> methods = mix(Gen.of("GET", "POST"), Gen.of("get", "")).list(0, 2);
            Gen<List<String>> paths = mix(Gen.of("/v1/*", "*", "/orders"), Gen.of("v1", "/a b")).list(0, 2);
            return rnd -> new Connection(targets.next(rnd), ports.next(rnd), methods.next(rnd), paths.next(rnd));
        }

        Gen<Dependency> dependencies() {
            Gen<String> names = mix(Gen.of("db", "cache", "payments"), Gen.of("Orders_DB", ""));
            Gen<Integer> kinds = Gen.of(0, 1, 2);
            Gen<Dependency> base = rnd -> {
                int kind = kinds.next(rnd);
                String n = names.next(rnd);
                return kind == 0 ? Dependency.postgres(n) : kind == 1 ? Dependency.redis(n) : Dependency.external(n);
            };
            Gen<String> namespaces = mix(Gen.of("data", "cache-ns"), Gen.of("", "Data", "-")).injectNull(0.6);
            Gen<String> hosts = mix(Gen.of("api.stripe.com", "hooks.example.org"), Gen.of("bad host", "10.0.0.1")).injectNull(0.4);
            Gen<String> cidrs = mix(Gen.of("10.20.0.0/16", "::/0", "203.0.113.0/24"), Gen.of("10.20.0.0/33", "nope")).injectNull(0.6);
            Gen<List<Port>> portLists = ports().list(malformed ? 0 : 1, 2).injectNull(0.6);
            return rnd -> {
                Dependency d = base.next(rnd);
                String ns = namespaces.next(rnd);
                String host = hosts.next(rnd);
                String cidr = cidrs.next(rnd);
                List<Port> ports = portLists.next(rnd);
                Dependency r = ns == null ? d : d.inNamespace(ns);
                r = host == null ? r : r.host(host);
                r = cidr == null ? r : r.cidr(cidr);
                return ports == null ? r : r.port(ports.toArray(Port[]::new));
            };
        }

        Gen<Step<Tier.Builder>> tierSteps() {
            Gen<String> keys = mix(Gen.of("LOG_LEVEL", "x.y", "PORT", "_A"), Gen.of("1VAR", "a b", ""));
            Gen<String> values = Gen.of("info", "", "yes", "on", "1e3", "0123", "~", "null", " lead", "trail ",
                    "a: b", "a #b", "'q'", "\"dq\"", "line\nbreak", "tab\there", "ünïcødé ✓", "-", "[x]", "{y}");
            Gen<String> secretNames = mix(Gen.of("api-token", "db.creds"), Gen.of("API_TOKEN", ""));
            Gen<String> dirs = mix(Gen.of("/var/cache", "/data", "/var/run/secrets/x", "/home/app/.cache"),
                    Gen.of("/tmp", "cache", "/"));
            return Gen.oneOf(List.of(
                    (malformed ? ports() : ports().filter(p -> !p.name().equals("http") && !p.name().equals("metrics")))
                            .map(p -> step("port(" + p + ")", b -> b.port(p))),
                    combine(keys, values, (k, v) -> step("env(" + k + ")", b -> b.env(k, v))),
                    combine(keys, values, (k, v) -> step("config(" + k + ")", b -> b.config(k, v))),
                    rnd -> {
                        String v = keys.next(rnd);
                        String s = secretNames.next(rnd);
                        String k = keys.next(rnd);
                        return step("secretEnv(" + v + "," + s + "," + k + ")", b -> b.secretEnv(v, s, k));
                    },
                    combine(secretNames, dirs, (s, d) -> step("secretFiles(" + s + "," + d + ")",
                            b -> b.secretFiles(s, d))),
                    values.list(0, 3).map(w -> step("command" + w, b -> b.command(w.toArray(String[]::new)))),
                    values.list(0, 3).map(w -> step("args" + w, b -> b.args(w.toArray(String[]::new)))),
                    resources().map(r -> step("resources(" + r + ")", b -> b.resources(r))),
                    probes().injectNull(0.2).map(p -> step("liveness(" + p + ")", b -> b.liveness(p))),
                    probes().injectNull(0.2).map(p -> step("readiness(" + p + ")", b -> b.readiness(p))),
                    probes().injectNull(0.2).map(p -> step("startup(" + p + ")", b -> b.startup(p))),
                    Gen.constant(step("withoutDefaultProbes()", Tier.Builder::withoutDefaultProbes)),
                    mix(Gen.ints(0, 5), Gen.of(-1, -2)).map(n -> step("replicas(" + n + ")", b -> b.replicas(n))),
                    combine(mix(Gen.of("1", "25%", "999999999"), Gen.of("0%", "101%", "x", "", "1000000000")),
                                    mix(Gen.of("0", "1", "25%", "100%"), Gen.of("-1", "1.5")),
                            (s, u) -> step("rollingUpdate(" + s + "," + u + ")", b -> b.rollingUpdate(RollingUpdate.of(s, u)))),
                    Gen.of(Spread.DEFAULT, Spread.none(), Spread.DEFAULT.required())
                            .map(s -> step("spread(" + s + ")", b -> b.spread(s))),
                    exposures().map(e -> step("exposedAt(" + e + ")", b -> b.exposedAt(e))),
                    tierNames().map(t -> step("talksTo(" + t + ")", b -> b.talksTo(t))),
                    connections().map(c -> step("talksTo(" + c + ")", b -> b.talksTo(c))),
                    dependencies().map(d -> step("dependsOn(" + d + ")", b -> b.dependsOn(d))),
                    (malformed ? portNames() : Gen.of("http")).map(p -> step("metrics(" + p + ")", b -> b.metrics(p))),
                    (malformed ? ports() : Gen.of(Port.metrics(9090))).map(p -> step("metrics(" + p + ")", b -> b.metrics(p))),
                    mix(Gen.of("/metrics", "/stats"), Gen.of("metrics")).map(p -> step("metrics(http," + p + ")",
                            b -> b.metrics("http", p))),
                    dirs.map(d -> step("writablePath(" + d + ")", b -> b.writablePath(d))),
                    combine(mix(Gen.of(65532L, 1000L), Gen.of(0L, -1L, 3_000_000_000L)),
                                    mix(Gen.of(65532L, 1000L), Gen.of(0L)),
                            (u, g) -> step("runAs(" + u + "," + g + ")", b -> b.runAs(u, g))),
                    Gen.constant(step("platformAssignedIds()", Tier.Builder::platformAssignedIds)),
                    Gen.constant(step("writableRootFilesystem()", Tier.Builder::writableRootFilesystem)),
                    mix(Gen.of("NET_BIND_SERVICE", "NET_RAW"), Gen.of("ALL", "CAP_SYS_ADMIN", "net_admin", ""))
                            .map(c -> step("addCapability(" + c + ")", b -> b.addCapability(c))),
                    combine(mix(Gen.of("prometheus.io/scrape", "team"), Gen.of("bad key", "a/b/c", "")), values,
                            (k, v) -> step("podAnnotation(" + k + ")", b -> b.podAnnotation(k, v))),
                    images().map(i -> step("image(" + i + ")", b -> b.image(i)))));
        }

        Gen<Tier> tiers() {
            Gen<String> names = tierNames();
            Gen<String> images = malformed ? images().injectNull(0.05) : images();
            Gen<List<Step<Tier.Builder>>> stepLists = tierSteps().list(0, 8);
            return rnd -> {
                String name = names.next(rnd);
                String image = images.next(rnd);
                List<Step<Tier.Builder>> steps = stepLists.next(rnd);
                Tier.Builder b = Tier.named(name);
                if (!malformed) {
                    b.port(Port.http(8080));
                }
                if (image != null) {
                    b.image(image);
                }
                steps.forEach(s -> s.apply().accept(b));
                return b.build();
            };
        }

        Gen<TierOverride> overrides() {
            Gen<Integer> replicas = mix(Gen.ints(0, 4), Gen.of(-1)).injectNull(0.5);
            Gen<Resources> resources = resources().injectNull(0.7);
            Gen<String> tags = mix(Gen.of("1.1.0", "v2", "2024-01-01"), Gen.of("latest", "", "a/b", "-x")).injectNull(0.5);
            return rnd -> new TierOverride(replicas.next(rnd), resources.next(rnd), tags.next(rnd));
        }

        Gen<Environment> environments() {
            Gen<Environment> base = Gen.oneOf(
                    Gen.of(Environment.dev(), Environment.staging(), Environment.prod()),
                    combine(mix(Gen.of("qa", "perf"), Gen.of("Prod", "", "e".repeat(64))),
                            Gen.of(Stage.class), Environment::named));
            Gen<String> namespaces = mix(Gen.of("team-a", "shop-live"), Gen.of("Bad", "", "shared", "kube-system", "monitoring")).injectNull(0.8);
            Gen<List<Map.Entry<String, TierOverride>>> overrideLists =
                    combine(tierNames(), overrides(), Map::entry).list(0, 2);
            return rnd -> {
                Environment env = base.next(rnd);
                String ns = namespaces.next(rnd);
                List<Map.Entry<String, TierOverride>> overrides = overrideLists.next(rnd);
                Environment e = ns == null ? env : env.namespace(ns);
                for (var o : overrides) {
                    e = e.override(o.getKey(), o.getValue());
                }
                return e;
            };
        }

        Gen<List<Step<Platform.Builder>>> platform() {
            Gen<Step<Platform.Builder>> step = Gen.frequency(
                    Gen.weight(malformed ? 8 : 0, tiers().map(t -> step("tier(" + t.name() + ": " + t + ")", b -> b.tier(t)))),
                    Gen.weight(3, environments().uniqueList(0, 3, Environment::name)
                            .map(e -> step("environments(" + e + ")", b -> b.environments(e.toArray(Environment[]::new))))),
                    Gen.weight(1, mix(Gen.of("169.254.20.10"), Gen.of("node-local", "")).map(a -> step("nodeLocalDns(" + a + ")",
                            b -> b.cluster(ClusterServices.DEFAULT.nodeLocalDns(a))))),
                    Gen.weight(1, combine(mix(Gen.of("monitoring", "observability"), Gen.of("Mon", "")),
                                    mix(Gen.of(Map.of("app", "prometheus"), Map.<String, String>of()),
                                            Gen.of(Map.of("bad key", "x"), Map.of("app", "-x"))),
                            (ns, labels) -> step("monitoring(" + ns + "," + labels + ")",
                                    b -> b.cluster(ClusterServices.DEFAULT.monitoring(ns, labels))))),
                    Gen.weight(1, tls().map(t -> step("certificateIssuer(" + t + ")", b -> b.certificateIssuer(t)))),
                    Gen.weight(malformed ? 2 : 1, tierNames().map(n -> step("customize(Deployment," + n + ")",
                            b -> b.customize(Deployment.class, n, d -> d.getSpec().setMinReadySeconds(5))))),
                    Gen.weight(malformed ? 1 : 0, combine(Gen.of("dev", "prod", "qa"), tierNames(), (env, n) ->
                            step("customize(" + env + ",Service," + n + ")",
                                    b -> b.customize(env, Service.class, n, s -> s.getSpec().setSessionAffinity("ClientIP"))))),
                    Gen.weight(1, Gen.of("banner", "motd").map(n -> step("add(ConfigMap " + n + ")",
                            b -> b.add(env -> rawConfigMap(n, env))))),
                    Gen.weight(malformed ? 1 : 0, Gen.constant(step("add(null)", b -> b.add(env -> null)))),
                    Gen.weight(1, mix(Gen.of("prod"), Gen.of("qa", "")).map(e -> step("add(" + e + ", ConfigMap pdb-note)",
                            b -> b.add(e, env -> rawConfigMap("pdb-note", env))))),
                    Gen.weight(1, Gen.constant(step("with(FlowFeature)", b -> b.with(new FlowFeature())))));
            if (malformed) {
                return step.list(0, 7);
            }
            Gen<Step<Platform.Builder>> tiers = tiers().uniqueList(1, 4, Tier::name)
                    .map(list -> step("tiers(" + list + ")", b -> list.forEach(b::tier)));
            return combine(tiers, step.list(0, 3), (t, rest) -> {
                List<Step<Platform.Builder>> all = new java.util.ArrayList<>();
                all.add(t);
                all.addAll(rest);
                return all;
            });
        }
    }

    static ConfigMap rawConfigMap(String name, Environment env) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("env", env.name()).build();
    }

    static <T> Step<T> step(String what, Consumer<T> apply) {
        return new Step<>(what, apply);
    }
}

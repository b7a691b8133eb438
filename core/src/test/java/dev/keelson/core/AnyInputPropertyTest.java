package dev.keelson.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

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
@Label("Any generated platform either synthesizes to YAML or fails with a ValidationException, never otherwise")
class AnyInputPropertyTest {

    /** One generated change to a builder; {@code toString} makes a failing sample readable. */
    record Step<T>(String what, Consumer<T> apply) {
        @Override
        public String toString() {
            return what;
        }
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    @Label("any values: synthesizes or fails with a ValidationException")
    void anyValues(@ForAll("anyPlatform") List<Step<Platform.Builder>> steps, @ForAll("anyName") String name) {
        String outcome = synthesizeOrFail(name, steps);
        Statistics.label("outcome").collect(outcome);
        Statistics.label("outcome").coverage(c -> {
            c.check("synthesized").percentage(p -> p >= 3);
            c.check("ValidationException").percentage(p -> p >= 50);
        });
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    @Label("well-formed values: synthesizes (or fails with a ValidationException, e.g. an unknown talksTo target)")
    void wellFormedValues(@ForAll("wellFormedPlatform") List<Step<Platform.Builder>> steps, @ForAll("wellFormedName") String name) {
        String outcome = synthesizeOrFail(name, steps);
        Statistics.label("outcome").collect(outcome);
        Statistics.label("outcome").coverage(c -> c.check("synthesized").percentage(p -> p >= 40));
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
            }
            Statistics.label("tiers synthesized").collect(platform.tiers().size());
            return "synthesized";
        } catch (ValidationException e) {
            assertThat(e.problems()).anyMatch(p -> p.severity() == Problem.Severity.ERROR);
            assertThat(e.problems()).allSatisfy(p -> {
                assertThat(p.path()).isNotBlank();
                assertThat(p.message()).isNotBlank();
            });
            assertThat(e.getMessage()).startsWith("platform '" + name + "' has ");
            return "ValidationException";
        }
    }

    @Provide
    Arbitrary<List<Step<Platform.Builder>>> anyPlatform() {
        return new Gen(true).platform();
    }

    @Provide
    Arbitrary<List<Step<Platform.Builder>>> wellFormedPlatform() {
        return new Gen(false).platform();
    }

    @Provide
    Arbitrary<String> anyName() {
        return new Gen(true).platformNames();
    }

    @Provide
    Arbitrary<String> wellFormedName() {
        return new Gen(false).platformNames();
    }

    /** A feature that adds a flow and renders the graph into a ConfigMap, as modules will. */
    static final class FlowFeature implements PlatformFeature {
        @Override
        public void contribute(Synthesis s) {
            s.flows().add(Flow.of(Flow.Kind.CONTROL_PLANE, Peer.allPods(),
                    Peer.workloads("istio-system", Map.of("app", "istiod"), null), List.of(Port.grpc(15012))));
        }

        @Override
        public void render(Synthesis s) {
            s.add(new ConfigMapBuilder().withNewMetadata().withName("flows").endMetadata()
                    .addToData("count", Integer.toString(s.flows().all().size())).build());
        }

        @Override
        public String toString() {
            return "FlowFeature";
        }
    }

    /** The generators; with {@code malformed} false, only well-formed values (which may still not fit together). */
    static final class Gen {
        private final boolean malformed;

        Gen(boolean malformed) {
            this.malformed = malformed;
        }

        /** Well-formed values, mixed with malformed ones unless this generator is well-formed only. */
        @SafeVarargs
        private <T> Arbitrary<T> mix(Arbitrary<T> wellFormed, Arbitrary<T>... malformedValues) {
            if (!malformed) {
                return wellFormed;
            }
            return Arbitraries.frequencyOf(Tuple.of(2, wellFormed), Tuple.of(1, Arbitraries.oneOf(List.of(malformedValues))));
        }

        Arbitrary<String> platformNames() {
            return mix(Arbitraries.of("shop", "nexus-v3", "a", "s".repeat(50)),
                    Arbitraries.of("Shop", "", " ", "-shop", "shop-", "x".repeat(63), "y".repeat(64), "s".repeat(58)),
                    Arbitraries.strings().withChars("abz09-_A. ").ofMaxLength(12));
        }

        Arbitrary<String> tierNames() {
            return mix(Arbitraries.of("api", "web", "worker", "db"),
                    Arbitraries.of("Api", "1x", "", "we_b", "a".repeat(63), "b".repeat(64), "cart"),
                    Arbitraries.strings().withChars("abz09-_A.").ofMaxLength(10));
        }

        Arbitrary<String> images() {
            return mix(Arbitraries.of("ghcr.io/acme/api:1.0.0", "nginx:1.27", "localhost:5000/web:2",
                            "ghcr.io/acme/api@sha256:" + "ab".repeat(32), "ghcr.io/acme/api:1.0@sha256:" + "0f".repeat(32)),
                    Arbitraries.of("ghcr.io/acme/api", "ghcr.io/acme/api:latest", "", " ", "ghcr.io/Acme/api:1",
                            "ghcr.io/acme/api:", "ghcr.io/acme/api@sha256:xyz", "@", ":", "/", "a//b:1", "ex_ample.com/a:1",
                            "ghcr.io/acme/api:" + "t".repeat(129), "ghcr.io/" + "r".repeat(300) + ":1", "api:1.0 ", "a@b@c", "a:b:c"),
                    Arbitraries.strings().withChars("abc:/@._-A1 ").ofMaxLength(20));
        }

        Arbitrary<Integer> portNumbers() {
            return mix(Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.integers().between(1, 65535)),
                            Tuple.of(1, Arbitraries.of(1, 53, 80, 443, 8080, 65535))),
                    Arbitraries.of(-1, 0, 65536, 70000, Integer.MAX_VALUE, Integer.MIN_VALUE));
        }

        Arbitrary<String> portNames() {
            return mix(Arbitraries.of("http", "grpc", "metrics", "admin", "dns"),
                    Arbitraries.of("Admin", "9000", "a--b", "administration12", "", "-a", "a-"),
                    Arbitraries.strings().withChars("az09-A").ofMaxLength(17));
        }

        Arbitrary<Port> ports() {
            return Combinators.combine(portNames(), portNumbers(), Arbitraries.of(Protocol.class),
                            mix(Arbitraries.of("http", "http2", "grpc", "tcp", "https").injectNull(0.2), Arbitraries.of("h t")))
                    .as(Port::new);
        }

        Arbitrary<String> quantities() {
            return mix(Arbitraries.of("100m", "1", "0.5", "128Mi", "1Gi", "2", "1e3", "1E", ".5", "1.", "1Ki", "10Ei", "1m"),
                    Arbitraries.of("0", "-1", "", "abc", "1e9999999999", "999999999999999999999Ei", "1 Gi"));
        }

        Arbitrary<Resources> resources() {
            if (!malformed) {
                // well-formed and consistent: request <= limit
                return Arbitraries.of(Resources.DEFAULT, Resources.requests("250m", "256Mi").cpuLimit("1"),
                        Resources.requests("1", "1Gi").memoryLimit("2Gi"), Resources.requests("0.5", "1e9").cpuLimit("0.5"));
            }
            return Combinators.combine(quantities(), quantities(), quantities().injectNull(0.6), quantities().injectNull(0.3))
                    .as(Resources::new);
        }

        Arbitrary<Probe> probes() {
            Arbitrary<Integer> timing = mix(Arbitraries.integers().between(1, 30), Arbitraries.of(-1, 0));
            return Combinators.combine(Arbitraries.of(Probe.Kind.class),
                            mix(Arbitraries.of("/healthz", "/ready", "/"), Arbitraries.of("healthz", "").injectNull(0.2)),
                            malformed ? portNames().injectNull(0.5) : Arbitraries.of("http").injectNull(0.5), timing, timing, timing, timing)
                    .as((kind, path, port, delay, period, timeout, failures) ->
                            new Probe(kind, kind == Probe.Kind.HTTP ? path : null, port, delay, period, timeout, failures));
        }

        Arbitrary<String> hosts() {
            return mix(Arbitraries.of("shop.example.com", "*.example.com", "api.example.com", "localhost", "a.b.c.example.org"),
                    Arbitraries.of("Shop.example.com", "203.0.113.7", "", "*.", "a..b", "a".repeat(64) + ".example.com",
                            "-a.example.com", "shop.example.com."));
        }

        Arbitrary<Tls> tls() {
            return mix(Arbitraries.of(Tls.clusterIssuer("letsencrypt-prod"), Tls.issuer("team-ca"), Tls.none()),
                    Arbitraries.of(Tls.clusterIssuer("Bad Issuer"), Tls.issuer("")));
        }

        Arbitrary<Exposure> exposures() {
            return Combinators.combine(hosts(), mix(Arbitraries.of("/", "/api", "/v1/"), Arbitraries.of("api", "", "/a b")),
                            malformed ? portNames().injectNull(0.6) : Arbitraries.of("http").injectNull(0.6), tls().injectNull(0.5),
                            mix(Arbitraries.of("nginx", "internal"),
                                    Arbitraries.of("NGINX", "")))
                    .as(Exposure::new);
        }

        Arbitrary<Connection> connections() {
            return Combinators.combine(tierNames(),
                            malformed ? portNames().list().ofMaxSize(2) : Arbitraries.of(List.<String>of(), List.of("http")),
                            mix(Arbitraries.of("GET", "POST"), Arbitraries.of("get", "")).list().ofMaxSize(2),
                            mix(Arbitraries.of("/v1/*", "*", "/orders"), Arbitraries.of("v1", "/a b")).list().ofMaxSize(2))
                    .as(Connection::new);
        }

        Arbitrary<Dependency> dependencies() {
            Arbitrary<String> names = mix(Arbitraries.of("db", "cache", "payments"), Arbitraries.of("Orders_DB", ""));
            Arbitrary<Dependency> base = Combinators.combine(Arbitraries.of(0, 1, 2), names)
                    .as((kind, n) -> kind == 0 ? Dependency.postgres(n) : kind == 1 ? Dependency.redis(n) : Dependency.external(n));
            return Combinators.combine(base, mix(Arbitraries.of("data", "cache-ns"), Arbitraries.of("", "Data", "-")).injectNull(0.6),
                            mix(Arbitraries.of("api.stripe.com", "hooks.example.org"), Arbitraries.of("bad host", "10.0.0.1")).injectNull(0.4),
                            mix(Arbitraries.of("10.20.0.0/16", "::/0", "203.0.113.0/24"), Arbitraries.of("10.20.0.0/33", "nope")).injectNull(0.6),
                            ports().list().ofMinSize(malformed ? 0 : 1).ofMaxSize(2).injectNull(0.6))
                    .as((d, ns, host, cidr, ports) -> {
                        Dependency r = ns == null ? d : d.inNamespace(ns);
                        r = host == null ? r : r.host(host);
                        r = cidr == null ? r : r.cidr(cidr);
                        return ports == null ? r : r.port(ports.toArray(Port[]::new));
                    });
        }

        Arbitrary<Step<Tier.Builder>> tierSteps() {
            Arbitrary<String> keys = mix(Arbitraries.of("LOG_LEVEL", "x.y", "PORT", "_A"), Arbitraries.of("1VAR", "a b", ""));
            Arbitrary<String> values = Arbitraries.of("info", "", "yes", "on", "1e3", "0123", "~", "null", " lead", "trail ",
                    "a: b", "a #b", "'q'", "\"dq\"", "line\nbreak", "tab\there", "ünïcødé ✓", "-", "[x]", "{y}");
            Arbitrary<String> secretNames = mix(Arbitraries.of("api-token", "db.creds"), Arbitraries.of("API_TOKEN", ""));
            Arbitrary<String> dirs = mix(Arbitraries.of("/var/cache", "/data", "/var/run/secrets/x", "/home/app/.cache"),
                    Arbitraries.of("/tmp", "cache", "/"));
            return Arbitraries.oneOf(List.of(
                    (malformed ? ports() : ports().filter(p -> !p.name().equals("http") && !p.name().equals("metrics")))
                            .map(p -> step("port(" + p + ")", b -> b.port(p))),
                    Combinators.combine(keys, values).as((k, v) -> step("env(" + k + ")", b -> b.env(k, v))),
                    Combinators.combine(keys, values).as((k, v) -> step("config(" + k + ")", b -> b.config(k, v))),
                    Combinators.combine(keys, secretNames, keys).as((v, s, k) -> step("secretEnv(" + v + "," + s + "," + k + ")",
                            b -> b.secretEnv(v, s, k))),
                    Combinators.combine(secretNames, dirs).as((s, d) -> step("secretFiles(" + s + "," + d + ")",
                            b -> b.secretFiles(s, d))),
                    values.list().ofMaxSize(3).map(w -> step("command" + w, b -> b.command(w.toArray(String[]::new)))),
                    values.list().ofMaxSize(3).map(w -> step("args" + w, b -> b.args(w.toArray(String[]::new)))),
                    resources().map(r -> step("resources(" + r + ")", b -> b.resources(r))),
                    probes().injectNull(0.2).map(p -> step("liveness(" + p + ")", b -> b.liveness(p))),
                    probes().injectNull(0.2).map(p -> step("readiness(" + p + ")", b -> b.readiness(p))),
                    probes().injectNull(0.2).map(p -> step("startup(" + p + ")", b -> b.startup(p))),
                    Arbitraries.just(step("withoutDefaultProbes()", Tier.Builder::withoutDefaultProbes)),
                    mix(Arbitraries.integers().between(0, 5), Arbitraries.of(-1, -2)).map(n -> step("replicas(" + n + ")", b -> b.replicas(n))),
                    Combinators.combine(mix(Arbitraries.of("1", "25%", "999999999"), Arbitraries.of("0%", "101%", "x", "", "1000000000")),
                                    mix(Arbitraries.of("0", "1", "25%", "100%"), Arbitraries.of("-1", "1.5")))
                            .as((s, u) -> step("rollingUpdate(" + s + "," + u + ")", b -> b.rollingUpdate(RollingUpdate.of(s, u)))),
                    Arbitraries.of(Spread.DEFAULT, Spread.none(), Spread.DEFAULT.required())
                            .map(s -> step("spread(" + s + ")", b -> b.spread(s))),
                    exposures().map(e -> step("exposedAt(" + e + ")", b -> b.exposedAt(e))),
                    tierNames().map(t -> step("talksTo(" + t + ")", b -> b.talksTo(t))),
                    connections().map(c -> step("talksTo(" + c + ")", b -> b.talksTo(c))),
                    dependencies().map(d -> step("dependsOn(" + d + ")", b -> b.dependsOn(d))),
                    (malformed ? portNames() : Arbitraries.of("http")).map(p -> step("metrics(" + p + ")", b -> b.metrics(p))),
                    (malformed ? ports() : Arbitraries.of(Port.metrics(9090))).map(p -> step("metrics(" + p + ")", b -> b.metrics(p))),
                    mix(Arbitraries.of("/metrics", "/stats"), Arbitraries.of("metrics")).map(p -> step("metrics(http," + p + ")",
                            b -> b.metrics("http", p))),
                    dirs.map(d -> step("writablePath(" + d + ")", b -> b.writablePath(d))),
                    Combinators.combine(mix(Arbitraries.of(65532L, 1000L), Arbitraries.of(0L, -1L, 3_000_000_000L)),
                                    mix(Arbitraries.of(65532L, 1000L), Arbitraries.of(0L)))
                            .as((u, g) -> step("runAs(" + u + "," + g + ")", b -> b.runAs(u, g))),
                    Arbitraries.just(step("platformAssignedIds()", Tier.Builder::platformAssignedIds)),
                    Arbitraries.just(step("writableRootFilesystem()", Tier.Builder::writableRootFilesystem)),
                    mix(Arbitraries.of("NET_BIND_SERVICE", "NET_RAW"), Arbitraries.of("ALL", "CAP_SYS_ADMIN", "net_admin", ""))
                            .map(c -> step("addCapability(" + c + ")", b -> b.addCapability(c))),
                    Combinators.combine(mix(Arbitraries.of("prometheus.io/scrape", "team"), Arbitraries.of("bad key", "a/b/c", "")), values)
                            .as((k, v) -> step("podAnnotation(" + k + ")", b -> b.podAnnotation(k, v))),
                    images().map(i -> step("image(" + i + ")", b -> b.image(i)))));
        }

        Arbitrary<Tier> tiers() {
            return Combinators.combine(tierNames(), malformed ? images().injectNull(0.05) : images(), tierSteps().list().ofMaxSize(8))
                    .as((name, image, steps) -> {
                        Tier.Builder b = Tier.named(name);
                        if (!malformed) {
                            b.port(Port.http(8080));
                        }
                        if (image != null) {
                            b.image(image);
                        }
                        steps.forEach(s -> s.apply().accept(b));
                        return b.build();
                    });
        }

        Arbitrary<TierOverride> overrides() {
            return Combinators.combine(mix(Arbitraries.integers().between(0, 4), Arbitraries.of(-1)).injectNull(0.5),
                            resources().injectNull(0.7),
                            mix(Arbitraries.of("1.1.0", "v2", "2024-01-01"), Arbitraries.of("latest", "", "a/b", "-x")).injectNull(0.5))
                    .as(TierOverride::new);
        }

        Arbitrary<Environment> environments() {
            Arbitrary<Environment> base = Arbitraries.oneOf(
                    Arbitraries.of(Environment.dev(), Environment.staging(), Environment.prod()),
                    Combinators.combine(mix(Arbitraries.of("qa", "perf"), Arbitraries.of("Prod", "", "e".repeat(64))),
                            Arbitraries.of(Stage.class)).as(Environment::named));
            return Combinators.combine(base, mix(Arbitraries.of("team-a", "shop-live"), Arbitraries.of("Bad", "", "shared", "kube-system", "monitoring")).injectNull(0.8),
                            Combinators.combine(tierNames(), overrides()).as(Tuple::of).list().ofMaxSize(2))
                    .as((env, ns, overrides) -> {
                        Environment e = ns == null ? env : env.namespace(ns);
                        for (var o : overrides) {
                            e = e.override(o.get1(), o.get2());
                        }
                        return e;
                    });
        }

        Arbitrary<List<Step<Platform.Builder>>> platform() {
            Arbitrary<Step<Platform.Builder>> step = Arbitraries.frequencyOf(
                    Tuple.of(malformed ? 8 : 0, tiers().map(t -> step("tier(" + t.name() + ": " + t + ")", b -> b.tier(t)))),
                    Tuple.of(3, environments().list().ofMaxSize(3).uniqueElements(Environment::name)
                            .map(e -> step("environments(" + e + ")", b -> b.environments(e.toArray(Environment[]::new))))),
                    Tuple.of(1, mix(Arbitraries.of("169.254.20.10"), Arbitraries.of("node-local", "")).map(a -> step("nodeLocalDns(" + a + ")",
                            b -> b.cluster(ClusterServices.DEFAULT.nodeLocalDns(a))))),
                    Tuple.of(1, Combinators.combine(mix(Arbitraries.of("monitoring", "observability"), Arbitraries.of("Mon", "")),
                                    mix(Arbitraries.of(Map.of("app", "prometheus"), Map.<String, String>of()),
                                            Arbitraries.of(Map.of("bad key", "x"), Map.of("app", "-x"))))
                            .as((ns, labels) -> step("monitoring(" + ns + "," + labels + ")",
                                    b -> b.cluster(ClusterServices.DEFAULT.monitoring(ns, labels))))),
                    Tuple.of(1, tls().map(t -> step("certificateIssuer(" + t + ")", b -> b.certificateIssuer(t)))),
                    Tuple.of(malformed ? 2 : 1, tierNames().map(n -> step("customize(Deployment," + n + ")",
                            b -> b.customize(Deployment.class, n, d -> d.getSpec().setMinReadySeconds(5))))),
                    Tuple.of(malformed ? 1 : 0, Combinators.combine(Arbitraries.of("dev", "prod", "qa"), tierNames()).as((env, n) ->
                            step("customize(" + env + ",Service," + n + ")",
                                    b -> b.customize(env, Service.class, n, s -> s.getSpec().setSessionAffinity("ClientIP"))))),
                    Tuple.of(1, Arbitraries.of("banner", "motd").map(n -> step("add(ConfigMap " + n + ")",
                            b -> b.add(env -> rawConfigMap(n, env))))),
                    Tuple.of(malformed ? 1 : 0, Arbitraries.just(step("add(null)", b -> b.add(env -> null)))),
                    Tuple.of(1, mix(Arbitraries.of("prod"), Arbitraries.of("qa", "")).map(e -> step("add(" + e + ", ConfigMap pdb-note)",
                            b -> b.add(e, env -> rawConfigMap("pdb-note", env))))),
                    Tuple.of(1, Arbitraries.just(step("with(FlowFeature)", b -> b.with(new FlowFeature())))));
            if (malformed) {
                return step.list().ofMaxSize(7);
            }
            Arbitrary<Step<Platform.Builder>> tiers = tiers().list().ofMinSize(1).ofMaxSize(4).uniqueElements(Tier::name)
                    .map(list -> step("tiers(" + list + ")", b -> list.forEach(b::tier)));
            return Combinators.combine(tiers, step.list().ofMaxSize(3)).as((t, rest) -> {
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

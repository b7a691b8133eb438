package dev.keelson.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Value types: parse, defaults and copies")
class ValueTypesTest {

    static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @Nested
    @DisplayName("Image")
    class ImageTest {

        @ParameterizedTest(name = "{0} -> repository {1}, tag {2}, digest {3}")
        @CsvSource(nullValues = "-", value = {
            "ghcr.io/acme/web:1.4.2,            ghcr.io/acme/web,       1.4.2, -",
            "nginx:1.27,                        nginx,                  1.27,  -",
            "nginx,                             nginx,                  -,     -",
            "localhost:5000/web:2,              localhost:5000/web,     2,     -",
            "localhost:5000/web,                localhost:5000/web,     -,     -",
            "registry.example.com:443/a/b/c:v1, registry.example.com:443/a/b/c, v1, -",
        })
        @DisplayName("splits registry/repository, tag and digest")
        void parse(String reference, String repository, String tag, String digest) {
            Image image = Image.parse(reference);
            assertThat(image.reference()).isEqualTo(reference);
            assertThat(image.repository()).isEqualTo(repository);
            assertThat(image.tag()).isEqualTo(java.util.Optional.ofNullable(tag));
            assertThat(image.digest()).isEqualTo(java.util.Optional.ofNullable(digest));
        }

        @Test
        @DisplayName("a digest is parsed, with or without a tag, and pins the image")
        void digest() {
            Image pinned = Image.parse("ghcr.io/acme/api@" + DIGEST);
            assertThat(pinned.repository()).isEqualTo("ghcr.io/acme/api");
            assertThat(pinned.tag()).isEmpty();
            assertThat(pinned.digest()).contains(DIGEST);
            assertThat(pinned.pinned()).isTrue();
            assertThat(pinned.problem()).isNull();

            Image both = Image.parse("ghcr.io/acme/api:2.0@" + DIGEST);
            assertThat(both.tag()).contains("2.0");
            assertThat(both.digest()).contains(DIGEST);
            assertThat(both.problem()).isNull();
            assertThat(Image.parse("ghcr.io/acme/api:1.0").pinned()).isFalse();
        }

        @Test
        @DisplayName("parse never throws on malformed input; problem() says what is wrong")
        void malformedIsReportedNotThrown() {
            assertThat(Image.parse("").problem()).isEqualTo("image reference is empty");
            assertThat(Image.parse("nginx").problem())
                    .isEqualTo("image 'nginx' has no tag and no digest, so every pull may run different code");
            assertThat(Image.parse("nginx:latest").problem())
                    .isEqualTo("image 'nginx:latest' uses the tag 'latest', so every pull may run different code");
            assertThat(Image.parse("nginx:latest@" + DIGEST).problem()).isNull();
            for (String bad : List.of("@", ":", "/", "a//b:1", "a@b@c", "a:b:c", "UPPER:1", " x:1")) {
                assertThat(Image.parse(bad).problem()).as(bad).isNotNull();
            }
        }

        @Test
        @DisplayName("parse refuses null, naming the parameter")
        void nullReference() {
            assertThatThrownBy(() -> Image.parse(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("Image.parse(): argument 'reference' is null");
        }

        @Test
        @DisplayName("withTag returns a new image with the tag and no digest")
        void withTag() {
            Image original = Image.parse("ghcr.io/acme/api:1.0@" + DIGEST);
            Image retagged = original.withTag("1.1");
            assertThat(retagged.reference()).isEqualTo("ghcr.io/acme/api:1.1");
            assertThat(retagged.digest()).isEmpty();
            assertThat(original.reference()).isEqualTo("ghcr.io/acme/api:1.0@" + DIGEST);
        }

        @Test
        @DisplayName("images are equal by reference")
        void equality() {
            assertThat(Image.parse("nginx:1.27")).isEqualTo(Image.parse("nginx:1.27")).hasSameHashCodeAs(Image.parse("nginx:1.27"))
                    .hasToString("nginx:1.27").isNotEqualTo(Image.parse("nginx:1.28"));
        }
    }

    @Nested
    @DisplayName("Port")
    class PortTest {

        @Test
        @DisplayName("factories set name, protocol and appProtocol")
        void factories() {
            assertThat(Port.http(8080)).isEqualTo(new Port("http", 8080, Protocol.TCP, "http"));
            assertThat(Port.http2(8081)).isEqualTo(new Port("http2", 8081, Protocol.TCP, "http2"));
            assertThat(Port.https(8443)).isEqualTo(new Port("https", 8443, Protocol.TCP, "https"));
            assertThat(Port.grpc(9090)).isEqualTo(new Port("grpc", 9090, Protocol.TCP, "grpc"));
            assertThat(Port.metrics(9091)).isEqualTo(new Port("metrics", 9091, Protocol.TCP, "http"));
            assertThat(Port.tcp("postgres", 5432)).isEqualTo(new Port("postgres", 5432, Protocol.TCP, "tcp"));
            assertThat(Port.udp("dns", 53)).isEqualTo(new Port("dns", 53, Protocol.UDP, null));
        }

        @Test
        @DisplayName("copies change one thing")
        void copies() {
            Port http = Port.http(8080);
            assertThat(http.named("web")).isEqualTo(new Port("web", 8080, Protocol.TCP, "http"));
            assertThat(http.withNumber(80)).isEqualTo(new Port("http", 80, Protocol.TCP, "http"));
            assertThat(http.withAppProtocol(null)).isEqualTo(new Port("http", 8080, Protocol.TCP, null));
            assertThat(http).isEqualTo(Port.http(8080));
            assertThat(http).hasToString("http 8080/TCP");
        }

        @Test
        @DisplayName("out-of-range numbers are accepted here and reported by validation, with every other problem")
        void rangeIsCheckedLater() {
            assertThat(Port.grpc(70000).number()).isEqualTo(70000);
            assertThatThrownBy(() -> new Port(null, 1, Protocol.TCP, null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("new Port(): argument 'name' is null");
        }
    }

    @Nested
    @DisplayName("Resources")
    class ResourcesTest {

        @Test
        @DisplayName("default: 100m CPU and 128Mi memory requested, memory limit equal to the request, no CPU limit")
        void defaults() {
            assertThat(Resources.DEFAULT).isEqualTo(new Resources("100m", "128Mi", null, "128Mi"));
        }

        @Test
        @DisplayName("requests() sets the memory limit to the request; cpuLimit and memoryLimit copy")
        void copies() {
            Resources r = Resources.requests("250m", "256Mi");
            assertThat(r).isEqualTo(new Resources("250m", "256Mi", null, "256Mi"));
            assertThat(r.cpuLimit("1")).isEqualTo(new Resources("250m", "256Mi", "1", "256Mi"));
            assertThat(r.memoryLimit("1Gi")).isEqualTo(new Resources("250m", "256Mi", null, "1Gi"));
            assertThat(r.memoryLimit(null).memoryLimit()).isNull();
            assertThat(r.cpuLimit()).isNull();
        }
    }

    @Nested
    @DisplayName("Probe")
    class ProbeTest {

        @Test
        @DisplayName("factories probe the first port every 10 s, 1 s timeout, failing after 3 misses")
        void factories() {
            assertThat(Probe.http("/healthz")).isEqualTo(new Probe(Probe.Kind.HTTP, "/healthz", null, 0, 10, 1, 3));
            assertThat(Probe.tcp()).isEqualTo(new Probe(Probe.Kind.TCP, null, null, 0, 10, 1, 3));
            assertThat(Probe.grpc()).isEqualTo(new Probe(Probe.Kind.GRPC, null, null, 0, 10, 1, 3));
        }

        @Test
        @DisplayName("copies change one setting each")
        void copies() {
            Probe p = Probe.http("/healthz").onPort("admin").every(20).failAfter(5).startAfter(7).timeout(2);
            assertThat(p).isEqualTo(new Probe(Probe.Kind.HTTP, "/healthz", "admin", 7, 20, 2, 5));
            assertThatThrownBy(() -> Probe.tcp().onPort(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("Probe.onPort(): argument 'portName' is null");
        }

        @Test
        @DisplayName("a tier with a TCP port gets default TCP probes on it; explicit probes or withoutDefaultProbes() replace them")
        void defaultProbes() {
            Tier tier = Tier.named("api").image("nginx:1.27").port(Port.http(8080)).build();
            assertThat(tier.readiness()).isEqualTo(Probe.tcp().onPort("http").every(5));
            assertThat(tier.liveness()).isEqualTo(Probe.tcp().onPort("http").every(10).failAfter(3));
            assertThat(tier.startup()).isEqualTo(Probe.tcp().onPort("http").every(5).failAfter(30));

            Tier explicit = Tier.named("api").image("nginx:1.27").port(Port.http(8080)).readiness(Probe.http("/ready")).build();
            assertThat(explicit.readiness()).isEqualTo(Probe.http("/ready"));
            assertThat(explicit.liveness()).isNull();
            assertThat(explicit.startup()).isNull();

            Tier none = Tier.named("api").image("nginx:1.27").port(Port.http(8080)).withoutDefaultProbes().build();
            assertThat(none.readiness()).isNull();
            assertThat(none.liveness()).isNull();
        }
    }

    @Nested
    @DisplayName("TierOverride")
    class TierOverrideTest {

        @Test
        @DisplayName("factories and copies set one value each")
        void factories() {
            Resources big = Resources.requests("1", "1Gi");
            assertThat(TierOverride.replicas(4)).isEqualTo(new TierOverride(4, null, null));
            assertThat(TierOverride.resources(big)).isEqualTo(new TierOverride(null, big, null));
            assertThat(TierOverride.imageTag("1.5.0")).isEqualTo(new TierOverride(null, null, "1.5.0"));
            assertThat(TierOverride.replicas(4).withImageTag("2").withResources(big)).isEqualTo(new TierOverride(4, big, "2"));
        }

        @Test
        @DisplayName("then(): values the later override sets win, the others are kept")
        void then() {
            Resources big = Resources.requests("1", "1Gi");
            TierOverride first = new TierOverride(3, big, "1.0");
            assertThat(first.then(TierOverride.replicas(5))).isEqualTo(new TierOverride(5, big, "1.0"));
            assertThat(first.then(TierOverride.imageTag("2.0"))).isEqualTo(new TierOverride(3, big, "2.0"));
            assertThat(first.then(TierOverride.host("a.example.com")).then(TierOverride.replicas(1)))
                    .isEqualTo(new TierOverride(1, big, "1.0", "a.example.com"));
            assertThat(first.then(TierOverride.NONE)).isEqualTo(first);
            assertThat(TierOverride.NONE.then(first)).isEqualTo(first);
        }

        @Test
        @DisplayName("Environment.override merges repeated overrides of one tier with then()")
        void environmentMerges() {
            Environment prod = Environment.prod().override("api", TierOverride.replicas(4)).override("api", TierOverride.imageTag("2.0"));
            assertThat(prod.overrideFor("api")).isEqualTo(new TierOverride(4, null, "2.0"));
            assertThat(prod.overrideFor("web")).isEqualTo(TierOverride.NONE);
        }

        @Test
        @DisplayName("Tier.in(environment) applies the override; without one the tier is returned as is")
        void tierIn() {
            Tier api = Tier.named("api").image("ghcr.io/acme/api:1.0").port(Port.http(8080)).build();
            Environment prod = Environment.prod().override("api",
                    TierOverride.replicas(6).withImageTag("1.1").withResources(Resources.requests("1", "1Gi")));
            Tier inProd = api.in(prod);
            assertThat(inProd.replicas()).isEqualTo(6);
            assertThat(inProd.image()).isEqualTo(Image.parse("ghcr.io/acme/api:1.1"));
            assertThat(inProd.resources()).isEqualTo(Resources.requests("1", "1Gi"));
            assertThat(inProd.ports()).isEqualTo(api.ports());
            assertThat(api.in(Environment.dev())).isSameAs(api);
        }
    }

    @Nested
    @DisplayName("Environment")
    class EnvironmentTest {

        @Test
        @DisplayName("presets: dev, staging and prod with their stages; only prod is production")
        void presets() {
            assertThat(List.of(Environment.dev(), Environment.staging(), Environment.prod()))
                    .extracting(Environment::name, Environment::stage, Environment::production)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("dev", Stage.DEVELOPMENT, false),
                            org.assertj.core.groups.Tuple.tuple("staging", Stage.STAGING, false),
                            org.assertj.core.groups.Tuple.tuple("prod", Stage.PRODUCTION, true));
        }

        @Test
        @DisplayName("the namespace is <platform>-<environment> unless set")
        void namespaces() {
            assertThat(Environment.dev().namespaceIn("shop")).isEqualTo("shop-dev");
            assertThat(Environment.named("qa", Stage.STAGING).namespaceIn("nexus-v3")).isEqualTo("nexus-v3-qa");
            assertThat(Environment.prod().namespace("shop").namespaceIn("anything")).isEqualTo("shop");
            assertThat(Environment.prod().namespace()).isNull();
        }

        @Test
        @DisplayName("environments and their overrides are immutable")
        void immutable() {
            Environment prod = Environment.prod();
            Environment changed = prod.override("api", TierOverride.replicas(2));
            assertThat(prod.overrides()).isEmpty();
            assertThat(changed.overrides()).containsOnlyKeys("api");
            assertThatThrownBy(() -> changed.overrides().put("web", TierOverride.NONE)).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        @DisplayName("a platform without environments gets prod")
        void defaultEnvironment() {
            Platform p = Platform.named("shop").build();
            assertThat(p.environments()).containsExactly(Environment.prod());
        }
    }

    @Nested
    @DisplayName("Dependency, Exposure, Connection")
    class Others {

        @Test
        @DisplayName("in-cluster dependencies select pods by name; host() or cidr() makes them external")
        void dependency() {
            Dependency db = Dependency.postgres("orders-db");
            assertThat(db.external()).isFalse();
            assertThat(db.podLabels()).isEqualTo(Map.of("app.kubernetes.io/name", "orders-db"));
            assertThat(db.ports()).containsExactly(Port.tcp("postgres", 5432));
            assertThat(Dependency.redis("cache").ports()).containsExactly(Port.tcp("redis", 6379));
            Dependency stripe = Dependency.external("payments").host("api.stripe.com");
            assertThat(stripe.external()).isTrue();
            assertThat(stripe.ports()).containsExactly(Port.https(443));
            assertThat(stripe.effectiveCidrs()).containsExactly(Dependency.ANYWHERE);
            assertThat(Dependency.external("ledger").cidr("10.20.0.0/16").effectiveCidrs()).containsExactly("10.20.0.0/16");
            assertThat(db.effectiveCidrs()).isEmpty();
        }

        @Test
        @DisplayName("exposure defaults: path '/', first port, platform issuer, class nginx")
        void exposure() {
            Exposure e = Exposure.host("shop.example.com");
            assertThat(e).isEqualTo(new Exposure("shop.example.com", "/", null, null, "nginx"));
            assertThat(e.path("/api").port("grpc").tls(Tls.none()).ingressClass("internal"))
                    .isEqualTo(new Exposure("shop.example.com", "/api", "grpc", Tls.none(), "internal"));
            assertThat(Tls.none().enabled()).isFalse();
            assertThat(Platform.DEFAULT_ISSUER).isEqualTo(Tls.clusterIssuer("letsencrypt-prod"));
        }

        @Test
        @DisplayName("connections default to every port, any method, any path")
        void connection() {
            Connection c = Connection.to("api");
            assertThat(c.ports()).isEmpty();
            assertThat(c.methods()).isEmpty();
            assertThat(c.paths()).isEmpty();
            assertThat(c.ports("grpc").methods("GET").paths("/v1/*"))
                    .isEqualTo(new Connection("api", List.of("grpc"), List.of("GET"), List.of("/v1/*")));
        }
    }

    @Nested
    @DisplayName("Percent")
    class PercentTest {

        @Test
        @DisplayName("holds ints, doubles and text exactly, equal whatever the scale, written without exponent or trailing zeros")
        void exact() {
            assertThat(Percent.of(10)).isEqualTo(Percent.of(10.0)).isEqualTo(Percent.parse("10.00")).isEqualTo(Percent.parse("1E+1"));
            assertThat(Percent.of(10).text()).isEqualTo("10");
            assertThat(Percent.of(0.1).text()).isEqualTo("0.1");
            assertThat(Percent.parse(" 12.5% ")).isEqualTo(Percent.of(12.5));
            assertThat(Percent.of(150).toString()).isEqualTo("150%");
            assertThat(Percent.of(10).fraction()).isEqualByComparingTo("0.1");
            assertThat(Percent.of(0.5).isWhole()).isFalse();
            assertThat(Percent.of(70).intValueExact()).isEqualTo(70);
            assertThat(Percent.of(5).doubleValue()).isEqualTo(5.0);
            assertThat(Percent.of(100).isBetween(0, 100)).isTrue();
            assertThat(Percent.of(100.5).isBetween(0, 100)).isFalse();
            assertThat(Percent.of(-1).compareTo(Percent.of(0))).isNegative();
        }

        @Test
        @DisplayName("refuses at once only what no use accepts: NaN, infinity, text that is no number")
        void refuses() {
            assertThatThrownBy(() -> Percent.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Percent.of(): a percentage must be a finite number, was NaN");
            assertThatThrownBy(() -> Percent.of(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Percent.of(): a percentage must be a finite number, was Infinity");
            assertThatThrownBy(() -> Percent.parse("ten")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Percent.parse(): 'ten' is not a percentage such as \"12.5\" or \"70%\"");
        }
    }
}

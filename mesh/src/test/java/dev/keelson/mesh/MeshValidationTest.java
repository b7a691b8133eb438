package dev.keelson.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Exposure;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Protocol;
import dev.keelson.core.Resources;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.core.Tls;
import dev.keelson.core.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One test per validation rule of the mesh module: exact path and message. */
class MeshValidationTest {

    static final String API = "shop/tiers/api";

    static Tier.Builder api() {
        return Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080));
    }

    static Platform.Builder platform(MeshPolicy mesh, UnaryOperator<Tier.Builder> tier) {
        Platform.Builder b = Platform.named("shop").environments(Environment.dev(), Environment.prod());
        if (mesh != null) {
            b.with(mesh);
        }
        return b.tier(tier.apply(api()));
    }

    static Platform.Builder platform(UnaryOperator<Tier.Builder> tier) {
        return platform(MeshPolicy.strictMtls().withCni(), tier);
    }

    static List<Tuple> errors(Platform.Builder builder) {
        try {
            builder.build();
        } catch (ValidationException e) {
            return e.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR)
                    .map(p -> tuple(p.rule(), p.path(), p.message())).toList();
        }
        throw new AssertionError("expected a ValidationException");
    }

    static void assertError(Platform.Builder builder, String rule, String path, String message) {
        assertThat(errors(builder)).contains(tuple(rule, path, message));
    }

    static List<Tuple> warnings(Platform platform) {
        return Keelson.synth(platform).manifest("prod").warnings().stream()
                .filter(p -> p.severity() == Problem.Severity.WARNING).map(p -> tuple(p.rule(), p.path(), p.message())).toList();
    }

    @Nested
    class MeshPolicyRules {

        @Test
        @DisplayName("KEE-MESH-051: the mesh's ingress gateway and a Gateway API Gateway do not both expose the tiers")
        void ingressGatewayWithGatewayApi() {
            assertThat(errors(platform(MeshPolicy.strictMtls().withCni().ingressGateway(), t -> t.exposedAt("api.example.com"))
                    .exposeThrough(dev.keelson.core.GatewayApi.istio()))).containsExactly(tuple("KEE-MESH-051", "shop/mesh/ingressGateway",
                    "ingressGateway() and exposeThrough(GatewayApi...) would both expose the tiers, through two gateways"));
        }

        @Test
        @DisplayName("KEE-MESH-052: a split tier exposed through Gateway API is warned about: outside traffic is not weighed")
        void splitThroughGatewayApi() {
            Platform p = platform(t -> t.exposedAt("api.example.com").replicas(2).with(Canary.of("ghcr.io/acme/api:2.5.0", 10)))
                    .exposeThrough(dev.keelson.core.GatewayApi.istio()).build();
            assertThat(warnings(p)).contains(tuple("KEE-MESH-052", API + "/exposure", "the Canary weighs calls inside the mesh;"
                    + " outside traffic through the Gateway API route reaches every version of the tier in proportion to its pods"));
        }

        @Test
        @DisplayName("a second MeshPolicy is refused")
        void twice() {
            assertThat(errors(platform(t -> t).with(MeshPolicy.strictMtls())))
                    .containsExactly(tuple("KEE-MESH-001", "shop/mesh", "MeshPolicy is declared twice"));
        }

        @Test
        @DisplayName("PERMISSIVE mTLS builds, with a warning naming the migration")
        void permissive() {
            Platform platform = platform(MeshPolicy.permissiveMigration().withCni(), t -> t).build();
            assertThat(warnings(platform)).contains(tuple("KEE-MESH-002", "shop/mesh/mtls",
                    "mTLS is PERMISSIVE: plaintext from any client is accepted (a migration step)"));
        }

        @Test
        @DisplayName("a revision must be a label value")
        void revision() {
            assertError(platform(MeshPolicy.strictMtls().withCni().revision("1.30/canary"), t -> t), "KEE-MESH-003",
                    "shop/mesh/revision", "revision '1.30/canary' is not a valid label value");
        }

        @Test
        @DisplayName("the control plane's namespace must be a DNS label")
        void controlPlaneNamespace() {
            assertError(platform(MeshPolicy.strictMtls().withCni().controlPlane("Istio_System", Map.of("app", "istiod"), 15012), t -> t), "KEE-MESH-004",
                    "shop/mesh/controlPlane/namespace", "namespace 'Istio_System' is not a DNS label");
        }

        @Test
        @DisplayName("the control plane's port must be in range")
        void controlPlanePort() {
            assertError(platform(MeshPolicy.strictMtls().withCni().controlPlane("istio-system", Map.of("app", "istiod"), 0), t -> t), "KEE-MESH-005",
                    "shop/mesh/controlPlane/port", "port 0 is not in 1..65535");
        }

        @Test
        @DisplayName("the trust domain must be a DNS name")
        void trustDomain() {
            assertError(platform(MeshPolicy.strictMtls().withCni().trustDomain("Corp Mesh"), t -> t), "KEE-MESH-006",
                    "shop/mesh/trustDomain", "trust domain 'Corp Mesh' is not a DNS name");
        }

        @Test
        @DisplayName("proxy resources must be Kubernetes quantities")
        void proxyResources() {
            assertError(platform(MeshPolicy.strictMtls().withCni().proxyResources(Resources.requests("lots", "128Mi")), t -> t), "KEE-MESH-007",
                    "shop/mesh/proxyResources", "'lots' is not a Kubernetes quantity");
        }

        @Test
        @DisplayName("the tracing provider must be named")
        void tracingProvider() {
            assertError(platform(MeshPolicy.strictMtls().withCni().tracing(MeshTracing.provider(" ")), t -> t), "KEE-MESH-008",
                    "shop/mesh/tracing/provider", "the tracing provider is empty");
        }

        @Test
        @DisplayName("tracing samples between 0 and 100 percent")
        void tracingSampling() {
            assertError(platform(MeshPolicy.strictMtls().withCni().tracing(MeshTracing.provider("otel").sampling(150)), t -> t), "KEE-MESH-009",
                    "shop/mesh/tracing/sampling", "sampling 150.0% is not in 0..100");
        }

        @Test
        @DisplayName("the access log provider must be named")
        void accessLogProvider() {
            assertError(platform(MeshPolicy.strictMtls().withCni().accessLogging(""), t -> t), "KEE-MESH-011",
                    "shop/mesh/accessLogging", "the access log provider is empty");
        }

        @Test
        @DisplayName("SEC-IST-010: a tier must not run as the sidecar's user 1337")
        void envoyUid() {
            assertError(platform(t -> t.runAs(1337, 1337)), "SEC-IST-010", API + "/runAsUser",
                    "user 1337 is the sidecar's own: its traffic would bypass the proxy");
        }

        @Test
        @DisplayName("SEC-IST-011: a tier must not listen on the proxy's ports")
        void envoyPort() {
            assertError(platform(t -> t.port(Port.tcp("admin", 15000))), "SEC-IST-011", API + "/ports/admin",
                    "port 15000 is reserved by the Istio proxy");
        }

        @Test
        @DisplayName("SEC-IST-009: a TCP port without appProtocol builds with a warning")
        void appProtocol() {
            Platform platform = platform(t -> t.port(new Port("legacy", 7000, Protocol.TCP, null))).build();
            assertThat(warnings(platform)).contains(tuple("SEC-IST-009", API + "/ports/legacy",
                    "port 'legacy' declares no appProtocol, so Istio must guess its protocol"));
        }

        @Test
        @DisplayName("SEC-IST-007: the ingress gateway never serves a wildcard-only host")
        void gatewayWildcard() {
            assertError(platform(MeshPolicy.strictMtls().withCni().ingressGateway(), t -> t.exposedAt("*")), "SEC-IST-007",
                    API + "/exposure", "host '*' would let the gateway serve any host");
        }

        @Test
        @DisplayName("SEC-IST-008: the ingress gateway refuses a plaintext exposure")
        void gatewayPlaintext() {
            assertError(platform(MeshPolicy.strictMtls().withCni().ingressGateway(),
                            t -> t.exposedAt(Exposure.host("api.example.com").tls(Tls.none()))), "SEC-IST-008",
                    API + "/exposure", "the Istio ingress gateway serves exposed tiers over HTTPS only, but 'api.example.com'"
                            + " has Tls.none()");
        }

        @Test
        @DisplayName("the ingress gateway routes HTTP: the exposed port must be HTTP, HTTP/2 or gRPC")
        void gatewayNeedsHttp() {
            assertError(platform(MeshPolicy.strictMtls().withCni().ingressGateway(),
                            t -> Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.tcp("db", 5432))
                                    .exposedAt("api.example.com")), "KEE-MESH-012",
                    API + "/exposure", "the Istio ingress gateway routes HTTP, but exposed port 'db' is tcp");
        }

        @Test
        @DisplayName("ambient mode without a waypoint refuses HTTP methods and paths on talksTo")
        void ambientL7() {
            assertError(Platform.named("shop").with(MeshPolicy.strictMtls().ambient())
                            .tier(api()).tier(Tier.named("web").image("ghcr.io/acme/web:1.0.0")
                                    .talksTo(Connection.to("api").methods("GET"))), "KEE-MESH-013",
                    "shop/tiers/web/talksTo/api", "HTTP methods and paths need a waypoint proxy in ambient mode;"
                            + " ztunnel enforces L4 only and would deny the call");
        }

        @Test
        @DisplayName("HTTP methods and paths on talksTo need an HTTP port on the callee")
        void l7OnTcp() {
            assertError(Platform.named("shop").with(MeshPolicy.strictMtls().withCni())
                            .tier(Tier.named("db").image("ghcr.io/acme/db:1.0.0").port(Port.tcp("postgres", 5432)))
                            .tier(Tier.named("web").image("ghcr.io/acme/web:1.0.0")
                                    .talksTo(Connection.to("db").methods("GET"))), "KEE-MESH-014",
                    "shop/tiers/web/talksTo/db", "HTTP methods and paths apply to HTTP, but the called ports of 'db'"
                            + " are not HTTP, HTTP/2 or gRPC, so Istio would deny every call");
        }

        @Test
        @DisplayName("an external dependency known only by address range builds with a warning: no ServiceEntry")
        void externalWithoutHost() {
            Platform platform = platform(t -> t.dependsOn(Dependency.external("ledger").cidr("10.20.0.0/16"))).build();
            assertThat(warnings(platform)).contains(tuple("KEE-MESH-015", API + "/dependsOn/ledger",
                    "external dependency 'ledger' has no host name, so it gets no ServiceEntry and the sidecar's"
                            + " REGISTRY_ONLY policy blocks it"));
        }
    }

    @Nested
    class TrafficRules {

        @Test
        @DisplayName("Traffic needs a MeshPolicy")
        void needsMesh() {
            assertThat(errors(platform(null, t -> t.with(Traffic.defaults()))))
                    .containsExactly(tuple("KEE-MESH-016", API + "/traffic", "Traffic needs a MeshPolicy on the platform"));
        }

        @Test
        @DisplayName("Traffic is declared once per tier")
        void twice() {
            assertError(platform(t -> t.with(Traffic.defaults()).with(Traffic.defaults())), "KEE-MESH-017",
                    API + "/traffic", "Traffic is declared twice on tier 'api'");
        }

        @Test
        @DisplayName("the timeout must be positive")
        void timeout() {
            assertError(platform(t -> t.with(Traffic.defaults().timeout(Duration.ZERO))), "KEE-MESH-019",
                    API + "/traffic/timeout", "timeout 0s is not positive");
        }

        @Test
        @DisplayName("retry attempts must not be negative")
        void attempts() {
            assertError(platform(t -> t.with(Traffic.defaults().retries(Retries.attempts(-1)))), "KEE-MESH-020",
                    API + "/traffic/retries/attempts", "retry attempts -1 is negative");
        }

        @Test
        @DisplayName("the per-try timeout must be shorter than the request timeout")
        void perTry() {
            assertError(platform(t -> t.with(Traffic.defaults().retries(Retries.attempts(2).perTry(Duration.ofSeconds(20))))), "KEE-MESH-021",
                    API + "/traffic/retries/perTryTimeout",
                    "per-try timeout 20s exceeds the request timeout 10s, so no retry can happen");
        }

        @Test
        @DisplayName("retry conditions must be Envoy's")
        void retryOn() {
            assertError(platform(t -> t.with(Traffic.defaults().retries(Retries.attempts(2).on("5xx", "sometimes")))), "KEE-MESH-022",
                    API + "/traffic/retries/retryOn", "'sometimes' is not an Envoy retry condition");
        }

        @Test
        @DisplayName("a consistent-hash header must be a valid header name")
        void hashHeader() {
            assertError(platform(t -> t.with(Traffic.defaults().loadBalancer(LoadBalancer.hashHeader("X User")))), "KEE-MESH-026",
                    API + "/traffic/loadBalancer", "'X User' is not a valid header name");
        }

        @Test
        @DisplayName("a hash cookie's lifetime must be positive")
        void cookieTtl() {
            assertError(platform(t -> t.with(Traffic.defaults().loadBalancer(LoadBalancer.hashCookie("session", Duration.ZERO)))), "KEE-MESH-019",
                    API + "/traffic/loadBalancer", "cookie lifetime 0s is not positive");
        }

        @Test
        @DisplayName("connection pool limits must be positive")
        void connectionPool() {
            assertError(platform(t -> t.with(Traffic.defaults().connectionPool(ConnectionPool.DEFAULT.maxConnections(0)))), "KEE-MESH-023",
                    API + "/traffic/connectionPool", "connection pool limits must be at least 1 (retries at least 0), got "
                            + ConnectionPool.DEFAULT.maxConnections(0));
        }

        @Test
        @DisplayName("outlier detection needs at least one error")
        void outlierErrors() {
            assertError(platform(t -> t.with(Traffic.defaults().outlierDetection(OutlierDetection.after(0)))), "KEE-MESH-024",
                    API + "/traffic/outlierDetection", "consecutive 5xx errors 0 is below 1");
        }

        @Test
        @DisplayName("outlier detection ejects at most 100 percent")
        void outlierPercent() {
            assertError(platform(t -> t.with(Traffic.defaults().outlierDetection(OutlierDetection.DEFAULT.maxEjectionPercent(120)))), "KEE-MESH-025",
                    API + "/traffic/outlierDetection", "max ejection percent 120 is not in 0..100");
        }

        @Test
        @DisplayName("a fault's percentage is above 0 and at most 100")
        void faultPercentage() {
            assertError(platform(t -> t.with(Traffic.defaults().fault(Fault.abort(503, 0).onlyIn(Stage.DEVELOPMENT)))), "KEE-MESH-027",
                    API + "/traffic/fault/percentage", "fault percentage 0.0 is not above 0 and at most 100");
        }

        @Test
        @DisplayName("an abort returns an HTTP status")
        void faultAbort() {
            assertError(platform(t -> t.with(Traffic.defaults().fault(Fault.abort(42, 5).onlyIn(Stage.DEVELOPMENT)))), "KEE-MESH-028",
                    API + "/traffic/fault/abort", "abort status 42 is not an HTTP status (200..599)");
        }

        @Test
        @DisplayName("a delay is positive")
        void faultDelay() {
            assertError(platform(t -> t.with(Traffic.defaults().fault(Fault.delay(Duration.ofSeconds(-1), 5).onlyIn(Stage.DEVELOPMENT)))), "KEE-MESH-019",
                    API + "/traffic/fault/delay", "fault delay -1s is not positive");
        }

        @Test
        @DisplayName("fault injection is refused in production unless allowed explicitly")
        void faultInProduction() {
            assertThat(errors(platform(t -> t.with(Traffic.defaults().fault(Fault.abort(503, 5))))))
                    .containsExactly(tuple("KEE-MESH-029", API + "/traffic/fault",
                            "fault injection on tier 'api' would run in production environment(s) prod"));
            Platform allowed = platform(t -> t.with(Traffic.defaults().fault(Fault.abort(503, 5).allowInProduction()))).build();
            assertThat(allowed.tiers()).hasSize(1);
        }

        @Test
        @DisplayName("faults need an HTTP port")
        void faultNeedsHttp() {
            assertError(platform(t -> Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.tcp("db", 5432))
                            .with(Traffic.defaults().fault(Fault.abort(503, 5).onlyIn(Stage.DEVELOPMENT)))), "KEE-MESH-018",
                    API + "/traffic", "timeouts and fault injection act on HTTP, but tier 'api' has no HTTP, HTTP/2 or gRPC port");
        }

        @Test
        @DisplayName("in ambient mode, Traffic needs a waypoint")
        void ambient() {
            assertError(platform(MeshPolicy.strictMtls().ambient(), t -> t.with(Traffic.defaults())), "KEE-MESH-013",
                    API + "/traffic", "in ambient mode timeouts, retries and fault injection need a waypoint proxy");
        }
    }

    @Nested
    class SplitRules {

        @Test
        @DisplayName("a traffic split needs a MeshPolicy")
        void needsMesh() {
            assertThat(errors(platform(null, t -> t.with(Canary.of("ghcr.io/acme/api:2.5.0", 10)))))
                    .containsExactly(tuple("KEE-MESH-016", API + "/canary", "Canary needs a MeshPolicy on the platform"));
        }

        @Test
        @DisplayName("a tier takes at most one traffic split")
        void one() {
            assertError(platform(t -> t.with(Canary.of("ghcr.io/acme/api:2.5.0", 10))
                            .with(Mirror.of("ghcr.io/acme/api:2.6.0", 100))), "KEE-MESH-017",
                    API + "/mirror", "tier 'api' already has a traffic split (canary); a tier takes at most one");
        }

        @Test
        @DisplayName("a traffic split needs an HTTP port")
        void needsHttp() {
            assertError(platform(t -> Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.tcp("db", 5432))
                            .with(Canary.of("ghcr.io/acme/api:2.5.0", 10))), "KEE-MESH-018",
                    API + "/canary", "a traffic split routes HTTP, but tier 'api' has no HTTP, HTTP/2 or gRPC port");
        }

        @Test
        @DisplayName("the new version's image must be usable")
        void badImage() {
            assertError(platform(t -> t.with(Canary.of("ghcr.io/acme/api:latest", 10))), "KEE-MESH-030",
                    API + "/canary/image", "image 'ghcr.io/acme/api:latest' uses the tag 'latest', so every pull may run different code");
        }

        @Test
        @DisplayName("the canary image must differ from the stable one")
        void sameImage() {
            assertError(platform(t -> t.with(Canary.of("ghcr.io/acme/api:2.4.0", 10))), "KEE-MESH-031",
                    API + "/canary/image", "canary image equals the stable image 'ghcr.io/acme/api:2.4.0' (in dev, prod);"
                            + " the new version must differ");
        }

        @Test
        @DisplayName("a split runs at least one replica")
        void replicas() {
            assertError(platform(t -> t.with(Canary.of("ghcr.io/acme/api:2.5.0", 10).replicas(0))), "KEE-MESH-032",
                    API + "/canary/replicas", "replicas 0 is below 1");
        }

        @Test
        @DisplayName("canary weights are each between 0 and 100")
        void weightRange() {
            assertError(platform(t -> t.with(Canary.of("ghcr.io/acme/api:2.5.0", 110))), "KEE-MESH-033",
                    API + "/canary/weights", "weights -10 (stable) and 110 (canary) must each be from 0 to 100");
        }

        @Test
        @DisplayName("canary weights sum to 100")
        void weightSum() {
            assertError(platform(t -> t.with(Canary.of("ghcr.io/acme/api:2.5.0", 10).weights(80, 10))), "KEE-MESH-034",
                    API + "/canary/weights", "weights 80 (stable) + 10 (canary) sum to 90, not 100");
        }

        @Test
        @DisplayName("an A/B header name is a valid header name")
        void abName() {
            assertError(platform(t -> t.with(AbTest.header("X Variant", "b", "ghcr.io/acme/api:2.5.0"))), "KEE-MESH-035",
                    API + "/abTest/name", "'X Variant' is not a valid header name");
        }

        @Test
        @DisplayName("an A/B value is non-empty, without spaces or ';'")
        void abValue() {
            assertError(platform(t -> t.with(AbTest.cookie("variant", "b; admin=1", "ghcr.io/acme/api:2.5.0"))), "KEE-MESH-036",
                    API + "/abTest/value", "'b; admin=1' is not a usable match value");
        }

        @Test
        @DisplayName("a mirror copies above 0 and at most 100 percent")
        void mirrorPercentage() {
            assertError(platform(t -> t.with(Mirror.of("ghcr.io/acme/api:2.5.0", 0))), "KEE-MESH-037",
                    API + "/mirror/percentage", "mirror percentage 0.0 is not above 0 and at most 100");
        }

        @Test
        @DisplayName("in ambient mode, a traffic split needs a waypoint")
        void ambient() {
            assertError(platform(MeshPolicy.strictMtls().ambient(), t -> t.with(BlueGreen.green("ghcr.io/acme/api:2.5.0"))), "KEE-MESH-013",
                    API + "/blueGreen", "in ambient mode traffic splits need a waypoint proxy");
        }
    }

    @Nested
    class JwtRules {

        static final Jwt JWT = Jwt.issuer("https://auth.example.com").jwksUri("https://auth.example.com/jwks.json");

        @Test
        @DisplayName("Jwt needs a MeshPolicy")
        void needsMesh() {
            assertThat(errors(platform(null, t -> t.with(JWT))))
                    .containsExactly(tuple("KEE-MESH-016", API + "/jwt", "Jwt needs a MeshPolicy on the platform"));
        }

        @Test
        @DisplayName("Jwt is declared once per tier")
        void twice() {
            assertError(platform(t -> t.with(JWT).with(JWT)), "KEE-MESH-017", API + "/jwt", "Jwt is declared twice on tier 'api'");
        }

        @Test
        @DisplayName("the issuer is named")
        void issuer() {
            assertError(platform(t -> t.with(Jwt.issuer("").jwksUri("https://auth.example.com/jwks.json"))), "KEE-MESH-038",
                    API + "/jwt/issuer", "the JWT issuer is empty");
        }

        @Test
        @DisplayName("the JWKS URI is given")
        void jwksMissing() {
            assertError(platform(t -> t.with(Jwt.issuer("https://auth.example.com"))), "KEE-MESH-039",
                    API + "/jwt/jwksUri", "no JWKS URI, so no token could be verified");
        }

        @Test
        @DisplayName("the JWKS URI is HTTPS")
        void jwksHttps() {
            assertError(platform(t -> t.with(Jwt.issuer("https://auth.example.com").jwksUri("http://auth.example.com/jwks.json"))), "KEE-MESH-040",
                    API + "/jwt/jwksUri", "JWKS URI 'http://auth.example.com/jwks.json' is not an https:// URL,"
                            + " so its keys could be forged in transit");
        }

        @Test
        @DisplayName("a required claim has a name and values")
        void claim() {
            assertError(platform(t -> t.with(JWT.claim("scope"))), "KEE-MESH-041",
                    API + "/jwt/claims/scope", "claim 'scope' needs a name and at least one value");
        }

        @Test
        @DisplayName("onlyAtIngress() on a tier that is not exposed is refused: no request would need a token")
        void ingressOnlyWithoutExposure() {
            assertThat(errors(platform(t -> t.with(JWT.onlyAtIngress())))).containsExactly(tuple("KEE-MESH-047",
                    API + "/jwt/ingressOnly", "onlyAtIngress() requires a token on outside traffic only, but tier 'api'"
                            + " is not exposed, so no request would need one"));
            Platform exposed = platform(t -> t.exposedAt("api.example.com").with(JWT.onlyAtIngress())).build();
            assertThat(exposed.tiers()).hasSize(1);
        }

        @Test
        @DisplayName("JWT needs an HTTP port")
        void needsHttp() {
            assertError(platform(t -> Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.tcp("db", 5432)).with(JWT)), "KEE-MESH-018",
                    API + "/jwt", "JWT authentication acts on HTTP, but tier 'api' has no HTTP, HTTP/2 or gRPC port");
        }

        @Test
        @DisplayName("in ambient mode, JWT needs a waypoint")
        void ambient() {
            assertError(platform(MeshPolicy.strictMtls().ambient(), t -> t.with(JWT)), "KEE-MESH-013",
                    API + "/jwt", "in ambient mode JWT authentication need a waypoint proxy");
        }
    }

    @Test
    @DisplayName("errors carry a fix: the canary example names the next tag")
    void fixIsActionable() {
        assertThatThrownBy(() -> platform(t -> t.with(Canary.of("ghcr.io/acme/api:2.4.0", 10))).build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Fix: Canary.of(\"ghcr.io/acme/api:<new-tag>\", 10)");
    }
}

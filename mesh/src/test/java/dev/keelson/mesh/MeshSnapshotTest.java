package dev.keelson.mesh;

import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.testing.KeelsonApprovals;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Locks the YAML of representative mesh platforms. Read every received file before approving it. */
class MeshSnapshotTest {

    static String prod(Platform platform) {
        return Keelson.synth(platform).manifest("prod").toYaml();
    }

    @Test
    @DisplayName("strict mTLS: injection, allow-nothing, and ALLOW rules derived from talksTo, exposure and metrics")
    void strictMtlsWithDerivedAuthorization() {
        // snippet:strict-mtls
        Platform platform = Platform.named("shop")
                .environments(Environment.prod())
                .with(MeshPolicy.strictMtls().withCni())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080))
                        .exposedAt("shop.example.com")
                        .talksTo(Connection.to("api").methods("GET", "POST").paths("/v1/*")))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.grpc(9090)).metrics(Port.metrics(9091))
                        .with(Traffic.defaults().timeout(Duration.ofSeconds(5))
                                .retries(Retries.attempts(3).perTry(Duration.ofSeconds(1)))
                                .loadBalancer(LoadBalancer.hashHeader("x-user-id"))))
                .tier(Tier.named("worker").image("ghcr.io/acme/worker:3.1.0").talksTo(Connection.to("api").ports("grpc")))
                .build();
        // end:strict-mtls
        KeelsonApprovals.verifyYaml(prod(platform));
    }

    @Test
    @DisplayName("a 10% canary: a second Deployment, two subsets, weighted routes 90/10")
    void canaryAtTenPercent() {
        Platform platform = Platform.named("shop")
                .environments(Environment.prod())
                .with(MeshPolicy.strictMtls().withCni())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080)).talksTo("api"))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080))
                        .with(Canary.of("ghcr.io/acme/api:2.5.0", 10)))
                .build();
        KeelsonApprovals.verifyYaml(prod(platform));
    }

    @Test
    @DisplayName("blue-green: a full green Deployment and all traffic switched to it")
    void blueGreen() {
        Platform platform = Platform.named("shop")
                .environments(Environment.prod())
                .with(MeshPolicy.strictMtls().withCni())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080)).replicas(3)
                        .with(BlueGreen.green("ghcr.io/acme/web:1.5.0").switched()))
                .build();
        KeelsonApprovals.verifyYaml(prod(platform));
    }

    @Test
    @DisplayName("JWT-protected API behind the Istio ingress gateway: RequestAuthentication paired with requestPrincipals and claims")
    void jwtProtectedApi() {
        Platform platform = Platform.named("shop")
                .environments(Environment.prod())
                .with(MeshPolicy.strictMtls().withCni().ingressGateway()
                        .tracing(MeshTracing.provider("otel").sampling(10)))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080))
                        .exposedAt("api.example.com")
                        .with(Jwt.issuer("https://auth.example.com")
                                .jwksUri("https://auth.example.com/.well-known/jwks.json")
                                .audiences("orders-api")
                                .claim("scope", "orders:read")
                                .onlyAtIngress()))
                .build();
        KeelsonApprovals.verifyYaml(prod(platform));
    }

    @Test
    @DisplayName("egress to an external API: ServiceEntry, egress gateway route, Sidecar scope")
    void egressToExternalApi() {
        Platform platform = Platform.named("shop")
                .environments(Environment.prod())
                .with(MeshPolicy.strictMtls().withCni().egressGateway())
                .tier(Tier.named("payments").image("ghcr.io/acme/payments:1.0.0").port(Port.http(8080))
                        .dependsOn(Dependency.external("stripe").host("api.stripe.com"))
                        .dependsOn(Dependency.postgres("ledger-db").inNamespace("data")))
                .build();
        KeelsonApprovals.verifyYaml(prod(platform));
    }

    @Test
    @DisplayName("fault injection and A/B routing outside production: faults in dev, none in prod")
    void faultsOnlyOutsideProduction() {
        Platform platform = Platform.named("shop")
                .environments(Environment.dev(), Environment.prod())
                .with(MeshPolicy.strictMtls().withCni())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080))
                        .with(Traffic.defaults().fault(Fault.abort(503, 5).onlyIn(Stage.DEVELOPMENT)))
                        .with(AbTest.cookie("variant", "b", "ghcr.io/acme/web:1.5.0-b")))
                .build();
        var synth = Keelson.synth(platform);
        KeelsonApprovals.verifyYaml("# dev\n" + synth.manifest("dev").toYaml() + "# prod\n" + synth.manifest("prod").toYaml());
    }
}

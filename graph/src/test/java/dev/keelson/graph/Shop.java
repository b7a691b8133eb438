package dev.keelson.graph;

import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Tier;
import dev.keelson.mesh.MeshPolicy;
import dev.keelson.security.SecurityBaseline;

/** The platform the graph tests draw: web exposed, web to api (L7), api to a database elsewhere and an external API. */
final class Shop {

    private Shop() {
    }

    static Platform.Builder builder(SecurityBaseline baseline, boolean mesh) {
        Platform.Builder b = Platform.named("shop")
                .environments(Environment.dev(), Environment.prod())
                .with(baseline)
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080))
                        .exposedAt("shop.example.com")
                        .readiness(Probe.http("/ready")).liveness(Probe.http("/healthz").every(20))
                        .talksTo(Connection.to("api").ports("grpc").methods("GET", "POST").paths("/v1/*")))
                .tier(Tier.named("api").image("ghcr.io/acme/api@sha256:" + "a".repeat(64))
                        .port(Port.grpc(9090)).metrics(Port.metrics(9091))
                        .readiness(Probe.grpc()).liveness(Probe.grpc().every(20))
                        .dependsOn(Dependency.postgres("orders-db").inNamespace("data"))
                        .dependsOn(Dependency.external("payments").host("api.stripe.com")));
        return mesh ? b.with(MeshPolicy.strictMtls().withCni()) : b;
    }

    static Platform platform() {
        return builder(SecurityBaseline.restricted(), true).build();
    }
}

// snippet:shop-platform
package com.example.shop;

import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Tier;
import dev.keelson.security.SecurityBaseline;

/** The platform of docs/getting-started.md: a web tier and an API in dev and prod. */
public final class ShopPlatform {

    private ShopPlatform() {
    }

    /** Builds the platform; {@code build()} throws one ValidationException listing every problem. */
    public static Platform platform() {
        return Platform.named("shop")
                .environments(Environment.dev(), Environment.prod())
                .with(SecurityBaseline.byStage())   // keelson-security: baseline in dev, restricted in prod
                .tier(Tier.named("web")
                        .image("ghcr.io/acme/web:1.4.2")
                        .port(Port.http(8080))
                        .readiness(Probe.http("/ready"))
                        .liveness(Probe.http("/healthz").every(20))
                        .exposedAt("shop.example.com")
                        .talksTo("api"))
                .tier(Tier.named("api")
                        .image("ghcr.io/acme/api:2.0.1")
                        .port(Port.grpc(9090))
                        .dependsOn(Dependency.postgres("orders-db").inNamespace("data")))
                .build();
    }

    /** {@code java -jar target/shop-platform.jar synth | print | check | --help}. */
    public static void main(String[] args) {
        Keelson.run(ShopPlatform::platform, args);
    }
}
// end:shop-platform

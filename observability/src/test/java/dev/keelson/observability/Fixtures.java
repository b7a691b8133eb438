package dev.keelson.observability;

import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import java.time.Duration;

/** Platforms the tests share. */
final class Fixtures {

    private Fixtures() {
    }

    /** A web tier, an API with metrics and an SLO, and a worker without ports; dev and prod. */
    static Platform.Builder shop() {
        return Platform.named("shop")
                .environments(Environment.dev(), Environment.prod())
                .tier(web())
                .tier(api())
                .tier(Tier.named("worker").image("ghcr.io/acme/worker:1.0.0"));
    }

    static Tier.Builder web() {
        return Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080))
                .exposedAt("shop.example.com").talksTo("api");
    }

    static Tier.Builder api() {
        return Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080))
                .metrics(Port.metrics(9091))
                .with(Slo.availability(99.9).latencyP95(Duration.ofMillis(500)));
    }
}

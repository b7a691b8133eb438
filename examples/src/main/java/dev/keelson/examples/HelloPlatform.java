package dev.keelson.examples;

import dev.keelson.core.Environment;
import dev.keelson.core.GatewayApi;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Tier;

/** The smallest useful platform: one tier, two environments. Run: {@code java ... HelloPlatform synth}. */
public final class HelloPlatform {

    private HelloPlatform() {
    }

    // snippet:hello
    /** One web tier, exposed over TLS through Gateway API, in dev and prod. */
    public static Platform platform() {
        return Platform.named("hello")
                .exposeThrough(GatewayApi.istio())
                .environments(Environment.dev(), Environment.prod())
                .tier(Tier.named("web")
                        .image("ghcr.io/acme/hello:1.0.0")
                        .port(Port.http(8080))
                        .readiness(Probe.http("/ready"))
                        .liveness(Probe.http("/healthz").every(20))
                        .exposedAt("hello.example.com"))
                .build();
    }

    /** The command line: synth, print, check or --help. */
    public static void main(String[] args) {
        Keelson.run(platform(), args);   // synth | print | check | --help
    }
    // end:hello
}

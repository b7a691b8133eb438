package dev.keelson.examples;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;

/**
 * A platform with two mistakes, run by the integration tests with the shipped jar on the class
 * path ({@code java -cp nexus-v3.jar:test-classes dev.keelson.examples.BrokenPlatform ...}), to see
 * how a user meets {@code build()} problems on the command line.
 */
public final class BrokenPlatform {

    private BrokenPlatform() {
    }

    /** A tier without an image, and one whose name is not a DNS label. */
    public static Platform platform() {
        return Platform.named("broken")
                .environments(Environment.dev(), Environment.prod())
                .tier(Tier.named("web").port(Port.http(8080)))
                .tier(Tier.named("Api_1").image("ghcr.io/acme/api:1.0.0").port(Port.http(8080)))
                .build();
    }

    public static void main(String[] args) {
        Keelson.run(BrokenPlatform::platform, args);
    }
}

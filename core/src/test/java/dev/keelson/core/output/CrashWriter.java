package dev.keelson.core.output;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import java.nio.file.Path;

/**
 * A process for {@link CrashRecoveryTest} to kill: writes a platform of {@code tiers} tiers to
 * {@code dir} again and again, each generation with its own image tag ({@code 1.0.<n>}), and
 * prints {@code committed <n>} after each write.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    static Platform platform(int tiers, int generation) {
        return builder(tiers, generation).build();
    }

    static Platform.Builder builder(int tiers, int generation) {
        Platform.Builder b = Platform.named("crash").environments(Environment.dev(), Environment.staging(), Environment.prod());
        for (int i = 0; i < tiers; i++) {
            b.tier(Tier.named("t" + i).image("ghcr.io/acme/t:1.0." + generation).port(Port.http(8080)));
        }
        return b;
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int tiers = Integer.parseInt(args[1]);
        for (int generation = 0; ; generation++) {
            Keelson.synth(platform(tiers, generation)).writeTo(dir);
            System.out.println("committed " + generation);
        }
    }
}

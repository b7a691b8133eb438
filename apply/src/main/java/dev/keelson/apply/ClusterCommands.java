package dev.keelson.apply;

import dev.keelson.core.Platform;
import dev.keelson.core.Runner;

/**
 * Adds the {@code diff} and {@code apply} subcommands to a platform's runner in one call.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Platform platform = platform();
 *     System.exit(ClusterCommands.addTo(Keelson.runner(platform), platform).execute(args));
 * }
 * }</pre>
 */
public final class ClusterCommands {

    private ClusterCommands() {
    }

    /** Adds {@link DiffCommand} and {@link ApplyCommand}, connecting with the kubeconfig. */
    public static Runner addTo(Runner runner, Platform platform) {
        return runner.command(new DiffCommand(platform)).command(new ApplyCommand(platform));
    }

    /** Adds {@link DiffCommand} and {@link ApplyCommand} working on {@code cluster} (tests, embedding). */
    public static Runner addTo(Runner runner, Platform platform, Cluster cluster) {
        return runner.command(new DiffCommand(platform, cluster)).command(new ApplyCommand(platform, cluster));
    }
}

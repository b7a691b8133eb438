package dev.keelson.apply;

import dev.keelson.core.Require;
import dev.keelson.core.Runner;

/**
 * Adds the {@code diff}, {@code apply} and {@code destroy} subcommands to a platform's runner in
 * one call. They take the platform from the runner when they run, so with
 * {@code Keelson.runner(Supplier)} a platform that does not build is reported as the runner reports
 * it (the problems, exit code 1), never as a stack trace.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     System.exit(ClusterCommands.addTo(Keelson.runner(() -> platform())).execute(args));
 * }
 * }</pre>
 */
public final class ClusterCommands {

    private ClusterCommands() {
    }

    /** Adds {@link DiffCommand}, {@link ApplyCommand} and {@link DestroyCommand}, connecting with the kubeconfig. */
    public static Runner addTo(Runner runner) {
        Require.nonNull(runner, "runner");
        return runner.command(new DiffCommand(runner)).command(new ApplyCommand(runner)).command(new DestroyCommand(runner));
    }

    /** Adds {@link DiffCommand}, {@link ApplyCommand} and {@link DestroyCommand} working on {@code cluster} (tests, embedding). */
    public static Runner addTo(Runner runner, Cluster cluster) {
        Require.nonNull(runner, "runner");
        Require.nonNull(cluster, "cluster");
        return runner.command(new DiffCommand(runner, cluster)).command(new ApplyCommand(runner, cluster))
                .command(new DestroyCommand(runner, cluster));
    }
}

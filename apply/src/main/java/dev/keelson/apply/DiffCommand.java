package dev.keelson.apply;

import dev.keelson.apply.internal.ClusterOptions;
import dev.keelson.core.Platform;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The runner's {@code diff} subcommand:
 * {@code diff [--env NAME] [--kubeconfig FILE] [--context NAME] [--prune] [--force-conflicts]}.
 * Prints a unified diff of the YAML of every object that would change. Exit code 0 nothing would
 * change, 2 something would, 1 error: CI can gate on it.
 *
 * <pre>{@code
 * Keelson.runner(platform).command(new DiffCommand(platform)).execute("diff", "--env", "prod");
 * }</pre>
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show what apply would change, as a unified diff of the YAML per object (server-side dry run).",
            "Exit code: 0 nothing would change, 2 something would, 1 error."})
public final class DiffCommand implements Callable<Integer> {

    private final Platform platform;
    private final Cluster fixed;

    @Mixin
    ClusterOptions options = new ClusterOptions();

    @Spec
    CommandSpec spec;

    /** The command for {@code platform}, connecting with the kubeconfig ({@code --kubeconfig}, {@code --context}). */
    public DiffCommand(Platform platform) {
        this(platform, null);
    }

    /** The command for {@code platform} on a given cluster (tests, embedding). */
    public DiffCommand(Platform platform, Cluster cluster) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.fixed = cluster;
    }

    @Override
    public Integer call() {
        return options.run(fixed, spec, cluster -> {
            DiffReport diff = options.apply(cluster, platform).diff();
            spec.commandLine().getOut().print(diff);
            spec.commandLine().getOut().flush();
            return diff.exitCode();
        });
    }
}

package dev.keelson.apply;

import dev.keelson.apply.internal.ClusterOptions;
import dev.keelson.core.Platform;
import dev.keelson.core.Require;
import dev.keelson.core.Runner;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The runner's {@code destroy} subcommand:
 * {@code destroy [--env NAME] [--kubeconfig FILE] [--context NAME] (--yes | --dry-run) [--timeout DURATION] [--format json]}.
 * Deletes what Keelson applied for the environment (the members of its ApplySet, dependants first,
 * Namespaces last, then the ApplySet's parent), waiting until they are gone. Refuses without
 * {@code --yes}. Exit code 0 done (also when there is nothing to delete), 1 error or refusal.
 *
 * <pre>{@code
 * Runner runner = Keelson.runner(() -> platform());
 * runner.command(new DestroyCommand(runner)).execute("destroy", "--env", "dev", "--yes");
 * }</pre>
 */
@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = {"Delete every object Keelson applied for an environment (its ApplySet members, then the ApplySet), "
            + "and wait until they are gone. Objects Keelson did not apply are never touched.",
            "Exit code: 0 done, 1 error (or no --yes)."})
public final class DestroyCommand implements Callable<Integer> {

    private final Supplier<Platform> platform;
    private final Cluster fixed;

    @Mixin
    ClusterOptions options = new ClusterOptions();

    @Option(names = "--yes", description = "Confirm the deletion (required unless --dry-run).")
    boolean yes;

    @Option(names = "--dry-run", description = "List what would be deleted; delete nothing (default: off).")
    boolean dryRun;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m",
            description = "How long to wait for the deleted objects to go (default: ${DEFAULT-VALUE}; e.g. 90s, 10m).")
    String timeout;

    @Spec
    CommandSpec spec;

    /** The command for the runner's platform, connecting with the kubeconfig ({@code --kubeconfig}, {@code --context}). */
    public DestroyCommand(Runner runner) {
        Require.nonNull(runner, "runner");
        this.platform = CommandSupport.platformOf(runner);
        this.fixed = null;
    }

    /** The command for the runner's platform on a given cluster (tests, embedding). */
    public DestroyCommand(Runner runner, Cluster cluster) {
        Require.nonNull(runner, "runner");
        Require.nonNull(cluster, "cluster");
        this.platform = CommandSupport.platformOf(runner);
        this.fixed = cluster;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            options.json();
        } catch (IllegalArgumentException e) {
            return CommandSupport.error(spec, false, e.getMessage(), 2, out, spec.commandLine().getErr());
        }
        if (!yes && !dryRun) {
            boolean json = "json".equals(options.format);
            try {
                json = options.json();
                Platform p = platform.get();
                String env = Apply.environmentOf(p, options.environment);
                return CommandSupport.error(spec, json, "destroy deletes every object Keelson applied for " + p.name() + "/"
                        + env + " from the cluster; nothing was deleted. Fix: add --yes to confirm, or --dry-run to list "
                        + "what would be deleted", 1, out, spec.commandLine().getErr());
            } catch (IllegalArgumentException | IllegalStateException e) {
                return CommandSupport.error(spec, json, e.getMessage(), 1, out, spec.commandLine().getErr());
            }
        }
        return CommandSupport.run(options, fixed, spec, 1, cluster -> {
            boolean json = options.json();
            Apply apply = options.apply(cluster, platform.get()).waitFor(ClusterOptions.duration("--timeout", timeout));
            if (dryRun) {
                apply = apply.dryRun();
            }
            ConsoleProgress progress = null;
            if (!json) {
                boolean dry = dryRun;
                progress = new ConsoleProgress(out, apply.destroyHeader(), r -> DestroyReport.line(r, dry),
                        ConsoleProgress.terminal());
                apply = apply.progress(progress);
            }
            DestroyReport report = apply.destroy();
            if (json) {
                out.println(JsonOutput.destroy(report));
            } else if (!CommandSupport.onlyError(report.error(), report.objects().isEmpty(), spec.commandLine().getErr())) {
                progress.finish();
                out.print(report.tail());
            }
            return report.exitCode();
        });
    }
}

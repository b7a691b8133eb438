package dev.keelson.apply;

import dev.keelson.apply.internal.ChangeOptions;
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
 * The runner's {@code apply} subcommand:
 * {@code apply [--env NAME] [--kubeconfig FILE] [--context NAME] [--dry-run] [--prune] [--wait[=TIMEOUT]] [--force-conflicts] [--format json]}.
 * Prints each object as it completes and, with {@code --wait}, what it waits for. Exit code 0
 * done, 1 error (as {@code kubectl apply}; {@code diff} is the gate for "something would change").
 *
 * <pre>{@code
 * Runner runner = Keelson.runner(() -> platform());
 * runner.command(new ApplyCommand(runner)).execute(args);
 * // or diff, apply and destroy: ClusterCommands.addTo(runner)
 * }</pre>
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Apply an environment to the cluster with server-side apply (field manager 'keelson').",
            "Exit code: 0 done, 1 error."})
public final class ApplyCommand implements Callable<Integer> {

    private final Supplier<Platform> platform;
    private final Cluster fixed;

    @Mixin
    ClusterOptions options = new ClusterOptions();

    @Mixin
    ChangeOptions change = new ChangeOptions();

    @Option(names = "--dry-run", description = "Server-side dry run: validate and report, write nothing (default: off).")
    boolean dryRun;

    @Option(names = "--wait", arity = "0..1", fallbackValue = "5m", paramLabel = "TIMEOUT",
            description = "Wait until Deployments (and StatefulSets, DaemonSets) are rolled out and available and Jobs "
                    + "complete, at most TIMEOUT (default when given: 5m; e.g. 90s, 10m).")
    String wait;

    @Spec
    CommandSpec spec;

    /** The command for the runner's platform, connecting with the kubeconfig ({@code --kubeconfig}, {@code --context}). */
    public ApplyCommand(Runner runner) {
        Require.nonNull(runner, "runner");
        this.platform = CommandSupport.platformOf(runner);
        this.fixed = null;
    }

    /** The command for the runner's platform on a given cluster (tests, embedding); {@code --kubeconfig}/{@code --context} are refused. */
    public ApplyCommand(Runner runner, Cluster cluster) {
        Require.nonNull(runner, "runner");
        Require.nonNull(cluster, "cluster");
        this.platform = CommandSupport.platformOf(runner);
        this.fixed = cluster;
    }

    @Override
    public Integer call() {
        return CommandSupport.run(options, fixed, spec, 1, cluster -> {
            boolean json = options.json();
            Apply apply = change.on(options.apply(cluster, platform.get()));
            if (dryRun) {
                apply = apply.dryRun();
            }
            if (wait != null) {
                apply = apply.waitFor(ClusterOptions.duration(wait));
            }
            PrintWriter out = spec.commandLine().getOut();
            ConsoleProgress progress = null;
            if (!json) {
                String header = apply.header();
                boolean dry = dryRun;
                progress = new ConsoleProgress(out, header, r -> ApplyReport.line(r, dry), ConsoleProgress.terminal());
                apply = apply.progress(progress);
            }
            ApplyReport report = apply.run();
            if (json) {
                out.println(JsonOutput.apply(report));
            } else if (!CommandSupport.onlyError(report.error(),
                    report.objects().isEmpty() && report.missingDefinitions().isEmpty(), spec.commandLine().getErr())) {
                progress.finish();
                out.print(report.tail());
            }
            return report.exitCode();
        });
    }
}

package dev.keelson.apply;

import dev.keelson.apply.internal.ClusterOptions;
import dev.keelson.core.Platform;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The runner's {@code apply} subcommand:
 * {@code apply [--env NAME] [--kubeconfig FILE] [--context NAME] [--dry-run] [--prune] [--wait[=TIMEOUT]] [--force-conflicts]}.
 * Exit code 0 done, 1 error, and with {@code --dry-run} 2 when something would change.
 *
 * <pre>{@code
 * Keelson.runner(platform).command(new ApplyCommand(platform)).execute(args);
 * // or both diff and apply: ClusterCommands.addTo(Keelson.runner(platform), platform)
 * }</pre>
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Apply an environment to the cluster with server-side apply (field manager 'keelson').",
            "Exit code: 0 done, 1 error, 2 (with --dry-run) something would change."})
public final class ApplyCommand implements Callable<Integer> {

    private final Platform platform;
    private final Cluster fixed;

    @Mixin
    ClusterOptions options = new ClusterOptions();

    @Option(names = "--dry-run", description = "Server-side dry run: validate and report, write nothing (default: off).")
    boolean dryRun;

    @Option(names = "--wait", arity = "0..1", fallbackValue = "5m", paramLabel = "TIMEOUT",
            description = "Wait until Deployments (and StatefulSets, DaemonSets) are rolled out and available, at most TIMEOUT (default when given: 5m; "
                    + "e.g. 90s, 10m).")
    String wait;

    @Spec
    CommandSpec spec;

    /** The command for {@code platform}, connecting with the kubeconfig ({@code --kubeconfig}, {@code --context}). */
    public ApplyCommand(Platform platform) {
        this(platform, null);
    }

    /** The command for {@code platform} on a given cluster (tests, embedding); {@code --kubeconfig}/{@code --context} are refused. */
    public ApplyCommand(Platform platform, Cluster cluster) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.fixed = cluster;
    }

    @Override
    public Integer call() {
        return options.run(fixed, spec, cluster -> {
            Apply apply = options.apply(cluster, platform);
            if (dryRun) {
                apply = apply.dryRun();
            }
            if (wait != null) {
                apply = apply.waitFor(ClusterOptions.duration(wait));
            }
            ApplyReport report = apply.run();
            spec.commandLine().getOut().print(report);
            spec.commandLine().getOut().flush();
            return report.exitCode();
        });
    }
}

package dev.keelson.apply;

import dev.keelson.apply.internal.ChangeOptions;
import dev.keelson.apply.internal.ClusterOptions;
import dev.keelson.apply.internal.OfflineDiff;
import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Require;
import dev.keelson.core.Runner;
import dev.keelson.core.Synth;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The runner's {@code diff} subcommand:
 * {@code diff [--env NAME] [--kubeconfig FILE] [--context NAME] [--prune] [--force-conflicts] [--format json]}
 * compares with the cluster (server-side dry run); {@code diff --against DIR} compares with the
 * output of an earlier {@code synth --out DIR}, offline. Prints a unified diff of the YAML of every
 * object that would change. Exit code as {@code kubectl diff}'s: 0 nothing would change, 1
 * something would, 2 error, so CI can gate on it.
 *
 * <pre>{@code
 * Runner runner = Keelson.runner(() -> platform());
 * runner.command(new DiffCommand(runner)).execute("diff", "--env", "prod");
 * }</pre>
 */
@Command(name = "diff", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2, exitCodeOnExecutionException = 2,
        description = {"Show what apply would change, as a unified diff of the YAML per object (server-side dry run), "
            + "or, with --against DIR, what changed since an earlier synth --out DIR (offline).",
            "Exit code (as kubectl diff): 0 nothing would change, 1 something would, 2 error."})
public final class DiffCommand implements Callable<Integer> {

    private final Supplier<Platform> platform;
    private final Cluster fixed;

    @Mixin
    ClusterOptions options = new ClusterOptions();

    @Mixin
    ChangeOptions change = new ChangeOptions();

    @Option(names = "--against", paramLabel = "DIR", description = "Compare with the output of an earlier "
            + "'synth --out DIR' (DIR/<environment>/*.yaml) instead of the cluster: offline, no kubeconfig needed; "
            + "without --env, every environment.")
    Path against;

    @Spec
    CommandSpec spec;

    /** The command for the runner's platform, connecting with the kubeconfig ({@code --kubeconfig}, {@code --context}). */
    public DiffCommand(Runner runner) {
        Require.nonNull(runner, "runner");
        this.platform = CommandSupport.platformOf(runner);
        this.fixed = null;
    }

    /** The command for the runner's platform on a given cluster (tests, embedding). */
    public DiffCommand(Runner runner, Cluster cluster) {
        Require.nonNull(runner, "runner");
        Require.nonNull(cluster, "cluster");
        this.platform = CommandSupport.platformOf(runner);
        this.fixed = cluster;
    }

    @Override
    public Integer call() {
        if (against != null) {
            return offline();
        }
        return CommandSupport.run(options, fixed, spec, 2, cluster -> {
            DiffReport diff = change.on(options.apply(cluster, platform.get())).diff();
            PrintWriter out = spec.commandLine().getOut();
            if (options.json()) {
                out.println(JsonOutput.diff(diff));
            } else if (!CommandSupport.onlyError(diff.plan().error(),
                    diff.plan().objects().isEmpty() && diff.plan().missingDefinitions().isEmpty(), spec.commandLine().getErr())) {
                out.print(diff);
            }
            return diff.exitCode();
        });
    }

    private int offline() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = "json".equals(options.format);
        try {
            json = options.json();
            if (options.kubeconfig != null || options.context != null || change.prune || change.forceConflicts) {
                throw new IllegalArgumentException("--against compares with files, not with a cluster: --kubeconfig, "
                        + "--context, --prune and --force-conflicts do not apply. Fix: leave them out");
            }
            Platform p = platform.get();
            List<String> environments = new ArrayList<>();
            if (options.environment != null) {
                if (p.environment(options.environment).isEmpty()) {
                    throw new IllegalArgumentException("unknown environment '" + options.environment + "' in platform '"
                            + p.name() + "'; it has " + p.environments().stream().map(Environment::name).toList());
                }
                environments.add(options.environment);
            } else {
                p.environments().forEach(e -> environments.add(e.name()));
            }
            Synth synth = Keelson.synth(p);
            OfflineDiff differ = new OfflineDiff();
            List<OfflineDiff.Result> results = new ArrayList<>();
            for (String env : environments) {
                results.add(differ.compare(synth.manifest(env), OfflineDiff.folder(against, env, environments.size() == 1)));
            }
            int exit = results.stream().anyMatch(OfflineDiff.Result::changed) ? 1 : 0;
            if (json) {
                out.println(JsonOutput.offlineDiff(p.name(), against.toString(), results, exit));
            } else {
                for (OfflineDiff.Result r : results) {
                    out.print(text(p.name(), r));
                }
            }
            out.flush();
            return exit;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return CommandSupport.error(spec, json, e.getMessage(), 2, out, err);
        }
    }

    private static String text(String platform, OfflineDiff.Result r) {
        StringBuilder out = new StringBuilder();
        r.objects().forEach(d -> out.append(d.unifiedDiff()));
        out.append("diff ").append(platform).append('/').append(r.environment()).append(" against ").append(r.against())
                .append('\n');
        Map<ObjectDiff.Change, Integer> counts = new EnumMap<>(ObjectDiff.Change.class);
        for (ObjectDiff d : r.objects()) {
            counts.merge(d.change(), 1, Integer::sum);
            out.append(String.format(Locale.ROOT, "  %-13s %s", label(d.change()), d.object()));
            if (!d.fields().isEmpty()) {
                out.append(": ").append(String.join(", ", d.fields().subList(0, Math.min(6, d.fields().size()))));
                if (d.fields().size() > 6) {
                    out.append(", ... (").append(d.fields().size()).append(" fields)");
                }
            }
            out.append('\n');
        }
        StringBuilder summary = new StringBuilder();
        counts.forEach((change, n) -> summary.append(summary.length() == 0 ? "" : ", ").append(n).append(' ')
                .append(label(change)));
        out.append(r.changed() ? "changed: " : "no change: ").append(summary.length() == 0 ? "no objects" : summary)
                .append('\n');
        return out.toString();
    }

    private static String label(ObjectDiff.Change change) {
        return switch (change) {
            case CREATE -> "would create";
            case CHANGE -> "would change";
            case UNCHANGED -> "unchanged";
            case PRUNE -> "would remove";
        };
    }
}

package dev.keelson.graph;

import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Require;
import dev.keelson.core.Runner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The runner's {@code graph} subcommand:
 * {@code graph [--env NAME] [--format mermaid|dot|svg|html] [--output FILE]} draws one environment
 * ({@link PlatformGraph}) to standard output or to a file (written whole, or not at all). Exit code
 * 0, 1 when the platform does not synthesize (its problems listed), 2 on a usage error.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Runner runner = Keelson.runner(() -> platform());
 *     System.exit(GraphCommand.addTo(runner).execute(args));
 * }
 * // java -jar platform.jar graph --env prod --format html --output prod.html
 * }</pre>
 */
@Command(name = "graph", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2, exitCodeOnExecutionException = 1,
        description = {"Draw one environment from its synthesized objects: tiers, namespaces, exposure, dependencies and "
            + "every flow, with whether its NetworkPolicies and the mesh allow it.",
            "Formats: mermaid, dot, svg, html (a self-contained page with each tier's workload, scaling, probes, "
            + "Pod Security level and findings)."})
public final class GraphCommand implements Callable<Integer> {

    private static final List<String> FORMATS = List.of("mermaid", "dot", "svg", "html");

    private final Runner runner;

    @Option(names = "--env", paramLabel = "NAME", description = "The environment to draw (required when there are several).")
    String environment;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "html",
            description = "mermaid, dot, svg or html (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Spec
    CommandSpec spec;

    /**
     * The command for the runner's platform.
     *
     * @param runner the runner whose platform is drawn
     */
    public GraphCommand(Runner runner) {
        Require.nonNull(runner, "runner");
        this.runner = runner;
    }

    /**
     * Adds a {@code graph} command to {@code runner}.
     *
     * @param runner the runner
     * @return the runner, for chaining
     */
    public static Runner addTo(Runner runner) {
        Require.nonNull(runner, "runner");
        return runner.command(new GraphCommand(runner));
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String chosen = format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(chosen)) {
            err.println("error: --format must be one of " + String.join(", ", FORMATS) + ", not '" + format + "'");
            return 2;
        }
        Platform platform = runner.platform();
        String env = environment;
        if (env == null) {
            List<String> names = platform.environments().stream().map(Environment::name).toList();
            if (names.size() != 1) {
                err.println("error: platform '" + platform.name() + "' has " + names.size() + " environments " + names
                        + "; name the one to draw with --env, e.g. --env " + names.get(names.size() - 1));
                return 2;
            }
            env = names.get(0);
        }
        PlatformGraph graph = PlatformGraph.of(platform, env);
        String text = graph.render(chosen);
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
            return 0;
        }
        write(output, text);
        long tiers = graph.nodes().stream().filter(n -> n.kind() == PlatformGraph.NodeKind.TIER).count();
        long blocked = graph.edges().stream().filter(PlatformGraph.Edge::blocked).count();
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %s drawn as %s to %s (%d tiers, %d arrows, %d blocked)%n",
                platform.name(), env, chosen, output, tiers, graph.edges().size(), blocked);
        return 0;
    }

    /** Writes the whole file or nothing: a temporary file beside it, renamed into place. */
    private static void write(Path file, String text) {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("--output " + file + " is a directory; name a file, e.g. --output "
                    + file.resolve("graph.html"));
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--output " + file + ": directory " + dir + " does not exist; create it first");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the write already failed; that is what the user needs to know
                }
            }
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}

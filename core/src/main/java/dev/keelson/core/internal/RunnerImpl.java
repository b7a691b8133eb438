package dev.keelson.core.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.core.ArgoCd;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Problem;
import dev.keelson.core.Require;
import dev.keelson.core.Runner;
import dev.keelson.core.Synth;
import dev.keelson.core.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The picocli command line behind {@link Runner}. Internal. */
public final class RunnerImpl implements Runner {

    private final Supplier<Platform> source;
    private Platform platform;
    private final List<Object> extra = new ArrayList<>();
    private PrintWriter out = new PrintWriter(System.out, true);
    private PrintWriter err = new PrintWriter(System.err, true);

    public RunnerImpl(Platform platform) {
        this.platform = platform;
        this.source = () -> platform;
    }

    /** A runner that builds its platform when a command first needs it, so a build failure is reported as a command's. */
    public RunnerImpl(Supplier<Platform> source) {
        this.source = source;
    }

    @Override
    public synchronized Platform platform() {
        if (platform == null) {
            Platform built = source.get();
            if (built == null) {
                throw new IllegalStateException("Keelson.runner(platform): the platform supplier returned null. "
                        + "Fix: return the result of Platform.named(...)...build() from it");
            }
            platform = built;
        }
        return platform;
    }

    @Override
    public Runner command(Object picocliCommand) {
        Require.nonNullIn("Runner.command", picocliCommand, "picocliCommand");
        extra.add(picocliCommand);
        return this;
    }

    @Override
    public Runner output(PrintWriter out, PrintWriter err) {
        Require.nonNullIn("Runner.output", out, "out");
        Require.nonNullIn("Runner.output", err, "err");
        this.out = out;
        this.err = err;
        return this;
    }

    /** Whether a subcommand of this name was added with {@link #command(Object)}. */
    private boolean hasCommand(String name) {
        for (Object command : extra) {
            Command c = command.getClass().getAnnotation(Command.class);
            if (c != null && c.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The name of the program: the platform's, or when it does not build, the one its problems name. */
    private String programName() {
        try {
            return platform().name();
        } catch (ValidationException e) {
            return e.platform();
        } catch (RuntimeException e) {
            return "keelson";
        }
    }

    @Override
    public int execute(String... args) {
        Require.noNullsIn("Runner.execute", args, "args");
        String name = programName();
        CommandLine cli = new CommandLine(new Root(name));
        cli.setCommandName(name);
        cli.addSubcommand("synth", new SynthCommand());
        cli.addSubcommand("print", new PrintCommand());
        cli.addSubcommand("check", new CheckCommand());
        for (Object command : extra) {
            cli.addSubcommand(command);
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("error: " + e.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, failed.getErr())) {
                failed.usage(failed.getErr());
            } else {
                failed.getErr().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for the usage.");
            }
            return failed.getCommandSpec().exitCodeOnInvalidInput();   // 2: a usage error, never a result
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            int code = commandLine.getCommandSpec().exitCodeOnExecutionException();
            PrintWriter errors = commandLine.getErr();
            if (e instanceof ValidationException v) {
                boolean json = "json".equals(formatOf(parseResult));
                String command = commandLine.getCommandName();
                // check reports problems as its result; the other commands' output is YAML or a report
                PrintWriter to = json || command.equals("check") ? commandLine.getOut() : errors;
                ProblemOutput.invalid(to, command, v.platform(), v.problems(), json);
            } else if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    || e instanceof UncheckedIOException || e instanceof NullPointerException && e.getMessage() != null) {
                errors.println("error: " + e.getMessage());
            } else {
                errors.println("error: " + e + (e.getStackTrace().length > 0 ? " at " + e.getStackTrace()[0] : ""));
                errors.println("This is a bug in Keelson or in a feature it runs, not in your command. "
                        + "Set KEELSON_DEBUG=1 for the stack trace, and report it.");
                if (System.getenv("KEELSON_DEBUG") != null) {
                    e.printStackTrace(errors);
                }
            }
            errors.flush();
            commandLine.getOut().flush();
            return code;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The value of the {@code --format} option of the command that ran, if it has one. */
    private static String formatOf(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult deepest = parseResult;
        while (deepest.subcommand() != null) {
            deepest = deepest.subcommand();
        }
        CommandLine.Model.OptionSpec format = deepest.commandSpec().findOption("--format");
        return format == null ? null : String.valueOf((Object) format.getValue());
    }

    /** {@code keelson <version>}, read from the resource the build writes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"keelson " + version() + " (Java " + System.getProperty("java.version") + ")"};
        }
    }

    /** Keelson's version, as the build recorded it. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = Keelson.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Keelson's version.properties", e);
        }
        return properties.getProperty("version", "unknown");
    }

    @Command(mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Synthesize, check and print the platform's Kubernetes objects.",
            subcommands = CommandLine.HelpCommand.class)
    static final class Root implements Callable<Integer> {
        private final String name;

        Root(String name) {
            this.name = name;
        }

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getOut());
            return 0;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Synth chosen(List<String> environments) {
        Synth synth = Keelson.synth(platform());
        return environments == null || environments.isEmpty() ? synth : synth.environments(environments.toArray(String[]::new));
    }

    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = {"Write <out>/<environment>/*.yaml, ready for kubectl apply -f, and print a summary.",
                    "--format helm writes a Helm chart (<out>/<platform>/), kustomize a kustomization per environment, "
                            + "argocd an AppProject and an Application per environment (with --repo-url and --repo-path)."})
    final class SynthCommand implements Callable<Integer> {
        @Option(names = "--out", paramLabel = "DIR",
                description = "Output directory (default: dist; dist/<format> for helm, kustomize and argocd).")
        Path dir;

        @Option(names = "--env", paramLabel = "NAME", description = "Only this environment (repeatable).")
        List<String> environments;

        @Option(names = "--format", paramLabel = "FORMAT",
                description = "yaml, helm, kustomize or argocd (default: ${DEFAULT-VALUE}).", defaultValue = "yaml")
        String format;

        @Option(names = "--repo-url", paramLabel = "URL", description = "argocd: the Git repository Argo CD reads.")
        String repoUrl;

        @Option(names = "--repo-path", paramLabel = "PATH",
                description = "argocd: the repository folder with synth --format kustomize's output.")
        String repoPath;

        @Option(names = "--revision", paramLabel = "REV",
                description = "argocd: the branch, tag or commit Argo CD follows (default: HEAD).")
        String revision;

        @Option(names = "--argocd-namespace", paramLabel = "NAME",
                description = "argocd: the namespace Argo CD runs in (default: argocd).")
        String argoNamespace;

        @Option(names = "--server", paramLabel = "URL",
                description = "argocd: the cluster to deploy to (default: https://kubernetes.default.svc).")
        String server;

        @Override
        public Integer call() {
            List<String> formats = List.of("yaml", "helm", "kustomize", "argocd");
            if (!formats.contains(format)) {
                err.println("error: --format must be one of " + String.join(", ", formats) + ", not '" + format + "'");
                return 2;
            }
            boolean argo = format.equals("argocd");
            if (!argo && (repoUrl != null || repoPath != null || revision != null || argoNamespace != null || server != null)) {
                err.println("error: --repo-url, --repo-path, --revision, --argocd-namespace and --server are options of "
                        + "--format argocd. Fix: add --format argocd, or leave them out");
                return 2;
            }
            if (argo && (repoUrl == null || repoPath == null)) {
                err.println("error: --format argocd needs --repo-url and --repo-path: where Argo CD reads the output of "
                        + "synth --format kustomize. Fix: e.g. --repo-url https://github.com/acme/shop-deploy.git "
                        + "--repo-path gitops/kustomize");
                return 2;
            }
            Path out = dir != null ? dir : format.equals("yaml") ? Path.of("dist") : Path.of("dist", format);
            long start = System.nanoTime();
            Synth synth = chosen(environments);
            if (!format.equals("yaml")) {
                Synth.Output written = switch (format) {
                    case "helm" -> synth.writeHelmChart(out);
                    case "kustomize" -> synth.writeKustomize(out);
                    default -> {
                        ArgoCd argoCd = ArgoCd.source(repoUrl, repoPath);
                        argoCd = revision == null ? argoCd : argoCd.withTargetRevision(revision);
                        argoCd = argoNamespace == null ? argoCd : argoCd.withNamespace(argoNamespace);
                        argoCd = server == null ? argoCd : argoCd.withServer(server);
                        yield synth.writeArgoCd(out, argoCd);
                    }
                };
                long millis = (System.nanoTime() - start) / 1_000_000;
                String what = switch (format) {
                    case "helm" -> "Helm chart " + out.resolve(platform().name());
                    case "kustomize" -> "kustomizations " + out + "/<environment>";
                    default -> "Argo CD AppProject and Applications " + out;
                };
                out().printf(Locale.ROOT, "%s: %s written for %s in %d ms (%d files, %.1f KiB)%n", platform().name(), what,
                        String.join(", ", written.environments()), millis, written.files(), written.bytes() / 1024.0);
                return 0;
            }
            List<Synth.Written> written = synth.writeTo(out);
            long millis = (System.nanoTime() - start) / 1_000_000;
            out().printf(Locale.ROOT, "%s: %d environment%s written to %s in %d ms%n", platform().name(), written.size(),
                    written.size() == 1 ? "" : "s", out, millis);
            for (Synth.Written w : written) {
                out().printf(Locale.ROOT, "  %-12s %6d objects %5d files %9.1f KiB  %s%n", w.environment(), w.objects(), w.files(),
                        w.bytes() / 1024.0, out.resolve(w.environment()));
            }
            if (hasCommand("graph") && !written.isEmpty()) {
                String env = written.get(written.size() - 1).environment();
                out().printf(Locale.ROOT, "  picture of the tiers and flows: graph --env %s --format html --output %s.html%n", env, env);
            }
            return 0;
        }

        private PrintWriter out() {
            return RunnerImpl.this.out;
        }
    }

    @Command(name = "print", mixinStandardHelpOptions = true, description = "Print the YAML of the platform to standard output.")
    final class PrintCommand implements Callable<Integer> {
        @Option(names = "--env", paramLabel = "NAME", description = "Only this environment (repeatable).")
        List<String> environments;

        @Override
        public Integer call() throws IOException {
            Synth synth = chosen(environments);
            for (var env : synth.environments()) {
                Manifest m = synth.manifest(env.name());
                out.print("# environment " + m.environment() + "\n");
                m.writeYaml(out);
            }
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate the platform and run every check on every environment; exit code 1 on problems.")
    final class CheckCommand implements Callable<Integer> {
        @Option(names = "--env", paramLabel = "NAME", description = "Only this environment (repeatable).")
        List<String> environments;

        @Option(names = "--format", paramLabel = "FORMAT", description = "table or json (default: ${DEFAULT-VALUE}).",
                defaultValue = "table")
        String format;

        @Override
        public Integer call() throws Exception {
            if (!ProblemOutput.validFormat(format)) {
                err.println("error: --format must be 'table' or 'json', not '" + format + "'");
                return 2;   // a usage error, like an unknown option
            }
            List<Problem> problems = new ArrayList<>();
            int objects = 0;
            List<String> failedIn = new ArrayList<>();
            List<String> passedIn = new ArrayList<>();
            Synth synth = chosen(environments);
            for (var env : synth.environments()) {
                try {
                    Manifest m = synth.manifest(env.name());
                    objects += m.size();
                    passedIn.add(env.name());
                    for (Problem p : m.warnings()) {
                        if (!problems.contains(p)) {
                            problems.add(p);
                        }
                    }
                } catch (ValidationException e) {
                    failedIn.add(env.name());
                    for (Problem p : e.problems()) {
                        if (!problems.contains(p)) {
                            problems.add(p);
                        }
                    }
                }
            }
            if (format.equals("json")) {
                ObjectNode root = ProblemOutput.json().createObjectNode();
                root.put("platform", platform().name());
                root.put("passed", failedIn.isEmpty());
                root.put("objects", objects);
                ArrayNode failedList = root.putArray("failed");
                failedIn.forEach(failedList::add);
                ProblemOutput.findings(root, problems);
                out.println(root.toPrettyString());
            } else {
                ProblemOutput.table(out, problems);
                // a failed environment yields no manifest, so only the ones that passed count objects
                String counted = failedIn.isEmpty() ? ", " + objects + " objects checked"
                        : passedIn.isEmpty() ? "" : ", " + objects + " objects checked in " + String.join(", ", passedIn);
                out.printf(Locale.ROOT, "%s: %s (%s%s)%n", platform().name(),
                        failedIn.isEmpty() ? "passed" : "FAILED in " + String.join(", ", failedIn),
                        ProblemOutput.counts(problems), counted);
            }
            return failedIn.isEmpty() ? 0 : 1;
        }
    }
}

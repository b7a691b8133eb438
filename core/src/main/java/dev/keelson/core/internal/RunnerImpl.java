package dev.keelson.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Problem;
import dev.keelson.core.Runner;
import dev.keelson.core.Synth;
import dev.keelson.core.ValidationException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The picocli command line behind {@link Runner}. Internal. */
public final class RunnerImpl implements Runner {

    private final Platform platform;
    private final List<Object> extra = new ArrayList<>();
    private PrintWriter out = new PrintWriter(System.out, true);
    private PrintWriter err = new PrintWriter(System.err, true);

    public RunnerImpl(Platform platform) {
        this.platform = platform;
    }

    @Override
    public Runner command(Object picocliCommand) {
        extra.add(picocliCommand);
        return this;
    }

    @Override
    public Runner output(PrintWriter newOut, PrintWriter newErr) {
        this.out = newOut;
        this.err = newErr;
        return this;
    }

    @Override
    public int execute(String... args) {
        CommandLine cli = new CommandLine(new Root(platform.name()));
        cli.setCommandName(platform.name());
        cli.addSubcommand("synth", new SynthCommand());
        cli.addSubcommand("print", new PrintCommand());
        cli.addSubcommand("check", new CheckCommand());
        for (Object command : extra) {
            cli.addSubcommand(command);
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return 1;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ValidationException v) {
                commandLine.getErr().println(v.getMessage());
            } else if (e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
                commandLine.getErr().println("error: " + e.getMessage());
            } else {
                throw e;
            }
            return 1;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Command(mixinStandardHelpOptions = true, description = "Synthesize, check and print the platform's Kubernetes objects.",
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
        Synth synth = Keelson.synth(platform);
        return environments == null || environments.isEmpty() ? synth : synth.environments(environments.toArray(String[]::new));
    }

    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = "Write <out>/<environment>/*.yaml, ready for kubectl apply -f, and print a summary.")
    final class SynthCommand implements Callable<Integer> {
        @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).", defaultValue = "dist")
        Path dir;

        @Option(names = "--env", paramLabel = "NAME", description = "Only this environment (repeatable).")
        List<String> environments;

        @Override
        public Integer call() {
            long start = System.nanoTime();
            List<Synth.Written> written = chosen(environments).writeTo(dir);
            long millis = (System.nanoTime() - start) / 1_000_000;
            out.printf(Locale.ROOT, "%s: %d environment%s written to %s in %d ms%n", platform.name(), written.size(),
                    written.size() == 1 ? "" : "s", dir, millis);
            for (Synth.Written w : written) {
                out.printf(Locale.ROOT, "  %-12s %6d objects %5d files %9.1f KiB  %s%n", w.environment(), w.objects(), w.files(),
                        w.bytes() / 1024.0, dir.resolve(w.environment()));
            }
            return 0;
        }
    }

    @Command(name = "print", mixinStandardHelpOptions = true, description = "Print the YAML of the platform to standard output.")
    final class PrintCommand implements Callable<Integer> {
        @Option(names = "--env", paramLabel = "NAME", description = "Only this environment (repeatable).")
        List<String> environments;

        @Override
        public Integer call() {
            Synth synth = chosen(environments);
            for (var env : synth.environments()) {
                Manifest m = synth.manifest(env.name());
                out.print("# environment " + m.environment() + "\n");
                out.print(m.toYaml());
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
            if (!format.equals("table") && !format.equals("json")) {
                err.println("error: --format must be 'table' or 'json', not '" + format + "'");
                return 1;
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
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                ObjectNode root = mapper.createObjectNode();
                root.put("platform", platform.name());
                root.put("passed", failedIn.isEmpty());
                root.put("objects", objects);
                ArrayNode failedList = root.putArray("failed");
                failedIn.forEach(failedList::add);
                ArrayNode list = root.putArray("findings");
                for (Problem p : problems) {
                    ObjectNode n = list.addObject();
                    n.put("severity", p.severity().name().toLowerCase(Locale.ROOT));
                    n.put("rule", p.rule());
                    n.put("path", p.path());
                    n.put("message", p.message());
                    n.put("fix", p.fix());
                }
                out.println(mapper.writeValueAsString(root));
            } else {
                printTable(problems);
                long errors = problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).count();
                // a failed environment yields no manifest, so only the ones that passed count objects
                String counted = failedIn.isEmpty() ? ", " + objects + " objects checked"
                        : passedIn.isEmpty() ? "" : ", " + objects + " objects checked in " + String.join(", ", passedIn);
                out.printf(Locale.ROOT, "%s: %s (%d error%s, %d warning%s%s)%n", platform.name(),
                        failedIn.isEmpty() ? "passed" : "FAILED in " + String.join(", ", failedIn), errors,
                        errors == 1 ? "" : "s", problems.size() - errors, problems.size() - errors == 1 ? "" : "s", counted);
            }
            return failedIn.isEmpty() ? 0 : 1;
        }

        private void printTable(List<Problem> problems) {
            if (problems.isEmpty()) {
                return;
            }
            int ruleWidth = 4;
            for (Problem p : problems) {
                ruleWidth = Math.max(ruleWidth, p.rule() == null ? 1 : p.rule().length());
            }
            out.printf(Locale.ROOT, "%-8s %-" + ruleWidth + "s %s%n", "SEVERITY", "RULE", "WHERE / PROBLEM / FIX");
            for (Problem p : problems) {
                out.printf(Locale.ROOT, "%-8s %-" + ruleWidth + "s %s%n", p.severity().name().toLowerCase(Locale.ROOT),
                        p.rule() == null ? "-" : p.rule(), p.path());
                String indent = " ".repeat(10 + ruleWidth);
                out.println(indent + p.message());
                if (p.fix() != null) {
                    out.println(indent + "fix: " + p.fix());
                }
            }
        }
    }
}

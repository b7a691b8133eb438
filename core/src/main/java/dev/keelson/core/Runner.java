package dev.keelson.core;

import java.io.PrintWriter;

/**
 * The command line of a platform program:
 * <pre>
 *   synth [--out DIR] [--env NAME]...      write dist/&lt;env&gt;/*.yaml and print a summary
 *   synth --format helm|kustomize [--out DIR] [--env NAME]...     a Helm chart, or a kustomization per environment
 *   synth --format argocd --repo-url URL --repo-path PATH [--revision REV] [--argocd-namespace NAME] [--server URL]
 *   print [--env NAME]...                  print the YAML to standard output
 *   check [--env NAME]... [--format table|json]   validate and run every check; exit 1 on problems
 * </pre>
 * Modules add subcommands (e.g. {@code diff} and {@code apply}) with {@link #command(Object)}.
 *
 * <pre>{@code
 * int code = Keelson.runner(platform).execute("synth", "--out", "dist");
 * }</pre>
 */
public interface Runner {

    /**
     * The platform the commands work on, built on first use when the runner was made from a
     * supplier ({@link Keelson#runner(java.util.function.Supplier)}).
     *
     * @throws ValidationException when it does not build; a command that meets this prints the
     *     problems as {@code check} does and exits 1
     */
    Platform platform();

    /**
     * Adds a subcommand: an object annotated with picocli's {@code @Command} that implements
     * {@code Callable<Integer>} (its exit code).
     */
    Runner command(Object picocliCommand);

    /** Sends standard output and errors elsewhere (tests, embedding). */
    Runner output(PrintWriter out, PrintWriter err);

    /**
     * Runs {@code args}; returns the exit code: 0 success, 1 problems or errors, 2 a usage error
     * (unknown command or option, bad option value). A command may set its own code for errors with
     * picocli's {@code @Command(exitCodeOnExecutionException = ...)}: {@code diff} follows
     * {@code kubectl diff} (0 no changes, 1 changes, 2 errors).
     */
    int execute(String... args);
}

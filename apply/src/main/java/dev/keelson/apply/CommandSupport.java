package dev.keelson.apply;

import dev.keelson.apply.internal.ClusterOptions;
import dev.keelson.core.Platform;
import dev.keelson.core.Runner;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Model.CommandSpec;

/** What diff, apply and destroy share: the platform from the runner, the cluster, errors. */
final class CommandSupport {

    private CommandSupport() {
    }

    /** The runner's platform, built when the command runs (so a build failure is the runner's clean report). */
    static Supplier<Platform> platformOf(Runner runner) {
        Objects.requireNonNull(runner, "runner");
        return runner::platform;
    }

    /**
     * Runs {@code action} on the cluster the options name (or {@code fixed}), closing a cluster it
     * opened; a usage or connection problem becomes one {@code error: ...} line on the error stream
     * (with {@code --format json}, a JSON document on standard output) and {@code errorCode}.
     */
    static int run(ClusterOptions options, Cluster fixed, CommandSpec spec, int errorCode, ToIntFunction<Cluster> action) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = "json".equals(options.format);
        try {
            json = options.json();
        } catch (IllegalArgumentException e) {
            return error(spec, false, e.getMessage(), 2, out, err);   // a usage error, like an unknown option
        }
        try {
            Cluster cluster = options.cluster(fixed);
            try {
                return action.applyAsInt(cluster);
            } finally {
                if (cluster != fixed) {
                    cluster.close();
                }
                out.flush();
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return error(spec, json, e.getMessage(), errorCode, out, err);
        }
    }

    static int error(CommandSpec spec, boolean json, String message, int errorCode, PrintWriter out, PrintWriter err) {
        if (json) {
            out.println(JsonOutput.error(spec.name(), message, errorCode));
            out.flush();
        } else {
            err.println("error: " + message);
            err.flush();
        }
        return errorCode;
    }

    /** Prints a report that stopped before any object with only its error: one line on the error stream. */
    static boolean onlyError(String error, boolean noObjects, PrintWriter err) {
        if (!error.isEmpty() && noObjects) {
            err.println("error: " + error);
            err.flush();
            return true;
        }
        return false;
    }
}

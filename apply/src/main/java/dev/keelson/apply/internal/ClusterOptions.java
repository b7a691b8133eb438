package dev.keelson.apply.internal;

import dev.keelson.apply.Apply;
import dev.keelson.apply.Cluster;
import dev.keelson.core.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The options {@code diff}, {@code apply} and {@code destroy} share (a picocli mixin). Internal. */
public final class ClusterOptions {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)?");

    @Option(names = "--env", paramLabel = "NAME",
            description = "The environment to apply (default: the platform's only environment).")
    public String environment;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig file (default: $KUBECONFIG, else ~/.kube/config, as kubectl).")
    public Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context (default: its current context).")
    public String context;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json: one JSON document on standard output (default: ${DEFAULT-VALUE}).")
    public String format;

    /** Whether {@code --format json} was given; throws on a format other than table and json. */
    public boolean json() {
        if (!"table".equals(format) && !"json".equals(format)) {
            throw new IllegalArgumentException("--format must be 'table' or 'json', not '" + format + "'");
        }
        return "json".equals(format);
    }

    /** The cluster to use: {@code fixed} when the command was given one, else the kubeconfig's. */
    public Cluster cluster(Cluster fixed) {
        if (fixed != null) {
            if (kubeconfig != null || context != null) {
                throw new IllegalArgumentException("this command was built with a cluster; --kubeconfig and --context "
                        + "cannot change it. Fix: leave them out, or build the command without a cluster");
            }
            return fixed;
        }
        return Cluster.connect(kubeconfig, context);
    }

    /** The apply these options describe. */
    public Apply apply(Cluster cluster, Platform platform) {
        Apply apply = cluster.apply(platform);
        if (environment != null) {
            apply = apply.environment(environment);
        }
        return apply;
    }

    /** {@code 90s}, {@code 5m}, {@code 1h}, {@code 500ms}, {@code 300} (seconds) or ISO-8601 {@code PT5M}. */
    public static Duration duration(String text) {
        return duration("--wait", text);
    }

    /** A duration given to {@code option}, in the forms of {@link #duration(String)}. */
    public static Duration duration(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        } else {
            try {
                d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + "=" + text + " is not a duration. Fix: " + option + "=90s, "
                        + option + "=5m or " + option + "=1h");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(option + "=" + text + " must be positive. Fix: " + option + "=5m");
        }
        return d;
    }
}

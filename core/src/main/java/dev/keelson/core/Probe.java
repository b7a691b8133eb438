package dev.keelson.core;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A liveness, readiness or startup check of a tier's container, always aimed at a named port.
 *
 * <pre>{@code
 * Probe.http("/healthz")                    // GET /healthz on the port named "http"
 * Probe.http("/ready").onPort("admin")      // on another declared port
 * Probe.tcp().onPort("postgres")            // a TCP connect
 * Probe.grpc().onPort("grpc")               // the gRPC health protocol
 * Probe.exec("/app/healthcheck", "--live")  // a command in the container: for workers without ports
 * Probe.http("/healthz").every(10).failAfter(3).startAfter(5).timeout(2)
 * }</pre>
 *
 * <p>The port must be one the tier declares; this is checked when the platform is built. An exec
 * probe runs a command in the container instead and needs no port.
 *
 * @param kind what the probe does
 * @param path the HTTP path ({@code null} unless {@code kind} is {@code HTTP})
 * @param port the name of the port to probe, or {@code null} for the tier's first port
 * @param initialDelaySeconds seconds before the first probe
 * @param periodSeconds seconds between probes
 * @param timeoutSeconds seconds before one probe counts as failed
 * @param failureThreshold failures in a row before the probe fails
 * @param command the command of an {@code EXEC} probe; empty for the others
 */
public record Probe(Kind kind, @Nullable String path, @Nullable String port, int initialDelaySeconds, int periodSeconds,
                    int timeoutSeconds, int failureThreshold, List<String> command) {

    /** What a probe does. */
    public enum Kind {
        /** An HTTP GET of a path; a 2xx or 3xx status passes. */
        HTTP,
        /** A TCP connection to the port; connecting passes. */
        TCP,
        /** The gRPC health-checking protocol on the port. */
        GRPC,
        /** A command run in the container; exit code 0 passes. */
        EXEC
    }

    /**
     * Checks {@code kind} and {@code command} at once, naming the argument and the call when one is invalid. Copies
     * the collections, so the value stays immutable.
     *
     * @param kind what the probe does
     * @param path the HTTP path ({@code null} unless {@code kind} is {@code HTTP})
     * @param port the name of the port to probe, or {@code null} for the tier's first port
     * @param initialDelaySeconds seconds before the first probe
     * @param periodSeconds seconds between probes
     * @param timeoutSeconds seconds before one probe counts as failed
     * @param failureThreshold failures in a row before the probe fails
     * @param command the command of an {@code EXEC} probe; empty for the others
     */
    public Probe {
        Require.nonNull(kind, "kind");
        Require.noNulls(command, "command");
        command = List.copyOf(command);
    }

    // equals and hashCode written out: the generated ones bootstrap method handles the first time they run,
    // which was a tenth of a 10-tier synthesis (benchmarks/RESULTS.md)
    @Override
    public boolean equals(Object o) {
        return o instanceof Probe p && kind == p.kind && Objects.equals(path, p.path) && Objects.equals(port, p.port)
                && initialDelaySeconds == p.initialDelaySeconds && periodSeconds == p.periodSeconds
                && timeoutSeconds == p.timeoutSeconds && failureThreshold == p.failureThreshold && command.equals(p.command);
    }

    @Override
    public int hashCode() {
        int h = kind.hashCode();
        h = 31 * h + Objects.hashCode(path);
        h = 31 * h + Objects.hashCode(port);
        h = 31 * h + initialDelaySeconds;
        h = 31 * h + periodSeconds;
        h = 31 * h + timeoutSeconds;
        h = 31 * h + failureThreshold;
        return 31 * h + command.hashCode();
    }

    /** A probe of a port (every kind but {@code EXEC}), without a command. */
    public Probe(Kind kind, @Nullable String path, @Nullable String port, int initialDelaySeconds, int periodSeconds,
                 int timeoutSeconds, int failureThreshold) {
        this(kind, path, port, initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold, List.of());
    }

    /** An HTTP GET of {@code path} on the tier's first port, every 10 s, failing after 3 misses. */
    public static Probe http(String path) {
        Require.nonNull(path, "path");
        return new Probe(Kind.HTTP, path, null, 0, 10, 1, 3);
    }

    /** A TCP connect to the tier's first port, every 10 s, failing after 3 misses. */
    public static Probe tcp() {
        return new Probe(Kind.TCP, null, null, 0, 10, 1, 3);
    }

    /** A gRPC health check on the tier's first port, every 10 s, failing after 3 misses. */
    public static Probe grpc() {
        return new Probe(Kind.GRPC, null, null, 0, 10, 1, 3);
    }

    /**
     * Runs {@code command} in the container (no shell: name one if you need it), every 10 s, failing
     * after 3 non-zero exits. The probe for a tier that declares no port, such as a queue worker:
     * {@code Probe.exec("/app/healthcheck")}. The command must exist in the image.
     */
    public static Probe exec(String... command) {
        Require.noNulls(command, "command");
        if (command.length == 0 || command[0].isBlank()) {
            throw new IllegalArgumentException("Probe.exec(...) needs a command, e.g. Probe.exec(\"/app/healthcheck\")");
        }
        return new Probe(Kind.EXEC, null, null, 0, 10, 1, 3, List.of(command));
    }

    /** This probe aimed at another declared port. */
    public Probe onPort(String portName) {
        Require.nonNull(portName, "portName");
        return new Probe(kind, path, portName, initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold,
                command);
    }

    /** This probe every {@code seconds}. */
    public Probe every(int seconds) {
        return new Probe(kind, path, port, initialDelaySeconds, seconds, timeoutSeconds, failureThreshold, command);
    }

    /** This probe failing after {@code misses} failures in a row. */
    public Probe failAfter(int misses) {
        return new Probe(kind, path, port, initialDelaySeconds, periodSeconds, timeoutSeconds, misses, command);
    }

    /** This probe starting {@code seconds} after the container starts. */
    public Probe startAfter(int seconds) {
        return new Probe(kind, path, port, seconds, periodSeconds, timeoutSeconds, failureThreshold, command);
    }

    /**
     * This probe with a per-probe timeout of {@code seconds}. Default: 1 s. {@code build()} warns
     * when it is not below the period ({@link #every(int)}): a slow answer then delays the next probe.
     */
    public Probe timeout(int seconds) {
        return new Probe(kind, path, port, initialDelaySeconds, periodSeconds, seconds, failureThreshold, command);
    }
}

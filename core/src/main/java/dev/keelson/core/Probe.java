package dev.keelson.core;

import java.util.Objects;

/**
 * A liveness, readiness or startup check of a tier's container, always aimed at a named port.
 *
 * <pre>{@code
 * Probe.http("/healthz")                    // GET /healthz on the port named "http"
 * Probe.http("/ready").onPort("admin")      // on another declared port
 * Probe.tcp().onPort("postgres")            // a TCP connect
 * Probe.grpc().onPort("grpc")               // the gRPC health protocol
 * Probe.http("/healthz").every(10).failAfter(3).startAfter(5).timeout(2)
 * }</pre>
 *
 * <p>The port must be one the tier declares; this is checked when the platform is built.
 *
 * @param kind what the probe does
 * @param path the HTTP path ({@code null} unless {@code kind} is {@code HTTP})
 * @param port the name of the port to probe, or {@code null} for the tier's first port
 * @param initialDelaySeconds seconds before the first probe
 * @param periodSeconds seconds between probes
 * @param timeoutSeconds seconds before one probe counts as failed
 * @param failureThreshold failures in a row before the probe fails
 */
public record Probe(Kind kind, String path, String port, int initialDelaySeconds, int periodSeconds,
                    int timeoutSeconds, int failureThreshold) {

    /** What a probe does. */
    public enum Kind { HTTP, TCP, GRPC }

    public Probe {
        Objects.requireNonNull(kind, "kind");
    }

    /** An HTTP GET of {@code path} on the tier's first port, every 10 s, failing after 3 misses. */
    public static Probe http(String path) {
        Objects.requireNonNull(path, "path");
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

    /** This probe aimed at another declared port. */
    public Probe onPort(String portName) {
        return new Probe(kind, path, Objects.requireNonNull(portName, "portName"), initialDelaySeconds, periodSeconds,
                timeoutSeconds, failureThreshold);
    }

    /** This probe every {@code seconds}. */
    public Probe every(int seconds) {
        return new Probe(kind, path, port, initialDelaySeconds, seconds, timeoutSeconds, failureThreshold);
    }

    /** This probe failing after {@code misses} failures in a row. */
    public Probe failAfter(int misses) {
        return new Probe(kind, path, port, initialDelaySeconds, periodSeconds, timeoutSeconds, misses);
    }

    /** This probe starting {@code seconds} after the container starts. */
    public Probe startAfter(int seconds) {
        return new Probe(kind, path, port, seconds, periodSeconds, timeoutSeconds, failureThreshold);
    }

    /** This probe with a per-probe timeout of {@code seconds}. */
    public Probe timeout(int seconds) {
        return new Probe(kind, path, port, initialDelaySeconds, periodSeconds, seconds, failureThreshold);
    }
}

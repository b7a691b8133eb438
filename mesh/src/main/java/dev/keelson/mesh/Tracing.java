package dev.keelson.mesh;

import dev.keelson.core.Require;

/**
 * Distributed tracing through Istio's Telemetry API: the mesh-config extension provider that
 * receives spans (the report's Jaeger or an OpenTelemetry collector) and the share of requests
 * sampled.
 *
 * <pre>{@code
 * Tracing.provider("otel")              // 1% sampled
 * Tracing.provider("jaeger").sampling(10)
 * }</pre>
 *
 * @param provider the name of an extension provider in the mesh config
 * @param samplingPercentage the share of requests traced, 0 to 100; default 1
 */
public record Tracing(String provider, double samplingPercentage) {

    /** The share of requests traced unless told otherwise. */
    public static final double DEFAULT_SAMPLING = 1.0;

    /**
     * Checks {@code provider} at once, naming the argument and the call when one is invalid.
     *
     * @param provider the name of an extension provider in the mesh config
     * @param samplingPercentage the share of requests traced, 0 to 100; default 1
     */
    public Tracing {
        Require.nonNull(provider, "provider");
    }

    /** Tracing to the named extension provider, 1% sampled. */
    public static Tracing provider(String provider) {
        Require.nonNull(provider, "provider");
        return new Tracing(provider, DEFAULT_SAMPLING);
    }

    /** This tracing with another sampling percentage (0 to 100; checked when the platform is built). */
    public Tracing sampling(double percentage) {
        return new Tracing(provider, percentage);
    }
}

package dev.keelson.mesh;

import dev.keelson.core.Percent;
import dev.keelson.core.Require;

/**
 * The Istio proxies' tracing, through the Telemetry API: the mesh-config extension provider that
 * receives the proxies' spans (the report's Jaeger or an OpenTelemetry collector) and the share of
 * requests sampled. For the applications' own OpenTelemetry SDKs and the proxies together, use the
 * observability module's {@code Tracing} instead (the two are not combined on one platform).
 *
 * <pre>{@code
 * MeshTracing.provider("otel")              // 1% sampled
 * MeshTracing.provider("jaeger").sampling(10)
 * }</pre>
 *
 * @param provider the name of an extension provider in the mesh config
 * @param samplingPercentage the share of requests traced, 0 to 100; default 1
 */
public record MeshTracing(String provider, Percent samplingPercentage) {

    /** The share of requests traced unless told otherwise. */
    public static final Percent DEFAULT_SAMPLING = Percent.of(1);

    /**
     * Checks {@code provider} at once, naming the argument and the call when one is invalid.
     *
     * @param provider the name of an extension provider in the mesh config
     * @param samplingPercentage the share of requests traced, 0 to 100; default 1
     */
    public MeshTracing {
        Require.nonNull(provider, "provider");
        Require.nonNull(samplingPercentage, "samplingPercentage");
    }

    /** Tracing to the named extension provider, 1% sampled. */
    public static MeshTracing provider(String provider) {
        Require.nonNull(provider, "provider");
        return new MeshTracing(provider, DEFAULT_SAMPLING);
    }

    /** This tracing with another sampling percentage (0 to 100; checked when the platform is built). */
    public MeshTracing sampling(double percentage) {
        return sampling(Percent.of(percentage));
    }

    /** This tracing with another sampling percentage (0 to 100; checked when the platform is built). */
    public MeshTracing sampling(Percent percentage) {
        Require.nonNull(percentage, "percentage");
        return new MeshTracing(provider, percentage);
    }
}

package dev.keelson.core;

import java.util.Optional;

/**
 * A platform feature that sets up distributed tracing, as the other features see it, so that one
 * setting reaches every place that samples traces: the workloads' SDKs and the mesh's proxies.
 * {@code dev.keelson.observability.Tracing} implements it; {@code MeshPolicy} reads it (through
 * {@link Platform#features(Class)}) when it has no tracing of its own, so neither module needs the other.
 *
 * <pre>{@code
 * Platform.named("shop")
 *     .with(MeshPolicy.strictMtls())
 *     .with(Tracing.otlp("otel-collector.observability:4317").sampling(10).sampling("dev", 100)
 *             .meshProvider("otel"))   // Istio's Telemetry traces to provider "otel", 10% (100% in dev)
 * }</pre>
 */
public interface TracingSettings extends PlatformFeature {

    /**
     * The name under which the mesh's control plane knows the trace collector (for Istio, an entry of
     * {@code meshConfig.extensionProviders}), or empty when the mesh should not trace.
     */
    Optional<String> meshProvider();

    /** The percentage (0 to 100) of the traces that start in {@code environment} which are sampled. */
    Percent samplingPercent(Environment environment);
}

/**
 * Keelson observability: Prometheus Operator ServiceMonitors for tiers that declare metrics, SLO alerts
 * as PrometheusRules, Grafana dashboards as sidecar ConfigMaps, and OpenTelemetry tracing settings.
 *
 * <pre>{@code
 * Platform.named("shop")
 *     .with(Observability.prometheus())
 *     .with(Tracing.otlp("otel-collector.observability:4317").sampling(10))
 *     .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080))
 *         .metrics(Port.metrics(9091))
 *         .with(Slo.availability(99.9).latencyP95(Duration.ofMillis(500))))
 *     .build();
 * }</pre>
 *
 * <p>Only this package is API; {@code dev.keelson.observability.internal} is not.
 */
@NullMarked
package dev.keelson.observability;

import org.jspecify.annotations.NullMarked;

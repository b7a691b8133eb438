package dev.keelson.observability;

import dev.keelson.core.KubernetesSyntax;
import dev.keelson.core.Require;
import dev.keelson.observability.internal.Promql;
import dev.keelson.observability.internal.Templates;
import java.time.temporal.ChronoUnit;

/**
 * Which Prometheus series count a tier's requests, its failed requests and their durations: what
 * the SLO alerts and the dashboards query. Pick the source that actually exists in your cluster.
 *
 * <pre>{@code
 * RequestMetrics.istio()             // Istio sidecars' standard metrics (the default)
 * RequestMetrics.openTelemetry()     // OpenTelemetry HTTP server semantic conventions
 * RequestMetrics.of("http_requests_total", "http_request_duration_seconds_bucket", ChronoUnit.SECONDS)
 *     .errors("status=~\"5..\"")
 *     .selector("namespace=\"{namespace}\",service=\"{tier}\"")
 * }</pre>
 *
 * <p>{@code selector} and {@code errors} are PromQL label matchers (without braces): comma-separated
 * {@code name op "value"}, a label name, {@code =}, {@code !=}, {@code =~} or {@code !~} and a string
 * literal. They may use the placeholders {@code {platform}}, {@code {environment}}, {@code {namespace}}
 * and {@code {tier}}, inside a {@code "..."} or {@code '...'} literal only; they are filled in per tier
 * and environment as escaped text (regex-quoted in {@code =~} and {@code !~}), so a value can never
 * end its literal. {@code requests} and {@code durationBuckets} are metric names.
 *
 * @param requests the counter of requests, e.g. {@code istio_requests_total}
 * @param errors the label matchers that select failed requests among them, e.g. {@code response_code=~"5.."}
 * @param durationBuckets the histogram buckets of request durations, e.g. {@code istio_request_duration_milliseconds_bucket}
 * @param durationUnit the unit of the histogram's {@code le} boundaries: {@link ChronoUnit#MILLIS} or {@link ChronoUnit#SECONDS}
 * @param selector the label matchers that select one tier's series in one environment
 */
public record RequestMetrics(String requests, String errors, String durationBuckets, ChronoUnit durationUnit,
                             String selector) {

    /**
     * Checks {@code requests}, {@code errors}, {@code durationBuckets}, {@code durationUnit} and {@code selector} at
     * once, naming the argument and the call when one is invalid.
     *
     * @param requests the counter of requests, e.g. {@code istio_requests_total}
     * @param errors the label matchers that select failed requests among them, e.g. {@code response_code=~"5.."}
     * @param durationBuckets the histogram buckets of request durations, e.g. {@code istio_request_duration_milliseconds_bucket}
     * @param durationUnit the unit of the histogram's {@code le} boundaries: {@link ChronoUnit#MILLIS} or {@link ChronoUnit#SECONDS}
     * @param selector the label matchers that select one tier's series in one environment
     */
    public RequestMetrics {
        Require.nonNull(requests, "requests");
        Require.nonNull(errors, "errors");
        Require.nonNull(durationBuckets, "durationBuckets");
        Require.nonNull(durationUnit, "durationUnit");
        Require.nonNull(selector, "selector");
        requireText("requests", requests);
        requireText("errors", errors);
        requireText("durationBuckets", durationBuckets);
        if (durationUnit != ChronoUnit.MILLIS && durationUnit != ChronoUnit.SECONDS) {
            throw new IllegalArgumentException("durationUnit must be MILLIS or SECONDS, not " + durationUnit);
        }
        requireText("selector", selector);
        Templates.check("selector", selector);
        Templates.check("errors", errors);
        Promql.metricName("requests", requests);
        Promql.metricName("durationBuckets", durationBuckets);
        Promql.matchers("selector", selector);
        Promql.matchers("errors", errors);
    }

    /**
     * Istio's standard metrics as the destination's sidecar reports them: {@code istio_requests_total},
     * failures {@code response_code=~"5.."}, {@code istio_request_duration_milliseconds_bucket}, selected by
     * {@code reporter="destination"} and the tier's Service name and namespace (so a canary behind the
     * same Service counts too). The default.
     */
    public static RequestMetrics istio() {
        return new RequestMetrics("istio_requests_total", "response_code=~\"5..\"",
                "istio_request_duration_milliseconds_bucket", ChronoUnit.MILLIS,
                "reporter=\"destination\",destination_service_namespace=\"{namespace}\",destination_service_name=\"{tier}\"");
    }

    /**
     * The OpenTelemetry HTTP server conventions as Prometheus stores them:
     * {@code http_server_request_duration_seconds_count} and {@code _bucket} (seconds), failures
     * {@code http_response_status_code=~"5.."}, selected by the {@code namespace} and {@code service}
     * target labels a ServiceMonitor attaches.
     */
    public static RequestMetrics openTelemetry() {
        return new RequestMetrics("http_server_request_duration_seconds_count", "http_response_status_code=~\"5..\"",
                "http_server_request_duration_seconds_bucket", ChronoUnit.SECONDS,
                "namespace=\"{namespace}\",service=\"{tier}\"");
    }

    /**
     * Your own series: failures default to {@code code=~"5.."} and the selector to
     * {@code namespace="{namespace}",service="{tier}"} (the ServiceMonitor's target labels).
     */
    public static RequestMetrics of(String requests, String durationBuckets, ChronoUnit durationUnit) {
        Require.nonNull(requests, "requests");
        Require.nonNull(durationBuckets, "durationBuckets");
        Require.nonNull(durationUnit, "durationUnit");
        return new RequestMetrics(requests, "code=~\"5..\"", durationBuckets, durationUnit,
                "namespace=\"{namespace}\",service=\"{tier}\"");
    }

    /** These metrics with other label matchers for failed requests. */
    public RequestMetrics errors(String newErrors) {
        Require.nonNull(newErrors, "newErrors");
        return new RequestMetrics(requests, newErrors, durationBuckets, durationUnit, selector);
    }

    /** These metrics with other label matchers for one tier's series. */
    public RequestMetrics selector(String newSelector) {
        Require.nonNull(newSelector, "newSelector");
        return new RequestMetrics(requests, errors, durationBuckets, durationUnit, newSelector);
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, got " + (value == null ? "null" : "'" + value + "'"));
        }
        int at = KubernetesSyntax.controlCharacter(value);
        if (at >= 0) {
            throw new IllegalArgumentException(name + " (PromQL) contains the control character "
                    + KubernetesSyntax.describeCharacter(value, at) + " at index " + at + "; remove it");
        }
    }
}

package dev.keelson.autoscaling;

import dev.keelson.core.Percent;
import dev.keelson.core.Require;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One signal a horizontal autoscaler scales on (an {@code autoscaling/v2} metric source).
 *
 * <pre>{@code
 * Metric.cpu(70)                                   // app container's CPU at 70 % of its request
 * Metric.memoryAverage("512Mi")                    // 512 MiB per pod
 * Metric.requestsPerSecond(100)                    // Pods metric http_requests_per_second, 100 per pod
 * Metric.p95ResponseTime(Duration.ofMillis(500))   // Pods metric http_request_duration_seconds_p95, 0.5 s
 * Metric.activeConnections(1000)                   // Pods metric active_connections, 1000 per pod
 * Metric.queueDepth("orders", 10)                  // External metric queue_messages_ready{queue=orders}, 10 per pod
 * Metric.object("requests_per_second", Metric.DescribedObject.ingress("web"), Target.value(2000))
 * }</pre>
 *
 * <p>cpu and memory metrics use the {@code ContainerResource} source for the tier's own container
 * by default, so a sidecar's requests (Istio's {@code istio-proxy}) do not dilute the figure;
 * {@link ResourceMetric#wholePod()} switches to the pod-wide {@code Resource} source. Custom
 * (Pods and Object) metrics need an adapter serving {@code custom.metrics.k8s.io} (e.g.
 * prometheus-adapter), external ones {@code external.metrics.k8s.io}; the names above are the
 * defaults of this module's presets, and every one can be named differently with
 * {@link #pods}, {@link #external} or {@link #object}. While any metric of an HPA cannot be read,
 * the HPA does not scale in, so only list metrics your adapter serves.
 */
public sealed interface Metric {

    /** In selector values, replaced by the tier's name: {@code Metric.external("queue_messages_ready", Map.of("queue", Metric.TIER), ...)}. */
    String TIER = "{tier}";

    /** A stable key, unique within one profile, e.g. {@code cpu} or {@code pods/active_connections}. */
    String key();

    /** The target. */
    Target target();

    /**
     * A container resource (cpu or memory) from the resource metrics API. Only {@code cpu} and
     * {@code memory} are served by it; anything else is refused when the platform is built.
     *
     * @param resource the resource name, e.g. {@code cpu}
     * @param target utilization (of the requests) or average value
     * @param podWide {@code false} (default): the tier's own container ({@code ContainerResource});
     *     {@code true}: all containers of the pod summed ({@code Resource}), so sidecars count
     */
    record ResourceMetric(String resource, Target target, boolean podWide) implements Metric {
        /**
         * Checks {@code resource} and {@code target} at once, naming the argument and the call when one is invalid.
         *
         * @param resource the resource name, e.g. {@code cpu}
         * @param target utilization (of the requests) or average value
         * @param podWide {@code false} (default): the tier's own container ({@code ContainerResource});
         *     {@code true}: all containers of the pod summed ({@code Resource}), so sidecars count
         */
        public ResourceMetric {
            Require.nonNull(resource, "resource");
            Require.nonNull(target, "target");
            if (target instanceof Target.Value) {
                throw new IllegalArgumentException("a resource metric takes a utilization or an average value, not a total value");
            }
        }

        /** This metric over all containers of the pod (the {@code Resource} source): sidecars' usage and requests count. */
        public ResourceMetric wholePod() {
            return new ResourceMetric(resource, target, true);
        }

        @Override
        public String key() {
            return resource;
        }
    }

    /**
     * A metric of each pod averaged over the tier's pods, from the custom metrics API.
     *
     * @param name the metric's name in the adapter, e.g. {@code http_requests_per_second}
     * @param selector extra label selector on the metric, possibly empty
     * @param target an average value per pod
     */
    record PodsMetric(String name, Map<String, String> selector, Target target) implements Metric {
        /**
         * Checks {@code name}, {@code selector} and {@code target} at once, naming the argument and the call when one
         * is invalid.
         *
         * @param name the metric's name in the adapter, e.g. {@code http_requests_per_second}
         * @param selector extra label selector on the metric, possibly empty
         * @param target an average value per pod
         */
        public PodsMetric {
            Require.nonNull(name, "name");
            Require.noNulls(selector, "selector");
            Require.nonNull(target, "target");
            requireName(name);
            selector = copy(selector);
            if (!(target instanceof Target.AverageValue)) {
                throw new IllegalArgumentException("a Pods metric takes an average value per pod (Target.averageValue)");
            }
        }

        @Override
        public String key() {
            return "pods/" + name;
        }
    }

    /**
     * A metric describing one Kubernetes object (e.g. requests per second on an Ingress), from the
     * custom metrics API.
     *
     * @param name the metric's name in the adapter
     * @param object the object it describes
     * @param target a total value, or an average value divided over the tier's pods
     */
    record ObjectMetric(String name, DescribedObject object, Target target) implements Metric {
        /**
         * Checks {@code name}, {@code object} and {@code target} at once, naming the argument and the call when one is
         * invalid.
         *
         * @param name the metric's name in the adapter
         * @param object the object it describes
         * @param target a total value, or an average value divided over the tier's pods
         */
        public ObjectMetric {
            Require.nonNull(name, "name");
            Require.nonNull(object, "object");
            Require.nonNull(target, "target");
            requireName(name);
            if (target instanceof Target.Utilization) {
                throw new IllegalArgumentException("an Object metric takes a value or an average value, not a utilization");
            }
        }

        @Override
        public String key() {
            return "object/" + object.kind() + "/" + object.name() + "/" + name;
        }
    }

    /**
     * A metric from outside the cluster (a queue, a cloud service), from the external metrics API.
     *
     * @param name the metric's name in the adapter, e.g. {@code queue_messages_ready}
     * @param selector the label selector picking the series, e.g. {@code queue: orders}; values
     *     equal to {@link #TIER} become the tier's name
     * @param target a total value, or an average value per pod
     */
    record ExternalMetric(String name, Map<String, String> selector, Target target) implements Metric {
        /**
         * Checks {@code name}, {@code selector} and {@code target} at once, naming the argument and the call when one
         * is invalid.
         *
         * @param name the metric's name in the adapter, e.g. {@code queue_messages_ready}
         * @param selector the label selector picking the series, e.g. {@code queue: orders}; values
         *     equal to {@link #TIER} become the tier's name
         * @param target a total value, or an average value per pod
         */
        public ExternalMetric {
            Require.nonNull(name, "name");
            Require.noNulls(selector, "selector");
            Require.nonNull(target, "target");
            requireName(name);
            selector = copy(selector);
            if (target instanceof Target.Utilization) {
                throw new IllegalArgumentException("an External metric takes a value or an average value, not a utilization");
            }
        }

        @Override
        public String key() {
            return "external/" + name + (selector.isEmpty() ? "" : selector.toString());
        }
    }

    /**
     * The object an {@link ObjectMetric} describes.
     *
     * @param apiVersion its API version, e.g. {@code networking.k8s.io/v1}
     * @param kind its kind, e.g. {@code Ingress}
     * @param name its name
     */
    record DescribedObject(String apiVersion, String kind, String name) {
        /**
         * Checks {@code apiVersion}, {@code kind} and {@code name} at once, naming the argument and the call when one
         * is invalid.
         *
         * @param apiVersion its API version, e.g. {@code networking.k8s.io/v1}
         * @param kind its kind, e.g. {@code Ingress}
         * @param name its name
         */
        public DescribedObject {
            Require.nonNull(apiVersion, "apiVersion");
            Require.nonNull(kind, "kind");
            Require.nonNull(name, "name");
        }

        /** The Ingress {@code name} ({@code networking.k8s.io/v1}). */
        public static DescribedObject ingress(String name) {
            Require.nonNull(name, "name");
            return new DescribedObject("networking.k8s.io/v1", "Ingress", name);
        }

        /** The Service {@code name} ({@code v1}). */
        public static DescribedObject service(String name) {
            Require.nonNull(name, "name");
            return new DescribedObject("v1", "Service", name);
        }
    }

    /** The tier container's CPU at {@code percent} % of its request. The report's figure: 70. */
    static ResourceMetric cpu(int percent) {
        return cpu(Percent.of(percent));
    }

    /** The tier container's CPU at {@code percent} of its request: whole, at least 1, may exceed 100. */
    static ResourceMetric cpu(Percent percent) {
        Require.nonNull(percent, "percent");
        return new ResourceMetric("cpu", Target.utilization(percent), false);
    }

    /** The tier container's CPU at an average of {@code quantity} (e.g. {@code 500m}) per pod. */
    static ResourceMetric cpuAverage(String quantity) {
        Require.nonNull(quantity, "quantity");
        return new ResourceMetric("cpu", Target.averageQuantity(quantity), false);
    }

    /** The tier container's memory at {@code percent} % of its request. The report's figure: 80. */
    static ResourceMetric memory(int percent) {
        return memory(Percent.of(percent));
    }

    /** The tier container's memory at {@code percent} of its request: whole, at least 1, may exceed 100. */
    static ResourceMetric memory(Percent percent) {
        Require.nonNull(percent, "percent");
        return new ResourceMetric("memory", Target.utilization(percent), false);
    }

    /** The tier container's memory at an average of {@code quantity} (e.g. {@code 512Mi}) per pod. */
    static ResourceMetric memoryAverage(String quantity) {
        Require.nonNull(quantity, "quantity");
        return new ResourceMetric("memory", Target.averageQuantity(quantity), false);
    }

    /**
     * Any container resource by its Kubernetes name. Only {@code cpu} and {@code memory} pass
     * validation: the resource metrics API serves no other (so not the report's "ephemeral
     * storage: 85 %").
     */
    static ResourceMetric resource(String name, Target target) {
        Require.nonNull(name, "name");
        Require.nonNull(target, "target");
        return new ResourceMetric(name, target, false);
    }

    /** The Pods metric {@code name} at {@code target} per pod. */
    static PodsMetric pods(String name, Target target) {
        Require.nonNull(name, "name");
        Require.nonNull(target, "target");
        return new PodsMetric(name, Map.of(), target);
    }

    /** HTTP requests per second per pod (Pods metric {@code http_requests_per_second}). The report's figure: 100. */
    static PodsMetric requestsPerSecond(long perPod) {
        return pods("http_requests_per_second", Target.averageValue(perPod));
    }

    /** The 95th percentile response time, averaged over pods (Pods metric {@code http_request_duration_seconds_p95}). The report's figure: 500 ms. */
    static PodsMetric p95ResponseTime(Duration target) {
        Require.nonNull(target, "target");
        return pods("http_request_duration_seconds_p95", Target.averageValue(target));
    }

    /** Open connections per pod (Pods metric {@code active_connections}). The report's figure: 1000. */
    static PodsMetric activeConnections(long perPod) {
        return pods("active_connections", Target.averageValue(perPod));
    }

    /** The Object metric {@code name} of {@code object}. */
    static ObjectMetric object(String name, DescribedObject object, Target target) {
        Require.nonNull(name, "name");
        Require.nonNull(object, "object");
        Require.nonNull(target, "target");
        return new ObjectMetric(name, object, target);
    }

    /** The External metric {@code name}, series picked by {@code selector}. */
    static ExternalMetric external(String name, Map<String, String> selector, Target target) {
        Require.nonNull(name, "name");
        Require.noNulls(selector, "selector");
        Require.nonNull(target, "target");
        return new ExternalMetric(name, selector, target);
    }

    /**
     * Ready messages of queue {@code queue} per pod (External metric {@code queue_messages_ready},
     * selector {@code queue: <queue>}; {@link #TIER} names the queue after the tier). The report's
     * figure: 10.
     */
    static ExternalMetric queueDepth(String queue, long perPod) {
        Require.nonNull(queue, "queue");
        return external("queue_messages_ready", Map.of("queue", queue), Target.averageValue(perPod));
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a metric needs a name, was '" + name + "'");
        }
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}

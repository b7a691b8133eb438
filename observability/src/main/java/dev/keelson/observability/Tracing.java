package dev.keelson.observability;

import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Flow;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Peer;
import dev.keelson.core.Percent;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Require;
import dev.keelson.core.TracingSettings;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import dev.keelson.core.spi.Problems;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.observability.internal.Names;
import dev.keelson.observability.internal.Templates;
import dev.keelson.observability.internal.TracingEnv;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Distributed tracing through an OpenTelemetry collector: every tier's container gets the standard
 * OpenTelemetry SDK environment variables, and a flow to the collector, so network policies and the
 * mesh allow exactly that traffic. A public value the mesh can read too (for Istio's Telemetry).
 *
 * <pre>{@code
 * Platform.named("shop")
 *     .with(Tracing.otlp("otel-collector.observability:4317").sampling(10).sampling("dev", 100))
 * }</pre>
 *
 * <p>Each container gets, unless it sets the variable itself (its own value wins):
 * <pre>
 * OTEL_SERVICE_NAME            api                                  (serviceName template, default {tier})
 * OTEL_EXPORTER_OTLP_ENDPOINT  http://otel-collector.observability:4317
 * OTEL_EXPORTER_OTLP_PROTOCOL  grpc                                 (http/protobuf for otlpHttp)
 * OTEL_TRACES_SAMPLER          parentbased_traceidratio
 * OTEL_TRACES_SAMPLER_ARG      0.1                                  (sampling percent / 100)
 * K8S_POD_NAME                 (the pod's name, from the downward API)
 * OTEL_RESOURCE_ATTRIBUTES     k8s.namespace.name=shop-prod,k8s.deployment.name=api,k8s.pod.name=$(K8S_POD_NAME),
 *                              deployment.environment.name=prod,service.namespace=shop[,your attributes]
 * </pre>
 *
 * <p>The collector: a host {@code name}, {@code name.namespace} or {@code name.namespace.svc[.cluster.local]}
 * is a Service in the cluster, reached by a {@code DEPENDENCY} flow to the pods of that namespace (narrow it
 * with {@link #collectorPods(Map)}) on the endpoint's port; any other host, or an IP address, is outside the
 * cluster, reached by an {@code EXTERNAL} flow (to the address, or to {@link #outsideCluster(String...) the
 * ranges you name}, else anywhere). Defaults: gRPC on 4317 (HTTP on 4318), sampling 10%, plain HTTP unless
 * the endpoint says {@code https://}. The variables hold no secrets; an authenticated vendor endpoint
 * needs its headers ({@code OTEL_EXPORTER_OTLP_HEADERS}) from a Secret, e.g. with
 * {@code Tier.secretEnv(...)}.
 */
public final class Tracing implements TracingSettings {

    /** The sampling percentage unless told otherwise. */
    public static final Percent DEFAULT_SAMPLING = Percent.of(10);

    /** The service name template unless told otherwise. */
    public static final String DEFAULT_SERVICE_NAME = "{tier}";

    /**
     * How spans are sent.
     *
     * <pre>{@code
     * Tracing.otlp("collector").protocol();       // GRPC, port 4317
     * Tracing.otlpHttp("collector").protocol();   // HTTP_PROTOBUF, port 4318
     * }</pre>
     */
    public enum Protocol {
        /** OTLP over gRPC, port 4317 by default ({@code OTEL_EXPORTER_OTLP_PROTOCOL=grpc}). */
        GRPC("grpc", 4317),
        /** OTLP over HTTP with protobuf bodies, port 4318 by default ({@code http/protobuf}). */
        HTTP_PROTOBUF("http/protobuf", 4318);

        private final String value;
        private final int defaultPort;

        Protocol(String value, int defaultPort) {
            this.value = value;
            this.defaultPort = defaultPort;
        }

        /** The value of {@code OTEL_EXPORTER_OTLP_PROTOCOL}. */
        public String value() {
            return value;
        }

        /** The collector's usual port for this protocol. */
        public int defaultPort() {
            return defaultPort;
        }
    }

    private static final Pattern ENDPOINT = Pattern.compile("(?:(https?)://)?([A-Za-z0-9.-]+)(?::([0-9]{1,5}))?/?");
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z0-9._/-]+");

    private final Protocol protocol;
    private final String scheme;
    private final String host;
    private final int port;
    private final Percent sampling;
    private final Map<String, Percent> samplingByEnvironment;
    private final String serviceName;
    private final Map<String, String> resourceAttributes;
    private final Map<String, String> collectorPods;
    private final List<String> outsideCidrs;
    private final String meshProvider;

    private Tracing(Protocol protocol, String scheme, String host, int port, Percent sampling,
                    Map<String, Percent> samplingByEnvironment, String serviceName, Map<String, String> resourceAttributes,
                    Map<String, String> collectorPods, List<String> outsideCidrs, String meshProvider) {
        this.protocol = protocol;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.sampling = sampling;
        this.samplingByEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(samplingByEnvironment));
        this.serviceName = serviceName;
        this.resourceAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(resourceAttributes));
        this.collectorPods = Collections.unmodifiableMap(new LinkedHashMap<>(collectorPods));
        this.outsideCidrs = outsideCidrs == null ? null : List.copyOf(outsideCidrs);
        this.meshProvider = meshProvider;
    }

    /**
     * Spans sent with OTLP over gRPC to {@code endpoint}: {@code host[:port]} or {@code http(s)://host[:port]};
     * port default 4317.
     *
     * @throws IllegalArgumentException when the endpoint is not of that form
     */
    public static Tracing otlp(String endpoint) {
        Require.nonNull(endpoint, "endpoint");
        return parse(Protocol.GRPC, endpoint);
    }

    /** Spans sent with OTLP over HTTP (protobuf) to {@code endpoint}; port default 4318. */
    public static Tracing otlpHttp(String endpoint) {
        Require.nonNull(endpoint, "endpoint");
        return parse(Protocol.HTTP_PROTOBUF, endpoint);
    }

    private static Tracing parse(Protocol protocol, String endpoint) {
        Matcher m = ENDPOINT.matcher(endpoint);
        if (!m.matches() || m.group(2).startsWith(".") || m.group(2).endsWith(".") || m.group(2).contains("..")) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' is not host[:port] or http(s)://host[:port], "
                    + "e.g. 'otel-collector.observability:" + protocol.defaultPort() + "'");
        }
        int port = m.group(3) == null ? protocol.defaultPort() : Integer.parseInt(m.group(3));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' has port " + port + ", not in 1..65535");
        }
        String scheme = m.group(1) == null ? "http" : m.group(1);
        return new Tracing(protocol, scheme, m.group(2).toLowerCase(java.util.Locale.ROOT), port, DEFAULT_SAMPLING, Map.of(),
                DEFAULT_SERVICE_NAME, Map.of(), Map.of(), null, null);
    }

    /**
     * This tracing sampling {@code percent} of traces that start here (0 to 100; a caller's decision is kept:
     * parent-based). Default: 10.
     */
    public Tracing sampling(double percent) {
        return sampling(percent(percent));
    }

    /**
     * This tracing sampling {@code percent} of traces that start here (0 to 100, e.g. {@code Percent.parse("0.5")};
     * a caller's decision is kept: parent-based). Default: 10.
     */
    public Tracing sampling(Percent percent) {
        Require.nonNull(percent, "percent");
        return new Tracing(protocol, scheme, host, port, checked(percent), samplingByEnvironment, serviceName,
                resourceAttributes, collectorPods, outsideCidrs, meshProvider);
    }

    /** This tracing sampling {@code percent} in the environment named {@code environment} (e.g. 100 in dev). */
    public Tracing sampling(String environment, double percent) {
        Require.nonNull(environment, "environment");
        return sampling(environment, percent(percent));
    }

    /** This tracing sampling {@code percent} (0 to 100) in the environment named {@code environment}. */
    public Tracing sampling(String environment, Percent percent) {
        Require.nonNull(environment, "environment");
        Require.nonNull(percent, "percent");
        var copy = new LinkedHashMap<>(samplingByEnvironment);
        copy.put(environment, checked(percent));
        return new Tracing(protocol, scheme, host, port, sampling, copy, serviceName, resourceAttributes, collectorPods,
                outsideCidrs, meshProvider);
    }

    /**
     * This tracing naming services by {@code template}, with placeholders {@code {platform}},
     * {@code {environment}}, {@code {namespace}} and {@code {tier}}. Default: {@code {tier}}.
     */
    public Tracing serviceName(String template) {
        Require.nonNull(template, "template");
        Templates.check("serviceName", template);
        if (template.isBlank()) {
            throw new IllegalArgumentException("serviceName must not be blank");
        }
        return new Tracing(protocol, scheme, host, port, sampling, samplingByEnvironment, template, resourceAttributes,
                collectorPods, outsideCidrs, meshProvider);
    }

    /**
     * This tracing with one more resource attribute on every span, e.g. {@code ("team", "payments")}. Keys
     * and values use letters, digits, {@code . _ / -} only. Default: none beyond the Kubernetes ones.
     */
    public Tracing resourceAttribute(String key, String value) {
        Require.nonNull(key, "key");
        Require.nonNull(value, "value");
        for (String[] kv : new String[][] {{"key", key}, {"value", value}}) {
            if (!ATTRIBUTE.matcher(kv[1]).matches()) {
                throw new IllegalArgumentException("resource attribute " + kv[0] + " '" + kv[1]
                        + "' must be letters, digits, '.', '_', '/' or '-'");
            }
        }
        var copy = new LinkedHashMap<>(resourceAttributes);
        copy.put(key, value);
        return new Tracing(protocol, scheme, host, port, sampling, samplingByEnvironment, serviceName, copy,
                collectorPods, outsideCidrs, meshProvider);
    }

    /**
     * This tracing allowing traffic only to the collector pods with these labels, e.g.
     * {@code Map.of("app.kubernetes.io/name", "opentelemetry-collector")}. Default: every pod of the
     * collector's namespace, on the endpoint's port only. Security: narrowing it means a compromised tier
     * can reach nothing else in that namespace, even on the OTLP port.
     */
    public Tracing collectorPods(Map<String, String> podLabels) {
        Require.noNulls(podLabels, "podLabels");
        return new Tracing(protocol, scheme, host, port, sampling, samplingByEnvironment, serviceName, resourceAttributes,
                podLabels, outsideCidrs, meshProvider);
    }

    /**
     * This tracing with the collector outside the cluster, at these address ranges (none: anywhere,
     * {@value Dependency#ANYWHERE}). Default: decided by the host's form (see above). Security: without
     * ranges, network policies allow egress to any address on the endpoint's port (they cannot match host
     * names); name the collector's ranges to close that.
     */
    public Tracing outsideCluster(String... cidrs) {
        Require.noNulls(cidrs, "cidrs");
        return new Tracing(protocol, scheme, host, port, sampling, samplingByEnvironment, serviceName, resourceAttributes,
                collectorPods, List.of(cidrs), meshProvider);
    }

    /** How spans are sent. */
    public Protocol protocol() {
        return protocol;
    }

    /** The collector's URL, e.g. {@code http://otel-collector.observability:4317}. */
    public String endpoint() {
        return scheme + "://" + host + ":" + port;
    }

    /** The collector's host. */
    public String host() {
        return host;
    }

    /** The collector's port. */
    public int port() {
        return port;
    }

    /**
     * This tracing, also for the mesh: Istio's Telemetry traces to the extension provider named
     * {@code provider} (an entry of the mesh config's {@code extensionProviders}, pointing at the same
     * collector) with the same sampling, per environment. Needs {@code MeshPolicy} without a tracing
     * of its own.
     */
    public Tracing meshProvider(String provider) {
        Require.nonNull(provider, "provider");
        return new Tracing(protocol, scheme, host, port, sampling, samplingByEnvironment, serviceName, resourceAttributes,
                collectorPods, outsideCidrs, provider);
    }

    @Override
    public Optional<String> meshProvider() {
        return Optional.ofNullable(meshProvider);
    }

    @Override
    public Percent samplingPercent(Environment environment) {
        Require.nonNull(environment, "environment");
        return samplingIn(environment);
    }

    /** The sampling percentage of environments without their own. */
    public Percent sampling() {
        return sampling;
    }

    /** The sampling percentage in {@code environment}. */
    public Percent samplingIn(Environment environment) {
        Require.nonNull(environment, "environment");
        return samplingByEnvironment.getOrDefault(environment.name(), sampling);
    }

    /** The sampling percentages set per environment, by environment name. */
    public Map<String, Percent> samplingByEnvironment() {
        return samplingByEnvironment;
    }

    /** The service name template. */
    public String serviceName() {
        return serviceName;
    }

    /** The extra resource attributes, in the order given. */
    public Map<String, String> resourceAttributes() {
        return resourceAttributes;
    }

    /** Whether the collector runs in the cluster. */
    public boolean inCluster() {
        return outsideCidrs == null && !IPV4.matcher(host).matches() && collectorNamespaceOrNull() != null;
    }

    /**
     * The namespace of an in-cluster collector: the one its host names, or {@code defaultNamespace} for a
     * bare Service name.
     */
    public Optional<String> collectorNamespace(String defaultNamespace) {
        Require.nonNull(defaultNamespace, "defaultNamespace");
        if (!inCluster()) {
            return Optional.empty();
        }
        String ns = collectorNamespaceOrNull();
        return Optional.of(ns.isEmpty() ? defaultNamespace : ns);
    }

    /** "" for a bare name, the namespace for name.ns[.svc...], null for anything else. */
    private String collectorNamespaceOrNull() {
        String[] parts = host.split("\\.");
        if (parts.length == 1) {
            return Names.dnsLabel(parts[0]) ? "" : null;
        }
        boolean service = parts.length == 2 || "svc".equals(parts[2]);
        return service && Names.dnsLabel(parts[0]) && Names.dnsLabel(parts[1]) ? parts[1] : null;
    }

    /** The peer spans go to, from an environment whose namespace is {@code namespace}. */
    public Peer collector(String namespace) {
        Require.nonNull(namespace, "namespace");
        Optional<String> ns = collectorNamespace(namespace);
        if (ns.isPresent()) {
            return Peer.workloads(ns.get(), collectorPods, null);
        }
        List<String> cidrs = outsideCidrs != null && !outsideCidrs.isEmpty() ? outsideCidrs
                : IPV4.matcher(host).matches() ? List.of(host + "/32") : List.of(Dependency.ANYWHERE);
        return Peer.network("otel-collector", cidrs, IPV4.matcher(host).matches() ? List.of() : List.of(host));
    }

    /** The port spans go to, as a flow names it. */
    public Port collectorPort() {
        return protocol == Protocol.GRPC ? new Port("otlp-grpc", port, dev.keelson.core.Protocol.TCP, "grpc")
                : new Port("otlp-http", port, dev.keelson.core.Protocol.TCP, "http");
    }

    /** What carries this feature out during synthesis; called by Keelson, not by users. */
    @Override
    public PlatformExtension extension() {
        return new PlatformExtension() {
            @Override
            public void validate(Platform platform, Problems problems) {
                Tracing.this.validate(platform, problems);
            }

            @Override
            public void contribute(FeatureContext synthesis) {
                Tracing.this.contribute(synthesis);
            }
        };
    }

    private void validate(Platform platform, Problems problems) {
        Require.nonNull(platform, "platform");
        Require.nonNull(problems, "problems");
        ModelPath path = ModelPath.root(platform.name()).child("tracing");
        var all = platform.features(Tracing.class);
        if (all.size() > 1) {
            if (all.get(0) == this) {
                problems.error("KEE-OBS-008", path, "platform '" + platform.name() + "' has " + all.size()
                        + " Tracing features; only one is allowed", "keep one .with(Tracing.otlp(...))");
            }
            return;
        }
        for (String env : samplingByEnvironment.keySet()) {
            if (platform.environment(env).isEmpty()) {
                List<String> known = new ArrayList<>();
                platform.environments().forEach(e -> known.add(e.name()));
                problems.error("KEE-OBS-009", path.child("sampling", env), "sampling is set for environment '" + env
                        + "', which the platform does not have", "name one of " + known);
            }
        }
        if (meshProvider != null && meshProvider.isBlank()) {
            problems.error("KEE-OBS-010", path.child("meshProvider"), "the mesh provider name is empty",
                    "name the extension provider of the mesh config, e.g. meshProvider(\"otel\")");
        }
        if (!serviceName.contains("{tier}") && platform.tiers().size() > 1) {
            problems.error("KEE-OBS-011", path.child("serviceName"), "service name '" + serviceName + "' does not contain {tier}, so all "
                    + platform.tiers().size() + " tiers would report as one service", "include {tier}, e.g. '{platform}-{tier}'");
        }
    }

    private void contribute(FeatureContext synthesis) {
        Require.nonNull(synthesis, "synthesis");
        Peer collector = collector(synthesis.namespaceName());
        Flow.Kind kind = inCluster() ? Flow.Kind.DEPENDENCY : Flow.Kind.EXTERNAL;
        for (TierObjects t : synthesis.tiers()) {
            TracingEnv.apply(this, synthesis, t);
            synthesis.flows().add(Flow.of(kind, Peer.tier(t.tier().name()), collector, List.of(collectorPort())));
        }
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Tracing t && protocol == t.protocol && scheme.equals(t.scheme) && host.equals(t.host)
                && port == t.port && sampling.equals(t.sampling) && samplingByEnvironment.equals(t.samplingByEnvironment)
                && serviceName.equals(t.serviceName) && resourceAttributes.equals(t.resourceAttributes)
                && collectorPods.equals(t.collectorPods) && Objects.equals(outsideCidrs, t.outsideCidrs)
                && Objects.equals(meshProvider, t.meshProvider);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, scheme, host, port, sampling, samplingByEnvironment, serviceName, resourceAttributes,
                collectorPods, outsideCidrs, meshProvider);
    }

    @Override
    public String toString() {
        return "Tracing.otlp" + (protocol == Protocol.GRPC ? "" : "Http") + "(\"" + endpoint() + "\").sampling("
                + sampling.text() + ")" + (meshProvider == null ? "" : ".meshProvider(\"" + meshProvider + "\")");
    }

    private static Percent percent(double value) {
        if (!Double.isFinite(value)) {
            throw outOfRange(value);
        }
        return checked(Percent.of(value));
    }

    private static Percent checked(Percent percent) {
        if (!percent.isBetween(0, 100)) {
            throw outOfRange(percent.doubleValue());
        }
        return percent;
    }

    private static IllegalArgumentException outOfRange(double value) {
        return new IllegalArgumentException("sampling must be a percentage from 0 to 100, got " + value);
    }
}

package dev.keelson.mesh;

import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.core.Require;
import dev.keelson.core.Resources;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import dev.keelson.core.spi.Problems;
import dev.keelson.mesh.internal.MeshChecks;
import dev.keelson.mesh.internal.MeshContributor;
import dev.keelson.mesh.internal.MeshRenderer;
import dev.keelson.mesh.internal.MeshValidator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Zero trust for a whole platform with Istio: every tier in the mesh, mutual TLS between them,
 * deny by default, and ALLOW rules rendered from core's graph of flows ({@code talksTo}, exposure,
 * metrics), so only declared callers reach each tier. Immutable; each {@code withX} returns a copy.
 *
 * <pre>{@code
 * Platform.named("shop")
 *     .with(MeshPolicy.strictMtls().withCni().ingressGateway().tracing(MeshTracing.provider("otel").sampling(10)))
 *     ...
 * }</pre>
 *
 * <p>Per environment it writes: the namespace's injection label (exactly one), the pod
 * annotations the sidecar needs, a STRICT PeerAuthentication, an {@code allow-nothing}
 * AuthorizationPolicy plus one ALLOW policy per tier derived from the flows, a DestinationRule
 * (ISTIO_MUTUAL, load balancing, connection pool, outlier detection, subsets) and a VirtualService
 * (timeouts, retries) per tier, ServiceEntries for external dependencies, a Sidecar that scopes
 * the namespace's egress configuration, and Telemetry (access logs, optional tracing). Tier
 * features tune it: {@link Traffic}, {@link Jwt}, and the {@link TrafficSplit}s
 * ({@link Canary}, {@link BlueGreen}, {@link AbTest}, {@link Mirror}).
 *
 * <p>It adds flows to core's graph, so network policies rendered from the same graph let the mesh
 * work: every pod to istiod (TCP 15012), the ingress gateway to exposed tiers, tiers to the egress
 * gateway.
 */
public final class MeshPolicy implements PlatformFeature {

    /** The port sidecars reach istiod on (XDS and certificates over TLS). */
    public static final int ISTIOD_PORT = 15012;
    /** The proxy's resources unless told otherwise: 100m CPU, 128Mi memory requested, 256Mi memory limit. */
    public static final Resources DEFAULT_PROXY_RESOURCES = Resources.requests("100m", "128Mi").memoryLimit("256Mi");

    private final MtlsMode mtls;
    private final DataPlane dataPlane;
    private final boolean cni;
    private final boolean waypoint;
    private final @Nullable String revision;
    private final boolean holdApplication;
    private final Resources proxyResources;
    private final Peer.Workloads controlPlane;
    private final int controlPlanePort;
    private final String trustDomain;
    private final @Nullable MeshGateway ingressGateway;
    private final @Nullable MeshGateway egressGateway;
    private final boolean plaintextMetrics;
    private final @Nullable MeshTracing tracing;
    private final @Nullable String accessLogProvider;
    private final boolean registryOnly;

    private MeshPolicy(MtlsMode mtls, DataPlane dataPlane, boolean cni, boolean waypoint, @Nullable String revision,
                       boolean holdApplication, Resources proxyResources, Peer.Workloads controlPlane,
                       int controlPlanePort, String trustDomain, @Nullable MeshGateway ingressGateway,
                       @Nullable MeshGateway egressGateway, boolean plaintextMetrics, @Nullable MeshTracing tracing,
                       @Nullable String accessLogProvider, boolean registryOnly) {
        this.mtls = mtls;
        this.dataPlane = dataPlane;
        this.cni = cni;
        this.waypoint = waypoint;
        this.revision = revision;
        this.holdApplication = holdApplication;
        this.proxyResources = proxyResources;
        this.controlPlane = controlPlane;
        this.controlPlanePort = controlPlanePort;
        this.trustDomain = trustDomain;
        this.ingressGateway = ingressGateway;
        this.egressGateway = egressGateway;
        this.plaintextMetrics = plaintextMetrics;
        this.tracing = tracing;
        this.accessLogProvider = accessLogProvider;
        this.registryOnly = registryOnly;
    }

    /**
     * Strict mutual TLS with sidecars: plaintext is refused, authorization is derived from the flows.
     * Defaults: injection label {@code istio-injection=enabled}, no CNI declared, the application
     * held until the proxy starts, proxy resources {@link #DEFAULT_PROXY_RESOURCES}, istiod in
     * {@code istio-system} ({@code app=istiod}, TCP 15012), trust domain {@code cluster.local},
     * the cluster's ingress controller as the way in, no egress gateway, Envoy access logs, no
     * tracing, egress configuration limited to the registry.
     */
    public static MeshPolicy strictMtls() {
        return new MeshPolicy(MtlsMode.STRICT, DataPlane.SIDECAR, false, false, null, true, DEFAULT_PROXY_RESOURCES,
                new Peer.Workloads("istio-system", Map.of("app", "istiod"), null), ISTIOD_PORT, "cluster.local",
                null, null, false, null, "envoy", true);
    }

    /**
     * Like {@link #strictMtls()} but PERMISSIVE: a named migration step while clients outside the
     * mesh still call in plaintext. Reported as a warning; move to {@link #strictMtls()} when done.
     */
    public static MeshPolicy permissiveMigration() {
        return strictMtls().copy(MtlsMode.PERMISSIVE);
    }

    private MeshPolicy copy(MtlsMode newMtls) {
        return new MeshPolicy(newMtls, dataPlane, cni, waypoint, revision, holdApplication, proxyResources, controlPlane,
                controlPlanePort, trustDomain, ingressGateway, egressGateway, plaintextMetrics, tracing,
                accessLogProvider, registryOnly);
    }

    /**
     * Declares that the cluster runs the Istio CNI plugin. Default: not declared. Without it the
     * injected {@code istio-init} container needs NET_ADMIN and NET_RAW, which Pod Security
     * {@code baseline} and {@code restricted} reject: synthesis then fails with an error naming this fix.
     */
    public MeshPolicy withCni() {
        return new MeshPolicy(mtls, dataPlane, true, waypoint, revision, holdApplication, proxyResources, controlPlane,
                controlPlanePort, trustDomain, ingressGateway, egressGateway, plaintextMetrics, tracing,
                accessLogProvider, registryOnly);
    }

    /**
     * Ambient mode instead of sidecars: namespace label {@code istio.io/dataplane-mode=ambient}, no
     * proxy in the pod (so no capabilities and no CNI question). Default: sidecars. HTTP methods and
     * paths in {@code talksTo} need a waypoint ({@link #withWaypoint()}).
     */
    public MeshPolicy ambient() {
        return new MeshPolicy(mtls, DataPlane.AMBIENT, cni, waypoint, revision, holdApplication, proxyResources,
                controlPlane, controlPlanePort, trustDomain, ingressGateway, egressGateway, plaintextMetrics, tracing,
                accessLogProvider, registryOnly);
    }

    /**
     * In ambient mode, a waypoint proxy per namespace (a Gateway of class {@code istio-waypoint})
     * that enforces HTTP-level authorization. Default: none. Implies {@link #ambient()}.
     */
    public MeshPolicy withWaypoint() {
        return new MeshPolicy(mtls, DataPlane.AMBIENT, cni, true, revision, holdApplication, proxyResources,
                controlPlane, controlPlanePort, trustDomain, ingressGateway, egressGateway, plaintextMetrics, tracing,
                accessLogProvider, registryOnly);
    }

    /**
     * Injects the sidecar of control-plane revision {@code rev} (label {@code istio.io/rev=<rev>},
     * replacing {@code istio-injection=enabled}: a namespace carries exactly one). Default: none.
     */
    public MeshPolicy revision(String rev) {
        Require.nonNull(rev, "rev");
        return new MeshPolicy(mtls, dataPlane, cni, waypoint, rev, holdApplication,
                proxyResources, controlPlane, controlPlanePort, trustDomain, ingressGateway, egressGateway,
                plaintextMetrics, tracing, accessLogProvider, registryOnly);
    }

    /**
     * Lets the application start before its proxy is ready. Default: held until the proxy starts
     * ({@code proxy.istio.io/config: holdApplicationUntilProxyStarts}), so calls made at startup do
     * not fail with "connection refused".
     */
    public MeshPolicy withoutHoldingApplication() {
        return new MeshPolicy(mtls, dataPlane, cni, waypoint, revision, false, proxyResources, controlPlane,
                controlPlanePort, trustDomain, ingressGateway, egressGateway, plaintextMetrics, tracing,
                accessLogProvider, registryOnly);
    }

    /** The sidecar's requests and limits. Default: {@link #DEFAULT_PROXY_RESOURCES}. */
    public MeshPolicy proxyResources(Resources resources) {
        Require.nonNull(resources, "resources");
        return new MeshPolicy(mtls, dataPlane, cni, waypoint, revision, holdApplication,
                resources, controlPlane, controlPlanePort, trustDomain,
                ingressGateway, egressGateway, plaintextMetrics, tracing, accessLogProvider, registryOnly);
    }

    /**
     * Where istiod runs, for the flow every pod needs to it. Default: namespace {@code istio-system},
     * pods {@code app=istiod}, port 15012.
     */
    public MeshPolicy controlPlane(String namespace, Map<String, String> podLabels, int port) {
        Require.nonNull(namespace, "namespace");
        Require.noNulls(podLabels, "podLabels");
        return new MeshPolicy(mtls, dataPlane, cni, waypoint, revision, holdApplication, proxyResources,
                new Peer.Workloads(namespace, podLabels, null), port, trustDomain,
                ingressGateway, egressGateway, plaintextMetrics, tracing, accessLogProvider, registryOnly);
    }

    /** The mesh's trust domain, the first part of every identity. Default: {@code cluster.local}. */
    public MeshPolicy trustDomain(String domain) {
        Require.nonNull(domain, "domain");
        return new MeshPolicy(mtls, dataPlane, cni, waypoint, revision, holdApplication, proxyResources, controlPlane,
                controlPlanePort, domain, ingressGateway, egressGateway,
                plaintextMetrics, tracing, accessLogProvider, registryOnly);
    }

    /** Exposed tiers through the default Istio ingress gateway ({@link MeshGateway#ingress()}). */
    public MeshPolicy ingressGateway() {
        return ingressGateway(MeshGateway.ingress());
    }

    /**
     * Exposed tiers through an Istio ingress gateway instead of the cluster's ingress controller:
     * a Gateway (HTTPS with a cert-manager certificate, never {@code hosts: "*"}) and a
     * VirtualService per exposed tier replace core's Ingress. Default: the cluster's ingress
     * controller (which must then run in the mesh itself to reach tiers under STRICT mTLS).
     */
    public MeshPolicy ingressGateway(MeshGateway gateway) {
        Require.nonNull(gateway, "gateway");
        return new MeshPolicy(mtls, dataPlane, cni, waypoint, revision, holdApplication, proxyResources, controlPlane,
                controlPlanePort, trustDomain, gateway, egressGateway,
                plaintextMetrics, tracing, accessLogProvider, registryOnly);
    }

    /** External HTTPS dependencies through the default egress gateway ({@link MeshGateway#egress()}). */
    public MeshPolicy egressGateway() {
        return egressGateway(MeshGateway.egress());
    }

    /**
     * External HTTPS dependencies routed through an egress gateway (TLS passthrough), so network
     * policies can send all egress through one place. Default: none (tiers call external hosts directly).
     */
    public MeshPolicy egressGateway(MeshGateway gateway) {
        Require.nonNull(gateway, "gateway");
        return new MeshPolicy(mtls, dataPlane, cni, waypoint, revision, holdApplication, proxyResources, controlPlane,
                controlPlanePort, trustDomain, ingressGateway, gateway,
                plaintextMetrics, tracing, accessLogProvider, registryOnly);
    }

    /**
     * Accepts plaintext on metrics ports (a port-level PERMISSIVE exception per tier) for a scraper
     * that cannot do mTLS; those ports are then allowed from anywhere the network lets through.
     * Default: metrics ports are STRICT too, and only the monitoring namespace's identities may
     * scrape (a scraper with Istio certificates).
     */
    public MeshPolicy withPlaintextMetrics() {
        return new MeshPolicy(mtls, dataPlane, cni, waypoint, revision, holdApplication, proxyResources, controlPlane,
                controlPlanePort, trustDomain, ingressGateway, egressGateway, true, tracing, accessLogProvider,
                registryOnly);
    }

    /** Tracing through the Telemetry API. Default: none. */
    public MeshPolicy tracing(MeshTracing newTracing) {
        Require.nonNull(newTracing, "newTracing");
        return new MeshPolicy(mtls, dataPlane, cni, waypoint, revision, holdApplication, proxyResources, controlPlane,
                controlPlanePort, trustDomain, ingressGateway, egressGateway, plaintextMetrics,
                newTracing, accessLogProvider, registryOnly);
    }

    /** Access logs to the named provider. Default: {@code envoy} (the proxy's standard output). */
    public MeshPolicy accessLogging(String provider) {
        Require.nonNull(provider, "provider");
        return new MeshPolicy(mtls, dataPlane, cni, waypoint, revision, holdApplication, proxyResources, controlPlane,
                controlPlanePort, trustDomain, ingressGateway, egressGateway, plaintextMetrics, tracing,
                provider, registryOnly);
    }

    /** No access logs. Default: logs to {@code envoy}. */
    public MeshPolicy withoutAccessLogging() {
        return new MeshPolicy(mtls, dataPlane, cni, waypoint, revision, holdApplication, proxyResources, controlPlane,
                controlPlanePort, trustDomain, ingressGateway, egressGateway, plaintextMetrics, tracing, null,
                registryOnly);
    }

    /**
     * Lets sidecars pass traffic to hosts the mesh does not know ({@code ALLOW_ANY}). Default:
     * {@code REGISTRY_ONLY}, so only ServiceEntries reach outside. Neither is a security boundary:
     * network policies and the egress gateway are.
     */
    public MeshPolicy allowAnyOutbound() {
        return new MeshPolicy(mtls, dataPlane, cni, waypoint, revision, holdApplication, proxyResources, controlPlane,
                controlPlanePort, trustDomain, ingressGateway, egressGateway, plaintextMetrics, tracing,
                accessLogProvider, false);
    }

    /** The mTLS mode. */
    public MtlsMode mtls() {
        return mtls;
    }

    /** The data plane. */
    public DataPlane dataPlane() {
        return dataPlane;
    }

    /** Whether the Istio CNI plugin is declared. */
    public boolean cni() {
        return cni;
    }

    /** Whether ambient mode has a waypoint. */
    public boolean waypoint() {
        return waypoint;
    }

    /** The injection revision, or {@code null}. */
    public @Nullable String revision() {
        return revision;
    }

    /** Whether the application waits for its proxy. */
    public boolean holdApplication() {
        return holdApplication;
    }

    /** The proxy's resources. */
    public Resources proxyResources() {
        return proxyResources;
    }

    /** Where istiod runs. */
    public Peer.Workloads controlPlane() {
        return controlPlane;
    }

    /** The port sidecars reach istiod on. */
    public int controlPlanePort() {
        return controlPlanePort;
    }

    /** The trust domain. */
    public String trustDomain() {
        return trustDomain;
    }

    /** The ingress gateway, or {@code null} when the cluster's ingress controller is the way in. */
    public @Nullable MeshGateway ingressGatewayOrNull() {
        return ingressGateway;
    }

    /** The egress gateway, or {@code null}. */
    public @Nullable MeshGateway egressGatewayOrNull() {
        return egressGateway;
    }

    /** Whether metrics ports accept plaintext. */
    public boolean plaintextMetrics() {
        return plaintextMetrics;
    }

    /** The tracing, or {@code null}. */
    public @Nullable MeshTracing tracingOrNull() {
        return tracing;
    }

    /** The access log provider, or {@code null} for none. */
    public @Nullable String accessLogProvider() {
        return accessLogProvider;
    }

    /** Whether outbound traffic is limited to the registry. */
    public boolean registryOnly() {
        return registryOnly;
    }

    /** What carries this feature out during synthesis; called by Keelson, not by users. */
    @Override
    public PlatformExtension extension() {
        return new PlatformExtension() {
            @Override
            public void validate(Platform platform, Problems problems) {
                MeshPolicy.this.validate(platform, problems);
            }

            @Override
            public void contribute(FeatureContext synthesis) {
                MeshPolicy.this.contribute(synthesis);
            }

            @Override
            public void render(FeatureContext synthesis) {
                MeshPolicy.this.render(synthesis);
            }

            @Override
            public void check(FeatureContext synthesis) {
                MeshPolicy.this.check(synthesis);
            }
        };
    }

    private void validate(Platform platform, Problems problems) {
        Require.nonNull(platform, "platform");
        Require.nonNull(problems, "problems");
        MeshValidator.validate(this, platform, problems);
    }

    private void contribute(FeatureContext synthesis) {
        Require.nonNull(synthesis, "synthesis");
        MeshContributor.contribute(this, synthesis);
    }

    private void render(FeatureContext synthesis) {
        Require.nonNull(synthesis, "synthesis");
        MeshRenderer.render(this, synthesis);
    }

    private void check(FeatureContext synthesis) {
        Require.nonNull(synthesis, "synthesis");
        MeshChecks.check(this, synthesis);
    }
}

package dev.keelson.mesh.internal;

import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.KubernetesSyntax;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Protocol;
import dev.keelson.core.Tier;
import dev.keelson.core.TracingSettings;
import dev.keelson.core.spi.Problems;
import dev.keelson.mesh.DataPlane;
import dev.keelson.mesh.MeshPolicy;
import dev.keelson.mesh.MeshTracing;
import dev.keelson.mesh.MtlsMode;
import java.util.List;
import java.util.regex.Pattern;

/** Checks a {@link MeshPolicy} and the tiers it governs when the platform is built. Internal. */
public final class MeshValidator {

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private MeshValidator() {
    }

    /** Reports every problem of {@code mesh} in {@code platform}. */
    public static void validate(MeshPolicy mesh, Platform platform, Problems problems) {
        ModelPath root = ModelPath.root(platform.name()).child("mesh");
        List<MeshPolicy> all = platform.features(MeshPolicy.class);
        if (all.get(0) != mesh) {
            return; // reported once, by the first
        }
        if (all.size() > 1) {
            problems.error("KEE-MESH-001", root, "MeshPolicy is declared twice", "declare one MeshPolicy per platform");
        }
        if (mesh.ingressGatewayOrNull() != null && platform.gatewayApi().isPresent()) {
            problems.error("KEE-MESH-051", root.child("ingressGateway"), "ingressGateway() and exposeThrough(GatewayApi...) would both"
                            + " expose the tiers, through two gateways",
                    "drop ingressGateway() (the Gateway API Gateway of class istio is Istio's ingress), or expose through"
                            + " ExposureApi.ingress()");
        }
        if (platform.gatewayApi().isPresent()) {
            for (var tier : platform.tiers()) {
                if (tier.exposure() != null && Mesh.split(tier) != null) {
                    problems.warning("KEE-MESH-052", ModelPath.root(platform.name()).tier(tier.name()).child("exposure"), "the "
                                    + Mesh.split(tier).getClass().getSimpleName() + " weighs calls inside the mesh; outside traffic"
                                    + " through the Gateway API route reaches every version of the tier in proportion to its pods",
                            "accept it for now, or expose the tier through MeshPolicy...ingressGateway() and ExposureApi.ingress(),"
                                    + " whose VirtualService carries the split");
                }
            }
        }
        if (mesh.mtls() == MtlsMode.PERMISSIVE) {
            problems.warning("KEE-MESH-002", root.child("mtls"), "mTLS is PERMISSIVE: plaintext from any client is accepted (a migration step)",
                    "switch to MeshPolicy.strictMtls() once every client runs in the mesh");
        }
        if (mesh.revision() != null && (!KubernetesSyntax.labelValue(mesh.revision()) || mesh.revision().isEmpty())) {
            problems.error("KEE-MESH-003", root.child("revision"), "revision '" + mesh.revision() + "' is not a valid label value",
                    "use the revision name istioctl installed, e.g. '1-30-3'");
        }
        if (!KubernetesSyntax.dnsLabel(mesh.controlPlane().namespace())) {
            problems.error("KEE-MESH-004", root.child("controlPlane").child("namespace"), "namespace '" + mesh.controlPlane().namespace()
                    + "' is not a DNS label", "use e.g. 'istio-system'");
        }
        if (mesh.controlPlanePort() < 1 || mesh.controlPlanePort() > 65535) {
            problems.error("KEE-MESH-005", root.child("controlPlane").child("port"), "port " + mesh.controlPlanePort() + " is not in 1..65535",
                    "istiod serves sidecars on 15012");
        }
        if (!DOMAIN.matcher(mesh.trustDomain()).matches()) {
            problems.error("KEE-MESH-006", root.child("trustDomain"), "trust domain '" + mesh.trustDomain() + "' is not a DNS name",
                    "use the mesh's trust domain, by default 'cluster.local'");
        }
        var r = mesh.proxyResources();
        for (String q : new String[] {r.cpuRequest(), r.memoryRequest(), r.cpuLimit(), r.memoryLimit()}) {
            if (q != null && KubernetesSyntax.quantity(q) == null) {
                problems.error("KEE-MESH-007", root.child("proxyResources"), "'" + q + "' is not a Kubernetes quantity",
                        "use e.g. Resources.requests(\"100m\", \"128Mi\")");
            }
        }
        MeshTracing tracing = mesh.tracingOrNull();
        if (tracing != null) {
            if (tracing.provider().isBlank()) {
                problems.error("KEE-MESH-008", root.child("tracing").child("provider"), "the tracing provider is empty",
                        "name an extension provider of the mesh config, e.g. MeshTracing.provider(\"otel\")");
            }
            if (!tracing.samplingPercentage().isBetween(0, 100)) {
                problems.error("KEE-MESH-009", root.child("tracing").child("sampling"), "sampling " + tracing.samplingPercentage().doubleValue() + "% is not in 0..100",
                        "use e.g. MeshTracing.provider(\"otel\").sampling(1)");
            }
        }
        if (tracing != null) {
            for (TracingSettings other : platform.features(TracingSettings.class)) {
                if (other.meshProvider().isPresent()) {
                    problems.error("KEE-MESH-010", root.child("tracing"), "tracing is set twice: MeshPolicy.tracing(...) and "
                                    + other.getClass().getSimpleName() + ".meshProvider(\"" + other.meshProvider().get() + "\")",
                            "keep one: the platform's tracing feature with meshProvider(...) gives the mesh the same sampling");
                }
            }
        }
        if (mesh.accessLogProvider() != null && mesh.accessLogProvider().isBlank()) {
            problems.error("KEE-MESH-011", root.child("accessLogging"), "the access log provider is empty",
                    "use accessLogging(\"envoy\") or withoutAccessLogging()");
        }
        if (mesh.dataPlane() == DataPlane.AMBIENT) {
            ambient(mesh, platform, root, problems);
        }
        for (Tier tier : platform.tiers()) {
            tier(mesh, platform, tier, ModelPath.root(platform.name()).tier(tier.name()), problems);
        }
    }

    /**
     * Settings that only a sidecar acts on, in ambient mode (no sidecar): each would silently do
     * nothing. The revision is an error, because it chooses which control plane serves the
     * workloads and ignoring it hands them to another one; the rest only tune or relax the sidecar
     * and are warnings, because dropping them changes nothing that runs.
     */
    private static void ambient(MeshPolicy mesh, Platform platform, ModelPath root, Problems problems) {
        String noSidecar = "drop it, or use sidecars: MeshPolicy.strictMtls() without .ambient() and .withWaypoint()";
        if (mesh.revision() != null) {
            problems.error("KEE-MESH-042", root.child("revision"), "revision '" + mesh.revision() + "' selects the sidecar"
                            + " injector of a control-plane revision, but in ambient mode no sidecar is injected and no"
                            + " istio.io/rev label is written, so the workloads would not be served by revision '"
                            + mesh.revision() + "'",
                    "drop .revision(\"" + mesh.revision() + "\") (ambient workloads are served by the cluster's ztunnel),"
                            + " or use sidecars: MeshPolicy.strictMtls().revision(\"" + mesh.revision() + "\") without .ambient()");
        }
        if (!mesh.proxyResources().equals(MeshPolicy.DEFAULT_PROXY_RESOURCES)) {
            problems.warning("KEE-MESH-043", root.child("proxyResources"), "proxyResources(...) sizes the sidecar, but in"
                    + " ambient mode there is no sidecar, so it is not written (ztunnel and waypoints are sized by their"
                    + " own installation)", ".proxyResources(...): " + noSidecar);
        }
        if (!mesh.holdApplication()) {
            problems.warning("KEE-MESH-043", root.child("holdApplication"), "withoutHoldingApplication() lets the application"
                    + " start before its sidecar, but in ambient mode there is no sidecar to wait for",
                    ".withoutHoldingApplication(): " + noSidecar);
        }
        if (!mesh.registryOnly()) {
            problems.warning("KEE-MESH-043", root.child("outboundTrafficPolicy"), "allowAnyOutbound() sets the outbound"
                    + " traffic policy of the namespace's Sidecar resource, but in ambient mode no Sidecar resource is"
                    + " written", ".allowAnyOutbound(): " + noSidecar);
        }
        MeshPolicy defaults = MeshPolicy.strictMtls();
        if (!mesh.controlPlane().equals(defaults.controlPlane()) || mesh.controlPlanePort() != defaults.controlPlanePort()) {
            problems.warning("KEE-MESH-043", root.child("controlPlane"), "controlPlane(...) locates istiod for the sidecars'"
                    + " connection to it, but in ambient mode pods do not connect to istiod (ztunnel does), so no flow"
                    + " to it is written", ".controlPlane(...): " + noSidecar);
        }
        if (!mesh.waypoint()) {
            String tracing = null;
            if (mesh.tracingOrNull() != null) {
                tracing = "MeshPolicy.tracing(...)";
            } else {
                for (TracingSettings settings : platform.features(TracingSettings.class)) {
                    if (settings.meshProvider().isPresent()) {
                        tracing = settings.getClass().getSimpleName() + ".meshProvider(\"" + settings.meshProvider().get() + "\")";
                    }
                }
            }
            if (tracing != null) {
                problems.warning("KEE-MESH-044", root.child("tracing"), tracing + " asks the mesh's proxies for spans, but in"
                                + " ambient mode without a waypoint only ztunnel carries the traffic, and it works on TCP"
                                + " connections, not HTTP requests: no span is written",
                        "add a waypoint: MeshPolicy.strictMtls().withWaypoint(), or leave tracing to the applications' SDKs");
            }
        }
    }

    private static void tier(MeshPolicy mesh, Platform platform, Tier tier, ModelPath path, Problems problems) {
        if (mesh.dataPlane() == DataPlane.SIDECAR && Mesh.hostNetwork(tier)) {
            problems.warning("KEE-MESH-050", path.child("daemonSet").child("hostNetwork"), "tier '" + tier.name() + "' runs on the node's "
                            + "network, where Istio injects no sidecar: its calls reach meshed tiers without mTLS, which STRICT mode "
                            + "refuses, and no AuthorizationPolicy guards its own ports",
                    "drop inHostNetwork() if the agent can work from the pod network, or let it call only what it needs outside "
                            + "the mesh (its NetworkPolicies still apply)");
        }
        if (mesh.dataPlane() == DataPlane.SIDECAR && !tier.kind().longRunning()
                && !platform.kubernetes().atLeast(Mesh.NATIVE_SIDECARS)) {
            // a regular sidecar keeps running after the Job's container exits, so the Job never completes
            problems.error("KEE-MESH-049", path, "tier '" + tier.name() + "' is a " + tier.kind().apiKind() + ": its pod runs "
                            + "to completion only with the proxy as a native sidecar, which Kubernetes " + platform.kubernetes()
                            + " (the platform's target) does not serve; it works from " + Mesh.NATIVE_SIDECARS + " on",
                    "target Kubernetes 1.29 or later (Platform...kubernetes(\"1.29\")), or use the ambient data plane "
                            + "(MeshPolicy.strictMtls().ambient()), where no sidecar runs in the pod");
        }
        if (mesh.dataPlane() == DataPlane.SIDECAR && tier.runAsUser() != null && tier.runAsUser() == Mesh.ENVOY_UID) {
            problems.error("SEC-IST-010", path.child("runAsUser"), "user 1337 is the sidecar's own: its traffic would bypass the proxy",
                    "runAs(65532, 65532) or any user but 0 and 1337");
        }
        for (Port port : tier.ports()) {
            if (Mesh.ENVOY_PORTS.contains(port.number())) {
                problems.error("SEC-IST-011", path.child("ports", port.name()), "port " + port.number()
                        + " is reserved by the Istio proxy", "listen on another port, e.g. 8080");
            }
            if (port.protocol() == Protocol.TCP && port.appProtocol() == null) {
                problems.warning("SEC-IST-009", path.child("ports", port.name()), "port '" + port.name()
                        + "' declares no appProtocol, so Istio must guess its protocol",
                        "use Port.http/http2/grpc/tcp(...) or .withAppProtocol(\"tcp\")");
            }
        }
        if (tier.exposure() != null && mesh.ingressGatewayOrNull() != null) {
            String host = tier.exposure().host();
            if (host.equals("*") || host.startsWith("*/")) {
                problems.error("SEC-IST-007", path.child("exposure"), "host '" + host + "' would let the gateway serve any host",
                        "expose a real host name, e.g. exposedAt(\"shop.example.com\")");
            }
            String portName = tier.exposure().port() != null ? tier.exposure().port()
                    : tier.ports().isEmpty() ? null : tier.ports().get(0).name();
            var exposed = portName == null ? null : tier.port(portName).orElse(null);
            if (exposed != null && !Mesh.http(exposed)) {
                problems.error("KEE-MESH-012", path.child("exposure"), "the Istio ingress gateway routes HTTP, but exposed port '" + exposed.name()
                        + "' is " + (exposed.appProtocol() == null ? "not HTTP" : exposed.appProtocol()),
                        "expose an HTTP, HTTP/2 or gRPC port: Exposure.host(...).port(\"http\")");
            }
            boolean plain = false;
            for (var env : platform.environments()) {
                var tls = tier.exposure().tls() != null ? tier.exposure().tls() : platform.certificateIssuerIn(env);
                plain |= !tls.enabled();
            }
            if (plain) {
                problems.error("SEC-IST-008", path.child("exposure"), "the Istio ingress gateway serves exposed tiers over HTTPS only, but '"
                        + host + "' has Tls.none()", "use a cert-manager issuer, e.g. Tls.clusterIssuer(\"letsencrypt-prod\")");
            }
        }
        if (mesh.dataPlane() == DataPlane.AMBIENT && !mesh.waypoint()) {
            for (Connection c : tier.connections()) {
                if (!c.methods().isEmpty() || !c.paths().isEmpty()) {
                    problems.error("KEE-MESH-013", path.child("talksTo", c.target()), "HTTP methods and paths need a waypoint proxy in ambient mode;"
                                    + " ztunnel enforces L4 only and would deny the call",
                            "use MeshPolicy.strictMtls().ambient().withWaypoint(), or drop methods/paths");
                }
            }
        }
        for (Connection c : tier.connections()) {
            Tier target = platform.tier(c.target()).orElse(null);
            if (target == null || (c.methods().isEmpty() && c.paths().isEmpty())) {
                continue;
            }
            boolean anyHttp = false;
            for (Port p : target.ports()) {
                anyHttp |= (c.ports().isEmpty() || c.ports().contains(p.name())) && Mesh.http(p);
            }
            if (!anyHttp && !target.ports().isEmpty()) {
                problems.error("KEE-MESH-014", path.child("talksTo", c.target()), "HTTP methods and paths apply to HTTP, but the called ports of '"
                                + c.target() + "' are not HTTP, HTTP/2 or gRPC, so Istio would deny every call",
                        "drop methods/paths, or call an HTTP port: Connection.to(\"" + c.target() + "\").ports(\"http\")");
            }
        }
        for (Dependency d : tier.dependencies()) {
            if (d.external() && d.hosts().isEmpty()) {
                problems.warning("KEE-MESH-015", path.child("dependsOn", d.name()), "external dependency '" + d.name()
                                + "' has no host name, so it gets no ServiceEntry" + (mesh.dataPlane() == DataPlane.SIDECAR && mesh.registryOnly()
                                ? " and the sidecar's REGISTRY_ONLY policy blocks it" : ""),
                        "name its host: Dependency.external(\"" + d.name() + "\").host(\"api.example.com\")");
            }
        }
    }
}

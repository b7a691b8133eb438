package dev.keelson.core.internal;

import dev.keelson.core.Environment;
import dev.keelson.core.Exposure;
import dev.keelson.core.GatewayApi;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.core.Tls;
import dev.keelson.core.spi.Problems;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Exposure through Gateway API: the Gateway's settings, and what a route or listener cannot carry (rules KEE-GW-*). */
final class GatewayChecks extends Checks {

    /** Listener names are DNS subdomains of at most 253 characters: {@code https-<host>}. */
    private static final int MAX_HOST = 253 - "https-".length();

    GatewayChecks(Problems problems) {
        super(problems);
    }

    void check(Platform platform, ModelPath root) {
        Optional<GatewayApi> found = platform.gatewayApi();
        if (found.isEmpty()) {
            return;
        }
        GatewayApi api = found.get();
        ModelPath path = root.child("exposeThrough");
        if (!Names.dnsSubdomain(api.className())) {
            error("KEE-GW-002", path.child("className"), "GatewayClass '" + api.className() + "' is not a DNS name",
                    "name an installed GatewayClass, e.g. GatewayApi.istio() or GatewayApi.className(\"eg\")");
        }
        if (!Names.dnsLabel(api.name()) || api.pods() == null && Names.dnsSubdomain(api.className())
                && !Names.dns1035Label(GatewayObjects.deployedName(api))) {
            error("KEE-GW-004", path.child("name"), "Gateway name '" + api.name() + "' is not a DNS label"
                            + (api.pods() == null ? " that, with '-" + api.className() + "', names the gateway's Deployment and Service" : ""),
                    "use a short lower-case name such as GatewayApi.istio().named(\"public\")");
        }
        if (api.namespace() != null && !Names.dnsLabel(api.namespace())) {
            error("KEE-GW-004", path.child("namespace"), "the shared Gateway's namespace '" + api.namespace() + "' is not a DNS label",
                    "name the namespace the shared Gateway lives in, e.g. GatewayApi.shared(\"gateways\", \"public\")");
        }
        if (api.keepIngress()) {
            warning("KEE-GW-010", path.child("alongsideIngress"), "every exposed tier is served through both its NGINX Ingress and"
                            + " Gateway API, a migration step",
                    "point DNS at the Gateway's address, then drop .alongsideIngress()");
        }
        for (Tier tier : platform.tiers()) {
            ModelPath tierPath = root.tier(tier.name());
            if (!api.isShared() && api.pods() == null && tier.name().equals(GatewayObjects.deployedName(api))) {
                error("KEE-GW-005", tierPath, "tier '" + tier.name() + "' has the name of the Deployment and Service "
                                + api.className() + " makes for the Gateway '" + api.name() + "'",
                        "rename the tier, or name the Gateway otherwise: GatewayApi...named(\"<name>\")");
            }
            checkRoute(api, tier, tierPath.child("exposure"));
        }
        checkHosts(platform, api, root);
    }

    private void checkRoute(GatewayApi api, Tier tier, ModelPath path) {
        Exposure e = tier.exposure();
        if (e == null || !tier.serves()) {
            return;
        }
        Optional<Port> routed = e.port() != null ? tier.port(e.port()) : Optional.of(tier.ports().get(0));
        if (routed.isEmpty()) {
            return; // KEE-EXPO-006
        }
        Port port = routed.get();
        if (GatewayObjects.grpc(port) && !"/".equals(e.path())) {
            error("KEE-GW-001", path, "gRPC port '" + port.name() + "' is routed with a GRPCRoute, which matches services and methods,"
                            + " not the path '" + e.path() + "'",
                    "expose it at path \"/\" on a host of its own, e.g. Exposure.host(\"grpc.example.com\").port(\"" + port.name() + "\")");
        }
        if ("https".equals(port.appProtocol()) || "grpcs".equals(port.appProtocol())) {
            error("KEE-GW-006", path, "port '" + port.name() + "' speaks " + port.appProtocol() + ", but Keelson writes no BackendTLSPolicy,"
                            + " so the gateway would send it plain text",
                    "expose a plain HTTP or gRPC port (inside the mesh, mTLS protects that hop), or expose the tier through"
                            + " ExposureApi.ingress()");
        }
        if (GatewayObjects.grpc(port) && e.timeout() != null) {
            warning("KEE-GW-007", path.child("timeout"), "timeout " + e.timeout() + " is not written: GRPCRoute has no timeouts in"
                            + " Gateway API's standard channel",
                    "drop .timeout(...) from the gRPC exposure, or set the deadline in the clients");
        }
        if (!"nginx".equals(e.ingressClass()) && !api.keepIngress()) {
            warning("KEE-GW-009", path.child("ingressClass"), "ingress class '" + e.ingressClass() + "' is ignored: the platform exposes"
                            + " tiers through Gateway API",
                    "drop .ingressClass(...), or choose the GatewayClass with GatewayApi.className(\"" + e.ingressClass() + "\")");
        }
        if (e.host().length() > MAX_HOST && Names.host(e.host())) {
            error("KEE-GW-008", path, "host '" + e.host() + "' is too long to name its Gateway listener ('https-<host>', at most 253"
                    + " characters)", "use a host of at most " + MAX_HOST + " characters");
        }
    }

    /** One certificate per listener: the tiers at one host must agree on TLS, in every environment. */
    private void checkHosts(Platform platform, GatewayApi api, ModelPath root) {
        Set<ModelPath> reported = new HashSet<>();
        for (Environment env : platform.environments()) {
            Tls defaultTls = platform.certificateIssuerIn(env);
            Map<String, Tier> firstAt = new HashMap<>();
            for (Tier declared : platform.tiers()) {
                Tier tier = declared.in(env);
                Exposure e = tier.exposure();
                if (e == null) {
                    continue;
                }
                Tier first = firstAt.putIfAbsent(e.host(), tier);
                if (first == null) {
                    continue;
                }
                Tls mine = GatewayObjects.tlsOf(e, defaultTls);
                Tls theirs = GatewayObjects.tlsOf(first.exposure(), defaultTls);
                ModelPath path = root.tier(tier.name()).child("exposure").child("tls");
                if (!mine.equals(theirs) && reported.add(path)) {
                    error("KEE-GW-003", path, "host '" + e.host() + "' is exposed by tier '" + first.name() + "' with " + describe(theirs)
                                    + " and by this tier with " + describe(mine) + " (in environment '" + env.name()
                                    + "'); a Gateway listener has one certificate",
                            "give both exposures the same TLS setting, or give this tier a host of its own");
                }
            }
        }
    }

    private static String describe(Tls tls) {
        return tls.enabled() ? "TLS from " + tls.issuerKind() + " '" + tls.issuerName() + "'" : "Tls.none()";
    }
}

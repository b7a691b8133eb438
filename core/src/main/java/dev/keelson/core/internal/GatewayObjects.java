package dev.keelson.core.internal;

import dev.keelson.core.Exposure;
import dev.keelson.core.GatewayApi;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.core.Tls;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestRedirectFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gateway API objects of one environment (standard channel, {@code gateway.networking.k8s.io/v1}):
 * the Gateway with its listeners, the certificates of its HTTPS listeners, the HTTP-to-HTTPS
 * redirect, and a route per exposed tier. Internal: used by {@link Pipeline}.
 */
final class GatewayObjects {

    static final String GROUP = "gateway.networking.k8s.io";
    static final String REDIRECT = "https-redirect";
    static final int HTTP_PORT = 80;
    static final int HTTPS_PORT = 443;

    private GatewayObjects() {
    }

    /** One exposed host of an environment: its TLS, as the tiers exposed there agree on it (KEE-GW-003). */
    record Host(String name, Tls tls) {
        boolean secure() {
            return tls.enabled();
        }
    }

    /** The exposed hosts of the environment, in tier order, each once. */
    static List<Host> hosts(Platform platform, List<Tier> tiers, Tls defaultTls) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (Tier tier : tiers) {
            Exposure e = tier.exposure();
            if (e != null) {
                hosts.putIfAbsent(e.host(), new Host(e.host(), tlsOf(e, defaultTls)));
            }
        }
        return List.copyOf(hosts.values());
    }

    static Tls tlsOf(Exposure e, Tls defaultTls) {
        return e.tls() != null ? e.tls() : defaultTls;
    }

    /** A host as it can stand in a name: a wildcard's {@code *} spelled {@code wildcard}. */
    static String hostKey(String host) {
        return host.startsWith("*.") ? "wildcard" + host.substring(1) : host;
    }

    static String httpsListener(String host) {
        return "https-" + hostKey(host);
    }

    static String httpListener(String host) {
        return "http-" + hostKey(host);
    }

    /** The Gateway: an HTTPS listener per TLS host, an HTTP one per plain host and (with the redirect) per TLS host. */
    static Gateway gateway(GatewayApi api, List<Host> hosts, String namespace, Map<String, String> labels) {
        List<Listener> listeners = new ArrayList<>();
        for (Host h : hosts) {
            if (h.secure()) {
                ListenerTLSConfig tls = new ListenerTLSConfig();
                tls.setMode("Terminate");
                SecretObjectReference secret = new SecretObjectReference();
                secret.setKind("Secret");
                secret.setName(certificateName(h.name()) + "-tls");
                tls.setCertificateRefs(new ArrayList<>(List.of(secret)));
                Listener https = listener(httpsListener(h.name()), h.name(), "HTTPS", HTTPS_PORT);
                https.setTls(tls);
                listeners.add(https);
            }
        }
        for (Host h : hosts) {
            if (!h.secure() || api.redirectHttp()) {
                listeners.add(listener(httpListener(h.name()), h.name(), "HTTP", HTTP_PORT));
            }
        }
        GatewaySpec spec = new GatewaySpec();
        spec.setGatewayClassName(api.className());
        spec.setListeners(listeners);
        Gateway gateway = new Gateway();
        gateway.setMetadata(CoreObjects.meta(api.name(), namespace, labels));
        gateway.setSpec(spec);
        return gateway;
    }

    private static Listener listener(String name, String host, String protocol, int port) {
        Listener l = new Listener();
        l.setName(name);
        l.setHostname(host);
        l.setProtocol(protocol);
        l.setPort(port);
        return l;
    }

    /** The ports the gateway's pods listen on: 443 if a host has TLS, 80 if a host is plain or redirected. */
    static List<Port> listenerPorts(GatewayApi api, List<Host> hosts) {
        boolean https = hosts.stream().anyMatch(Host::secure);
        boolean http = hosts.stream().anyMatch(h -> !h.secure()) || https && api.redirectHttp();
        List<Port> ports = new ArrayList<>(2);
        if (http) {
            ports.add(Port.http(HTTP_PORT));
        }
        if (https) {
            ports.add(Port.tcp("https", HTTPS_PORT));
        }
        return ports;
    }

    /** The certificate of a TLS host: a Certificate named after the host, stored in {@code <name>-tls}. */
    static String certificateName(String host) {
        return hostKey(host);
    }

    static GenericKubernetesResource certificate(Host host, String namespace, Map<String, String> labels) {
        GenericKubernetesResource cert = new GenericKubernetesResource();
        cert.setApiVersion("cert-manager.io/v1");
        cert.setKind("Certificate");
        cert.setMetadata(CoreObjects.meta(certificateName(host.name()), namespace, labels));
        Map<String, Object> issuer = new LinkedHashMap<>();
        issuer.put("name", host.tls().issuerName());
        issuer.put("kind", host.tls().issuerKind());
        issuer.put("group", "cert-manager.io");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("secretName", certificateName(host.name()) + "-tls");
        spec.put("dnsNames", new ArrayList<>(List.of(host.name())));
        spec.put("issuerRef", issuer);
        cert.setAdditionalProperty("spec", spec);
        return cert;
    }

    /** The route that answers plain HTTP to every TLS host with a 301 to HTTPS, or {@code null} if none is needed. */
    static HTTPRoute redirect(GatewayApi api, List<Host> hosts, String namespace, Map<String, String> labels) {
        List<ParentReference> parents = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Host h : hosts) {
            if (h.secure()) {
                parents.add(parent(api, httpListener(h.name())));
                names.add(h.name());
            }
        }
        if (names.isEmpty() || !api.redirectHttp() || api.isShared()) {
            return null;
        }
        HTTPRequestRedirectFilter redirect = new HTTPRequestRedirectFilter();
        redirect.setScheme("https");
        redirect.setStatusCode(301);
        HTTPRouteFilter filter = new HTTPRouteFilter();
        filter.setType("RequestRedirect");
        filter.setRequestRedirect(redirect);
        HTTPRouteRule rule = new HTTPRouteRule();
        rule.setFilters(new ArrayList<>(List.of(filter)));
        HTTPRouteSpec spec = new HTTPRouteSpec();
        spec.setParentRefs(parents);
        spec.setHostnames(names);
        spec.setRules(new ArrayList<>(List.of(rule)));
        HTTPRoute route = new HTTPRoute();
        route.setMetadata(CoreObjects.meta(REDIRECT, namespace, labels));
        route.setSpec(spec);
        return route;
    }

    private static ParentReference parent(GatewayApi api, String section) {
        ParentReference p = new ParentReference();
        p.setName(api.name());
        if (api.isShared()) {
            // a shared Gateway's listeners are not ours to name: attach to every listener that admits the route
            p.setNamespace(api.namespace());
        } else {
            p.setSectionName(section);
        }
        return p;
    }

    /** Whether a port is routed with a GRPCRoute: its appProtocol is {@code grpc} (h2c to the backend). */
    static boolean grpc(Port port) {
        return "grpc".equals(port.appProtocol());
    }

    /** The route of one exposed tier: a GRPCRoute for a gRPC port, else an HTTPRoute with the path prefix and timeout. */
    static HasMetadata route(GatewayApi api, Tls defaultTls, Tier tier, String namespace, Map<String, String> labels) {
        Exposure e = tier.exposure();
        Port port = tier.port(e.port() != null ? e.port() : tier.ports().get(0).name()).orElseThrow();
        String section = tlsOf(e, defaultTls).enabled() ? httpsListener(e.host()) : httpListener(e.host());
        List<ParentReference> parents = new ArrayList<>(List.of(parent(api, section)));
        List<String> hostnames = new ArrayList<>(List.of(e.host()));
        if (grpc(port)) {
            GRPCBackendRef backend = new GRPCBackendRef();
            backend.setName(tier.name());
            backend.setPort(port.number());
            GRPCRouteRule rule = new GRPCRouteRule();
            rule.setBackendRefs(new ArrayList<>(List.of(backend)));
            GRPCRouteSpec spec = new GRPCRouteSpec();
            spec.setParentRefs(parents);
            spec.setHostnames(hostnames);
            spec.setRules(new ArrayList<>(List.of(rule)));
            GRPCRoute route = new GRPCRoute();
            route.setMetadata(CoreObjects.meta(tier.name(), namespace, labels));
            route.setSpec(spec);
            return route;
        }
        HTTPPathMatch path = new HTTPPathMatch();
        path.setType("PathPrefix");
        path.setValue(e.path());
        HTTPRouteMatch match = new HTTPRouteMatch();
        match.setPath(path);
        HTTPBackendRef backend = new HTTPBackendRef();
        backend.setName(tier.name());
        backend.setPort(port.number());
        HTTPRouteRule rule = new HTTPRouteRule();
        rule.setMatches(new ArrayList<>(List.of(match)));
        rule.setBackendRefs(new ArrayList<>(List.of(backend)));
        if (e.timeout() != null) {
            HTTPRouteTimeouts timeouts = new HTTPRouteTimeouts();
            timeouts.setRequest(duration(e.timeout()));
            rule.setTimeouts(timeouts);
        }
        HTTPRouteSpec spec = new HTTPRouteSpec();
        spec.setParentRefs(parents);
        spec.setHostnames(hostnames);
        spec.setRules(new ArrayList<>(List.of(rule)));
        HTTPRoute route = new HTTPRoute();
        route.setMetadata(CoreObjects.meta(tier.name(), namespace, labels));
        route.setSpec(spec);
        return route;
    }

    /**
     * A duration as Gateway API spells it (GEP-2257: up to four parts of at most five digits, e.g.
     * {@code 1m30s}, {@code 1500ms}); the caller has checked it is a positive whole number of
     * milliseconds under 100000 hours (KEE-EXPO-012).
     */
    static String duration(Duration d) {
        long ms = d.toMillis();
        long h = ms / 3_600_000;
        long m = ms / 60_000 % 60;
        long s = ms / 1000 % 60;
        long rest = ms % 1000;
        StringBuilder out = new StringBuilder();
        if (h > 0) {
            out.append(h).append('h');
        }
        if (m > 0) {
            out.append(m).append('m');
        }
        if (s > 0) {
            out.append(s).append('s');
        }
        if (rest > 0) {
            out.append(rest).append("ms");
        }
        return out.toString();
    }

    /** Whether {@code d} can be written as a Gateway API duration (and, rounded up to seconds, as an NGINX timeout). */
    static boolean representable(Duration d) {
        return !d.isNegative() && !d.isZero() && d.getNano() % 1_000_000 == 0 && d.compareTo(Duration.ofHours(99_999)) <= 0;
    }

    /** The name of the objects Istio's automated deployment makes for the Gateway, {@code <name>-<class>}. */
    static String deployedName(GatewayApi api) {
        return api.name() + "-" + api.className();
    }
}

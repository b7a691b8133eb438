package dev.keelson.core;

import dev.keelson.core.Peer.Workloads;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Exposure through Gateway API ({@code gateway.networking.k8s.io/v1}, standard channel): per
 * environment a {@code Gateway} with an HTTPS listener per exposed host (its certificate from a
 * cert-manager {@code Certificate}) and an HTTP listener that only redirects to HTTPS, and per
 * exposed tier an {@code HTTPRoute} (a {@code GRPCRoute} when the routed port's {@code appProtocol}
 * is {@code grpc}).
 *
 * <pre>{@code
 * Platform.named("shop").exposeThrough(GatewayApi.istio())                    // Gateway 'gateway', class istio
 * Platform.named("shop").exposeThrough(GatewayApi.className("eg")
 *         .gatewayPods("envoy-gateway-system", Map.of("gateway.envoyproxy.io/owning-gateway-name", "gateway"), null))
 * Platform.named("shop").exposeThrough(GatewayApi.shared("gateways", "public"))  // routes only
 * }</pre>
 *
 * <p>The gateway's pods are where NetworkPolicies and mesh AuthorizationPolicies admit outside
 * traffic from. Default: Istio's automated deployment, which runs them in the Gateway's namespace,
 * labelled {@code gateway.networking.k8s.io/gateway-name: <name>}, with the ServiceAccount
 * {@code <name>-<class>}. Keelson then renders their policies too: ingress on the listener ports
 * from anywhere, egress to the exposed tiers' ports only.
 *
 * @param className the GatewayClass; default {@code istio}
 * @param name the Gateway's name; default {@code gateway}
 * @param namespace the namespace of a shared Gateway Keelson does not write, or {@code null} for a
 *     Gateway per environment in the environment's namespace (the default)
 * @param redirectHttp whether plain HTTP to a TLS host is redirected to HTTPS (default {@code true})
 * @param pods where the gateway's pods run, or {@code null} for Istio's automated deployment
 * @param controlPlane where the gateway's pods get their configuration from (istiod, TCP
 *     {@value #ISTIOD_PORT}), or {@code null} when their controller needs no flow from them
 * @param keepIngress whether each exposed tier keeps its NGINX Ingress too, for a migration
 *     (default {@code false})
 */
public record GatewayApi(String className, String name, @Nullable String namespace, boolean redirectHttp,
                         @Nullable Workloads pods, @Nullable Workloads controlPlane, boolean keepIngress)
        implements ExposureApi {

    /** The label Istio's automated deployment (and Gateway API's GEP-1762) puts on the gateway's pods. */
    public static final String GATEWAY_NAME_LABEL = "gateway.networking.k8s.io/gateway-name";

    /** istiod's xDS port, which Istio's gateway pods call for their configuration. */
    public static final int ISTIOD_PORT = 15012;

    /** Where istiod runs by default: {@code istio-system}, {@code app=istiod}. */
    private static final Workloads ISTIOD = new Workloads("istio-system", Map.of("app", "istiod"), null);

    /**
     * Checks the arguments that are required, naming the argument and the call when one is null.
     *
     * @param className the GatewayClass; default {@code istio}
     * @param name the Gateway's name; default {@code gateway}
     * @param namespace the namespace of a shared Gateway, or {@code null} for one per environment
     * @param redirectHttp whether plain HTTP to a TLS host is redirected to HTTPS
     * @param pods where the gateway's pods run, or {@code null} for Istio's automated deployment
     * @param controlPlane where the gateway's pods get their configuration from, or {@code null}
     * @param keepIngress whether each exposed tier keeps its NGINX Ingress too, for a migration
     */
    public GatewayApi {
        Require.nonNull(className, "className");
        Require.nonNull(name, "name");
    }

    /**
     * A Gateway {@code gateway} of class {@code istio} in each environment's namespace. Its pods
     * (Istio's automated deployment) are allowed to call istiod ({@code istio-system},
     * {@code app=istiod}, TCP {@value #ISTIOD_PORT}) for their configuration, with or without the
     * mesh module; move it with {@link #controlPlane(String, Map)}.
     */
    public static GatewayApi istio() {
        return new GatewayApi("istio", "gateway", null, true, null, ISTIOD, false);
    }

    /** A Gateway {@code gateway} of class {@code gatewayClass} in each environment's namespace. */
    public static GatewayApi className(String gatewayClass) {
        Require.nonNull(gatewayClass, "gatewayClass");
        return new GatewayApi(gatewayClass, "gateway", null, true, null, "istio".equals(gatewayClass) ? ISTIOD : null, false);
    }

    /**
     * Routes attached to an existing Gateway {@code gatewayName} in {@code gatewayNamespace}, shared by
     * platforms and owned by whoever runs it: Keelson writes no Gateway, listener, certificate or
     * redirect, only the routes (their {@code parentRefs} name the Gateway's namespace). The
     * Gateway's listeners must admit routes from the environments' namespaces
     * ({@code allowedRoutes.namespaces}); no ReferenceGrant is needed for that. Class {@code istio}
     * (say another with {@link #withClassName(String)}).
     */
    public static GatewayApi shared(String gatewayNamespace, String gatewayName) {
        Require.nonNull(gatewayNamespace, "gatewayNamespace");
        Require.nonNull(gatewayName, "gatewayName");
        return new GatewayApi("istio", gatewayName, gatewayNamespace, true, null, null, false);
    }

    /** This setting with another GatewayClass. */
    public GatewayApi withClassName(String gatewayClass) {
        Require.nonNull(gatewayClass, "gatewayClass");
        return new GatewayApi(gatewayClass, name, namespace, redirectHttp, pods, controlPlane, keepIngress);
    }

    /** This setting with the per-environment Gateway named {@code gatewayName}. Default: {@code gateway}. */
    public GatewayApi named(String gatewayName) {
        Require.nonNull(gatewayName, "gatewayName");
        return new GatewayApi(className, gatewayName, namespace, redirectHttp, pods, controlPlane, keepIngress);
    }

    /**
     * Without the HTTP listener that redirects to HTTPS: TLS hosts answer on port 443 only. Default:
     * redirected (301), so a client that types the host without a scheme still ends up on TLS.
     */
    public GatewayApi withoutHttpRedirect() {
        return new GatewayApi(className, name, namespace, false, pods, controlPlane, keepIngress);
    }

    /**
     * Where the gateway's pods run, for implementations other than Istio's automated deployment
     * (the policies admit traffic from them, and the mesh authorizes their ServiceAccount).
     *
     * @param podNamespace their namespace, or {@code null} for the Gateway's
     * @param podLabels labels that select them
     * @param serviceAccount their ServiceAccount, or {@code null} if unknown (authorization then
     *     admits their namespace instead of their identity)
     */
    public GatewayApi gatewayPods(@Nullable String podNamespace, Map<String, String> podLabels, @Nullable String serviceAccount) {
        Require.noNulls(podLabels, "podLabels");
        return new GatewayApi(className, name, namespace, redirectHttp,
                new Workloads(podNamespace, new LinkedHashMap<>(podLabels), serviceAccount), controlPlane, keepIngress);
    }

    /**
     * Where the control plane the gateway's pods call runs (TCP {@value #ISTIOD_PORT}). Default for
     * class {@code istio}: {@code istio-system}, {@code app=istiod}; none for other classes.
     */
    public GatewayApi controlPlane(String controlPlaneNamespace, Map<String, String> podLabels) {
        Require.nonNull(controlPlaneNamespace, "controlPlaneNamespace");
        Require.noNulls(podLabels, "podLabels");
        return new GatewayApi(className, name, namespace, redirectHttp, pods,
                new Workloads(controlPlaneNamespace, new LinkedHashMap<>(podLabels), null), keepIngress);
    }

    /**
     * A migration step: each exposed tier keeps its NGINX Ingress beside its route, and the policies
     * admit both the ingress controller and the gateway's pods, so both serve the same hosts while
     * DNS moves from one to the other (docs/migrating-from-ingress-nginx.md). Warned on every build
     * (KEE-GW-010), like a permissive mTLS migration; drop it once DNS points at the Gateway.
     * Default: off.
     */
    public GatewayApi alongsideIngress() {
        return new GatewayApi(className, name, namespace, redirectHttp, pods, controlPlane, true);
    }

    /** Whether the Gateway is shared, in a namespace of its own, rather than written per environment. */
    public boolean isShared() {
        return namespace != null;
    }

    /**
     * The gateway's pods in the environment whose namespace is {@code environmentNamespace}: those
     * set with {@link #gatewayPods}, else Istio's ({@code gateway-name} label, ServiceAccount
     * {@code <name>-<class>}) in the Gateway's namespace.
     */
    public Workloads podsIn(String environmentNamespace) {
        Require.nonNull(environmentNamespace, "environmentNamespace");
        String gatewayNamespace = namespace != null ? namespace : environmentNamespace;
        if (pods != null) {
            return pods.namespace() != null ? pods : new Workloads(gatewayNamespace, pods.podLabels(), pods.serviceAccount());
        }
        return new Workloads(gatewayNamespace, Map.of(GATEWAY_NAME_LABEL, name), name + "-" + className);
    }
}

package dev.keelson.core;

/**
 * The API through which a platform's exposed tiers are reached from outside the cluster: Gateway API
 * ({@link GatewayApi}, Kubernetes' supported way in) or an NGINX {@code Ingress} ({@link #ingress()}).
 *
 * <pre>{@code
 * Platform.named("shop").exposeThrough(GatewayApi.istio())        // Gateway + HTTPRoutes
 * Platform.named("shop").exposeThrough(ExposureApi.ingress())     // one Ingress per exposed tier
 * }</pre>
 *
 * <p>Default in code: {@link #ingress()}, so platforms written before Gateway API support keep
 * their output. New platforms should choose {@link GatewayApi}: Ingress NGINX was retired upstream
 * in March 2026 (see docs/migrating-from-ingress-nginx.md).
 */
public sealed interface ExposureApi permits GatewayApi, ExposureApi.Ingress {

    /** One {@code networking.k8s.io/v1} Ingress per exposed tier, served by the cluster's ingress controller. */
    static ExposureApi ingress() {
        return Ingress.INSTANCE;
    }

    /**
     * Exposure through an Ingress per exposed tier (class from each {@link Exposure#ingressClass()},
     * default {@code nginx}; TLS by cert-manager's ingress-shim annotations), admitted from
     * {@link ClusterServices#ingressController()}.
     */
    final class Ingress implements ExposureApi {
        static final Ingress INSTANCE = new Ingress();

        private Ingress() {
        }

        @Override
        public String toString() {
            return "ExposureApi.ingress()";
        }
    }
}

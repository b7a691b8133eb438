package dev.keelson.core;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How a tier is reached from outside the cluster: a host and path prefix, with TLS from
 * cert-manager, served through the platform's {@link ExposureApi} (an NGINX Ingress rule, or a
 * Gateway API route).
 *
 * <pre>{@code
 * Exposure.host("shop.example.com")                       // path "/", the tier's first port, TLS
 * Exposure.host("shop.example.com").path("/api").port("grpc")
 * Exposure.host("shop.example.com").tls(Tls.issuer("team-ca"))
 * }</pre>
 *
 * <p>Default TLS: the platform's issuer ({@link Platform.Builder#certificateIssuer(Tls)}, by
 * default the ClusterIssuer {@code letsencrypt-prod}). The certificate is stored in the Secret
 * {@code <tier>-tls}. When the routed port's {@code appProtocol} is {@code grpc}, {@code grpcs} or
 * {@code https}, the Ingress carries {@code nginx.ingress.kubernetes.io/backend-protocol} ({@code GRPC},
 * {@code GRPCS}, {@code HTTPS}), without which NGINX would proxy plain HTTP/1.1 to it. Through
 * {@link GatewayApi}, a {@code grpc} port gets a {@code GRPCRoute} instead of an {@code HTTPRoute}.
 *
 * @param host the host name (a DNS name; a leading {@code *.} wildcard is allowed)
 * @param path the path prefix; default {@code /}
 * @param port the name of the tier's port to route to, or {@code null} for its first port
 * @param tls the TLS setting, or {@code null} for the platform's default issuer
 * @param ingressClass the ingress class; default {@code nginx} (Ingress only; Gateway API ignores it)
 * @param timeout how long the gateway waits for the whole response, or {@code null} for the
 *     controller's default
 */
public record Exposure(String host, String path, @Nullable String port, @Nullable Tls tls, String ingressClass,
                       @Nullable Duration timeout) {

    /**
     * Checks {@code host}, {@code path} and {@code ingressClass} at once, naming the argument and the call when one is
     * invalid.
     *
     * @param host the host name (a DNS name; a leading {@code *.} wildcard is allowed)
     * @param path the path prefix; default {@code /}
     * @param port the name of the tier's port to route to, or {@code null} for its first port
     * @param tls the TLS setting, or {@code null} for the platform's default issuer
     * @param ingressClass the ingress class; default {@code nginx}
     * @param timeout how long the gateway waits for the whole response, or {@code null} for the controller's default
     */
    public Exposure {
        Require.nonNull(host, "host");
        Require.nonNull(path, "path");
        Require.nonNull(ingressClass, "ingressClass");
    }

    /**
     * An exposure without a timeout of its own.
     *
     * @param host the host name (a DNS name; a leading {@code *.} wildcard is allowed)
     * @param path the path prefix; default {@code /}
     * @param port the name of the tier's port to route to, or {@code null} for its first port
     * @param tls the TLS setting, or {@code null} for the platform's default issuer
     * @param ingressClass the ingress class; default {@code nginx}
     */
    public Exposure(String host, String path, @Nullable String port, @Nullable Tls tls, String ingressClass) {
        this(host, path, port, tls, ingressClass, null);
    }

    /** Exposure of the tier's first port at {@code host}, path {@code /}, with the platform's TLS issuer. */
    public static Exposure host(String host) {
        Require.nonNull(host, "host");
        return new Exposure(host, "/", null, null, "nginx");
    }

    /** This exposure at another host (an environment's own, say). */
    public Exposure atHost(String newHost) {
        Require.nonNull(newHost, "newHost");
        return new Exposure(newHost, path, port, tls, ingressClass, timeout);
    }

    /** This exposure under another path prefix. */
    public Exposure path(String newPath) {
        Require.nonNull(newPath, "newPath");
        return new Exposure(host, newPath, port, tls, ingressClass, timeout);
    }

    /** This exposure routed to another of the tier's ports. */
    public Exposure port(String portName) {
        Require.nonNull(portName, "portName");
        return new Exposure(host, path, portName, tls, ingressClass, timeout);
    }

    /** This exposure with another TLS setting. */
    public Exposure tls(Tls newTls) {
        Require.nonNull(newTls, "newTls");
        return new Exposure(host, path, port, newTls, ingressClass, timeout);
    }

    /** This exposure through another ingress class. */
    public Exposure ingressClass(String newClass) {
        Require.nonNull(newClass, "newClass");
        return new Exposure(host, path, port, tls, newClass, timeout);
    }

    /**
     * This exposure with a request timeout: how long the gateway waits for the whole response
     * before it answers 504. Through Gateway API, the HTTPRoute rule's {@code timeouts.request}
     * (GRPCRoute has no timeout in the standard channel: KEE-GW-007); through NGINX, the
     * {@code proxy-read-timeout} and {@code proxy-send-timeout} annotations, in whole seconds
     * (rounded up). Default: none, the controller's (NGINX: 60 s between two reads; Istio: none).
     */
    public Exposure timeout(Duration requestTimeout) {
        Require.nonNull(requestTimeout, "requestTimeout");
        return new Exposure(host, path, port, tls, ingressClass, requestTimeout);
    }
}

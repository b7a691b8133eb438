package dev.keelson.mesh;

import dev.keelson.core.Require;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an Istio gateway runs: its namespace, the labels its Gateway objects select it by, and the
 * ServiceAccount it runs as (its mTLS identity).
 *
 * <pre>{@code
 * MeshGateway.ingress()   // istio-system, istio=ingressgateway, SA istio-ingressgateway
 * MeshGateway.egress()    // istio-system, istio=egressgateway, SA istio-egressgateway
 * new MeshGateway("gateways", Map.of("istio", "public-gw"), "public-gw", 8443)
 * }</pre>
 *
 * @param namespace the gateway's namespace; default {@code istio-system}
 * @param podLabels the labels of the gateway's pods (the Gateway's selector)
 * @param serviceAccount the ServiceAccount the gateway runs as
 * @param targetPort the pod port behind its TLS service port 443 (network policies see it);
 *     default 8443 (the non-root gateway of the Istio charts)
 */
public record MeshGateway(String namespace, Map<String, String> podLabels, String serviceAccount, int targetPort) {

    /**
     * Checks {@code namespace}, {@code podLabels} and {@code serviceAccount} at once, naming the argument and the call
     * when one is invalid. Copies the collections, so the value stays immutable.
     *
     * @param namespace the gateway's namespace; default {@code istio-system}
     * @param podLabels the labels of the gateway's pods (the Gateway's selector)
     * @param serviceAccount the ServiceAccount the gateway runs as
     * @param targetPort the pod port behind its TLS service port 443 (network policies see it);
     *     default 8443 (the non-root gateway of the Istio charts)
     */
    public MeshGateway {
        Require.nonNull(namespace, "namespace");
        Require.noNulls(podLabels, "podLabels");
        Require.nonNull(serviceAccount, "serviceAccount");
        podLabels = Collections.unmodifiableMap(new LinkedHashMap<>(podLabels));
    }

    /** The default ingress gateway of an Istio install. */
    public static MeshGateway ingress() {
        return new MeshGateway("istio-system", Map.of("istio", "ingressgateway"), "istio-ingressgateway", 8443);
    }

    /** The default egress gateway of an Istio install. */
    public static MeshGateway egress() {
        return new MeshGateway("istio-system", Map.of("istio", "egressgateway"), "istio-egressgateway", 8443);
    }
}

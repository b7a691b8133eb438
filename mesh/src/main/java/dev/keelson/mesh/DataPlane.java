package dev.keelson.mesh;

/**
 * How workloads join the mesh.
 *
 * <pre>{@code
 * MeshPolicy.strictMtls()            // SIDECAR (default)
 * MeshPolicy.strictMtls().ambient()  // AMBIENT
 * }</pre>
 */
public enum DataPlane {
    /**
     * An Envoy sidecar injected into every pod (namespace label {@code istio-injection=enabled} or
     * {@code istio.io/rev}). Under Pod Security {@code baseline} or {@code restricted} it needs the
     * Istio CNI plugin: without it the injected {@code istio-init} needs NET_ADMIN and NET_RAW.
     */
    SIDECAR,
    /**
     * Ambient mode: a per-node ztunnel handles mTLS and L4 policy (namespace label
     * {@code istio.io/dataplane-mode=ambient}); HTTP-level policy needs a waypoint proxy. No
     * sidecar, so no extra capabilities in the pod.
     */
    AMBIENT
}

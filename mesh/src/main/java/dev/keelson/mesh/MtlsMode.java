package dev.keelson.mesh;

/**
 * What the namespace-wide PeerAuthentication accepts.
 *
 * <pre>{@code
 * MeshPolicy.strictMtls()              // STRICT
 * MeshPolicy.permissiveMigration()     // PERMISSIVE, a named migration step
 * }</pre>
 */
public enum MtlsMode {
    /** Only mutual TLS: plaintext connections are refused. The default. */
    STRICT,
    /**
     * mTLS and plaintext both accepted: only while clients outside the mesh are being moved in.
     * Reported as a warning on every build.
     */
    PERMISSIVE
}

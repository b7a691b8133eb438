package dev.keelson.core;

import org.jspecify.annotations.Nullable;

/**
 * How an exposed host gets its certificate: from a cert-manager issuer named by an annotation on
 * the Ingress, stored in a Secret the Ingress names.
 *
 * <pre>{@code
 * Tls.clusterIssuer("letsencrypt-prod")   // default issuer kind: ClusterIssuer
 * Tls.issuer("team-ca")                   // a namespaced Issuer
 * Tls.none()                              // plain HTTP: an explicit weakening
 * }</pre>
 *
 * @param issuerKind {@code ClusterIssuer} or {@code Issuer}; {@code null} with {@link #none()}
 * @param issuerName the issuer's name; {@code null} with {@link #none()}
 */
public record Tls(@Nullable String issuerKind, @Nullable String issuerName) {

    private static final Tls NONE = new Tls(null, null);

    /** A certificate from the cert-manager ClusterIssuer {@code name}. */
    public static Tls clusterIssuer(String name) {
        Require.nonNull(name, "name");
        return new Tls("ClusterIssuer", name);
    }

    /** A certificate from the cert-manager Issuer {@code name} in the environment's namespace. */
    public static Tls issuer(String name) {
        Require.nonNull(name, "name");
        return new Tls("Issuer", name);
    }

    /** No TLS: the host is served over plain HTTP. Security baselines report this. */
    public static Tls none() {
        return NONE;
    }

    /** Whether TLS is on. */
    public boolean enabled() {
        return issuerName != null;
    }
}

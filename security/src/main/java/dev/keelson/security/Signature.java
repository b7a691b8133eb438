package dev.keelson.security;

import dev.keelson.core.Require;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who must have signed the platform's images, checked in the cluster by Sigstore's
 * policy-controller (a {@code ClusterImagePolicy} per environment, rendered by
 * {@link SecurityBaseline} from {@link ImagePolicy#signedBy(Signature...)}). Cosign's two modes:
 *
 * <pre>{@code
 * // keyless: a Fulcio certificate issued to this identity by this OIDC issuer (e.g. a CI workflow)
 * Signature.keyless("https://token.actions.githubusercontent.com",
 *         "https://github.com/nexus/platform/.github/workflows/release.yml@refs/heads/main")
 * // key-based: a cosign public key, inline or from a Secret in the policy-controller's namespace
 * Signature.publicKey("-----BEGIN PUBLIC KEY-----\nMFkw...\n-----END PUBLIC KEY-----")
 * Signature.publicKeyFromSecret("cosign-pub")
 * }</pre>
 *
 * <p>Keyless signatures are checked against the public Sigstore (Fulcio at
 * {@code https://fulcio.sigstore.dev}, transparency log Rekor) unless {@link #fulcio(String)} names
 * a private instance. The values are checked when the platform is built (KEE-SEC-042, KEE-SEC-043, KEE-SEC-044).
 */
public final class Signature {

    /** The public Sigstore certificate authority. */
    public static final String PUBLIC_FULCIO = "https://fulcio.sigstore.dev";

    /** How the signature is verified. */
    public enum Mode {
        /** A Fulcio certificate for an OIDC identity (issuer and subject). */
        KEYLESS,
        /** A cosign public key given inline (PEM). */
        PUBLIC_KEY,
        /** A cosign public key in a Secret of the policy-controller's namespace. */
        KEY_SECRET
    }

    private final Mode mode;
    private final String first;
    private final @Nullable String subject;
    private final String fulcio;

    private Signature(Mode mode, String first, @Nullable String subject, String fulcio) {
        this.mode = mode;
        this.first = first;
        this.subject = subject;
        this.fulcio = fulcio;
    }

    /**
     * Keyless: the image is signed with a short-lived certificate that Fulcio issued to
     * {@code subject} (an e-mail, or a CI workflow's URI) as vouched for by the OIDC {@code issuer}.
     *
     * @param issuer the OIDC issuer URL, e.g. {@code https://token.actions.githubusercontent.com}
     * @param subject the identity, exactly, e.g. {@code https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main}
     */
    public static Signature keyless(String issuer, String subject) {
        Require.nonNull(issuer, "issuer");
        Require.nonNull(subject, "subject");
        return new Signature(Mode.KEYLESS, issuer, subject, PUBLIC_FULCIO);
    }

    /**
     * Key-based: signed with the private key of this cosign public key (PEM, as {@code cosign.pub}).
     *
     * @param pem the public key, {@code -----BEGIN PUBLIC KEY-----} to {@code -----END PUBLIC KEY-----}
     */
    public static Signature publicKey(String pem) {
        Require.nonNull(pem, "pem");
        return new Signature(Mode.PUBLIC_KEY, pem, null, PUBLIC_FULCIO);
    }

    /**
     * Key-based: signed with the private key of the cosign public key held in the Secret
     * {@code secret} of the policy-controller's namespace ({@code cosign-system} by default), so the
     * key can be rotated without a new synthesis.
     *
     * @param secret the Secret's name
     */
    public static Signature publicKeyFromSecret(String secret) {
        Require.nonNull(secret, "secret");
        return new Signature(Mode.KEY_SECRET, secret, null, PUBLIC_FULCIO);
    }

    /**
     * This keyless signature checked against a private Fulcio instance. Default:
     * {@value #PUBLIC_FULCIO}. Meaningless (a build error, KEE-SEC-044) for a key-based signature.
     */
    public Signature fulcio(String url) {
        Require.nonNull(url, "url");
        return new Signature(mode, first, subject, url);
    }

    /** How the signature is verified. */
    public Mode mode() {
        return mode;
    }

    /** The OIDC issuer (keyless), the PEM (public key) or the Secret's name. */
    public String value() {
        return first;
    }

    /** The keyless identity, or {@code null} for a key-based signature. */
    public @Nullable String subject() {
        return subject;
    }

    /** The Fulcio URL keyless certificates are checked against. */
    public String fulcioUrl() {
        return fulcio;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Signature s && mode == s.mode && first.equals(s.first) && Objects.equals(subject, s.subject)
                && fulcio.equals(s.fulcio);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, first, subject, fulcio);
    }

    @Override
    public String toString() {
        return switch (mode) {
            case KEYLESS -> "Signature.keyless(" + first + ", " + subject + ")";
            case PUBLIC_KEY -> "Signature.publicKey(<pem>)";
            case KEY_SECRET -> "Signature.publicKeyFromSecret(" + first + ")";
        };
    }
}

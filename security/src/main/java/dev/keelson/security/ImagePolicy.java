package dev.keelson.security;

import dev.keelson.core.Require;
import dev.keelson.core.Stage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where the platform's images may come from and how they must be pinned and signed; given to
 * {@link SecurityBaseline#images(ImagePolicy)}. The policy check refuses, at synthesis, every
 * container of the output (raw objects and customizations included) that breaks it, and the same
 * declaration renders what makes the cluster refuse it too: a {@code ClusterImagePolicy} of
 * Sigstore's policy-controller for {@link #signedBy signatures}, and, with
 * {@link SecurityBaseline#admissionPolicies()}, ValidatingAdmissionPolicies for the registries and
 * digests.
 *
 * <pre>{@code
 * ImagePolicy.registries("harbor.acme.io/nexus")        // only this Harbor project
 *         .digestsIn(Stage.STAGING, Stage.PRODUCTION)   // image@sha256:... there (default: production)
 *         .pullSecret("harbor-pull")                    // imagePullSecrets of every pod
 *         .signedBy(Signature.keyless("https://token.actions.githubusercontent.com",
 *                 "https://github.com/acme/nexus/.github/workflows/release.yml@refs/heads/main"))
 * }</pre>
 *
 * <p>Defaults: digests required in {@link Stage#PRODUCTION} (SEC-IMG-002); no pull secret; no
 * signature verification. {@code latest} and untagged images are refused everywhere whatever the
 * policy (SEC-IMG-001, KEE-TIER-004).
 */
public final class ImagePolicy {

    private final List<String> registries;
    private final Set<Stage> digestStages;
    private final @Nullable String pullSecret;
    private final List<Signature> signatures;

    private ImagePolicy(List<String> registries, Set<Stage> digestStages, @Nullable String pullSecret,
                        List<Signature> signatures) {
        this.registries = List.copyOf(registries);
        this.digestStages = Collections.unmodifiableSet(digestStages.isEmpty() ? EnumSet.noneOf(Stage.class)
                : EnumSet.copyOf(digestStages));
        this.pullSecret = pullSecret;
        this.signatures = List.copyOf(signatures);
    }

    /**
     * Images only from these registries or repository prefixes ({@code host[:port][/path]}, no
     * scheme, tag or trailing slash): {@code ghcr.io/acme} allows {@code ghcr.io/acme/web:1.2.0}, not
     * {@code ghcr.io/acmecorp/web}. Violations are SEC-IMG-004; a malformed prefix is KEE-SEC-040.
     *
     * @param first a registry or repository prefix
     * @param more further ones
     */
    public static ImagePolicy registries(String first, String... more) {
        Require.nonNull(first, "first");
        Require.noNulls(more, "more");
        List<String> all = new ArrayList<>();
        all.add(first);
        Collections.addAll(all, more);
        return new ImagePolicy(all, EnumSet.of(Stage.PRODUCTION), null, List.of());
    }

    /**
     * This policy requiring images pinned by digest ({@code image@sha256:...}) in the environments
     * of these stages, replacing the default (production). A tag there is SEC-IMG-002, whose fix
     * names the digest form. No stage at all turns the requirement off.
     */
    public ImagePolicy digestsIn(Stage... stages) {
        Require.noNulls(stages, "stages");
        Set<Stage> set = EnumSet.noneOf(Stage.class);
        Collections.addAll(set, stages);
        return new ImagePolicy(registries, set, pullSecret, signatures);
    }

    /**
     * This policy pulling with the credentials of the Secret {@code secret} (of type
     * {@code kubernetes.io/dockerconfigjson}, in each environment's namespace): every tier's pods
     * list it in {@code imagePullSecrets}, and a pod that does not is SEC-IMG-005. Default: none
     * (the node's credentials, or a public registry).
     */
    public ImagePolicy pullSecret(String secret) {
        Require.nonNull(secret, "secret");
        return new ImagePolicy(registries, digestStages, secret, signatures);
    }

    /**
     * This policy requiring a signature by any of {@code signers} on every image from its
     * registries, checked by Sigstore's policy-controller in the cluster (a
     * {@code ClusterImagePolicy} per environment). Default: none. The namespace is labelled
     * {@code policy.sigstore.dev/include: "true"} so the controller enforces it there.
     */
    public ImagePolicy signedBy(Signature... signers) {
        Require.noNulls(signers, "signers");
        return new ImagePolicy(registries, digestStages, pullSecret, List.of(signers));
    }

    /** The allowed registries or repository prefixes, in the order given. */
    public List<String> registries() {
        return registries;
    }

    /** The stages whose environments need digests. */
    public Set<Stage> digestStages() {
        return digestStages;
    }

    /** The pull Secret's name, or {@code null}. */
    public @Nullable String pullSecretName() {
        return pullSecret;
    }

    /** Who may sign; empty when signatures are not verified. */
    public List<Signature> signatures() {
        return signatures;
    }

    /** Whether {@code image} (a reference as written in a pod) is from one of the registries. */
    public boolean allows(String image) {
        Require.nonNull(image, "image");
        for (String r : registries) {
            if (image.startsWith(r + "/")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ImagePolicy p && registries.equals(p.registries) && digestStages.equals(p.digestStages)
                && Objects.equals(pullSecret, p.pullSecret) && signatures.equals(p.signatures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registries, digestStages, pullSecret, signatures);
    }

    @Override
    public String toString() {
        return "ImagePolicy[registries=" + registries + ", digestsIn=" + digestStages + ", pullSecret=" + pullSecret
                + ", signedBy=" + signatures + "]";
    }
}

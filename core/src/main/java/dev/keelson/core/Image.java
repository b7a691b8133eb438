package dev.keelson.core;

import dev.keelson.core.spi.Problems;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A container image reference: {@code [registry/]repository[:tag][@sha256:digest]}.
 *
 * <pre>{@code
 * Image.parse("ghcr.io/acme/web:1.4.2")
 * Image.parse("ghcr.io/acme/api@sha256:4f6c...")   // pinned by digest: preferred
 * Image.parse("ghcr.io/acme/web:1.4.2").withTag("1.5.0")
 * }</pre>
 *
 * <p>Parsing never throws for a malformed reference: the problem is reported, with every other
 * problem of the platform, when the platform is built. A reference without a tag or digest, or
 * with the tag {@code latest}, is refused there: it makes rollouts unrepeatable.
 */
public final class Image {

    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern REGISTRY =
            Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final int MAX_REPOSITORY = 255;
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    private final String reference;
    private final String repository;
    private final @Nullable String tag;
    private final @Nullable String digest;

    private Image(String reference, String repository, @Nullable String tag, @Nullable String digest) {
        this.reference = reference;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
    }

    /** Parses a reference. Problems are reported when the platform is built; see {@link #problem()}. */
    public static Image parse(String reference) {
        Require.nonNull(reference, "reference");
        String rest = reference;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new Image(reference, rest, tag, digest);
    }

    /** The reference as written, e.g. {@code ghcr.io/acme/web:1.4.2}. */
    public String reference() {
        return reference;
    }

    /** The registry and repository, without tag or digest, e.g. {@code ghcr.io/acme/web}. */
    public String repository() {
        return repository;
    }

    /** The tag, if any. */
    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    /** The digest ({@code sha256:...}), if any. */
    public Optional<String> digest() {
        return Optional.ofNullable(digest);
    }

    /** Whether the image is pinned by digest (then it is pulled {@code IfNotPresent}). */
    public boolean pinned() {
        return digest != null;
    }

    /** The same repository with another tag, and no digest. */
    public Image withTag(String newTag) {
        Require.nonNull(newTag, "newTag");
        return new Image(repository + ":" + newTag, repository, newTag, null);
    }

    /**
     * What is wrong with this reference, or {@code null} when it is usable: malformed parts, no tag
     * and no digest, or the tag {@code latest}.
     */
    public @Nullable String problem() {
        if (reference.isEmpty()) {
            return "image reference is empty";
        }
        if (reference.chars().anyMatch(Character::isWhitespace)) {
            return "image reference '" + reference + "' contains white space";
        }
        if (repository.length() > MAX_REPOSITORY) {
            return "image repository '" + repository.substring(0, 40) + "...' is " + repository.length()
                    + " characters long, at most " + MAX_REPOSITORY;
        }
        String[] parts = repository.split("/", -1);
        int first = 0;
        if (parts.length > 1 && (parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost"))) {
            if (!REGISTRY.matcher(parts[0]).matches()) {
                return "image reference '" + reference + "' has an invalid registry '" + parts[0] + "'";
            }
            first = 1;
        }
        for (int i = first; i < parts.length; i++) {
            if (!PATH_COMPONENT.matcher(parts[i]).matches()) {
                return "image reference '" + reference + "' has an invalid repository part '" + parts[i]
                        + "' (lower-case letters, digits and separators . _ - only)";
            }
        }
        if (digest != null && !DIGEST.matcher(digest).matches()) {
            return "image reference '" + reference + "' has an invalid digest '" + digest + "' (expected sha256: and 64 hex digits)";
        }
        if (tag != null && !TAG.matcher(tag).matches()) {
            return "image reference '" + reference + "' has an invalid tag '" + tag + "'";
        }
        if (tag == null && digest == null) {
            return "image '" + reference + "' has no tag and no digest, so every pull may run different code";
        }
        if ("latest".equals(tag) && digest == null) {
            return "image '" + reference + "' uses the tag 'latest', so every pull may run different code";
        }
        return null;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Image other && reference.equals(other.reference);
    }

    @Override
    public int hashCode() {
        return reference.hashCode();
    }

    @Override
    public String toString() {
        return reference;
    }
}

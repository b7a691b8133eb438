package dev.keelson.apply.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The ApplySet labels and annotations of Kubernetes KEP-3659, as {@code kubectl apply --applyset}
 * writes and reads them. Internal.
 */
public final class ApplySets {

    /** Label on the parent: the ApplySet's id. */
    public static final String ID = "applyset.kubernetes.io/id";
    /** Label on every member: the id of the ApplySet it belongs to. */
    public static final String PART_OF = "applyset.kubernetes.io/part-of";
    /** Annotation on the parent: {@code <tool>/<version>} of the tool that manages the set. */
    public static final String TOOLING = "applyset.kubernetes.io/tooling";
    /** Annotation on the parent: comma-separated, sorted {@code Kind.group} of the members ({@code Kind} for the core group). */
    public static final String CONTAINS_GROUP_KINDS = "applyset.kubernetes.io/contains-group-kinds";
    /** Annotation on the parent: other namespaces members live in, comma-separated. */
    public static final String ADDITIONAL_NAMESPACES = "applyset.kubernetes.io/additional-namespaces";
    /**
     * Keelson's own annotation on the parent: {@code Kind.group=apiVersion} of every group kind, so
     * that kinds which left the platform entirely can be listed without discovery. Not part of
     * KEP-3659; other tools ignore it.
     */
    public static final String GROUP_VERSIONS = "keelson.dev/applyset-group-versions";
    /**
     * Keelson's own annotation on the parent: {@code environment=namespace} of every environment the
     * platform had when it was applied, so that {@code apply --prune} finds the ApplySets of
     * environments removed since. Not part of KEP-3659.
     */
    public static final String ENVIRONMENTS = "keelson.dev/platform-environments";
    /** Label on the parent: the platform's name. */
    public static final String PLATFORM = "keelson.dev/platform";
    /** Label on the parent: the environment's name. */
    public static final String ENVIRONMENT = "keelson.dev/environment";
    /** Our tooling value. */
    public static final String TOOLING_VALUE = "keelson/v0.1.0";
    /** The prefix of our tooling value: parents whose tooling differs belong to another tool. */
    public static final String TOOLING_PREFIX = "keelson/";

    private ApplySets() {
    }

    /** The parent Secret's name for a platform's environment. */
    public static String parentName(String platform, String environment) {
        return "keelson-applyset-" + platform + "-" + environment;
    }

    /**
     * The ApplySet id of a parent: {@code applyset-<base64url(sha256(name.namespace.kind.group))>-v1},
     * unpadded URL-safe base64 (RFC 4648), which fits in a label value.
     */
    public static String id(String name, String namespace, String kind, String group) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((name + "." + namespace + "." + kind + "." + group).getBytes(StandardCharsets.UTF_8));
            return "applyset-" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "-v1";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** {@code Kind.group}, or {@code Kind} for the core group, as in contains-group-kinds. */
    public static String groupKind(String kind, String group) {
        return group.isEmpty() ? kind : kind + "." + group;
    }
}

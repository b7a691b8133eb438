package dev.keelson.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one environment changes for one tier: replicas, resources, the image tag, the host it is
 * exposed at.
 *
 * <pre>{@code
 * Environment.prod().override("api", TierOverride.replicas(4).resources(Resources.requests("500m", "1Gi")))
 * Environment.dev().override("web", TierOverride.imageTag("1.5.0-rc1"))
 * Environment.staging().override("web", TierOverride.host("shop.staging.example.com"))
 * }</pre>
 *
 * @param replicas replicas in this environment, or {@code null} to keep the tier's
 * @param resources resources in this environment, or {@code null} to keep the tier's
 * @param imageTag the image tag in this environment, or {@code null} to keep the tier's
 * @param host the host the tier's exposure routes in this environment (path, port, TLS and
 *     ingress class stay), or {@code null} to keep the tier's
 */
public record TierOverride(@Nullable Integer replicas, @Nullable Resources resources, @Nullable String imageTag,
                           @Nullable String host) {

    /** No change. */
    public static final TierOverride NONE = new TierOverride(null, null, null, null);

    /** An override of replicas, resources and image tag (no host). */
    public TierOverride(@Nullable Integer replicas, @Nullable Resources resources, @Nullable String imageTag) {
        this(replicas, resources, imageTag, null);
    }

    /** An override of the replica count. */
    public static TierOverride replicas(int count) {
        return NONE.withReplicas(count);
    }

    /** An override of the resources. */
    public static TierOverride resources(Resources resources) {
        Require.nonNull(resources, "resources");
        return NONE.withResources(resources);
    }

    /** An override of the image tag. */
    public static TierOverride imageTag(String tag) {
        Require.nonNull(tag, "tag");
        return NONE.withImageTag(tag);
    }

    /** An override of the host the tier is exposed at (the tier must be exposed). */
    public static TierOverride host(String host) {
        Require.nonNull(host, "host");
        return NONE.withHost(host);
    }

    /** This override, also changing the replica count. */
    public TierOverride withReplicas(int count) {
        return new TierOverride(count, resources, imageTag, host);
    }

    /** This override, also changing the resources. */
    public TierOverride withResources(Resources newResources) {
        Require.nonNull(newResources, "newResources");
        return new TierOverride(replicas, newResources, imageTag, host);
    }

    /** This override, also changing the image tag. */
    public TierOverride withImageTag(String tag) {
        Require.nonNull(tag, "tag");
        return new TierOverride(replicas, resources, tag, host);
    }

    /** This override, also changing the exposed host. */
    public TierOverride withHost(String newHost) {
        Require.nonNull(newHost, "newHost");
        return new TierOverride(replicas, resources, imageTag, newHost);
    }

    /** This override followed by {@code later}: values {@code later} sets win. */
    public TierOverride then(TierOverride later) {
        Require.nonNull(later, "later");
        return new TierOverride(
                later.replicas != null ? later.replicas : replicas,
                later.resources != null ? later.resources : resources,
                later.imageTag != null ? later.imageTag : imageTag,
                later.host != null ? later.host : host);
    }

    // equals and hashCode written out: the generated ones bootstrap method handles the first time they run,
    // which was a tenth of a 10-tier synthesis (benchmarks/RESULTS.md)
    @Override
    public boolean equals(Object o) {
        return o instanceof TierOverride t && Objects.equals(replicas, t.replicas) && Objects.equals(resources, t.resources)
                && Objects.equals(imageTag, t.imageTag) && Objects.equals(host, t.host);
    }

    @Override
    public int hashCode() {
        return ((Objects.hashCode(replicas) * 31 + Objects.hashCode(resources)) * 31 + Objects.hashCode(imageTag)) * 31
                + Objects.hashCode(host);
    }
}

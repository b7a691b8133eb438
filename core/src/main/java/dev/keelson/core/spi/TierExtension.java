package dev.keelson.core.spi;

import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Require;
import dev.keelson.core.Tier;
import dev.keelson.core.TierFeature;

/**
 * What carries out a {@link TierFeature} during synthesis, in the phases of a
 * {@link PlatformExtension}, with the objects of its tier at hand. Tier features contribute after
 * every platform feature, so the tier's workloads a platform feature added (the mesh's canary
 * Deployment, say) are among {@link TierObjects#workloads()} by then: change the tier's pods
 * through {@link TierObjects#podTemplates()} so that they get the change too. A feature written
 * for one platform can simply implement this interface: it is its own extension.
 *
 * <pre>{@code
 * final class Priority implements TierExtension {
 *     public void contribute(FeatureContext s, TierObjects tier) {
 *         tier.podTemplates().forEach(pod -> pod.getSpec().setPriorityClassName("business-critical"));
 *     }
 * }
 * // Tier.named("api")...with(new Priority())
 * }</pre>
 */
public interface TierExtension extends TierFeature {

    /** This extension itself. */
    @Override
    default TierExtension extension() {
        return this;
    }

    /**
     * Checks the tier's settings; called by {@link Platform.Builder#build()}, once per build, after
     * every platform feature's validate, and must have no side effects (a builder may be built more
     * than once). Problems should use paths under {@code path} (the tier's own, e.g.
     * {@code shop/tiers/api}; {@code path.child("scaling")} for one of its fields). Default: nothing.
     *
     * @param platform the platform being built
     * @param tier the tier this feature is given to
     * @param path the tier's path
     * @param problems where to report what is found
     */
    default void validate(Platform platform, Tier tier, ModelPath path, Problems problems) {
        Require.nonNull(platform, "platform");
        Require.nonNull(tier, "tier");
        Require.nonNull(path, "path");
        Require.nonNull(problems, "problems");
    }

    /**
     * Adds objects and flows for the tier in one environment. Default: nothing.
     *
     * @param context the environment being synthesized
     * @param tier the tier's objects
     */
    default void contribute(FeatureContext context, TierObjects tier) {
        Require.nonNull(context, "context");
        Require.nonNull(tier, "tier");
    }

    /**
     * Renders the environment's final flows for the tier. Default: nothing.
     *
     * @param context the environment being synthesized
     * @param tier the tier's objects
     */
    default void render(FeatureContext context, TierObjects tier) {
        Require.nonNull(context, "context");
        Require.nonNull(tier, "tier");
    }

    /**
     * Checks the final objects. Default: nothing.
     *
     * @param context the environment being synthesized
     * @param tier the tier's objects
     */
    default void check(FeatureContext context, TierObjects tier) {
        Require.nonNull(context, "context");
        Require.nonNull(tier, "tier");
    }
}

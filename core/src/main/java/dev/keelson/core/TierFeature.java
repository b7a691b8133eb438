package dev.keelson.core;

/**
 * A capability given to one tier with {@link Tier.Builder#with(TierFeature)}: a scaling profile,
 * traffic settings, Kubernetes API access. It acts in the same phases as a {@link PlatformFeature},
 * with the objects of its tier at hand.
 *
 * <pre>{@code
 * final class Priority implements TierFeature {
 *     public void contribute(Synthesis s, TierObjects tier) {
 *         tier.podSpec().setPriorityClassName("business-critical");
 *     }
 * }
 * }</pre>
 */
public interface TierFeature {

    /**
     * Checks the tier's settings; called by {@link Platform.Builder#build()} and again by
     * {@link Keelson#synth}, after every platform feature's validate, so it must have no side effects. Problems should
     * use paths under {@code path} (the tier's own, e.g. {@code shop/tiers/api}). Default: nothing.
     */
    default void validate(Platform platform, Tier tier, String path, Problems problems) {
    }

    /** Adds objects and flows for the tier in one environment. Default: nothing. */
    default void contribute(Synthesis synthesis, TierObjects tier) {
    }

    /** Renders the environment's final flows for the tier. Default: nothing. */
    default void render(Synthesis synthesis, TierObjects tier) {
    }

    /** Checks the final objects. Default: nothing. */
    default void check(Synthesis synthesis, TierObjects tier) {
    }
}

package dev.keelson.core;

import java.util.EnumSet;
import java.util.Set;

/**
 * A capability given to one tier with {@link Tier.Builder#with(TierFeature)}: a scaling profile,
 * traffic settings, Kubernetes API access. It acts in the same phases as a {@link PlatformFeature},
 * with the objects of its tier at hand. Tier features contribute after every platform feature, so
 * the tier's workloads a platform feature added (the mesh's canary Deployment, say) are among
 * {@link TierObjects#workloads()} by then: change the tier's pods through
 * {@link TierObjects#podTemplates()} so that they get the change too.
 *
 * <pre>{@code
 * final class Priority implements TierFeature {
 *     public void contribute(Synthesis s, TierObjects tier) {
 *         tier.podTemplates().forEach(pod -> pod.getSpec().setPriorityClassName("business-critical"));
 *     }
 * }
 * }</pre>
 */
public interface TierFeature {

    /**
     * Checks the tier's settings; called by {@link Platform.Builder#build()}, once per build, after
     * every platform feature's validate, and must have no side effects (a builder may be built more
     * than once). Problems should
     * use paths under {@code path} (the tier's own, e.g. {@code shop/tiers/api}). Default: nothing.
     */
    default void validate(Platform platform, Tier tier, String path, Problems problems) {
        Require.nonNull(platform, "platform");
        Require.nonNull(tier, "tier");
        Require.nonNull(path, "path");
        Require.nonNull(problems, "problems");
    }

    /** Adds objects and flows for the tier in one environment. Default: nothing. */
    default void contribute(Synthesis synthesis, TierObjects tier) {
        Require.nonNull(synthesis, "synthesis");
        Require.nonNull(tier, "tier");
    }

    /** Renders the environment's final flows for the tier. Default: nothing. */
    default void render(Synthesis synthesis, TierObjects tier) {
        Require.nonNull(synthesis, "synthesis");
        Require.nonNull(tier, "tier");
    }

    /** Checks the final objects. Default: nothing. */
    default void check(Synthesis synthesis, TierObjects tier) {
        Require.nonNull(synthesis, "synthesis");
        Require.nonNull(tier, "tier");
    }

    /**
     * This feature, active only in environments of the given stages; it is still validated once
     * for the whole platform. Features with a richer per-stage API (e.g. scaling profiles) override it.
     *
     * <pre>{@code
     * .with(Canary.of("ghcr.io/acme/api:2.5.0", 10).replicas(2).onlyIn(Stage.PRODUCTION))
     * }</pre>
     */
    default TierFeature onlyIn(Stage... stages) {
        Require.noNulls(stages, "stages");
        return new OnlyIn(this, stages.length == 0 ? Set.of() : EnumSet.copyOf(Set.of(stages)));
    }

    /**
     * A feature active only in some stages. {@link Tier#in(Environment)} unwraps it where it is
     * active and drops it elsewhere, so other features see the feature itself (or nothing), never
     * this wrapper.
     *
     * @param feature the feature
     * @param stages the stages it is active in
     */
    record OnlyIn(TierFeature feature, Set<Stage> stages) implements TierFeature {

        /**
         * Checks {@code feature} and {@code stages} at once, naming the argument and the call when one is invalid.
         * Copies the collections, so the value stays immutable.
         *
         * @param feature the feature
         * @param stages the stages it is active in
         */
        public OnlyIn {
            Require.nonNull(feature, "feature");
            Require.noNulls(stages, "stages");
            stages = Set.copyOf(stages);
            if (feature instanceof OnlyIn) {
                throw new IllegalArgumentException("onlyIn(...) called twice on the same feature: name all stages in one call");
            }
        }

        @Override
        public void validate(Platform platform, Tier tier, String path, Problems problems) {
            Require.nonNull(platform, "platform");
            Require.nonNull(tier, "tier");
            Require.nonNull(path, "path");
            Require.nonNull(problems, "problems");
            if (stages.isEmpty()) {
                problems.error("KEE-FEAT-001", path, "a feature is limited to no stage at all, so it never applies",
                        "name at least one stage: onlyIn(Stage.PRODUCTION)");
            }
            feature.validate(platform, tier, path, problems);
        }

        /** Whether the feature applies in {@code environment}. */
        public boolean activeIn(Environment environment) {
            Require.nonNull(environment, "environment");
            return stages.contains(environment.stage());
        }
    }
}

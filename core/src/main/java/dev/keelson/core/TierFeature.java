package dev.keelson.core;

import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.Problems;
import dev.keelson.core.spi.TierExtension;
import dev.keelson.core.spi.TierObjects;
import java.util.EnumSet;
import java.util.Set;

/**
 * A capability given to one tier with {@link Tier.Builder#with(TierFeature)}: a scaling profile,
 * traffic settings, Kubernetes API access. Like a {@link PlatformFeature}, the class users configure
 * holds settings; what it does is its {@link #extension()}, a {@link TierExtension} that acts in the
 * same phases with the objects of its tier at hand. Tier features contribute after every platform feature, so
 * the tier's workloads a platform feature added (the mesh's canary Deployment, say) are among
 * {@link TierObjects#workloads()} by then: change the tier's pods through
 * {@link TierObjects#podTemplates()} so that they get the change too.
 *
 * <pre>{@code
 * final class Priority implements TierExtension {
 *     public void contribute(FeatureContext s, TierObjects tier) {
 *         tier.podTemplates().forEach(pod -> pod.getSpec().setPriorityClassName("business-critical"));
 *     }
 * }
 * }</pre>
 */
public interface TierFeature {

    /**
     * What carries this feature out during synthesis; called by Keelson, not by users.
     *
     * @return the feature's extension, which must not be {@code null}
     */
    TierExtension extension();

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

        /** Validates the stages, then the wrapped feature; the other phases are the wrapped feature's. */
        @Override
        public TierExtension extension() {
            TierExtension inner = feature.extension();
            return new TierExtension() {
                @Override
                public void validate(Platform platform, Tier tier, ModelPath path, Problems problems) {
                    Require.nonNull(platform, "platform");
                    Require.nonNull(tier, "tier");
                    Require.nonNull(path, "path");
                    Require.nonNull(problems, "problems");
                    if (stages.isEmpty()) {
                        problems.error("KEE-FEAT-001", path, "a feature is limited to no stage at all, so it never applies",
                                "name at least one stage: onlyIn(Stage.PRODUCTION)");
                    }
                    inner.validate(platform, tier, path, problems);
                }

                @Override
                public void contribute(FeatureContext context, TierObjects tier) {
                    inner.contribute(context, tier);
                }

                @Override
                public void render(FeatureContext context, TierObjects tier) {
                    inner.render(context, tier);
                }

                @Override
                public void check(FeatureContext context, TierObjects tier) {
                    inner.check(context, tier);
                }
            };
        }

        /** Whether the feature applies in {@code environment}. */
        public boolean activeIn(Environment environment) {
            Require.nonNull(environment, "environment");
            return stages.contains(environment.stage());
        }
    }
}

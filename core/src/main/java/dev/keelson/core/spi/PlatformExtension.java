package dev.keelson.core.spi;

import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.core.Require;

/**
 * What carries out a {@link PlatformFeature} during synthesis. A feature module's public class
 * ({@code SecurityBaseline}, {@code MeshPolicy}, {@code Observability}) holds the configuration and
 * hands Keelson its extension through {@link PlatformFeature#extension()}, so the class users
 * configure shows configuration, not these phases. A feature written for one platform can simply
 * implement this interface: it is its own extension.
 *
 * <p>Synthesis runs each environment through fixed phases; an extension implements the ones it
 * acts in, and within a phase features run in the order they were declared (platform features
 * first, then each tier's, tier by tier):
 * <ol>
 *   <li>{@link #validate}: once, when the platform is built; report problems, change nothing.</li>
 *   <li>core writes the tiers' objects and flows, then adds the user's raw objects
 *       ({@code Platform.Builder.add}), so a feature sees them from here on.</li>
 *   <li>{@link #contribute}: add objects and flows, adjust core's objects. A tier's pods run in
 *       every one of its {@link TierObjects#workloads()}: core's Deployment and those a feature
 *       added ({@link TierObjects#addWorkload}, e.g. the mesh's canary); a feature that changes the
 *       tier's pods does it in every one of {@link TierObjects#podTemplates()}, so that the result
 *       does not depend on whether it is declared before or after the feature that adds one.</li>
 *   <li>{@link #render}: render the final graph of flows (policies); the graph is frozen now.</li>
 *   <li>core applies the user's customizations ({@code Platform.Builder.customize}) to the final
 *       objects, then runs its output check (the {@code KEE-*} rules).</li>
 *   <li>{@link #check}: inspect the final objects, report problems; change nothing but annotations.</li>
 * </ol>
 * Problems reported in any phase are collected; an error fails the synthesis after the last check,
 * with every problem listed.
 *
 * <pre>{@code
 * final class AuditLabels implements PlatformExtension {
 *     public void contribute(FeatureContext s) {
 *         s.namespace().getMetadata().getLabels().put("audit", "on");
 *     }
 * }
 * // Platform.named("shop")...with(new AuditLabels())
 * }</pre>
 */
public interface PlatformExtension extends PlatformFeature {

    /** This extension itself. */
    @Override
    default PlatformExtension extension() {
        return this;
    }

    /**
     * Checks the model; called by {@link Platform.Builder#build()}, once per build, and must have no
     * side effects (a builder may be built more than once). Default: nothing.
     *
     * @param platform the platform being built
     * @param problems where to report what is found
     */
    default void validate(Platform platform, Problems problems) {
        Require.nonNull(platform, "platform");
        Require.nonNull(problems, "problems");
    }

    /**
     * Adds objects and flows to one environment. Default: nothing.
     *
     * @param context the environment being synthesized
     */
    default void contribute(FeatureContext context) {
        Require.nonNull(context, "context");
    }

    /**
     * Renders the environment's final flows. Default: nothing.
     *
     * @param context the environment being synthesized
     */
    default void render(FeatureContext context) {
        Require.nonNull(context, "context");
    }

    /**
     * Checks the environment's final objects. Default: nothing.
     *
     * @param context the environment being synthesized
     */
    default void check(FeatureContext context) {
        Require.nonNull(context, "context");
    }
}

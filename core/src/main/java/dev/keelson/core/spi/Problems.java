package dev.keelson.core.spi;

import dev.keelson.core.Keelson;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Problem;
import dev.keelson.core.Require;
import dev.keelson.core.Tier;
import org.jspecify.annotations.Nullable;

/**
 * Where validation reports what it finds ({@link FeatureContext} extends it for the synthesis phases);
 * every problem is collected before anything is thrown. Every problem carries a rule ID (Keelson's
 * are documented in {@code docs/validation-rules.md}); one without is refused. Every problem says where
 * it is with a {@link ModelPath}, built by steps from the path a feature is given (or
 * {@code ModelPath.root(platform.name())}), never by concatenating strings.
 *
 * <pre>{@code
 * public void validate(Platform platform, Tier tier, ModelPath path, Problems problems) {
 *     if (maxReplicas < minReplicas) {
 *         problems.error("KEE-SCALE-001", path.child("scaling"), "minReplicas (" + minReplicas + ") exceeds maxReplicas ("
 *                 + maxReplicas + ")", "replicas(min, max) with min <= max");
 *     }
 * }
 * }</pre>
 */
public interface Problems {

    /** Reports {@code problem}, which carries its rule ID ({@link Problem#withRule}). */
    void report(Problem problem);

    /** Reports an error of rule {@code rule} at {@code path} with how to fix it ({@code fix} may be {@code null}). */
    default void error(String rule, ModelPath path, String message, @Nullable String fix) {
        Require.nonNull(rule, "rule");
        Require.nonNull(path, "path");
        Require.nonNull(message, "message");
        report(Problem.error(path, message, fix).withRule(rule));
    }

    /** Reports a warning of rule {@code rule} at {@code path} with how to fix it ({@code fix} may be {@code null}). */
    default void warning(String rule, ModelPath path, String message, @Nullable String fix) {
        Require.nonNull(rule, "rule");
        Require.nonNull(path, "path");
        Require.nonNull(message, "message");
        report(Problem.warning(path, message, fix).withRule(rule));
    }
}

package dev.keelson.core;

/**
 * Where validation reports what it finds; every problem is collected before anything is thrown.
 *
 * <pre>{@code
 * public void validate(Platform platform, Tier tier, String path, Problems problems) {
 *     if (maxReplicas < minReplicas) {
 *         problems.error(path + "/scaling", "minReplicas (" + minReplicas + ") exceeds maxReplicas (" + maxReplicas + ")",
 *                 "replicas(min, max) with min <= max");
 *     }
 * }
 * }</pre>
 */
public interface Problems {

    /** Reports an error at {@code path} with how to fix it ({@code fix} may be {@code null}). */
    void error(String path, String message, String fix);

    /** Reports a warning at {@code path}. */
    void warning(String path, String message, String fix);
}

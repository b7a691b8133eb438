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

    /**
     * Reports {@code problem} with its rule ID, e.g.
     * {@code problems.report(Problem.error(path, message, fix).withRule("KEE-NAME-002"))}. The default
     * reports it through {@link #error} or {@link #warning}, which keep no rule ID; core's validation keeps it.
     */
    default void report(Problem problem) {
        String message = problem.rule() == null ? problem.message() : problem.rule() + ": " + problem.message();
        if (problem.severity() == Problem.Severity.ERROR) {
            error(problem.path(), message, problem.fix());
        } else {
            warning(problem.path(), message, problem.fix());
        }
    }
}

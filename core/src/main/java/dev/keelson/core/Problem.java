package dev.keelson.core;

import org.jspecify.annotations.Nullable;

/**
 * One thing wrong with a platform, found by validation or by a check during synthesis.
 *
 * <pre>{@code
 * Problem.error(ModelPath.root("shop").tier("api").child("ports", "grpc"), "port 'grpc' is not served", "serve it")
 *         .withRule("ACME-001");
 * }</pre>
 *
 * @param at where it is, e.g. {@code shop/tiers/api/ports/grpc} ({@link #path()} is its string)
 * @param message what is wrong
 * @param fix how to fix it, or {@code null} when the message says it all
 * @param severity {@code ERROR} fails the build or synthesis; {@code WARNING} is reported only
 * @param rule the stable ID of the rule that found it (e.g. {@code SEC-PSS-102}), or {@code null}
 */
public record Problem(ModelPath at, String message, @Nullable String fix, Severity severity, @Nullable String rule) {

    /** How serious a problem is. */
    public enum Severity {
        /** The platform cannot be built or written as it is. */
        ERROR,
        /** Written anyway, and reported: a waiver, a risky but legal setting. */
        WARNING
    }

    /**
     * Checks {@code at}, {@code message} and {@code severity} at once, naming the argument and the call when one is
     * invalid.
     *
     * @param at where it is, e.g. {@code shop/tiers/api/ports/grpc} ({@link #path()} is its string)
     * @param message what is wrong
     * @param fix how to fix it, or {@code null} when the message says it all
     * @param severity {@code ERROR} fails the build or synthesis; {@code WARNING} is reported only
     * @param rule the stable ID of the rule that found it (e.g. {@code SEC-PSS-102}), or {@code null}
     */
    public Problem {
        Require.nonNull(at, "at");
        Require.nonNull(message, "message");
        Require.nonNull(severity, "severity");
    }

    /**
     * Where it is as a string, e.g. {@code shop/tiers/api/ports/grpc}: {@code at().toString()}, stable, what tests,
     * the {@code check} report and its JSON match on.
     */
    public String path() {
        return at.toString();
    }

    /** An error. */
    public static Problem error(ModelPath at, String message, @Nullable String fix) {
        Require.nonNull(at, "at");
        Require.nonNull(message, "message");
        return new Problem(at, message, fix, Severity.ERROR, null);
    }

    /** A warning. */
    public static Problem warning(ModelPath at, String message, @Nullable String fix) {
        Require.nonNull(at, "at");
        Require.nonNull(message, "message");
        return new Problem(at, message, fix, Severity.WARNING, null);
    }

    /** This problem, found by rule {@code ruleId}. */
    public Problem withRule(String ruleId) {
        Require.nonNull(ruleId, "ruleId");
        return new Problem(at, message, fix, severity, ruleId);
    }

    /** This problem as a warning (e.g. waived, with the reason in the message). */
    public Problem asWarning() {
        return new Problem(at, message, fix, Severity.WARNING, rule);
    }

    @Override
    public String toString() {
        return "[" + at + "] " + (rule == null ? "" : rule + ": ") + message + (fix == null ? "" : ". Fix: " + fix);
    }
}

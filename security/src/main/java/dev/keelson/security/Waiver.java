package dev.keelson.security;

import dev.keelson.core.Require;
import org.jspecify.annotations.Nullable;

/**
 * An explicit, reviewed exception to one rule for one object: the finding becomes a warning, and
 * the object carries the annotation {@code keelson.dev/waived-<rule>: <reason>} so that reviewers
 * of the output see it.
 *
 * <pre>{@code
 * SecurityBaseline.restricted()
 *     .waive(SecurityRule.POD_001, Deployment.class, "legacy", "writes to /var/lib/app, ticket OPS-12")
 * }</pre>
 *
 * <p>Both forms of {@code waive} give this record: the typed form stores the rule's
 * {@link SecurityRule#id() ID} and the fabric8 class's kind ({@code Deployment/legacy}); the string
 * form is for kinds without a fabric8 class.
 *
 * @param rule the rule ID, e.g. {@code SEC-POD-001} (see docs/security-rules.md)
 * @param target the object, as {@code Kind/name}, e.g. {@code Deployment/legacy}
 * @param reason why, with a ticket reference; written into the output
 * @param environment the one environment it applies in, or {@code null} for every environment
 */
public record Waiver(String rule, String target, String reason, @Nullable String environment) {

    /** The annotation key prefix a waiver is written under. */
    public static final String ANNOTATION_PREFIX = "keelson.dev/waived-";

    /**
     * Checks {@code rule}, {@code target} and {@code reason} at once, naming the argument and the call when one is
     * invalid.
     *
     * @param rule the rule ID, e.g. {@code SEC-POD-001} (see docs/security-rules.md)
     * @param target the object, as {@code Kind/name}, e.g. {@code Deployment/legacy}
     * @param reason why, with a ticket reference; written into the output
     * @param environment the one environment it applies in, or {@code null} for every environment
     */
    public Waiver {
        Require.nonNull(rule, "rule");
        Require.nonNull(target, "target");
        Require.nonNull(reason, "reason");
    }

    /** A waiver for every environment. */
    public Waiver(String rule, String target, String reason) {
        this(rule, target, reason, null);
    }

    /** Whether this waiver applies in the environment named {@code name}. */
    public boolean appliesIn(String name) {
        Require.nonNull(name, "name");
        return environment == null || environment.equals(name);
    }

    /** The annotation key on the waived object, e.g. {@code keelson.dev/waived-SEC-POD-001}. */
    public String annotation() {
        return ANNOTATION_PREFIX + rule;
    }

    /** Whether this waiver covers rule {@code ruleId} on the object of kind {@code kind} named {@code name}. */
    public boolean covers(String ruleId, String kind, String name) {
        Require.nonNull(ruleId, "ruleId");
        Require.nonNull(kind, "kind");
        Require.nonNull(name, "name");
        return rule.equals(ruleId) && target.equals(kind + "/" + name);
    }
}

package dev.keelson.core.internal;

import dev.keelson.core.Problem;
import java.util.regex.Pattern;

/**
 * Every problem carries a rule ID: validation and synthesis refuse one without, so that a check of
 * a module or of a user's feature cannot report a problem that tools cannot match on. Internal.
 */
final class RuleIds {

    /** What a rule ID looks like: {@code KEE-PORT-003}, {@code SEC-PSS-102}, {@code ACME-001}. */
    static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[0-9]{3}");

    private RuleIds() {
    }

    /** Throws when {@code problem} has no rule ID, or one not shaped like an ID. */
    static void require(Problem problem) {
        if (problem.rule() == null || !ID.matcher(problem.rule()).matches()) {
            throw new IllegalArgumentException("a problem was reported " + (problem.rule() == null ? "without a rule ID"
                    : "with the rule ID '" + problem.rule() + "', which is not one") + ": " + problem
                    + ". Fix: give every problem a stable ID, e.g. problems.error(\"ACME-001\", path, message, fix) or "
                    + "Problem.error(path, message, fix).withRule(\"ACME-001\") (letters, then a dash and three digits)");
        }
    }
}

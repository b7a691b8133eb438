package dev.keelson.testing;

import dev.keelson.core.Problem;
import dev.keelson.core.Require;
import dev.keelson.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the problems a platform is refused with; made by
 * {@link KeelsonAssertions#assertThatBuilding} and {@link KeelsonAssertions#assertThatSynthesis}.
 *
 * <pre>{@code
 * assertThatBuilding(builder)
 *     .hasProblem("shop/tiers/api/image", "has no image")
 *     .hasProblemCount(1);
 * }</pre>
 */
public final class ProblemsAssert extends AbstractAssert<ProblemsAssert, ValidationException> {

    private final String action;

    ProblemsAssert(ValidationException actual, String action) {
        super(actual, ProblemsAssert.class);
        this.action = action;
    }

    /** Checks that there is an error at exactly {@code path} whose message contains {@code messagePart}. */
    public ProblemsAssert hasProblem(String path, String messagePart) {
        Require.nonNull(path, "path");
        Require.nonNull(messagePart, "messagePart");
        refused();
        for (Problem p : actual.problems()) {
            if (p.path().equals(path) && p.message().contains(messagePart)) {
                return this;
            }
        }
        failWithMessage("%s", "Expected " + action + " to report a problem at '" + path + "' with a message containing '"
                + messagePart + "', but the problems were:" + list(actual.problems()));
        return this;
    }

    /** Checks that some problem is at exactly {@code path}. */
    public ProblemsAssert hasProblemAt(String path) {
        Require.nonNull(path, "path");
        refused();
        if (actual.problems().stream().noneMatch(p -> p.path().equals(path))) {
            failWithMessage("%s", "Expected " + action + " to report a problem at '" + path + "', but the problems were:"
                    + list(actual.problems()));
        }
        return this;
    }

    /** Checks that some problem was found by rule {@code ruleId} (e.g. {@code KEE-OBS-001}). */
    public ProblemsAssert hasProblemFoundBy(String ruleId) {
        Require.nonNull(ruleId, "ruleId");
        refused();
        if (actual.problems().stream().noneMatch(p -> ruleId.equals(p.rule()))) {
            failWithMessage("%s", "Expected " + action + " to report a problem of rule " + ruleId
                    + ", but the problems were:" + list(actual.problems()));
        }
        return this;
    }

    /** Checks how many errors there are (warnings are not counted). */
    public ProblemsAssert hasErrorCount(int expected) {
        refused();
        List<Problem> errors = new ArrayList<>();
        for (Problem p : actual.problems()) {
            if (p.severity() == Problem.Severity.ERROR) {
                errors.add(p);
            }
        }
        if (errors.size() != expected) {
            failWithMessage("%s", "Expected " + action + " to report " + expected + (expected == 1 ? " error" : " errors")
                    + ", but it reported " + errors.size() + ":" + list(errors));
        }
        return this;
    }

    /** The exception, for anything else. */
    public ValidationException exception() {
        refused();
        return actual;
    }

    private void refused() {
        if (actual == null) {
            failWithMessage("%s", "Expected " + action + " to fail with problems, but it succeeded");
        }
    }

    private static String list(List<Problem> problems) {
        StringBuilder out = new StringBuilder();
        for (Problem p : problems) {
            out.append("\n  ").append(p);
        }
        return problems.isEmpty() ? " (none)" : out.toString();
    }
}

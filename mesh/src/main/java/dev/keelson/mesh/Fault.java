package dev.keelson.mesh;

import dev.keelson.core.Percent;
import dev.keelson.core.Require;
import dev.keelson.core.Stage;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Injected failures for resilience testing (VirtualService {@code fault}): a delay or an abort for
 * a percentage of requests. Refused when the platform is built if it would apply to a PRODUCTION
 * environment, unless {@link #allowInProduction()} says so explicitly.
 *
 * <pre>{@code
 * Fault.delay(Duration.ofSeconds(2), 10).onlyIn(Stage.DEVELOPMENT, Stage.STAGING)
 * Fault.abort(503, 5).onlyIn(Stage.DEVELOPMENT)
 * }</pre>
 *
 * @param delay the delay added, or {@code null} for an abort
 * @param abortStatus the HTTP status returned, or 0 for a delay
 * @param percentage the share of requests affected, above 0 and at most 100
 * @param stages the stages whose environments get the fault, at least one; default all
 * @param allowedInProduction whether a PRODUCTION environment may get it; default false
 */
public record Fault(@Nullable Duration delay, int abortStatus, Percent percentage, Set<Stage> stages, boolean allowedInProduction) {

    /**
     * Checks {@code stages} at once, naming the argument and the call when one is invalid. Copies the collections, so
     * the value stays immutable.
     *
     * @param delay the delay added, or {@code null} for an abort
     * @param abortStatus the HTTP status returned, or 0 for a delay
     * @param percentage the share of requests affected, above 0 and at most 100
     * @param stages the stages whose environments get the fault, at least one; default all
     * @param allowedInProduction whether a PRODUCTION environment may get it; default false
     */
    public Fault {
        Require.nonNull(percentage, "percentage");
        Require.noNulls(stages, "stages");
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("new Fault(): argument 'stages' is empty, so the fault would apply in no"
                    + " environment; name at least one stage, e.g. Set.of(Stage.DEVELOPMENT)");
        }
        stages = Set.copyOf(stages);
    }

    /** Requests delayed by {@code delay}, for {@code percentage} percent of them. */
    public static Fault delay(Duration delay, double percentage) {
        Require.nonNull(delay, "delay");
        return delay(delay, Percent.of(percentage));
    }

    /** Requests delayed by {@code delay}, for {@code percentage} of them. */
    public static Fault delay(Duration delay, Percent percentage) {
        Require.nonNull(delay, "delay");
        Require.nonNull(percentage, "percentage");
        return new Fault(delay, 0, percentage, EnumSet.allOf(Stage.class), false);
    }

    /** Requests answered with HTTP {@code status}, for {@code percentage} percent of them. */
    public static Fault abort(int status, double percentage) {
        return abort(status, Percent.of(percentage));
    }

    /** Requests answered with HTTP {@code status}, for {@code percentage} of them. */
    public static Fault abort(int status, Percent percentage) {
        Require.nonNull(percentage, "percentage");
        return new Fault(null, status, percentage, EnumSet.allOf(Stage.class), false);
    }

    /**
     * This fault only in environments of these stages (at least one). A stage no environment of the
     * platform has is reported as a warning when the platform is built, and so is a fault that
     * reaches no environment at all.
     */
    public Fault onlyIn(Stage... only) {
        Require.noNulls(only, "only");
        if (only.length == 0) {
            throw new IllegalArgumentException("Fault.onlyIn(): no stage given, so the fault would apply in no"
                    + " environment; name at least one, e.g. onlyIn(Stage.DEVELOPMENT)");
        }
        return new Fault(delay, abortStatus, percentage, Set.of(only), allowedInProduction);
    }

    /**
     * This fault allowed in PRODUCTION environments too: chaos testing in production, on purpose.
     * It needs {@link Stage#PRODUCTION} among the stages (the default: all); with {@code onlyIn(...)}
     * excluding it, it has no effect and {@code build()} warns.
     */
    public Fault allowInProduction() {
        return new Fault(delay, abortStatus, percentage, stages, true);
    }

    /** Whether environments of {@code stage} get this fault. */
    public boolean appliesTo(Stage stage) {
        Require.nonNull(stage, "stage");
        return stages.contains(stage);
    }
}

package dev.keelson.apply;

import dev.keelson.core.Require;
import java.util.List;

/**
 * What apply did (or, in a dry run, would do) to one object.
 *
 * <pre>{@code
 * report.objects().stream()
 *     .filter(r -> r.outcome() == ObjectResult.Outcome.CONFLICT)
 *     .forEach(r -> System.out.println(r.object() + ": " + r.conflicts()));
 * }</pre>
 *
 * @param object which object
 * @param outcome what happened
 * @param fields for {@link Outcome#CHANGED}, the paths of the fields that changed
 *     (e.g. {@code spec.template.spec.containers[0].image}); empty otherwise
 * @param conflicts for {@link Outcome#CONFLICT}, the conflicting fields and their owners
 * @param message for failures, what went wrong and how to fix it; {@code ""} otherwise
 * @param attempts how many requests it took to write the object (more than 1 after retries)
 */
public record ObjectResult(ObjectRef object, Outcome outcome, List<String> fields, List<Conflict> conflicts,
                           String message, int attempts) {

    /**
     * Checks {@code object}, {@code outcome}, {@code fields}, {@code conflicts} and {@code message} at once, naming
     * the argument and the call when one is invalid. Copies the collections, so the value stays immutable.
     *
     * @param object which object
     * @param outcome what happened
     * @param fields for {@link Outcome#CHANGED}, the paths of the fields that changed
     *     (e.g. {@code spec.template.spec.containers[0].image}); empty otherwise
     * @param conflicts for {@link Outcome#CONFLICT}, the conflicting fields and their owners
     * @param message for failures, what went wrong and how to fix it; {@code ""} otherwise
     * @param attempts how many requests it took to write the object (more than 1 after retries)
     */
    public ObjectResult {
        Require.nonNull(object, "object");
        Require.nonNull(outcome, "outcome");
        Require.noNulls(fields, "fields");
        Require.noNulls(conflicts, "conflicts");
        Require.nonNull(message, "message");
        fields = List.copyOf(fields);
        conflicts = List.copyOf(conflicts);
    }

    /** What happened to an object. */
    public enum Outcome {
        /** It did not exist and was created. */
        CREATED,
        /** It existed and some of Keelson's fields changed. */
        CHANGED,
        /** It existed and applying it changed nothing. */
        UNCHANGED,
        /** It was a member of the ApplySet, is no longer in the platform, and was deleted ({@code --prune}). */
        PRUNED,
        /** Another field manager owns some of its fields; nothing was written. */
        CONFLICT,
        /** The API server refused it, or kept failing after every retry. */
        FAILED,
        /** It was not attempted because an earlier step failed; running again applies it. */
        NOT_ATTEMPTED,
        /** It was a member of the environment's ApplySet (or its parent) and was deleted ({@code destroy}). */
        DELETED;

        /** Whether this outcome changes the cluster. */
        public boolean changes() {
            return this == CREATED || this == CHANGED || this == PRUNED || this == DELETED;
        }

        /** Whether this outcome is an error. */
        public boolean error() {
            return this == CONFLICT || this == FAILED || this == NOT_ATTEMPTED;
        }
    }
}

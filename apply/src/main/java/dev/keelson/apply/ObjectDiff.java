package dev.keelson.apply;

import dev.keelson.core.Require;
import java.util.List;

/**
 * How one object in the cluster would change: a unified diff of its YAML, from what the cluster
 * holds to what the API server would hold after a server-side apply (computed with a server-side
 * dry run, so defaults, admission and other field managers are accounted for).
 *
 * <pre>{@code
 * diff.objects().stream().filter(d -> d.change() != ObjectDiff.Change.UNCHANGED)
 *     .forEach(d -> System.out.print(d.unifiedDiff()));
 * }</pre>
 *
 * @param object which object
 * @param change what kind of change
 * @param fields for {@link Change#CHANGE}, the changed field paths; empty otherwise
 * @param unifiedDiff the unified diff ({@code ---} cluster, {@code +++} Keelson); {@code ""} when unchanged
 */
public record ObjectDiff(ObjectRef object, Change change, List<String> fields, String unifiedDiff) {

    /**
     * Checks {@code object}, {@code change}, {@code fields} and {@code unifiedDiff} at once, naming the argument and
     * the call when one is invalid. Copies the collections, so the value stays immutable.
     *
     * @param object which object
     * @param change what kind of change
     * @param fields for {@link Change#CHANGE}, the changed field paths; empty otherwise
     * @param unifiedDiff the unified diff ({@code ---} cluster, {@code +++} Keelson); {@code ""} when unchanged
     */
    public ObjectDiff {
        Require.nonNull(object, "object");
        Require.nonNull(change, "change");
        Require.noNulls(fields, "fields");
        Require.nonNull(unifiedDiff, "unifiedDiff");
        fields = List.copyOf(fields);
    }

    /** The kinds of change. */
    public enum Change {
        /** The object does not exist and would be created. */
        CREATE,
        /** The object exists and some fields would change. */
        CHANGE,
        /** Applying the object would change nothing. */
        UNCHANGED,
        /** The object is in the ApplySet, no longer in the platform, and would be deleted ({@code --prune}). */
        PRUNE
    }
}

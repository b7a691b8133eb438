package dev.keelson.apply;

import dev.keelson.core.Require;
import java.util.List;

/**
 * What applying a platform would change, object by object, as unified diffs of YAML. Nothing is
 * written to the cluster to compute it (server-side dry run and reads only).
 *
 * <pre>{@code
 * DiffReport diff = Cluster.of(client).apply(platform).environment("prod").prune().diff();
 * System.out.print(diff);
 * System.exit(diff.exitCode());   // 0 nothing would change, 1 something would, 2 error
 * }</pre>
 *
 * @param plan the dry-run apply report the diff was computed with (errors, conflicts, missing CRDs)
 * @param objects per object, the change, in apply order, then the objects to prune
 */
public record DiffReport(ApplyReport plan, List<ObjectDiff> objects) {

    /**
     * Checks {@code plan} and {@code objects} at once, naming the argument and the call when one is invalid. Copies
     * the collections, so the value stays immutable.
     *
     * @param plan the dry-run apply report the diff was computed with (errors, conflicts, missing CRDs)
     * @param objects per object, the change, in apply order, then the objects to prune
     */
    public DiffReport {
        Require.nonNull(plan, "plan");
        Require.noNulls(objects, "objects");
        objects = List.copyOf(objects);
    }

    /** Whether anything would change. */
    public boolean changed() {
        return objects.stream().anyMatch(d -> d.change() != ObjectDiff.Change.UNCHANGED);
    }

    /**
     * As {@code kubectl diff}: 0 when nothing would change, 1 when something would, 2 on any error
     * (a conflict, a missing CRD, a refused object, an unreachable cluster).
     */
    public int exitCode() {
        if (!plan.succeeded()) {
            return 2;
        }
        return changed() ? 1 : 0;
    }

    /** The diffs of the objects that would change, then one summary line per object. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (ObjectDiff d : objects) {
            out.append(d.unifiedDiff());
        }
        out.append(plan);
        return out.toString();
    }
}

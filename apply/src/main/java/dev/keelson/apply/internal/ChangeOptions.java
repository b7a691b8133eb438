package dev.keelson.apply.internal;

import dev.keelson.apply.Apply;
import picocli.CommandLine.Option;

/** The options {@code diff} and {@code apply} share beyond the cluster's (a picocli mixin). Internal. */
public final class ChangeOptions {

    @Option(names = "--prune", description = "Delete what an earlier apply created and the platform no longer has, "
            + "and the objects of environments removed from the platform (ApplySet members only; default: off, "
            + "they are listed as orphans).")
    public boolean prune;

    @Option(names = "--force-conflicts", description = "Take over fields other field managers own "
            + "(default: off, conflicts are reported and nothing is written to those objects).")
    public boolean forceConflicts;

    /** {@code apply} with these options. */
    public Apply on(Apply apply) {
        Apply result = prune ? apply.prune() : apply;
        return forceConflicts ? result.forceConflicts() : result;
    }
}

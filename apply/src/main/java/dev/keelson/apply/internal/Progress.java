package dev.keelson.apply.internal;

import dev.keelson.apply.ObjectResult;
import java.util.List;

/** What a long run reports as it goes: each object as it completes, and what waiting waits for. Internal. */
public interface Progress {

    /** Reports nothing. */
    Progress NONE = new Progress() {
    };

    /** One object is done (applied, pruned, deleted, failed); called from worker threads, one call at a time. */
    default void object(ObjectResult result) {
    }

    /**
     * Waiting: {@code done} of {@code total} are there; {@code pending} says, per workload not yet
     * there, where it stands (e.g. {@code api 1/2 available}).
     */
    default void waiting(int done, int total, List<String> pending) {
    }
}

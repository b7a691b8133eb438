package dev.keelson.apply.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * Why a run stopped short: a step returns {@code Optional.empty()} when it did its work, else a
 * {@code Stop} with the sentence the report shows (what failed, where, and the fix). Internal.
 *
 * @param reason the sentence, never blank
 */
record Stop(String reason) {

    Stop {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a stop needs a reason");
        }
    }

    /** A stop with {@code reason}. */
    static Optional<Stop> because(String reason) {
        return Optional.of(new Stop(reason));
    }

    /** {@code 30s}, or {@code 250ms} below whole seconds: as the user wrote {@code --wait}. */
    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}

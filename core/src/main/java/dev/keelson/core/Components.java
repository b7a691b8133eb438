package dev.keelson.core;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The text of an aggregate ({@link Platform}, {@link Tier}) as a record would print it, so that
 * turning those records into opaque classes changed no message that shows one.
 */
final class Components {

    private Components() {
    }

    /** {@code Type[name=value, ...]}, as {@link Record#toString()} writes it. */
    static String toString(String type, List<String> names, List<@Nullable Object> values) {
        StringBuilder b = new StringBuilder(type).append('[');
        for (int i = 0; i < names.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(values.get(i));
        }
        return b.append(']').toString();
    }
}

package dev.keelson.core;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A change to one generated object, in its fabric8 type: the escape hatch for anything the DSL
 * does not offer yet. It runs after every feature has contributed and rendered, and before the
 * policy check, which still sees the result. See {@link Platform.Builder#customize}.
 *
 * @param environment the environment it applies to, or {@code null} for all
 * @param kind the object's fabric8 class
 * @param name the object's {@code metadata.name}
 * @param change the change, given the environment and the object
 * @param <T> the object's type
 */
public record Customization<T extends HasMetadata>(@Nullable String environment, Class<T> kind, String name,
                                                   BiConsumer<Environment, T> change) {

    /**
     * Checks {@code kind}, {@code name} and {@code change} at once, naming the argument and the call when one is
     * invalid.
     *
     * @param environment the environment it applies to, or {@code null} for all
     * @param kind the object's fabric8 class
     * @param name the object's {@code metadata.name}
     * @param change the change, given the environment and the object
     */
    public Customization {
        Require.nonNull(kind, "kind");
        Require.nonNull(name, "name");
        Require.nonNull(change, "change");
    }
}

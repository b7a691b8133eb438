package dev.keelson.apply;

import dev.keelson.core.Require;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.jspecify.annotations.Nullable;

/**
 * Which object: its API version, kind, namespace (empty for cluster-scoped kinds) and name.
 *
 * <pre>{@code
 * ObjectRef ref = ObjectRef.of(deployment);
 * ref.toString();   // "Deployment shop-prod/api"
 * }</pre>
 *
 * @param apiVersion the API version, e.g. {@code apps/v1}
 * @param kind the kind, e.g. {@code Deployment}
 * @param namespace the namespace, {@code ""} for cluster-scoped objects ({@code null} is read as {@code ""})
 * @param name the name
 */
public record ObjectRef(String apiVersion, String kind, @Nullable String namespace, String name) {

    /**
     * Checks {@code apiVersion}, {@code kind} and {@code name} at once, naming the argument and the call when one is
     * invalid.
     *
     * @param apiVersion the API version, e.g. {@code apps/v1}
     * @param kind the kind, e.g. {@code Deployment}
     * @param namespace the namespace, {@code ""} for cluster-scoped objects ({@code null} is read as {@code ""})
     * @param name the name
     */
    public ObjectRef {
        Require.nonNull(apiVersion, "apiVersion");
        Require.nonNull(kind, "kind");
        Require.nonNull(name, "name");
        namespace = namespace == null ? "" : namespace;
    }

    /** The reference of an object. */
    public static ObjectRef of(HasMetadata object) {
        Require.nonNull(object, "object");
        return new ObjectRef(object.getApiVersion(), object.getKind(), object.getMetadata().getNamespace(),
                object.getMetadata().getName());
    }

    /** The API group, {@code ""} for the core group. */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** {@code Kind namespace/name}, or {@code Kind name} for a cluster-scoped object. */
    @Override
    public String toString() {
        return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }
}

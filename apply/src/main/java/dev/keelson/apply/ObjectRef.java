package dev.keelson.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

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
 * @param namespace the namespace, {@code ""} for cluster-scoped objects
 * @param name the name
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

    public ObjectRef {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        namespace = namespace == null ? "" : namespace;
        Objects.requireNonNull(name, "name");
    }

    /** The reference of an object. */
    public static ObjectRef of(HasMetadata object) {
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

package dev.keelson.autoscaling;

import org.jspecify.annotations.Nullable;
import dev.keelson.core.Require;
/**
 * The container resources autoscalers act on: the two the resource metrics API serves.
 *
 * <pre>{@code
 * ContainerPolicy.app().controls(ComputeResource.MEMORY)
 * }</pre>
 */
public enum ComputeResource {
    /** CPU, in cores ({@code cpu}). */
    CPU("cpu"),
    /** Memory, in bytes ({@code memory}). */
    MEMORY("memory");

    private final String wireName;

    ComputeResource(String wireName) {
        this.wireName = wireName;
    }

    /** The Kubernetes resource name, e.g. {@code cpu}. */
    public String wireName() {
        return wireName;
    }

    /** The resource called {@code name} in Kubernetes, or {@code null} if it is neither cpu nor memory. */
    public static @Nullable ComputeResource fromWireName(String name) {
        Require.nonNull(name, "name");
        for (ComputeResource r : values()) {
            if (r.wireName.equals(name)) {
                return r;
            }
        }
        return null;
    }
}

package dev.keelson.apply;

import dev.keelson.core.Require;
import java.util.List;

/**
 * A kind the manifest uses whose CustomResourceDefinition is not installed in the cluster (or does
 * not serve the version used). Apply stops before any write when there is one.
 *
 * <pre>{@code
 * for (MissingDefinition m : report.missingDefinitions()) {
 *     System.out.println(m);   // VerticalPodAutoscaler.autoscaling.k8s.io/v1 (Vertical Pod Autoscaler) ...
 * }
 * }</pre>
 *
 * @param product what installs the definition, e.g. {@code Istio}, {@code cert-manager}
 * @param group the API group
 * @param version the version the manifest uses
 * @param kind the kind
 * @param objects the manifest's objects of that kind
 */
public record MissingDefinition(String product, String group, String version, String kind, List<ObjectRef> objects) {

    /**
     * Checks {@code product}, {@code group}, {@code version}, {@code kind} and {@code objects} at once, naming the
     * argument and the call when one is invalid. Copies the collections, so the value stays immutable.
     *
     * @param product what installs the definition, e.g. {@code Istio}, {@code cert-manager}
     * @param group the API group
     * @param version the version the manifest uses
     * @param kind the kind
     * @param objects the manifest's objects of that kind
     */
    public MissingDefinition {
        Require.nonNull(product, "product");
        Require.nonNull(group, "group");
        Require.nonNull(version, "version");
        Require.nonNull(kind, "kind");
        Require.noNulls(objects, "objects");
        objects = List.copyOf(objects);
    }

    @Override
    public String toString() {
        return kind + "." + group + "/" + version + " (" + product + "), used by " + objects.size() + " object"
                + (objects.size() == 1 ? "" : "s") + ", first " + objects.get(0);
    }
}

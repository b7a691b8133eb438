package dev.keelson.apply.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.core.Manifest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Objects as JSON trees: what the server adds is removed, so two versions compare by content. Internal. */
public final class Trees {

    private static final List<String> SERVER_METADATA = List.of("managedFields", "resourceVersion", "uid", "generation",
            "creationTimestamp", "selfLink");

    private final KubernetesSerialization serialization;

    public Trees(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    /** The object as a tree without status and without the metadata the server maintains. */
    public ObjectNode normalized(HasMetadata object) {
        ObjectNode tree = serialization.convertValue(object, ObjectNode.class);
        tree.remove("status");
        JsonNode metadata = tree.get("metadata");
        if (metadata instanceof ObjectNode m) {
            m.remove(SERVER_METADATA);
            if (m.path("annotations").isObject() && m.path("annotations").isEmpty()) {
                m.remove("annotations");
            }
        }
        return tree;
    }

    /** A tree as YAML, written by core's emitter. */
    public String yaml(ObjectNode tree) {
        return Manifest.toYaml(serialization.convertValue(tree, GenericKubernetesResource.class));
    }

    /** The paths of the fields that differ, e.g. {@code spec.replicas}, {@code spec.template.spec.containers[0].image}. */
    public static List<String> changedFields(JsonNode from, JsonNode to) {
        List<String> paths = new ArrayList<>();
        walk("", from, to, paths);
        return paths;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a == null || b == null || a.isMissingNode() || b.isMissingNode()) {
            if (!(a == null || a.isMissingNode()) || !(b == null || b.isMissingNode())) {
                out.add(path);
            }
            return;
        }
        if (a.isObject() && b.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(join(path, e.getKey()), e.getValue(), b.get(e.getKey()), out);
            }
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!a.has(name)) {
                    out.add(join(path, name));
                }
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                walk(path + "[" + i + "]", a.get(i), b.get(i), out);
            }
        } else if (!a.equals(b)) {
            out.add(path);
        }
    }

    private static String join(String path, String key) {
        String k = key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
        return path.isEmpty() ? k : path + "." + k;
    }
}

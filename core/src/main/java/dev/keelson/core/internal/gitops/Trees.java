package dev.keelson.core.internal.gitops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Objects as ordered maps, the shape the GitOps writers change and write. Internal. */
final class Trees {

    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Trees() {
    }

    /** {@code object} as Jackson writes it: keys in the order the YAML writer writes them. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> of(HasMetadata object) {
        return MAPPER.convertValue(object, LinkedHashMap.class);
    }

    /** The map at {@code keys} under {@code tree}, or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object tree, String... keys) {
        Object at = tree;
        for (String key : keys) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = m.get(key);
        }
        return at instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** The list at {@code key} of {@code map}, or an empty list. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> map, String key) {
        Object value = map == null ? null : map.get(key);
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** The string at {@code keys} under {@code tree}, or null. */
    static String string(Object tree, String... keys) {
        Map<String, Object> parent = map(tree, java.util.Arrays.copyOf(keys, keys.length - 1));
        Object value = parent == null ? null : parent.get(keys[keys.length - 1]);
        return value instanceof String s ? s : null;
    }

    /** A label of a tree's metadata, or null. */
    static String label(Map<String, Object> tree, String key) {
        return string(tree, "metadata", "labels", key);
    }

    /** A new ordered map of {@code keysAndValues} (key, value, key, value, ...); null values are left out. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }
}

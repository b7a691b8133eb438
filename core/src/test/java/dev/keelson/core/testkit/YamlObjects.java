package dev.keelson.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.keelson.core.Manifest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes objects read back from YAML streams, keyed by identity, to compare what a tool renders
 * ({@code helm template}, {@code kubectl kustomize}) with what Keelson synthesizes, object by object,
 * as typed trees: {@code "1"} (a string) differs from {@code 1} (a number); key order and quoting do not
 * count, and numbers compare by value ({@code kubectl kustomize} writes {@code 5.0} as {@code 5}: JSON, which
 * the API server decodes, has one number type).
 *
 * <pre>{@code
 * YamlObjects.assertSameObjects(helmOutput, Keelson.synth(platform).manifest("prod"));
 * }</pre>
 */
public final class YamlObjects {

    private static final YAMLMapper YAML = new YAMLMapper();
    /** Equal nodes, or numbers of equal value ({@code 5.0} and {@code 5}). */
    private static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
    };

    private YamlObjects() {
    }

    /** Every document of {@code stream} (empty ones left out), keyed by {@code apiVersion kind namespace/name}. */
    public static Map<String, JsonNode> parse(String stream) {
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(stream)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
                    continue;
                }
                String id = id(doc);
                assertThat(objects).as("objects of the stream").doesNotContainKey(id);
                objects.put(id, doc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not a YAML stream: " + e.getMessage(), e);
        }
        return objects;
    }

    /** {@code apiVersion kind namespace/name} of an object. */
    public static String id(JsonNode object) {
        JsonNode meta = object.path("metadata");
        return object.path("apiVersion").asText() + " " + object.path("kind").asText() + " "
                + meta.path("namespace").asText("") + "/" + meta.path("name").asText();
    }

    /** The objects of {@code manifest} as synth writes them, parsed back, keyed like {@link #parse}. */
    public static Map<String, JsonNode> of(Manifest manifest) {
        StringBuilder stream = new StringBuilder();
        for (HasMetadata o : manifest.objects()) {
            stream.append("---\n").append(Manifest.toYaml(o));
        }
        return parse(stream.toString());
    }

    /**
     * Asserts that {@code rendered} holds exactly the objects of {@code manifest}, each equal as a typed tree;
     * the message lists the objects missing, the extra ones and the first differing object in full.
     */
    public static void assertSameObjects(String rendered, Manifest manifest) {
        assertSameObjects(parse(rendered), of(manifest), manifest.environment());
    }

    /** As {@link #assertSameObjects(String, Manifest)}, for two parsed streams. */
    public static void assertSameObjects(Map<String, JsonNode> actual, Map<String, JsonNode> expected, String what) {
        assertThat(actual.keySet()).as("the objects rendered for " + what).containsExactlyInAnyOrderElementsOf(expected.keySet());
        List<String> differing = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
            if (actual.get(e.getKey()) == null || !e.getValue().equals(NUMBERS_BY_VALUE, actual.get(e.getKey()))) {
                differing.add(e.getKey());
            }
        }
        if (!differing.isEmpty()) {
            String first = differing.get(0);
            assertThat(actual.get(first).toPrettyString()).as(differing.size() + " objects differ for " + what + ": "
                    + differing + "; the first").isEqualTo(expected.get(first).toPrettyString());
        }
    }

    /** A copy of {@code object} without the annotation {@code key} (and without annotations when none remain). */
    public static JsonNode withoutAnnotation(JsonNode object, String key) {
        ObjectNode copy = object.deepCopy();
        JsonNode annotations = copy.path("metadata").path("annotations");
        if (annotations instanceof ObjectNode a) {
            a.remove(key);
            if (a.isEmpty()) {
                ((ObjectNode) copy.path("metadata")).remove("annotations");
            }
        }
        return copy;
    }
}

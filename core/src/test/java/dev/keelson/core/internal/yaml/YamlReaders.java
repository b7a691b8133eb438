package dev.keelson.core.internal.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Standard YAML readers, and a canonical form to compare what they read with Jackson's JSON tree:
 * mappings keep their order, integers are BigInteger, floats are Double, strings, booleans, null.
 * Anything else a reader produces (a Date for a timestamp, a non-string key) stays as it is and
 * so compares unequal.
 */
final class YamlReaders {

    static final ObjectMapper JSON = new ObjectMapper();
    static final YAMLMapper JACKSON_YAML = new YAMLMapper();

    /** An ordered mapping: order matters when comparing. */
    record Mapping(List<List<Object>> entries) {
    }

    private YamlReaders() {
    }

    /** Read with SnakeYAML 2 (YAML 1.1 resolution: yes/no/on/off, 0123 octal, timestamps). */
    static Object snakeYaml11(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        Object read = new org.yaml.snakeyaml.Yaml(new SafeConstructor(options)).load(yaml);
        return canonical(read);
    }

    /** Every document of a stream, read with SnakeYAML 2 (YAML 1.1). */
    static List<Object> snakeYaml11All(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        List<Object> all = new ArrayList<>();
        for (Object o : new org.yaml.snakeyaml.Yaml(new SafeConstructor(options)).loadAll(yaml)) {
            all.add(canonical(o));
        }
        return all;
    }

    /** Read with snakeyaml-engine (YAML 1.2, core schema). */
    static Object snakeEngine12(String yaml) {
        LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).setCodePointLimit(64 * 1024 * 1024).build();
        Object read = new Load(settings).loadFromString(yaml);
        return canonical(read);
    }

    /** Read with Jackson's YAML parser into a tree. */
    static Object jacksonYaml(String yaml) {
        try {
            return canonicalTree(JACKSON_YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What Jackson's JSON serialization makes of {@code value}, in canonical form. */
    static Object jacksonJson(Object value) {
        return canonicalTree(JSON.valueToTree(value));
    }

    /** What Jackson's own YAML serialization makes of {@code value}, read back by SnakeYAML. */
    static Object jacksonYamlWritten(Object value) {
        try {
            return snakeYaml11(JACKSON_YAML.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object canonical(Object o) {
        if (o instanceof JsonNode node) {
            return canonicalTree(node);
        }
        if (o instanceof Map<?, ?> map) {
            List<List<Object>> entries = new ArrayList<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                entries.add(pair(e.getKey(), canonical(e.getValue())));
            }
            return new Mapping(entries);
        }
        if (o instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            for (Object item : list) {
                items.add(canonical(item));
            }
            return items;
        }
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return BigInteger.valueOf(((Number) o).longValue());
        }
        if (o instanceof Float f) {
            return f.doubleValue();
        }
        if (o instanceof BigDecimal d) {
            return d.doubleValue();
        }
        return o;
    }

    static Object canonicalTree(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            List<List<Object>> entries = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                entries.add(pair(e.getKey(), canonicalTree(e.getValue())));
            }
            return new Mapping(entries);
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            for (JsonNode item : node) {
                items.add(canonicalTree(item));
            }
            return items;
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBinary()) {
            return node.asText();
        }
        return node;
    }

    private static List<Object> pair(Object key, Object value) {
        List<Object> pair = new ArrayList<>(2);
        pair.add(key);
        pair.add(value);
        return pair;
    }
}

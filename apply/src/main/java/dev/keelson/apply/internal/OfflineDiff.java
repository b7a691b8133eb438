package dev.keelson.apply.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.keelson.apply.ObjectDiff;
import dev.keelson.apply.ObjectRef;
import dev.keelson.core.Manifest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code diff --against DIR}: compares an environment's synthesized objects with the YAML of an
 * earlier output ({@code DIR/<environment>/*.yaml}, as {@code synth} writes it), offline. Both
 * sides are read as trees with their keys sorted, so only content counts, not key order or
 * formatting. Internal.
 */
public final class OfflineDiff {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final Trees trees = new Trees(new KubernetesSerialization());

    /** One environment's comparison: the objects in the new output's order, then those only the old one has. */
    public record Result(String environment, Path against, List<ObjectDiff> objects) {

        /** Whether anything differs. */
        public boolean changed() {
            return objects.stream().anyMatch(d -> d.change() != ObjectDiff.Change.UNCHANGED);
        }
    }

    /**
     * The folder an environment's earlier output is in: {@code dir/<environment>} when it exists,
     * else {@code dir} itself when it holds YAML files and only one environment is compared.
     *
     * @throws IllegalArgumentException naming the folder and what was looked for
     */
    public static Path folder(Path dir, String environment, boolean single) {
        Path env = dir.resolve(environment);
        if (Files.isDirectory(env)) {
            return env;
        }
        if (single && Files.isDirectory(dir) && !yamlFiles(dir).isEmpty()) {
            return dir;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--against " + dir + " is not a directory. Fix: pass the --out directory of an "
                    + "earlier synth (it holds <environment>/*.yaml)");
        }
        return env;   // absent: every object is new
    }

    /** Compares {@code manifest} with the YAML files in {@code folder} (absent: everything is created). */
    public Result compare(Manifest manifest, Path folder) {
        Map<String, ObjectNode> old = new LinkedHashMap<>();
        Map<String, ObjectRef> oldRefs = new LinkedHashMap<>();
        if (Files.isDirectory(folder)) {
            for (Path file : yamlFiles(folder)) {
                for (ObjectNode doc : documents(file)) {
                    ObjectRef ref = ref(doc);
                    if (ref != null) {
                        old.put(key(ref), sorted(doc));
                        oldRefs.put(key(ref), ref);
                    }
                }
            }
        }
        List<ObjectDiff> diffs = new ArrayList<>();
        for (HasMetadata object : manifest.objects()) {
            ObjectRef ref = ObjectRef.of(object);
            ObjectNode now = sorted(parse(Manifest.toYaml(object), "the synthesized " + ref));
            ObjectNode before = old.remove(key(ref));
            oldRefs.remove(key(ref));
            if (before == null) {
                diffs.add(new ObjectDiff(ref, ObjectDiff.Change.CREATE, List.of(),
                        UnifiedDiff.of("/dev/null", "", "keelson: " + ref, trees.yaml(now))));
            } else if (before.equals(now)) {
                diffs.add(new ObjectDiff(ref, ObjectDiff.Change.UNCHANGED, List.of(), ""));
            } else {
                diffs.add(new ObjectDiff(ref, ObjectDiff.Change.CHANGE, Trees.changedFields(before, now),
                        UnifiedDiff.of(folder + ": " + ref, trees.yaml(before), "keelson: " + ref, trees.yaml(now))));
            }
        }
        for (Map.Entry<String, ObjectNode> gone : old.entrySet()) {
            ObjectRef ref = oldRefs.get(gone.getKey());
            diffs.add(new ObjectDiff(ref, ObjectDiff.Change.PRUNE, List.of(),
                    UnifiedDiff.of(folder + ": " + ref, trees.yaml(gone.getValue()), "/dev/null", "")));
        }
        return new Result(manifest.environment(), folder, diffs);
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Files.isRegularFile(f)
                    && (f.getFileName().toString().endsWith(".yaml") || f.getFileName().toString().endsWith(".yml")))
                    .sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + dir + ": " + reason(e) + ". Fix: check the path and its "
                    + "permissions");
        }
    }

    private static List<ObjectNode> documents(Path file) {
        List<ObjectNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc instanceof ObjectNode o) {
                    docs.add(o);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + file + " as YAML: " + reason(e)
                    + ". Fix: --against takes the output of an earlier synth; regenerate it or remove the file");
        }
        return docs;
    }

    private static ObjectNode parse(String yaml, String what) {
        try {
            return (ObjectNode) YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read back " + what + ": " + reason(e), e);
        }
    }

    private static ObjectRef ref(ObjectNode doc) {
        String kind = doc.path("kind").asText("");
        String apiVersion = doc.path("apiVersion").asText("");
        String name = doc.path("metadata").path("name").asText("");
        if (kind.isEmpty() || apiVersion.isEmpty() || name.isEmpty()) {
            return null;
        }
        return new ObjectRef(apiVersion, kind, doc.path("metadata").path("namespace").asText(""), name);
    }

    /** Group, kind, namespace and name: an object keeps its identity across API versions. */
    private static String key(ObjectRef ref) {
        return ref.group() + "/" + ref.kind() + "/" + ref.namespace() + "/" + ref.name();
    }

    private static ObjectNode sorted(ObjectNode node) {
        ObjectNode copy = node.objectNode();
        Map<String, JsonNode> fields = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(e.getKey(), e.getValue());
        }
        fields.forEach((k, v) -> copy.set(k, sortedValue(v)));
        return copy;
    }

    private static JsonNode sortedValue(JsonNode value) {
        if (value instanceof ObjectNode o) {
            return sorted(o);
        }
        if (value instanceof ArrayNode a) {
            ArrayNode copy = a.arrayNode();
            a.forEach(v -> copy.add(sortedValue(v)));
            return copy;
        }
        return value;
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

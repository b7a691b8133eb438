package dev.keelson.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.keelson.core.Manifest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The upstream CRD schemas of /work/shared/schemas (or -Dkeelson.schemas), made strict: an object
 * with declared properties accepts no others, as a real API server would prune or reject them.
 */
final class CrdSchemas {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private CrdSchemas() {
    }

    /** The schemas folder, if it can be found. */
    static Optional<Path> folder() {
        String property = System.getProperty("keelson.schemas");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Optional.of(Path.of(property));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/schemas");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The strict schema of version {@code version} of the CRD in {@code file} (under crds/). */
    static JsonSchema load(Path folder, String file, String version) {
        try {
            JsonNode crd = YAML.readTree(folder.resolve("crds").resolve(file).toFile());
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (version.equals(v.path("name").asText())) {
                    JsonNode schema = v.path("schema").path("openAPIV3Schema").deepCopy();
                    strict(schema);
                    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
                }
            }
            throw new IllegalArgumentException("no version " + version + " in " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems the schema finds in {@code object}, as text. */
    static List<String> validate(JsonSchema schema, HasMetadata object) {
        JsonNode tree = JSON.valueToTree(object);
        List<String> found = new ArrayList<>();
        for (ValidationMessage m : schema.validate(tree)) {
            found.add(object.getKind() + "/" + object.getMetadata().getName() + ": " + m.getMessage());
        }
        return found;
    }

    /** The problems the schema finds in every object of {@code kind} in {@code manifest}. */
    static <T extends HasMetadata> List<String> validate(JsonSchema schema, Manifest manifest, Class<T> kind) {
        List<String> found = new ArrayList<>();
        for (T o : manifest.objects(kind)) {
            found.addAll(validate(schema, o));
        }
        return found;
    }

    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("properties") && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
            o.elements().forEachRemaining(CrdSchemas::strict);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(CrdSchemas::strict);
        }
    }
}

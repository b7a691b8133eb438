package dev.keelson.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.keelson.core.Manifest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Checks generated objects against the real upstream schemas: the Kubernetes 1.36 OpenAPI spec
 * and the CRDs of Istio, the Vertical Pod Autoscaler, the Prometheus Operator and cert-manager.
 * It fails on unknown fields (an object whose schema has neither {@code additionalProperties} nor
 * {@code x-kubernetes-preserve-unknown-fields} is closed, as under {@code kubectl apply
 * --validate=strict}), wrong types, missing required fields, values outside enums, patterns and
 * ranges, and duplicate keys in map-type lists. See {@link Schema} for the exact semantics; CEL
 * rules ({@code x-kubernetes-validations}) are not evaluated.
 *
 * <pre>{@code
 * Manifest prod = Keelson.synth(platform).manifest("prod");
 * SchemaConformance.assertConforms(prod);                       // every object, or an AssertionError listing all violations
 * List<String> violations = SchemaConformance.validate(prod.get(Deployment.class, "web").orElseThrow());
 * }</pre>
 *
 * <p>The schemas are read from the folder named by the system property {@value #PROPERTY} (the
 * parent pom sets it for surefire) or, when that is unset or absent, from the first
 * {@code shared/schemas} found walking up from the working directory. When there is none, every
 * method here aborts the calling test through a JUnit assumption, with a message saying so: the
 * test is reported as skipped, never as passed. Schemas are parsed once per JVM and compiled per
 * kind on first use, so validating thousands of objects is cheap.
 *
 * <p>Lives in core's test-jar: modules use it with a test-scoped dependency on
 * {@code keelson-core} of type {@code test-jar}, plus {@code jackson-dataformat-yaml} (for the
 * CRDs) and JUnit on their test classpath.
 */
public final class SchemaConformance {

    /** The system property naming the schema folder. */
    public static final String PROPERTY = "keelson.schemas";

    /** How objects are turned into JSON: the way Keelson's YAML writer serializes them. */
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final int SHOWN = 60;

    private static volatile Optional<Path> located;

    private SchemaConformance() {
    }

    /** The schema folder, if there is one (see the class comment for where it is looked for). */
    public static Optional<Path> schemasDirectory() {
        Optional<Path> dir = located;
        if (dir == null) {
            dir = locate(System.getProperty(PROPERTY), Path.of("").toAbsolutePath());
            located = dir;
        }
        return dir;
    }

    /** Aborts the calling test (reported as skipped, with the reason) when the schema folder is absent. */
    public static void assumeSchemasPresent() {
        Assumptions.assumeTrue(schemasDirectory().isPresent(), SchemaConformance::absentMessage);
    }

    /**
     * The violations of one object, each as {@code "<Kind> <namespace>/<name>: <path>: <problem>"};
     * empty when it conforms.
     */
    public static List<String> validate(HasMetadata object) {
        Objects.requireNonNull(object, "object");
        return validate(toJson(object));
    }

    /** The violations of one object given as JSON (e.g. parsed back from written YAML). */
    public static List<String> validate(JsonNode object) {
        Objects.requireNonNull(object, "object");
        assumeSchemasPresent();
        return validate(object, SchemaLibrary.of(schemasDirectory().orElseThrow()));
    }

    /**
     * The violations of one object against Kubernetes {@code kubernetesVersion}'s spec
     * ({@code "1.28"}) and the CRDs.
     *
     * @throws IllegalArgumentException when the schema folder has no spec of that version
     */
    public static List<String> validate(HasMetadata object, String kubernetesVersion) {
        Objects.requireNonNull(object, "object");
        assumeSchemasPresent();
        return validate(toJson(object), SchemaLibrary.of(schemasDirectory().orElseThrow(), kubernetesVersion));
    }

    /** The Kubernetes versions ({@code "1.28"}, ...) the schema folder has an OpenAPI spec of, oldest first. */
    public static List<String> kubernetesVersions() {
        assumeSchemasPresent();
        return SchemaLibrary.kubernetesVersions(schemasDirectory().orElseThrow());
    }

    private static List<String> validate(JsonNode object, SchemaLibrary library) {
        List<String> violations = new ArrayList<>();
        String id = id(object);
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        if (!object.isObject()) {
            violations.add(id + ": (root): expected an object, got " + Schema.describe(object));
            return violations;
        }
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            violations.add(id + ": (root): apiVersion and kind are required");
            return violations;
        }
        JsonNode meta = object.path("metadata");
        if (meta.path("name").asText("").isEmpty() && meta.path("generateName").asText("").isEmpty()) {
            violations.add(id + ": metadata.name: missing: every object needs a name");
        }
        Schema schema;
        try {
            schema = library.forObject(apiVersion, kind);
        } catch (IllegalArgumentException e) {
            violations.add(id + ": (root): " + e.getMessage());
            return violations;
        }
        List<String> found = new ArrayList<>();
        schema.validate(object, "", found);
        for (String f : found) {
            violations.add(id + ": " + f);
        }
        return violations;
    }

    /**
     * The violations of every document of a YAML stream (documents separated by {@code ---}), as
     * kubectl's YAML 1.1 reader types them: this checks what was written, quoting included
     * ({@code yes}, {@code on} and {@code off} are booleans, {@code 0123} an octal integer,
     * {@code 1:30} a sexagesimal one; timestamps stay strings).
     */
    public static List<String> validateYaml(String yaml) {
        assumeSchemasPresent();
        List<String> violations = new ArrayList<>();
        for (JsonNode doc : parseYaml(yaml)) {
            violations.addAll(validate(doc));
        }
        return violations;
    }

    /**
     * Asserts that every object conforms and that no kind, namespace and name repeats.
     *
     * @throws AssertionError listing every violation
     */
    public static void assertConforms(Collection<? extends HasMetadata> objects) {
        assumeSchemasPresent();
        List<JsonNode> docs = new ArrayList<>(objects.size());
        for (HasMetadata o : objects) {
            docs.add(toJson(o));
        }
        check(docs, objects.size() + " objects", false, SchemaLibrary.of(schemasDirectory().orElseThrow()));
    }

    /**
     * Asserts that every object of a manifest conforms, as {@link #assertConforms(Collection)}
     * does, and that written output lands where it should: every namespaced kind names its
     * namespace, no cluster-scoped kind names one.
     */
    public static void assertConforms(Manifest manifest) {
        assumeSchemasPresent();
        assertConforms(manifest, SchemaLibrary.of(schemasDirectory().orElseThrow()));
    }

    /**
     * As {@link #assertConforms(Manifest)}, against Kubernetes {@code kubernetesVersion}'s spec
     * ({@code "1.28"}): a field or kind that version does not serve is a violation.
     *
     * @throws IllegalArgumentException when the schema folder has no spec of that version
     */
    public static void assertConforms(Manifest manifest, String kubernetesVersion) {
        assumeSchemasPresent();
        assertConforms(manifest, SchemaLibrary.of(schemasDirectory().orElseThrow(), kubernetesVersion));
    }

    private static void assertConforms(Manifest manifest, SchemaLibrary library) {
        List<JsonNode> docs = new ArrayList<>(manifest.size());
        for (HasMetadata o : manifest.objects()) {
            docs.add(toJson(o));
        }
        check(docs, "environment " + manifest.environment() + " (" + manifest.size() + " objects)", true, library);
    }

    /**
     * Asserts that every document of a YAML stream conforms (see {@link #validateYaml(String)}),
     * with the namespace checks of {@link #assertConforms(Manifest)}.
     */
    public static void assertYamlConforms(String yaml) {
        assumeSchemasPresent();
        List<JsonNode> docs = parseYaml(yaml);
        check(docs, docs.size() + " YAML documents", true, SchemaLibrary.of(schemasDirectory().orElseThrow()));
    }

    /**
     * Asserts that every {@code *.yaml} file under {@code dir} (e.g. a {@code dist/} tree) conforms,
     * with the namespace checks of {@link #assertConforms(Manifest)}.
     *
     * @return how many documents were checked
     */
    public static int assertTreeConforms(Path dir) {
        assumeSchemasPresent();
        return assertTreeConforms(dir, SchemaLibrary.of(schemasDirectory().orElseThrow()));
    }

    /**
     * As {@link #assertTreeConforms(Path)}, against Kubernetes {@code kubernetesVersion}'s spec
     * ({@code "1.28"}): for output whose API versions follow the platform's target (a
     * ValidatingAdmissionPolicy is {@code v1beta1} for 1.28 and 1.29).
     *
     * @return how many documents were checked
     */
    public static int assertTreeConforms(Path dir, String kubernetesVersion) {
        assumeSchemasPresent();
        return assertTreeConforms(dir, SchemaLibrary.of(schemasDirectory().orElseThrow(), kubernetesVersion));
    }

    private static int assertTreeConforms(Path dir, SchemaLibrary library) {
        List<JsonNode> docs = new ArrayList<>();
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                docs.addAll(parseYaml(Files.readString(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        check(docs, docs.size() + " documents under " + dir, true, library);
        return docs.size();
    }

    /** An object as Keelson's writer sees it. */
    public static JsonNode toJson(HasMetadata object) {
        return MAPPER.valueToTree(object);
    }

    private static void check(List<JsonNode> docs, String what, boolean output, SchemaLibrary library) {
        List<String> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode doc : docs) {
            violations.addAll(validate(doc, library));
            String id = id(doc);
            if (output) {
                Boolean namespaced = library.namespaced(doc.path("apiVersion").asText(), doc.path("kind").asText());
                boolean hasNamespace = !doc.path("metadata").path("namespace").asText("").isEmpty();
                if (Boolean.TRUE.equals(namespaced) && !hasNamespace) {
                    violations.add(id + ": metadata.namespace: missing on a namespaced kind: kubectl apply would put it"
                            + " in whatever namespace its context names");
                } else if (Boolean.FALSE.equals(namespaced) && hasNamespace) {
                    violations.add(id + ": metadata.namespace: set on a cluster-scoped kind");
                }
            }
            if (!seen.add(doc.path("apiVersion").asText() + " " + id)) {
                violations.add(id + ": appears more than once");
            }
        }
        if (!violations.isEmpty()) {
            StringBuilder message = new StringBuilder(what + " violate the upstream schemas (" + library.summary()
                    + ") in " + schemasDirectory().orElseThrow() + " (" + violations.size() + " violations):");
            for (String v : violations.subList(0, Math.min(SHOWN, violations.size()))) {
                message.append("\n  ").append(v);
            }
            if (violations.size() > SHOWN) {
                message.append("\n  ... and ").append(violations.size() - SHOWN).append(" more");
            }
            throw new AssertionError(message.toString());
        }
    }

    private static List<JsonNode> parseYaml(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        options.setAllowDuplicateKeys(false);
        Yaml parser = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new Yaml11WithoutTimestamps());
        List<JsonNode> docs = new ArrayList<>();
        for (Object doc : parser.loadAll(yaml)) {
            if (doc != null) {
                docs.add(MAPPER.valueToTree(doc));
            }
        }
        return docs;
    }

    /**
     * YAML 1.1 typing of plain scalars, as kubectl's reader (go-yaml v2) applies it, except that
     * timestamps stay strings there too.
     */
    private static final class Yaml11WithoutTimestamps extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    private static String id(JsonNode object) {
        JsonNode meta = object.path("metadata");
        String ns = meta.path("namespace").asText("");
        return object.path("kind").asText("<no kind>") + " " + (ns.isEmpty() ? "" : ns + "/")
                + meta.path("name").asText("<no name>");
    }

    /** The folder {@code property} names if it exists, else the first {@code shared/schemas} at or above {@code start}. */
    static Optional<Path> locate(String property, Path start) {
        if (property != null && !property.isBlank() && Files.isDirectory(Path.of(property))) {
            return Optional.of(Path.of(property).toAbsolutePath().normalize());
        }
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("schemas");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate.normalize());
            }
        }
        return Optional.empty();
    }

    private static String absentMessage() {
        return "schema folder absent: neither -D" + PROPERTY + "=" + System.getProperty(PROPERTY, "(unset)")
                + " nor a shared/schemas folder above " + Path.of("").toAbsolutePath()
                + " exists, so the schema conformance checks are skipped";
    }
}

package dev.keelson.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The upstream schemas of one folder for one Kubernetes version, parsed once and compiled on first
 * use: that version's OpenAPI v2 spec ({@code kubernetes/swagger-release-1.<minor>.json},
 * definitions found by {@code x-kubernetes-group-version-kind}) and every
 * CustomResourceDefinition in {@code crds/*.yaml}. Thread-safe. Internal to the harness.
 */
final class SchemaLibrary {

    static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private static final Map<String, SchemaLibrary> LOADED = new ConcurrentHashMap<>();
    private static final java.util.regex.Pattern SPEC = java.util.regex.Pattern.compile("swagger-release-1\\.(\\d+)\\.json");

    private final Path dir;
    private final Path spec;
    private final JsonNode definitions;
    private final Map<String, String> builtIn = new HashMap<>();
    private final Map<String, JsonNode> crdVersions = new HashMap<>();
    private final Map<String, Boolean> crdServed = new HashMap<>();
    private final Map<String, List<String>> crdVersionNames = new HashMap<>();
    private final Map<String, Boolean> namespaced = new HashMap<>();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final Schema.Resolver resolver = this::definition;

    private SchemaLibrary(Path dir, Path spec) throws IOException {
        this.dir = dir;
        this.spec = spec;
        ObjectMapper json = new ObjectMapper();
        ObjectNode defs = JsonNodeFactory.instance.objectNode();
        JsonNode openApi = json.readTree(spec.toFile());
        JsonNode d = openApi.path("definitions");
        defs.setAll((ObjectNode) d);
        for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> def = it.next();
            for (JsonNode gvk : def.getValue().path("x-kubernetes-group-version-kind")) {
                String key = key(gvk.path("group").asText(), gvk.path("version").asText(), gvk.path("kind").asText());
                // a kind shared by many groups (DeleteOptions, WatchEvent) keeps its first definition
                builtIn.putIfAbsent(key, def.getKey());
            }
        }
        this.definitions = defs;
        for (Iterator<Map.Entry<String, JsonNode>> it = openApi.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            JsonNode gvk = path.getValue().path("post").path("x-kubernetes-group-version-kind");
            // collections only: /namespaces/{namespace}/<kind>s is namespaced; subresources name an object
            if (gvk.isObject() && !path.getKey().contains("{name}")) {
                namespaced.putIfAbsent(key(gvk.path("group").asText(), gvk.path("version").asText(), gvk.path("kind").asText()),
                        path.getKey().contains("/namespaces/{namespace}/"));
            }
        }
        YAMLMapper yaml = new YAMLMapper();
        List<Path> crdFiles = new ArrayList<>(files(dir.resolve("crds"), ".yaml"));
        crdFiles.addAll(files(dir.resolve("crds"), ".yml"));
        for (Path file : crdFiles) {
            try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
                while (docs.hasNext()) {
                    JsonNode crd = docs.next();
                    if (crd == null || !"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                        continue;
                    }
                    String group = crd.path("spec").path("group").asText();
                    String kind = crd.path("spec").path("names").path("kind").asText();
                    for (JsonNode version : crd.path("spec").path("versions")) {
                        String v = version.path("name").asText();
                        String key = key(group, v, kind);
                        crdVersions.put(key, version.path("schema").path("openAPIV3Schema"));
                        crdServed.put(key, version.path("served").asBoolean(false));
                        namespaced.put(key, "Namespaced".equals(crd.path("spec").path("scope").asText()));
                        crdVersionNames.computeIfAbsent(group + "/" + kind, k -> new ArrayList<>()).add(v);
                    }
                }
            }
        }
    }

    /** The library of {@code dir} for the newest Kubernetes version it has a spec of, loaded once per JVM. */
    static SchemaLibrary of(Path dir) {
        List<String> versions = kubernetesVersions(dir);
        if (versions.isEmpty()) {
            throw new IllegalStateException("no Kubernetes OpenAPI spec (kubernetes/swagger-release-1.<minor>.json) in " + dir);
        }
        return of(dir, versions.get(versions.size() - 1));
    }

    /**
     * The library of {@code dir} for Kubernetes {@code version} ({@code "1.28"}), loaded once per JVM.
     *
     * @throws IllegalArgumentException when {@code dir} has no spec of that version, naming those it has
     */
    static SchemaLibrary of(Path dir, String version) {
        Path d = dir.toAbsolutePath().normalize();
        Path spec = d.resolve("kubernetes").resolve("swagger-release-" + version + ".json");
        if (!Files.isRegularFile(spec)) {
            throw new IllegalArgumentException("no OpenAPI spec of Kubernetes " + version + " in " + d.resolve("kubernetes")
                    + "; it has " + kubernetesVersions(d));
        }
        return LOADED.computeIfAbsent(d + "@" + version, k -> {
            try {
                return new SchemaLibrary(d, spec);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the schemas in " + d + ": " + e.getMessage(), e);
            }
        });
    }

    /** The Kubernetes versions ({@code "1.28"}, ...) {@code dir} has a spec of, oldest first. */
    static List<String> kubernetesVersions(Path dir) {
        List<Integer> minors = new ArrayList<>();
        try {
            for (Path file : files(dir.resolve("kubernetes"), ".json")) {
                java.util.regex.Matcher m = SPEC.matcher(file.getFileName().toString());
                if (m.matches()) {
                    minors.add(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Kubernetes specs in " + dir + ": " + e.getMessage(), e);
        }
        minors.sort(null);
        return minors.stream().map(m -> "1." + m).toList();
    }

    Path directory() {
        return dir;
    }

    /** Which Kubernetes spec, and how many built-in kinds and CRD versions this library knows. */
    String summary() {
        return spec.getFileName() + ", " + builtIn.size() + " built-in kinds, " + crdVersions.size() + " CRD versions";
    }

    /**
     * The schema of objects of {@code apiVersion} and {@code kind}.
     *
     * @throws IllegalArgumentException naming why there is none (unknown kind, unserved version)
     */
    Schema forObject(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        String key = key(group, version, kind);
        String definition = builtIn.get(key);
        if (definition != null) {
            return definition(definition);
        }
        if (crdVersions.containsKey(key)) {
            if (!crdServed.get(key)) {
                throw new IllegalArgumentException("version " + version + " of " + kind + " is not served by its CRD"
                        + " (versions: " + crdVersionNames.get(group + "/" + kind) + ")");
            }
            return compiled.computeIfAbsent("crd:" + key, k -> crd(key, crdVersions.get(key)));
        }
        List<String> versions = crdVersionNames.get(group + "/" + kind);
        if (versions != null) {
            throw new IllegalArgumentException("the CRD of " + kind + " in group " + group + " has no version "
                    + version + " (it has " + versions + ")");
        }
        throw new IllegalArgumentException("no schema for apiVersion " + apiVersion + ", kind " + kind
                + " in " + dir + " (neither a Kubernetes " + "kind nor a CRD there)");
    }

    /**
     * Compiles every definition and every CRD version now (otherwise each is compiled on first
     * use), so a keyword the harness does not implement shows up at once.
     *
     * @return how many schemas were compiled
     */
    int compileAll() {
        int count = 0;
        for (Iterator<String> it = definitions.fieldNames(); it.hasNext(); ) {
            definition(it.next());
            count++;
        }
        for (Map.Entry<String, JsonNode> v : crdVersions.entrySet()) {
            compiled.computeIfAbsent("crd:" + v.getKey(), k -> crd(v.getKey(), v.getValue()));
            count++;
        }
        return count;
    }

    /** Whether objects of this kind live in a namespace; {@code null} when the schemas do not say. */
    Boolean namespaced(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        return namespaced.get(key(slash < 0 ? "" : apiVersion.substring(0, slash),
                slash < 0 ? apiVersion : apiVersion.substring(slash + 1), kind));
    }

    /** A compiled definition of the Kubernetes spec. */
    Schema definition(String name) {
        Schema cached = compiled.get(name);
        if (cached != null) {
            return cached;
        }
        JsonNode node = definitions.get(name);
        if (node == null) {
            throw new IllegalStateException("no definition " + name + " in the Kubernetes spec under " + dir);
        }
        // compiling never resolves references eagerly, so recursive definitions are fine
        Schema schema = Schema.compile(name, node, true, true, resolver);
        Schema raced = compiled.putIfAbsent(name, schema);
        return raced != null ? raced : schema;
    }

    private Schema crd(String key, JsonNode openApiV3Schema) {
        if (openApiV3Schema.isMissingNode()) {
            throw new IllegalStateException("the CRD version " + key + " has no openAPIV3Schema");
        }
        Schema root = Schema.compile(key, openApiV3Schema, true, false, resolver);
        // the API server validates a custom resource's metadata as ObjectMeta, whatever the CRD says
        root.property("metadata", definitions.has(OBJECT_META) ? Schema.reference(OBJECT_META, resolver)
                : Schema.compile(key, JsonNodeFactory.instance.objectNode().put("type", "object"), true, true, resolver));
        ObjectNode string = JsonNodeFactory.instance.objectNode().put("type", "string");
        root.propertyIfAbsent("apiVersion", Schema.compile(key, string, true, true, resolver));
        root.propertyIfAbsent("kind", Schema.compile(key, string, true, true, resolver));
        return root;
    }

    private static String key(String group, String version, String kind) {
        return group + "/" + version + "/" + kind;
    }

    private static List<Path> files(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        Map<String, Path> sorted = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(p -> p.getFileName().toString().endsWith(suffix)).forEach(p -> sorted.put(p.getFileName().toString(), p));
        }
        return new ArrayList<>(sorted.values());
    }
}

package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.conformance.SchemaConformance;
import dev.keelson.core.testkit.DocsSnippets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as shipped ({@code java -jar examples/target/nexus-v3.jar}), started as a
 * separate process: the commands that need no cluster, their exit codes and their output. A class
 * missing from the jar on any of these paths fails here, as it would for a user.
 */
@DisplayName("the runnable jar, without a cluster")
class JarCommandsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private JarProcess jar() {
        return JarProcess.in(tmp);
    }

    @Test
    @DisplayName("README's first command: synth writes dist/<env>/ in the working directory, byte for byte what the library writes")
    void synth() throws IOException {
        JarProcess.Result r = jar().run("synth").clean();

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.err()).as(r.describe()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).matches("nexus-v3: 3 environments written to dist in \\d+ ms");
        assertThat(lines.subList(1, 4)).allMatch(l -> l.matches("  (dev|staging|prod) +\\d+ objects +\\d+ files +[0-9.]+ KiB  .*"));
        assertThat(lines.get(4)).isEqualTo("  picture of the tiers and flows: graph --env prod --format html --output prod.html");

        Path library = tmp.resolve("library");
        Keelson.synth(NexusV3.platform()).writeTo(library);
        assertThat(tree(tmp.resolve("dist"))).isEqualTo(tree(library)).isNotEmpty();
        assertOnlyObjectStoreUnchecked(tmp.resolve("dist"));
    }

    /** Every written object conforms, but the Barman Cloud ObjectStore, whose CRD the shared schemas lack. */
    static void assertOnlyObjectStoreUnchecked(Path dist) throws IOException {
        List<String> violations = new ArrayList<>();
        for (String file : tree(dist).keySet()) {
            violations.addAll(SchemaConformance.validateYaml(Files.readString(dist.resolve(file))));
        }
        // and the admission policies: v1beta1 as the target needs, which the newest spec no longer serves
        assertThat(violations).isNotEmpty().allSatisfy(v -> assertThat(v).containsAnyOf(
                "no schema for apiVersion barmancloud.cnpg.io/v1, kind ObjectStore",
                "no schema for apiVersion admissionregistration.k8s.io/v1beta1"));
    }

    @Test
    @DisplayName("graph: each format from the jar, the HTML written whole to --output, and usage errors with exit code 2")
    void graph() throws IOException {
        JarProcess.Result html = jar().run("graph", "--env", "prod", "--format", "html", "--output", "prod.html").clean();
        assertThat(html.exitCode()).as(html.describe()).isZero();
        assertThat(html.out()).matches("nexus-v3: prod drawn as html to prod.html \\(4 tiers, \\d+ arrows, 0 blocked\\)\\R");
        String page = Files.readString(tmp.resolve("prod.html"));
        assertThat(page).startsWith("<!DOCTYPE html>").contains("data-label=\"web\"", "data-label=\"api\"", "data-label=\"worker\"");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").noneMatch(n -> n.endsWith(".tmp"));
        }
        for (String format : List.of("mermaid", "dot", "svg")) {
            JarProcess.Result r = jar().run("graph", "--env", "prod", "--format", format).clean();
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.out()).as(format).contains("web", "api", "worker");
        }
        JarProcess.Result noEnv = jar().run("graph").clean();
        assertThat(noEnv.exitCode()).isEqualTo(2);
        assertThat(noEnv.err()).isEqualTo("error: platform 'nexus-v3' has 3 environments [dev, staging, prod]; "
                + "name the one to draw with --env, e.g. --env prod\n");
        JarProcess.Result png = jar().run("graph", "--env", "prod", "--format", "png").clean();
        assertThat(png.exitCode()).isEqualTo(2);
        assertThat(png.err()).isEqualTo("error: --format must be one of mermaid, dot, svg, html, not 'png'\n");
        JarProcess.Result unknown = jar().run("graph", "--env", "qa").clean();
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("error: unknown environment 'qa' in platform 'nexus-v3'");
        JarProcess.Result dir = jar().run("graph", "--env", "prod", "--output", "missing/prod.html").clean();
        assertThat(dir.exitCode()).isEqualTo(1);
        assertThat(dir.err()).contains("directory").contains("does not exist; create it first");
    }

    @Test
    @DisplayName("synth --out DIR --env prod writes only prod there")
    void synthOneEnvironment() throws IOException {
        JarProcess.Result r = jar().run("synth", "--out", "out", "--env", "prod").clean();

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.out()).startsWith("nexus-v3: 1 environment written to out in ");
        try (Stream<Path> dirs = Files.list(tmp.resolve("out"))) {
            assertThat(dirs.map(p -> p.getFileName().toString())).containsExactly("prod");
        }
    }

    @Test
    @DisplayName("synth --format helm writes dist/helm/nexus-v3/, byte for byte what writeHelmChart writes")
    void synthHelm() throws IOException {
        JarProcess.Result r = jar().run("synth", "--format", "helm").clean();

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.err()).as(r.describe()).isEmpty();
        assertThat(r.out()).matches("nexus-v3: Helm chart dist/helm/nexus-v3 written for dev, staging, prod in \\d+ ms "
                + "\\(\\d+ files, [0-9.]+ KiB\\)\n");
        Keelson.synth(NexusV3.platform()).writeHelmChart(tmp.resolve("library"));
        assertThat(tree(tmp.resolve("dist/helm"))).isEqualTo(tree(tmp.resolve("library"))).containsKey("nexus-v3/Chart.yaml");
    }

    @Test
    @DisplayName("synth --format kustomize --out DIR writes DIR/<env>/kustomization.yaml, byte for byte what writeKustomize writes")
    void synthKustomize() throws IOException {
        JarProcess.Result r = jar().run("synth", "--format", "kustomize", "--out", "k").clean();

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.out()).startsWith("nexus-v3: kustomizations k/<environment> written for dev, staging, prod in ");
        Keelson.synth(NexusV3.platform()).writeKustomize(tmp.resolve("library"));
        assertThat(tree(tmp.resolve("k"))).isEqualTo(tree(tmp.resolve("library"))).containsKey("prod/kustomization.yaml");
    }

    @Test
    @DisplayName("synth --format argocd with the repository options writes what writeArgoCd writes")
    void synthArgoCd() throws IOException {
        JarProcess.Result r = jar().run("synth", "--format", "argocd", "--out", "argo", "--repo-url",
                "https://github.com/keelson-dev/keelson.git", "--repo-path", "examples/gitops/kustomize", "--revision", "main").clean();

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.out()).startsWith("nexus-v3: Argo CD AppProject and Applications argo written for dev, staging, prod in ");
        Keelson.synth(NexusV3.platform()).writeArgoCd(tmp.resolve("library"), NexusV3GitOpsTest.ARGO_CD);
        assertThat(tree(tmp.resolve("argo"))).isEqualTo(tree(tmp.resolve("library"))).containsKey("appproject.yaml");
    }

    @Test
    @DisplayName("synth's format errors are usage errors (exit 2) that say the fix, and write nothing")
    void synthFormatErrors() {
        JarProcess.Result missing = jar().run("synth", "--format", "argocd").clean();
        assertThat(missing.exitCode()).as(missing.describe()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("error: --format argocd needs --repo-url and --repo-path: where Argo CD reads the "
                + "output of synth --format kustomize. Fix: e.g. --repo-url https://github.com/acme/shop-deploy.git "
                + "--repo-path gitops/kustomize\n");

        JarProcess.Result unknown = jar().run("synth", "--format", "helmfile").clean();
        assertThat(unknown.exitCode()).as(unknown.describe()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("error: --format must be one of yaml, helm, kustomize, argocd, not 'helmfile'\n");

        JarProcess.Result stray = jar().run("synth", "--format", "helm", "--repo-url", "https://example.com/x.git").clean();
        assertThat(stray.exitCode()).as(stray.describe()).isEqualTo(2);
        assertThat(stray.err()).startsWith("error: --repo-url, --repo-path, --revision, --argocd-namespace and --server are "
                + "options of --format argocd.");

        JarProcess.Result badUrl = jar().run("synth", "--format", "argocd", "--repo-url", "github.com/x", "--repo-path", "k").clean();
        assertThat(badUrl.exitCode()).as(badUrl.describe()).isEqualTo(1);
        assertThat(badUrl.err()).startsWith("error: ArgoCd: repoURL 'github.com/x' is not a repository URL Argo CD can read.");
        assertThat(tmp.resolve("dist")).doesNotExist();
    }

    @Test
    @DisplayName("check passes the reference platform with exit 0, as a table and as JSON")
    void check() throws IOException {
        JarProcess.Result table = jar().run("check").clean();
        assertThat(table.exitCode()).as(table.describe()).isZero();
        int objects = Keelson.synth(NexusV3.platform()).manifests().stream().mapToInt(Manifest::size).sum();
        // the only findings: the waived SEC-NET-004 of the PostgreSQL policy, whose pods CloudNativePG creates
        assertThat(table.out()).endsWith("nexus-v3: passed (0 errors, 3 warnings, " + objects + " objects checked)\n");
        assertThat(table.out().lines().filter(l -> l.startsWith("warning ")))
                .hasSize(3).allMatch(l -> l.contains("SEC-NET-004") && l.contains("NetworkPolicy/nexus-postgresql"));
        assertThat(table.out()).contains("(waived: selects the pods CloudNativePG's operator creates");

        JarProcess.Result json = jar().run("check", "--format", "json").clean();
        assertThat(json.exitCode()).as(json.describe()).isZero();
        JsonNode root = JSON.readTree(json.out());
        assertThat(root.path("platform").asText()).isEqualTo("nexus-v3");
        assertThat(root.path("passed").asBoolean()).isTrue();
        assertThat(root.path("objects").asInt()).isEqualTo(objects);
        assertThat(root.path("findings")).hasSize(3)
                .allMatch(f -> f.toString().contains("SEC-NET-004") && f.toString().contains("waived"));
    }

    @Test
    @DisplayName("print --env prod writes exactly the prod manifest's YAML documents to stdout")
    void print() throws IOException {
        JarProcess.Result r = jar().run("print", "--env", "prod").clean();

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.err()).isEmpty();
        Manifest prod = Keelson.synth(NexusV3.platform()).manifest("prod");
        List<JsonNode> documents = documents(r.out());
        assertThat(documents).hasSize(prod.size());
        assertThat(documents).allSatisfy(d -> assertThat(d.path("metadata").path("name").asText()).isNotEmpty());
        assertThat(r.out()).isEqualTo("# environment prod\n" + prod.toYaml());
    }

    @Test
    @DisplayName("--version and -V print the version; --help lists every command")
    void versionAndHelp() {
        for (String flag : List.of("--version", "-V")) {
            JarProcess.Result r = jar().run(flag).clean();
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.out()).startsWith("keelson " + JarProcess.version() + " (Java ");
        }
        JarProcess.Result help = jar().run("--help").clean();
        assertThat(help.exitCode()).as(help.describe()).isZero();
        assertThat(help.out()).contains("Usage: nexus-v3", "synth", "print", "check", "diff", "apply", "destroy");
    }

    @Test
    @DisplayName("a mistyped command or option gets the closest suggestion, exit code 2 and no stack trace")
    void suggestions() {
        JarProcess.Result command = jar().run("synht").clean();
        assertThat(command.exitCode()).as(command.describe()).isEqualTo(2);
        assertThat(command.err()).contains("Unmatched argument at index 0: 'synht'", "Did you mean: nexus-v3 synth?");
        assertThat(command.out()).isEmpty();

        JarProcess.Result option = jar().run("check", "--fromat", "json").clean();
        assertThat(option.exitCode()).as(option.describe()).isEqualTo(2);
        assertThat(option.err()).contains("--fromat", "--format");
    }

    @Test
    @DisplayName("a platform whose build() fails: the same clean list as check, exit 1, nothing written")
    void invalidPlatform() {
        Path classes = Path.of("target", "test-classes").toAbsolutePath();
        JarProcess.Result r = jar().main("dev.keelson.examples.BrokenPlatform", classes).run("synth").clean();

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        assertThat(r.err()).as(r.describe())
                .startsWith("SEVERITY RULE         WHERE / PROBLEM / FIX\n")
                .contains("KEE-TIER-003 broken/tiers/web/image", "KEE-TIER-002 broken/tiers/Api_1", "fix: ")
                .endsWith("broken: FAILED, the platform is invalid (" + errorsIn(r.err()) + " errors, 0 warnings)\n");
        assertThat(r.out()).isEmpty();
        assertThat(tmp.resolve("dist")).doesNotExist();

        JarProcess.Result check = jar().main("dev.keelson.examples.BrokenPlatform", classes).run("check").clean();
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).isEqualTo(r.err());
    }

    @Test
    @DisplayName("the same problems as one JSON document under --format json")
    void invalidPlatformAsJson() throws IOException {
        Path classes = Path.of("target", "test-classes").toAbsolutePath();
        JarProcess.Result r = jar().main("dev.keelson.examples.BrokenPlatform", classes).run("check", "--format", "json").clean();

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.path("platform").asText()).isEqualTo("broken");
        assertThat(root.path("passed").asBoolean(true)).isFalse();
        assertThat(root.path("findings").size()).isGreaterThanOrEqualTo(2);
        for (JsonNode finding : root.path("findings")) {
            assertThat(((ObjectNode) finding).fieldNames()).toIterable()
                    .containsExactly("severity", "rule", "path", "message", "fix");
            assertThat(finding.path("path").asText()).startsWith("broken/tiers/");
            assertThat(finding.path("rule").asText()).matches("KEE-[A-Z]+-[0-9]{3}");
        }
    }

    @Test
    @DisplayName("README's JShell line runs against the shipped jar")
    void jshell() throws IOException {
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        Path script = DocsSnippets.root().resolve("examples/jshell/nexus.jsh");
        Path out = tmp.resolve("jshell.txt");
        List<String> command = new ArrayList<>(List.of(jshell.toString()));
        // the fast JIT and GC options of the other runs, for jshell's own JVM (-J) and the one running the snippets (-R)
        for (String option : JarProcess.FAST) {
            command.add("-J" + option);
            command.add("-R" + option);
        }
        command.addAll(List.of("--class-path", JarProcess.jar().toString(), script.toString()));
        Process p = new ProcessBuilder(command)
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        p.getOutputStream().close();
        try {
            assertThat(p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).as("jshell finished").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String output = Files.readString(out);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("objects in nexus-v3-prod", "kind: Deployment", "name: api", "runAsNonRoot: true")
                .doesNotContain("Error:", "Exception", "SLF4J");
        assertThat(Files.readString(DocsSnippets.root().resolve("README.md")))
                .contains("jshell --class-path examples/target/nexus-v3.jar examples/jshell/nexus.jsh");
    }

    private static long errorsIn(String table) {
        return table.lines().filter(l -> l.startsWith("error ")).count();
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        YAMLFactory factory = new YAMLFactory();
        try (YAMLParser parser = factory.createParser(yaml)) {
            ObjectMapper mapper = new ObjectMapper(factory);
            mapper.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && !d.isMissingNode() && !d.isNull()) {
                    docs.add(d);
                }
            });
        }
        return docs;
    }

    /** Every file under {@code dir}, relative path to content. */
    static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }
}

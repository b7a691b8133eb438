package dev.keelson.core.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.KindOrder;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Synth;
import dev.keelson.core.snapshots.SnapshotPlatforms;
import dev.keelson.core.snapshots.Trees;
import dev.keelson.core.testkit.Binaries;
import dev.keelson.core.testkit.YamlObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("synth --format kustomize: a kustomization per environment that the real kubectl kustomize accepts")
class KustomizeTest {

    private static final Options YAML = new Options().withReporter(QuietReporter.INSTANCE).forFile().withExtension(".yaml");
    private static final String WAVE = "argocd.argoproj.io/sync-wave";

    static Stream<Arguments> platforms() {
        return Stream.of(Arguments.of("threeTiers", SnapshotPlatforms.threeTiers()),
                Arguments.of("escapeHatches", SnapshotPlatforms.escapeHatches()),
                Arguments.of("braces", GitOpsPlatforms.braces()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platforms")
    @DisplayName("kubectl kustomize <env> gives, object by object, the objects synth gives for <env>")
    void kustomizeEqualsSynth(String name, Platform platform, @TempDir Path dir) {
        Synth synth = Keelson.synth(platform);
        synth.writeKustomize(dir.resolve("kustomize"));
        for (Environment env : platform.environments()) {
            String rendered = Binaries.run(Binaries.kubectl(), dir, "kustomize", dir.resolve("kustomize").resolve(env.name()).toString());
            YamlObjects.assertSameObjects(rendered, synth.manifest(env.name()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platforms")
    @DisplayName("with the sync-wave Component added (as Argo CD adds it), each object also carries the wave of its kind's rank in KindOrder, and nothing else changes")
    void syncWaves(String name, Platform platform, @TempDir Path dir) throws IOException {
        Synth synth = Keelson.synth(platform);
        synth.writeKustomize(dir.resolve("kustomize"));
        for (Environment env : platform.environments()) {
            Path kustomization = dir.resolve("kustomize").resolve(env.name()).resolve("kustomization.yaml");
            Files.writeString(kustomization, Files.readString(kustomization) + "components:\n- ../components/argocd-sync-waves\n");
            String rendered = Binaries.run(Binaries.kubectl(), dir, "kustomize", kustomization.getParent().toString());
            Map<String, JsonNode> objects = YamlObjects.parse(rendered);
            Manifest manifest = synth.manifest(env.name());
            Map<String, JsonNode> withoutWaves = new LinkedHashMap<>();
            for (HasMetadata o : manifest.objects()) {
                String id = o.getApiVersion() + " " + o.getKind() + " " + (o.getMetadata().getNamespace() == null ? ""
                        : o.getMetadata().getNamespace()) + "/" + o.getMetadata().getName();
                assertThat(objects.get(id).path("metadata").path("annotations").path(WAVE).textValue()).as(id)
                        .isEqualTo(String.valueOf(KindOrder.rank(o)));
                withoutWaves.put(id, YamlObjects.withoutAnnotation(objects.get(id), WAVE));
            }
            YamlObjects.assertSameObjects(withoutWaves, YamlObjects.of(manifest), env.name());
        }
    }

    @Test
    @DisplayName("kustomize edit's knobs work: images and replicas entries change the rendered objects")
    void knobs(@TempDir Path dir) throws IOException {
        Keelson.synth(SnapshotPlatforms.threeTiers()).writeKustomize(dir.resolve("kustomize"));
        Path kustomization = dir.resolve("kustomize/prod/kustomization.yaml");
        String text = Files.readString(kustomization);
        assertThat(text).contains("- name: ghcr.io/acme/shop-web\n  newTag: \"1.4.2\"").contains("- name: web\n  count: 3");
        Files.writeString(kustomization, text.replace("newTag: \"1.4.2\"", "newTag: \"1.4.3\"").replace("count: 3", "count: 5"));
        var objects = YamlObjects.parse(Binaries.run(Binaries.kubectl(), dir, "kustomize", kustomization.getParent().toString()));
        var web = objects.get("apps/v1 Deployment shop-prod/web");
        assertThat(web.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("ghcr.io/acme/shop-web:1.4.3");
        assertThat(web.at("/spec/replicas").intValue()).isEqualTo(5);
    }

    @Test
    @DisplayName("snapshot: the kustomizations and the sync-wave Component of the three-tier platform")
    void snapshot(@TempDir Path dir) {
        Keelson.synth(SnapshotPlatforms.threeTiers()).writeKustomize(dir);
        StringBuilder kustomize = new StringBuilder();
        for (String file : Trees.files(dir)) {
            if (file.endsWith("kustomization.yaml") || file.startsWith("components/")) {
                try {
                    kustomize.append("# ===== ").append(file).append(" =====\n").append(Files.readString(dir.resolve(file)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        kustomize.append("# ===== files =====\n");
        Trees.files(dir).forEach(f -> kustomize.append("# ").append(f).append('\n'));
        Approvals.verify(kustomize.toString(), YAML);
    }

    @Test
    @DisplayName("each environment's resource files are byte for byte synth's files")
    void sameFilesAsSynth(@TempDir Path dir) throws IOException {
        Synth synth = Keelson.synth(SnapshotPlatforms.threeTiers());
        synth.writeTo(dir.resolve("dist"));
        synth.writeKustomize(dir.resolve("kustomize"));
        for (String file : Trees.files(dir.resolve("dist"))) {
            assertThat(Files.readString(dir.resolve("kustomize").resolve(file))).as(file)
                    .isEqualTo(Files.readString(dir.resolve("dist").resolve(file)));
        }
    }
}

package dev.keelson.core.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.ArgoCd;
import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Synth;
import dev.keelson.core.ValidationException;
import dev.keelson.core.snapshots.SnapshotPlatforms;
import dev.keelson.core.snapshots.Trees;
import dev.keelson.core.testkit.Binaries;
import dev.keelson.core.testkit.YamlObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

@DisplayName("synth --format helm: a chart that the real Helm renders into exactly synth's objects")
class HelmChartTest {

    private static final Options YAML = new Options().withReporter(QuietReporter.INSTANCE).forFile().withExtension(".yaml");

    static Stream<Arguments> platforms() {
        return Stream.of(Arguments.of("threeTiers", SnapshotPlatforms.threeTiers()),
                Arguments.of("escapeHatches", SnapshotPlatforms.escapeHatches()),
                Arguments.of("oneTier", SnapshotPlatforms.oneTier()),
                Arguments.of("braces", GitOpsPlatforms.braces()),
                Arguments.of("variableNames", GitOpsPlatforms.variableNames()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platforms")
    @DisplayName("helm template -f values-<env>.yaml gives, object by object, the objects synth gives for <env>; helm lint passes")
    void helmTemplateEqualsSynth(String name, Platform platform, @TempDir Path dir) {
        Synth synth = Keelson.synth(platform);
        Synth.Output written = synth.writeHelmChart(dir.resolve("helm"));
        Path chart = dir.resolve("helm").resolve(platform.name());
        assertThat(written.environments()).containsExactlyElementsOf(platform.environments().stream().map(Environment::name).toList());
        Path helm = Binaries.helm();
        for (Environment env : platform.environments()) {
            String rendered = Binaries.run(helm, dir, "template", platform.name(), chart.toString(),
                    "-f", chart.resolve("values-" + env.name() + ".yaml").toString());
            YamlObjects.assertSameObjects(rendered, synth.manifest(env.name()));
            Binaries.run(helm, dir, "lint", "--strict", chart.toString(), "-f", chart.resolve("values-" + env.name() + ".yaml").toString());
        }
        Binaries.run(helm, dir, "lint", "--strict", chart.toString());
    }

    @Test
    @DisplayName("changing a value in values-<env>.yaml changes exactly that field of the rendered objects")
    void valuesChangeTheObjects(@TempDir Path dir) throws IOException {
        Platform platform = SnapshotPlatforms.threeTiers();
        Keelson.synth(platform).writeHelmChart(dir.resolve("helm"));
        Path chart = dir.resolve("helm/shop");
        Path override = dir.resolve("override.yaml");
        Files.writeString(override, """
                tiers:
                  web:
                    image:
                      tag: "1.5.1"
                    hosts: [shop.internal.example.com]
                  api:
                    replicas: 7
                    resources:
                      requests:
                        cpu: "1"
                """);
        String rendered = Binaries.run(Binaries.helm(), dir, "template", "shop", chart.toString(),
                "-f", chart.resolve("values-prod.yaml").toString(), "-f", override.toString());
        var objects = YamlObjects.parse(rendered);
        var web = objects.get("apps/v1 Deployment shop-prod/web");
        assertThat(web.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("ghcr.io/acme/shop-web:1.5.1");
        var api = objects.get("apps/v1 Deployment shop-prod/api");
        assertThat(api.at("/spec/replicas").intValue()).isEqualTo(7);
        assertThat(api.at("/spec/template/spec/containers/0/resources/requests/cpu").textValue()).isEqualTo("1");
        var ingress = objects.get("networking.k8s.io/v1 Ingress shop-prod/web");
        assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo("shop.internal.example.com");
        assertThat(ingress.at("/spec/tls/0/hosts/0").asText()).isEqualTo("shop.internal.example.com");
    }

    @Test
    @DisplayName("an environment the platform does not have fails helm template with the fix")
    void unknownEnvironment(@TempDir Path dir) {
        Keelson.synth(SnapshotPlatforms.threeTiers()).writeHelmChart(dir.resolve("helm"));
        var result = Binaries.exec(Binaries.helm(), dir, "template", "shop", dir.resolve("helm/shop").toString(),
                "--set", "environment=qa");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("environment 'qa' is not one of platform shop's environments (dev, staging, prod). "
                + "Fix: helm template -f values-<environment>.yaml");
    }

    @Test
    @DisplayName("snapshot: the chart of the three-tier platform, file by file")
    void snapshot(@TempDir Path dir) {
        Keelson.synth(SnapshotPlatforms.threeTiers()).writeHelmChart(dir);
        Approvals.verify(Trees.render(dir), YAML);
    }

    @Test
    @DisplayName("snapshot: braces in the platform's strings are escaped for Go templates")
    void bracesSnapshot(@TempDir Path dir) {
        Keelson.synth(GitOpsPlatforms.braces()).writeHelmChart(dir);
        Approvals.verify(Trees.render(dir), YAML);
    }

    @Test
    @DisplayName("a platform that fails synthesis writes nothing: every format leaves the directory as it was")
    void failedSynthesisWritesNothing(@TempDir Path dir) throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("mine.txt"), "kept");
        Synth synth = Keelson.synth(GitOpsPlatforms.failsSynthesis());
        ArgoCd argo = ArgoCd.source("https://github.com/acme/broken.git", "kustomize");
        for (Runnable write : List.<Runnable>of(() -> synth.writeHelmChart(out), () -> synth.writeKustomize(out),
                () -> synth.writeArgoCd(out, argo))) {
            assertThatThrownBy(write::run).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("no-such-tier");
            assertThat(Trees.files(dir)).containsExactly("out/mine.txt");
        }
    }

    @Test
    @DisplayName("an output directory that cannot be replaced is refused before anything is written")
    void badDirectory(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> Keelson.synth(SnapshotPlatforms.oneTier()).writeHelmChart(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a file. Fix: remove it or name another directory");
        assertThat(Files.readString(file)).isEqualTo("x");
    }
}

package dev.keelson.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.AnyInputPropertyTest.Generators;
import dev.keelson.core.AnyInputPropertyTest.Input;
import dev.keelson.core.AnyInputPropertyTest.Step;
import dev.keelson.core.testkit.Binaries;
import dev.keelson.core.testkit.Gen;
import dev.keelson.core.testkit.Seeded;
import dev.keelson.core.testkit.YamlObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart and the kustomizations of generated platforms (the well-formed generator of
 * {@link AnyInputPropertyTest}: tiers, ports, images by tag or digest, overrides of replicas,
 * resources, image tags and hosts, exposures, customizations, raw objects), rendered by the real Helm
 * and kubectl: for every environment, exactly synth's objects.
 */
@DisplayName("Any generated platform that synthesizes: helm template and kubectl kustomize give synth's objects in every environment")
class GitOpsPropertyTest {

    @Test
    @DisplayName("generated platforms: the chart and the kustomizations render synth's objects")
    void generatedPlatforms() {
        Generators gen = new Generators(false);
        Gen<String> names = gen.platformNames();
        Gen<List<Step<Platform.Builder>>> platforms = gen.platform();
        Path helm = Binaries.helm();
        Path kubectl = Binaries.kubectl();
        Map<String, Integer> outcomes = new TreeMap<>();
        Seeded.forAll(12, r -> new Input(names.next(r), platforms.next(r)), input -> {
            Platform.Builder builder = Platform.named(input.name());
            input.steps().forEach(s -> s.apply().accept(builder));
            Synth synth;
            try {
                synth = Keelson.synth(builder.build());
                synth.manifests();
            } catch (ValidationException e) {
                outcomes.merge("invalid", 1, Integer::sum);
                return;
            }
            Path dir;
            try {
                dir = Files.createTempDirectory("keelson-gitops-property-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                render(synth, dir, helm, kubectl);
            } finally {
                delete(dir);
            }
            outcomes.merge("rendered", 1, Integer::sum);
        });
        assertThat(outcomes.getOrDefault("rendered", 0)).as("platforms rendered of %s (keelson.seed=%d)", outcomes,
                Seeded.baseSeed()).isGreaterThanOrEqualTo(4);
    }

    private static void render(Synth synth, Path dir, Path helm, Path kubectl) {
        String name = synth.platform().name();
        synth.writeHelmChart(dir.resolve("helm"));
        synth.writeKustomize(dir.resolve("kustomize"));
        Path chart = dir.resolve("helm").resolve(name);
        for (Environment env : synth.environments()) {
            Manifest manifest = synth.manifest(env.name());
            YamlObjects.assertSameObjects(Binaries.run(helm, dir, "template", name, chart.toString(),
                    "-f", chart.resolve("values-" + env.name() + ".yaml").toString()), manifest);
            YamlObjects.assertSameObjects(Binaries.run(kubectl, dir, "kustomize",
                    dir.resolve("kustomize").resolve(env.name()).toString()), manifest);
        }
        Binaries.run(helm, dir, "lint", "--strict", chart.toString());
    }

    private static void delete(Path dir) {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

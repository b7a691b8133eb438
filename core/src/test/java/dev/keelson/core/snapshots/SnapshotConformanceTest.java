package dev.keelson.core.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.conformance.SchemaConformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object of every snapshot passes the upstream schemas: as fabric8 objects, as written to
 * disk, and as approved (so an approved snapshot can never hold an object the API server would
 * refuse). Skipped, with a message, when the schema folder is absent.
 */
@DisplayName("Every snapshot conforms to the upstream schemas")
class SnapshotConformanceTest {

    private static final Path HERE = Path.of("src/test/java/dev/keelson/core/snapshots");

    @BeforeEach
    void schemas() {
        SchemaConformance.assumeSchemasPresent();
    }

    static List<Map.Entry<String, Platform>> scenarios() {
        return SnapshotPlatforms.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @DisplayName("every object of every environment, as Keelson serializes it")
    void manifests(Map.Entry<String, Platform> scenario) {
        List<Manifest> manifests = Keelson.synth(scenario.getValue()).manifests();
        assertThat(manifests).isNotEmpty();
        for (Manifest m : manifests) {
            assertThat(m.objects()).isNotEmpty();
            SchemaConformance.assertConforms(m);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @DisplayName("every document of the written dist/ tree, as a YAML parser reads it")
    void written(Map.Entry<String, Platform> scenario, @TempDir Path dist) {
        Keelson.synth(scenario.getValue()).writeTo(dist);
        int objects = Keelson.synth(scenario.getValue()).manifests().stream().mapToInt(Manifest::size).sum();

        assertThat(SchemaConformance.assertTreeConforms(dist)).isEqualTo(objects);
    }

    @Test
    @DisplayName("every document of every approved snapshot file")
    void approved() throws IOException {
        List<Path> approved;
        try (Stream<Path> files = Files.list(HERE)) {
            approved = files.filter(p -> p.getFileName().toString().endsWith(".approved.yaml")).sorted().toList();
        }
        assertThat(approved).extracting(p -> p.getFileName().toString()).containsExactly(
                "SnapshotTest.escapeHatches.approved.yaml", "SnapshotTest.oneTier.approved.yaml",
                "SnapshotTest.threeTiers.approved.yaml", "SnapshotTest.workloadKinds.approved.yaml");
        for (Path file : approved) {
            String yaml = Files.readString(file);
            assertThat(SchemaConformance.validateYaml(yaml)).as(file.toString()).isEmpty();
            assertThat(yaml).contains("kind: Deployment");
        }
    }
}

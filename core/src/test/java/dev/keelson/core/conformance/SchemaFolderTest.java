package dev.keelson.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the harness finds the schemas; runs whether or not they are present. */
@DisplayName("The schema folder")
class SchemaFolderTest {

    @Test
    @DisplayName("is the one the system property names when it exists")
    void property(@TempDir Path dir) {
        assertThat(SchemaConformance.locate(dir.toString(), Path.of("/"))).contains(dir.toAbsolutePath().normalize());
    }

    @Test
    @DisplayName("is found by walking up to a shared/schemas folder")
    void walkUp(@TempDir Path dir) throws Exception {
        Path schemas = Files.createDirectories(dir.resolve("shared/schemas"));
        Path deep = Files.createDirectories(dir.resolve("wt/branch/core"));

        assertThat(SchemaConformance.locate(dir.resolve("missing").toString(), deep)).contains(schemas);
    }

    @Test
    @DisplayName("is absent when neither exists (the tests using it are then skipped)")
    void absent(@TempDir Path dir) {
        assertThat(SchemaConformance.locate(null, dir)).isEmpty();
    }
}

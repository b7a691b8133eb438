package dev.keelson.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

@DisplayName("Binaries: the real Helm and kubectl are found, and a missing one fails the test naming .ci/install-tools")
class BinariesTest {

    @Test
    @DisplayName("a binary that is nowhere fails (never skips) with the fix")
    void missingBinaryFails() {
        assertThatThrownBy(() -> Binaries.find("keelson-no-such-tool"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("this test runs the real keelson-no-such-tool, which is not in ")
                .hasMessageContaining(".tools/bin/keelson-no-such-tool nor the PATH")
                .hasMessageEndingWith("Fix: run .ci/install-tools (it puts Helm 3.17 and kubectl 1.31 in .tools/bin/), "
                        + "or set -Dkeelson.keelson-no-such-tool=/path/to/keelson-no-such-tool");
    }

    @Test
    @DisplayName("a configured path that is not an executable fails with the property's name")
    void badConfiguredPath() {
        System.setProperty("keelson.keelson-bad-tool", "/nonexistent/keelson-bad-tool");
        try {
            assertThatThrownBy(() -> Binaries.find("keelson-bad-tool"))
                    .isInstanceOf(AssertionFailedError.class)
                    .hasMessageStartingWith("keelson-bad-tool is configured as /nonexistent/keelson-bad-tool (-Dkeelson.keelson-bad-tool");
        } finally {
            System.clearProperty("keelson.keelson-bad-tool");
        }
    }

    @Test
    @DisplayName("the installed Helm and kubectl are the versions .ci/install-tools installs")
    void installedVersions(@TempDir Path dir) {
        assertThat(Binaries.run(Binaries.helm(), dir, "version", "--short")).startsWith("v3.17.");
        assertThat(Binaries.run(Binaries.kubectl(), dir, "version", "--client")).contains("Client Version: v1.31.");
    }
}

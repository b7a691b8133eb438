package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The documented JShell script runs non-interactively and prints the API's Deployment. */
class JShellScriptTest {

    @Test
    @DisplayName("examples/jshell/nexus.jsh builds the reference platform and prints one object's YAML")
    void scriptRuns() throws IOException, InterruptedException {
        Path root = DocsSnippetsTest.root();
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        assertThat(jshell).as("jshell of the running JDK").exists();
        Process p = new ProcessBuilder(List.of(jshell.toString(), "--class-path", System.getProperty("java.class.path"),
                root.resolve("examples/jshell/nexus.jsh").toString()))
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        boolean done = p.waitFor(3, TimeUnit.MINUTES);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("jshell finished; output:\n" + output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("objects in nexus-v3-prod")
                .contains("kind: Deployment")
                .contains("name: api")
                .contains("runAsNonRoot: true")
                .doesNotContain("Error:")
                .doesNotContain("Exception");
        assertThat(Files.readString(root.resolve("README.md"))).contains("jshell --class-path examples/target/nexus-v3.jar examples/jshell/nexus.jsh");
    }
}

package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The example Dockerfile agrees with the pods the reference platform runs. Docker cannot run here,
 * so this reads the Dockerfile: the image is not built, scanned or started by any test.
 */
@DisplayName("examples/docker/Dockerfile fits the pods Keelson writes")
class DockerfileTest {

    private static final Path DOCKERFILE = Path.of("docker", "Dockerfile");

    private static List<String> instructions() throws Exception {
        return Files.readAllLines(DOCKERFILE).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("&&")).toList();
    }

    @Test
    @DisplayName("multi-stage: a Maven build stage, then distroless java17 nonroot as the last stage")
    void stages() throws Exception {
        List<String> from = instructions().stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).hasSize(2);
        assertThat(from.get(0)).startsWith("FROM maven:").endsWith(" AS build");
        assertThat(from.get(1)).isEqualTo("FROM gcr.io/distroless/java17-debian12:nonroot");
    }

    @Test
    @DisplayName("the final stage's numeric USER is the runAsUser and runAsGroup of every pod of the reference platform")
    void userMatchesPods() throws Exception {
        List<String> lines = instructions();
        int last = lines.stream().filter(l -> l.startsWith("FROM ")).map(lines::indexOf).reduce((a, b) -> b).orElseThrow();
        List<String> users = lines.subList(last, lines.size()).stream().filter(l -> l.startsWith("USER ")).toList();
        assertThat(users).hasSize(1);
        String[] ids = users.get(0).substring("USER ".length()).split(":");
        for (Manifest m : Keelson.synth(NexusV3.platform()).manifests()) {
            for (Deployment d : m.objects(Deployment.class)) {
                PodSecurityContext pod = d.getSpec().getTemplate().getSpec().getSecurityContext();
                assertThat(pod.getRunAsUser()).as(d.getMetadata().getName()).isEqualTo(Long.parseLong(ids[0]));
                assertThat(pod.getRunAsGroup()).as(d.getMetadata().getName()).isEqualTo(Long.parseLong(ids[1]));
                assertThat(pod.getRunAsNonRoot()).isTrue();
                assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext()
                        .getReadOnlyRootFilesystem()).isTrue();
                // the JVM's temporary directory is the emptyDir the pod mounts
                assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                        .anySatisfy(v -> assertThat(v.getMountPath()).isEqualTo("/tmp"));
            }
        }
        assertThat(String.join("\n", lines)).contains("-Djava.io.tmpdir=/tmp")
                .contains("COPY --from=build --chown=" + ids[0] + ":" + ids[1] + " ");
    }
}

package dev.keelson.core.output;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A failed synthesis leaves the previous output exactly as it was, and no temporary directories. */
@DisplayName("Writing is atomic")
class AtomicWriteTest {

    /** Reports an error in one environment only, during the check phase (after everything was built). */
    record FailsIn(String environment) implements PlatformExtension {
        @Override
        public void check(FeatureContext synthesis) {
            if (synthesis.environment().name().equals(environment)) {
                synthesis.error("TEST-001", ModelPath.root("shop").child("features", "fails-in"), "refused in " + environment, "do not use FailsIn");
            }
        }
    }

    private static Platform.Builder shop(String webTag) {
        return Platform.named("shop")
                .environments(Environment.dev(), Environment.staging(), Environment.prod())
                .tier(Tier.named("web").image("ghcr.io/acme/web:" + webTag).port(Port.http(8080)).exposedAt("shop.example.com"))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.0").port(Port.grpc(9090)));
    }

    @Test
    @DisplayName("an error in the last environment leaves a previously written dist/ unchanged, with no temp dirs")
    void failureKeepsPreviousOutput(@TempDir Path root) {
        Path dist = root.resolve("dist");
        Keelson.synth(shop("1.0.0").build()).writeTo(dist);
        Map<String, byte[]> before = Atomicity.contents(dist);
        assertThat(before).containsKeys("dev/", "staging/", "prod/", "dev/web.yaml", "prod/00-namespace.yaml");

        // a different image would change every environment's web.yaml if anything were written
        Platform failing = shop("2.0.0").with(new FailsIn("prod")).build();
        assertThatThrownBy(() -> Keelson.synth(failing).writeTo(dist))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).containsExactly(
                        Problem.error(ModelPath.root("shop").child("features", "fails-in"), "in prod: refused in prod", "do not use FailsIn").withRule("TEST-001")));

        Atomicity.assertUnchanged(before, dist);
        assertThat(Atomicity.children(dist)).containsExactly("dev", "prod", "staging");
        assertThat(Atomicity.children(root)).containsExactly("dist");
    }

    @Test
    @DisplayName("an error in the last environment writes nothing into an empty directory, and leaves no temp dirs")
    void failureOnFreshDirectory(@TempDir Path root) {
        Path dist = root.resolve("dist");
        Platform failing = shop("2.0.0").with(new FailsIn("prod")).build();

        assertThatThrownBy(() -> Keelson.synth(failing).writeTo(dist)).isInstanceOf(ValidationException.class);

        assertThat(Atomicity.contents(dist)).isEmpty();
        assertThat(Atomicity.children(root)).isSubsetOf("dist");
    }

    @Test
    @DisplayName("other environments' directories and unrelated files under dist/ are left alone by a partial write")
    void partialWriteKeepsOthers(@TempDir Path root) throws Exception {
        Path dist = root.resolve("dist");
        Keelson.synth(shop("1.0.0").build()).writeTo(dist);
        Files.writeString(dist.resolve("README.txt"), "mine");
        byte[] prodBefore = Files.readAllBytes(dist.resolve("prod/web.yaml"));

        Keelson.synth(shop("2.0.0").build()).environments("dev").writeTo(dist);

        assertThat(Files.readString(dist.resolve("dev/web.yaml"))).contains("ghcr.io/acme/web:2.0.0");
        assertThat(Files.readAllBytes(dist.resolve("prod/web.yaml"))).isEqualTo(prodBefore);
        assertThat(Atomicity.children(dist)).containsExactly("README.txt", "dev", "prod", "staging");
    }

    @Test
    @DisplayName("an unknown environment fails before anything is written, naming the known ones")
    void unknownEnvironment(@TempDir Path root) {
        Path dist = root.resolve("dist");
        var synth = Keelson.synth(shop("1.0.0").build());

        assertThatThrownBy(() -> synth.environments("qa").writeTo(dist))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown environment(s) [qa] in platform 'shop'; it has [dev, staging, prod]");
        assertThat(dist).doesNotExist();
        assertThat(Atomicity.children(root)).isEmpty();
    }

    @Test
    @DisplayName("the runner's synth --env with an unknown environment exits 1 and writes nothing")
    void unknownEnvironmentThroughRunner(@TempDir Path root) {
        Path dist = root.resolve("dist");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Keelson.runner(shop("1.0.0").build()).output(new PrintWriter(out), new PrintWriter(err))
                .execute("synth", "--out", dist.toString(), "--env", "qa");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("unknown environment(s) [qa]");
        assertThat(dist).doesNotExist();
    }
}

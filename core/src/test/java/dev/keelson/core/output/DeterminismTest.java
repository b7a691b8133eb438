package dev.keelson.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.snapshots.SnapshotPlatforms;
import dev.keelson.core.snapshots.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Same program, same bytes: the output contract of DESIGN.md. */
@DisplayName("Output is deterministic")
class DeterminismTest {

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("oneTier", (Supplier<Platform>) SnapshotPlatforms::oneTier),
                Arguments.of("threeTiers", (Supplier<Platform>) SnapshotPlatforms::threeTiers),
                Arguments.of("escapeHatches", (Supplier<Platform>) SnapshotPlatforms::escapeHatches));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @DisplayName("the same platform, built and synthesized twice, gives the same YAML for every environment")
    void sameYaml(String name, Supplier<Platform> platform) {
        List<Manifest> first = Keelson.synth(platform.get()).manifests();
        List<Manifest> second = Keelson.synth(platform.get()).manifests();

        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).environment()).isEqualTo(first.get(i).environment());
            assertThat(second.get(i).toYaml()).isEqualTo(first.get(i).toYaml());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @DisplayName("writeTo twice into two directories gives byte-identical trees")
    void identicalTrees(String name, Supplier<Platform> platform, @TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Keelson.synth(platform.get()).writeTo(a);
        Keelson.synth(platform.get()).writeTo(b);

        List<String> files = Trees.files(a);
        assertThat(files).isNotEmpty().isEqualTo(Trees.files(b));
        for (String f : files) {
            assertThat(Files.mismatch(a.resolve(f), b.resolve(f))).as(f).isEqualTo(-1L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @DisplayName("writing again over an existing tree gives the same bytes and no leftovers")
    void rewrite(String name, Supplier<Platform> platform, @TempDir Path dist) throws IOException {
        Keelson.synth(platform.get()).writeTo(dist);
        Map<String, byte[]> before = Atomicity.contents(dist);
        Keelson.synth(platform.get()).writeTo(dist);

        assertThat(Atomicity.contents(dist)).containsOnlyKeys(before.keySet().toArray(String[]::new));
        before.forEach((file, bytes) -> assertThat(Atomicity.contents(dist).get(file)).as(file).isEqualTo(bytes));
    }
}

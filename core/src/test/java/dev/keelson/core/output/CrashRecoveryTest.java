package dev.keelson.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.Keelson;
import dev.keelson.core.ValidationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The output survives a crash: a process killed at any moment leaves the old output or the new
 * one (never a mix), and the next write finishes or cleans up what it left.
 */
@DisplayName("Output survives a crash")
class CrashRecoveryTest {

    private static final Pattern TAG = Pattern.compile("ghcr\\.io/acme/t:(1\\.0\\.\\d+)");

    @TempDir
    Path root;

    /** A process id that is not running: a finished child's. */
    private static long deadPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        return p.pid();
    }

    private static void writeGeneration(Path dir, int generation) {
        Keelson.synth(CrashWriter.platform(3, generation)).writeTo(dir);
    }

    /** The image tags found in every YAML file under {@code dir}. */
    private static Set<String> tags(Path dir) throws IOException {
        Set<String> tags = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Matcher m = TAG.matcher(Files.readString(p));
                while (m.find()) {
                    tags.add(m.group(1));
                }
            }
        }
        return tags;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ready", "marked"})
    @DisplayName("killed between its two renames: the complete new tree (ready-, or new- with an earlier version's marker) "
            + "is rolled forward by the next write, even one that fails")
    void rollForward(String complete) throws Exception {
        Path dist = root.resolve("dist");
        writeGeneration(dist, 1);
        Path newer = root.resolve("newer");
        writeGeneration(newer, 5);
        long dead = deadPid();
        if (complete.equals("ready")) {
            Files.move(newer, root.resolve(".dist.keelson-ready-" + dead + "-1"));
        } else {
            Path fresh = root.resolve(".dist.keelson-new-" + dead + "-1");
            Files.move(newer, fresh);
            Files.writeString(fresh.resolve(".keelson-complete"), "complete\n");
        }
        Files.move(dist, root.resolve(".dist.keelson-old-" + dead + "-1"));

        writeGeneration(root.resolve("elsewhere"), 2);   // a write to another directory recovers nothing here
        assertThat(dist).doesNotExist();

        assertThatThrownBy(() -> Keelson.synth(CrashWriter.builder(3, 2).with(new AtomicWriteTest.FailsIn("prod")).build())
                .writeTo(dist)).isInstanceOf(ValidationException.class);

        assertThat(tags(dist)).containsExactly("1.0.5");
        assertThat(Atomicity.children(root)).containsExactly("dist", "elsewhere");
        assertThat(Atomicity.children(dist)).containsExactly("dev", "prod", "staging");
    }

    @Test
    @DisplayName("killed after setting the old tree aside but with no complete new one: the old tree is put back")
    void rollBack() throws Exception {
        Path dist = root.resolve("dist");
        writeGeneration(dist, 1);
        long dead = deadPid();
        Files.createDirectories(root.resolve(".dist.keelson-new-" + dead + "-7").resolve("dev"));   // no marker
        Files.move(dist, root.resolve(".dist.keelson-old-" + dead + "-7"));

        Keelson.synth(CrashWriter.platform(3, 2)).environments("dev").writeTo(dist);

        assertThat(tags(dist.resolve("dev"))).containsExactly("1.0.2");
        assertThat(tags(dist.resolve("prod"))).containsExactly("1.0.1");
        assertThat(Atomicity.children(root)).containsExactly("dist");
    }

    @Test
    @DisplayName("stale temporaries of gone processes are removed (also the old .keelson-* inside the output); a live writer's are left alone")
    void staleTemporaries() throws Exception {
        Path dist = root.resolve("dist");
        writeGeneration(dist, 1);
        long dead = deadPid();
        Files.createDirectories(root.resolve(".dist.keelson-new-" + dead + "-3").resolve("prod"));
        Files.createDirectories(root.resolve(".dist.keelson-old-" + dead + "-4").resolve("prod"));
        Files.createDirectories(dist.resolve(".keelson-12345").resolve("prod"));
        Process live = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long self = ProcessHandle.current().pid();
        Path ours = Files.createDirectories(root.resolve(".dist.keelson-new-" + self + "-9"));
        try {
            writeGeneration(dist, 2);
        } finally {
            live.waitFor();
        }

        assertThat(Atomicity.children(root)).containsExactly(".dist.keelson-new-" + self + "-9", "dist");
        assertThat(Atomicity.children(dist)).containsExactly("dev", "prod", "staging");
        assertThat(ours).isDirectory();
    }

    @Test
    @DisplayName("writer processes killed at seeded random moments leave the old output or the new one, never a mix")
    void killedWriters() throws Exception {
        long seed = Long.getLong("keelson.seed", 20261207L);
        Random random = new Random(seed);
        Path dist = root.resolve("dist");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        writeGeneration(dist, 0);
        for (int round = 0; round < 6; round++) {
            long delay = 500 + random.nextInt(3500);
            Path log = root.resolve("writer-" + round + ".log");
            Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CrashWriter.class.getName(), dist.toString(), "10")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean exited = writer.waitFor(delay, TimeUnit.MILLISECONDS);
            assertThat(exited).as("seed %d round %d: the writer died by itself:\n%s", seed, round,
                    Files.readString(log, StandardCharsets.UTF_8)).isFalse();
            writer.destroyForcibly().waitFor();   // SIGKILL: no shutdown hooks, no finally blocks

            String where = "seed " + seed + " (rerun with -Dkeelson.seed=" + seed + "), round " + round + ", killed after "
                    + delay + " ms";
            if (Files.exists(dist)) {
                assertThat(tags(dist)).as(where + ": one generation in the whole output").hasSize(1);
                assertThat(Atomicity.children(dist)).as(where).containsExactly("dev", "prod", "staging");
            } else {
                try (Stream<Path> list = Files.list(root)) {
                    assertThat(list.anyMatch(p -> p.getFileName().toString().startsWith(".dist.keelson-ready-")))
                            .as(where + ": with no dist/, a complete new tree waits to be rolled forward").isTrue();
                }
            }
        }
        writeGeneration(dist, 99);
        assertThat(tags(dist)).containsExactly("1.0.99");
        try (Stream<Path> list = Files.list(root)) {
            assertThat(list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".dist")))
                    .as("no temporaries once a write succeeded").isEmpty();
        }
    }

    @Test
    @DisplayName("an empty --out, the working directory and a file are refused; a failed write says why")
    void refusedDirectories() throws IOException {
        for (String out : new String[] {"", ".", Path.of("").toAbsolutePath().getParent().toString()}) {
            StringWriter err = new StringWriter();
            int code = Keelson.runner(CrashWriter.platform(1, 1)).output(new PrintWriter(new StringWriter()), new PrintWriter(err))
                    .execute("synth", "--out", out);
            assertThat(code).as("--out '%s'", out).isEqualTo(1);
            assertThat(err.toString()).as("--out '%s'", out).startsWith("error: the output directory ").contains("Fix: ");
        }
        Path file = Files.writeString(root.resolve("file.txt"), "x");
        assertThatThrownBy(() -> writeGeneration(file, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a file");
        assertThatThrownBy(() -> writeGeneration(file.resolve("dist"), 1)).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot write the output to " + file.resolve("dist") + ": ")
                .hasMessageEndingWith(": a file stands where a directory is needed (" + file
                        + "). Fix: remove or rename that file, or choose another directory");
    }
}

package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/keelson-java}, the launcher the README offers for a faster start, run as users run it:
 * a bash script in front of {@code java}, with the shipped jar. It must write exactly what
 * {@code java -jar} writes, make its class-data archive once and reuse it, and size the young
 * generation as its header says.
 */
@DisplayName("bin/keelson-java, the launcher")
class LauncherIT {

    private static final Pattern FLAG = Pattern.compile("(?m)^\\s*size_t (\\w+)\\s+= (\\d+)");

    @TempDir
    Path tmp;

    /** The launcher of this checkout: failsafe runs in {@code examples/}, the script is in {@code ../bin}. */
    private static Path launcher() {
        Path script = Path.of("").toAbsolutePath().getParent().resolve("bin/keelson-java");
        assertThat(script).as("bin/keelson-java of the checkout (failsafe runs in examples/)").isExecutable();
        return script;
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run launch(Path dir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", launcher().toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(dir);
            Path out = Files.createTempFile(tmp, "stdout", ".txt");
            Path err = Files.createTempFile(tmp, "stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().remove("KEELSON_JAVA_OPTS");
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("HOME", tmp.toString());
            builder.environment().put("KEELSON_CDS_DIR", tmp.resolve("cds").toString());
            builder.environment().putAll(env);
            Process process = builder.start();
            assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(String.join(" ", command) + " finished in 3 minutes").isTrue();
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("synth through the launcher: the first run makes the class-data archive, the second reuses it, both write what java -jar writes")
    void synthWritesWhatJavaWrites() throws IOException {
        String jar = JarProcess.jar().toString();
        Run first = launch(tmp.resolve("first"), Map.of(), "-jar", jar, "synth");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).isEmpty();
        List<Path> archives = archives();
        assertThat(archives).as("one archive in KEELSON_CDS_DIR after the first run").hasSize(1);
        FileTime made = Files.getLastModifiedTime(archives.get(0));

        Run second = launch(tmp.resolve("second"), Map.of(), "-jar", jar, "synth");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err()).isEmpty();
        assertThat(archives()).as("the second run reuses the archive").containsExactlyElementsOf(archives);
        assertThat(Files.getLastModifiedTime(archives.get(0))).isEqualTo(made);

        Path plain = tmp.resolve("plain");
        Files.createDirectories(plain);
        JarProcess.Result java = JarProcess.in(plain).run("synth").clean();
        assertThat(java.exitCode()).as(java.describe()).isZero();
        Map<String, String> expected = tree(plain.resolve("dist"));
        assertThat(expected).isNotEmpty();
        assertThat(tree(tmp.resolve("first/dist"))).isEqualTo(expected);
        assertThat(tree(tmp.resolve("second/dist"))).isEqualTo(expected);
    }

    @Test
    @DisplayName("the young generation: 96 MiB, a quarter of -Xmx under 384m, and the user's own -Xmn or NewRatio wins")
    void youngGeneration() {
        assertThat(newSize("-Xmx512m")).isEqualTo(96L << 20);
        assertThat(newSize("-Xmx1g")).isEqualTo(96L << 20);
        assertThat(newSize("-Xmx256m")).isEqualTo(64L << 20);
        assertThat(newSize("-Xmx512m", "-Xmn32m")).isEqualTo(32L << 20);
        assertThat(newSize(Map.of("KEELSON_JAVA_OPTS", "-Xmn48m"), "-Xmx512m")).isEqualTo(48L << 20);
        assertThat(newSize(Map.of("KEELSON_JAVA_OPTS", "-XX:NewRatio=7"), "-Xmx512m")).isNotEqualTo(96L << 20);
        // before a program's -jar, as users run it: the environment's setting still wins
        String jar = JarProcess.jar().toString();
        assertThat(newSize(Map.of("KEELSON_JAVA_OPTS", "-XX:NewRatio=7"), "-Xmx512m", "-jar", jar, "--version"))
                .isNotEqualTo(96L << 20);
        assertThat(newSize(Map.of("KEELSON_JAVA_OPTS", "-Xmx256m"), "-jar", jar, "--version")).isEqualTo(64L << 20);
    }

    private long newSize(String... options) {
        return newSize(Map.of(), options);
    }

    /** The {@code MaxNewSize} the JVM ends up with when the launcher starts it with {@code options}. */
    private long newSize(Map<String, String> env, String... options) {
        List<String> args = new ArrayList<>(List.of("-XX:+PrintFlagsFinal"));
        args.addAll(List.of(options));
        if (!args.contains("-jar")) {
            args.add("-version");
        }
        Map<String, String> all = new TreeMap<>(env);
        all.put("KEELSON_CDS", "off");
        Run run = launch(tmp.resolve("flags"), all, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher m = FLAG.matcher(run.out());
        while (m.find()) {
            if (m.group(1).equals("MaxNewSize")) {
                return Long.parseLong(m.group(2));
            }
        }
        throw new AssertionError("no MaxNewSize in -XX:+PrintFlagsFinal's output:\n" + run.out());
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(tmp.resolve("cds"))) {
            return files.filter(p -> p.toString().endsWith(".jsa")).sorted().toList();
        }
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }
}

package dev.keelson.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Builds keelson-core and keelson-security a second time, from a copy of their sources in another
 * directory, and compares the jars byte for byte with the ones this reactor built minutes earlier.
 * Runs Maven offline on the local repository the outer build filled, so it needs no network.
 * A Failsafe test: it runs in {@code verify}, after this reactor packaged the jars it compares
 * (under {@code mvn test} those jars would be an older build's).
 */
class ReproducibleBuildIT {

    /** Two modules: one with filtered resources and a test-jar, one that depends on it. */
    private static final List<String> MODULES = List.of("core", "security");

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Test
    @DisplayName("building the same sources again, elsewhere and later, gives jars with the same SHA-256")
    void jarsAreReproducible() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String version = System.getProperty("keelson.version");
        assertThat(version).as("system property keelson.version (set by it/pom.xml)").isNotBlank();
        List<String> jars = new ArrayList<>();
        for (String module : MODULES) {
            for (String suffix : List.of(".jar", "-sources.jar")) {
                String jar = module + "/target/keelson-" + module + "-" + version + suffix;
                assertThat(root.resolve(jar))
                        .as("the reactor's %s (run mvn verify from the root, so the modules are built before it/)", jar)
                        .isRegularFile();
                jars.add(jar);
            }
        }

        Path copy = Path.of("target", "reproducible").toAbsolutePath();
        deleteRecursively(copy);
        copySources(root, copy);
        Path log = copy.resolve("build.log");
        int exit = mavenPackage(copy, log);
        assertThat(exit).as("the second build (%s):%n%s", log, tail(log)).isZero();

        List<String> differences = new ArrayList<>();
        for (String jar : jars) {
            Path first = root.resolve(jar);
            Path second = copy.resolve(jar);
            if (!sha256(first).equals(sha256(second))) {
                differences.add(jar + ": " + sha256(first) + " != " + sha256(second) + "; " + entryDifferences(first, second));
            }
        }
        assertThat(differences)
                .as("jars that differ between two builds of the same sources (project.build.outputTimestamp is set in the"
                        + " parent pom; a plugin that ignores it, or a generated file with a date or a path, breaks this)")
                .isEmpty();
    }

    /**
     * The root pom, .mvn/, every module's pom (Maven reads them all), and the main sources of MODULES: without test
     * sources core's test-jar is empty, which is all security's (skipped) tests need to resolve it.
     */
    private static void copySources(Path root, Path copy) throws IOException {
        Files.createDirectories(copy);
        Files.copy(root.resolve("pom.xml"), copy.resolve("pom.xml"));
        try (Stream<Path> children = Files.list(root)) {
            for (Path dir : children.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).toList()) {
                Path target = copy.resolve(dir.getFileName().toString());
                Files.createDirectories(target);
                Files.copy(dir.resolve("pom.xml"), target.resolve("pom.xml"));
            }
        }
        // the build's own settings, as a clone has them (.mvn/: Maven's options and JVM options); without them the
        // second build would take those of the first's directory, which it sits in
        Path settings = root.resolve(".mvn");
        if (Files.isDirectory(settings)) {
            Files.createDirectories(copy.resolve(".mvn"));
            try (Stream<Path> files = Files.list(settings)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, copy.resolve(".mvn").resolve(file.getFileName().toString()));
                }
            }
        }
        for (String module : MODULES) {
            Path src = root.resolve(module).resolve("src").resolve("main");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path target = copy.resolve(module).resolve("src").resolve("main").resolve(src.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
    }

    private static int mavenPackage(Path copy, Path log) throws IOException, InterruptedException {
        String mavenHome = System.getProperty("keelson.maven.home");
        String repository = System.getProperty("keelson.local.repository");
        assertThat(mavenHome).as("system property keelson.maven.home (set by it/pom.xml)").isNotBlank();
        boolean windows = System.getProperty("os.name").startsWith("Windows");
        Path mvn = Path.of(mavenHome, "bin", windows ? "mvn.cmd" : "mvn");
        ProcessBuilder builder = new ProcessBuilder(mvn.toString(), "-B", "-o", "-q",
                "-Dmaven.repo.local=" + repository,
                "-DskipTests", "-Dmaven.javadoc.skip=true", "-Denforcer.skip=true",
                "-pl", String.join(",", MODULES), "package")
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // the same JDK as this build: another javac could emit other bytes
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_OPTS");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the second build took more than " + TIMEOUT + "; see " + log);
        }
        return process.exitValue();
    }

    private static String entryDifferences(Path first, Path second) throws IOException {
        Map<String, String> a = entries(first);
        Map<String, String> b = entries(second);
        List<String> out = new ArrayList<>();
        for (String name : a.keySet()) {
            if (!a.get(name).equals(b.get(name))) {
                out.add(name + " [" + a.get(name) + " | " + b.getOrDefault(name, "missing") + "]");
            }
        }
        b.keySet().stream().filter(n -> !a.containsKey(n)).forEach(n -> out.add(n + " [missing | " + b.get(n) + "]"));
        if (out.isEmpty()) {
            return "same entries and contents: the order or the archive metadata differs";
        }
        return out.size() + " entries differ, first " + out.subList(0, Math.min(5, out.size()));
    }

    private static Map<String, String> entries(Path jar) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                entries.put(e.getName(), "crc " + Long.toHexString(e.getCrc()) + ", time " + e.getTime());
            }
        }
        return entries;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

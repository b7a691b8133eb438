package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.apply.testkit.MockCluster;
import dev.keelson.core.Keelson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the runnable jar as users run it: {@code java -jar target/nexus-v3.jar ARGS} in a separate
 * process, with nothing of the test's class path, in a working directory of the test's, with
 * {@code HOME} pointed there (so no developer's {@code ~/.kube/config} is read) and no
 * {@code KUBECONFIG} unless the test sets one. Output goes to files, so a chatty command cannot
 * block on a full pipe. The JVM gets options that make it faster and nothing else ({@link #testJvm()}).
 *
 * <pre>{@code
 * JarProcess.Result r = JarProcess.in(tmp).env("KUBECONFIG", kubeconfig.toString()).run("diff", "--env", "prod");
 * assertThat(r.exitCode()).isEqualTo(1);
 * }</pre>
 */
public final class JarProcess {

    /** What one run gave. */
    public record Result(List<String> command, int exitCode, String out, String err, Duration took) {

        /** For assertion messages: the command, its exit code and both streams. */
        public String describe() {
            return String.join(" ", command) + "\nexit code " + exitCode + " after " + took.toMillis() + " ms\n--- stdout\n"
                    + out + "--- stderr\n" + err;
        }

        /**
         * No stack trace, no JVM error and no SLF4J or logging noise on either stream: what every
         * command, failing or not, must leave out.
         */
        public Result clean() {
            for (String stream : List.of(out, err)) {
                assertThat(stream).as(describe())
                        .doesNotContain("SLF4J")
                        .doesNotContain("\tat ")
                        .doesNotContain("Exception in thread")
                        .doesNotContain("NoClassDefFoundError")
                        .doesNotContain("ClassNotFoundException")
                        .doesNotContainPattern("(?m)^\\[(WARN|ERROR|INFO)\\]");
            }
            return this;
        }
    }

    /** The JIT and GC options of {@link #testJvm()}. */
    static final List<String> FAST = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static List<String> testJvm;

    private final Path dir;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvm = new ArrayList<>();
    private String mainClass;
    private final List<Path> extraClassPath = new ArrayList<>();
    private Duration timeout = Duration.ofMinutes(3);

    private JarProcess(Path dir) {
        this.dir = dir;
    }

    /** A run in {@code dir} (also its {@code HOME}). */
    public static JarProcess in(Path dir) {
        return new JarProcess(Objects.requireNonNull(dir, "dir"));
    }

    /** The runnable jar as {@code mvn package} built it: {@code -Dkeelson.jar}, set by Failsafe. */
    public static Path jar() {
        String jar = System.getProperty("keelson.jar");
        assertThat(jar).as("the system property keelson.jar (set by Failsafe in examples/pom.xml): run these tests with "
                + "'mvn verify', which builds the jar first").isNotBlank();
        Path path = Path.of(jar);
        assertThat(path).as("the runnable jar; build it with mvn -pl examples -am package").isRegularFile();
        return path;
    }

    /** Keelson's version as the build knows it. */
    public static String version() {
        return System.getProperty("keelson.version", "unknown");
    }

    /** Sets an environment variable of the process. */
    public JarProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Adds a JVM option (before {@code -jar}). */
    public JarProcess jvm(String option) {
        jvm.add(option);
        return this;
    }

    /**
     * Runs {@code mainClass} from the jar plus {@code classes} ({@code java -cp jar:classes Main})
     * instead of the jar's own main class: for a platform of the test's own (an invalid one, say)
     * run with everything else as shipped.
     */
    public JarProcess main(String className, Path... classes) {
        this.mainClass = className;
        this.extraClassPath.addAll(List.of(classes));
        return this;
    }

    /** How long a run may take before it is killed and the test fails. */
    public JarProcess timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /** Runs the jar with {@code args} and waits for it. */
    public Result run(String... args) {
        return run(testJvm(), args);
    }

    /**
     * JVM options of the tests' runs, for speed only: they change how fast the jar's code runs, not what it does (users
     * run it without them). A run is a second or a few of cold code, much of it loading and verifying some 8,000 classes
     * from the jar: the C1 compiler alone, the serial collector and a class-data archive of the jar's classes (made
     * once per test JVM by {@link #archive()}) roughly halve the CPU time of each.
     */
    static synchronized List<String> testJvm() {
        if (testJvm == null) {
            List<String> options = new ArrayList<>(FAST);
            archive().ifPresent(a -> options.add("-XX:SharedArchiveFile=" + a));
            testJvm = List.copyOf(options);
        }
        return testJvm;
    }

    /**
     * A dynamic class-data archive of the jar ({@code target/nexus-v3.jar.jsa}, made anew from the jar as built): a training
     * run of {@code diff} against a mock cluster loads the classes of the commands with and without a cluster, and the JVM
     * writes them, parsed and verified, when it exits. Empty, with a line on stderr, where the JVM could not write one or
     * cannot load it: the runs are then only slower.
     */
    private static Optional<Path> archive() {
        Path jar = jar();
        Path archive = jar.resolveSibling(jar.getFileName() + ".jsa");
        try {
            Files.deleteIfExists(archive);
            Path work = Files.createDirectories(jar.resolveSibling("cds-training"));
            Result training;
            try (MockCluster cluster = new MockCluster()) {
                cluster.installDefinitions(Keelson.synth(NexusV3.platform()).manifest("dev").objects());
                List<String> options = new ArrayList<>(FAST);
                options.add("-XX:ArchiveClassesAtExit=" + archive);
                training = in(work).env("KUBECONFIG", cluster.kubeconfig(work.resolve("kube")).toString())
                        .run(options, "diff", "--env", "dev");
            }
            if (training.exitCode() != 1 || !Files.isRegularFile(archive)) {
                System.err.println("JarProcess: no class-data archive, the runs go without one:\n" + training.describe());
                return Optional.empty();
            }
            // a JVM that cannot map the archive says so on stdout, which the tests would take for the jar's output
            List<String> options = new ArrayList<>(FAST);
            options.add("-XX:SharedArchiveFile=" + archive);
            Result check = in(work).run(options, "--version");
            if (check.exitCode() != 0 || !check.err().isEmpty() || !check.out().startsWith("keelson ")) {
                System.err.println("JarProcess: the class-data archive does not load, the runs go without it:\n" + check.describe());
                return Optional.empty();
            }
            return Optional.of(archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result run(List<String> testOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(testOptions);
        command.addAll(jvm);
        if (mainClass == null) {
            command.add("-jar");
            command.add(jar().toString());
        } else {
            StringBuilder cp = new StringBuilder(jar().toString());
            extraClassPath.forEach(p -> cp.append(java.io.File.pathSeparator).append(p));
            command.add("-cp");
            command.add(cp.toString());
            command.add(mainClass);
        }
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(dir, "stdout", ".txt");
            Path err = Files.createTempFile(dir, "stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            Map<String, String> environment = builder.environment();
            environment.remove("KUBECONFIG");
            environment.remove("JAVA_TOOL_OPTIONS");
            environment.remove("KEELSON_DEBUG");
            environment.put("HOME", dir.toString());
            environment.putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                process.destroyForcibly().waitFor();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Result result = new Result(command, done ? process.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), took);
            Files.delete(out);
            Files.delete(err);
            assertThat(done).as("finished within " + timeout + ":\n" + result.describe()).isTrue();
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}

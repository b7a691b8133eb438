package dev.keelson.core.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real Helm and kubectl binaries, for tests that check what a user would run them on
 * ({@code helm template}, {@code helm lint}, {@code kubectl kustomize}). A binary is found, in this order:
 * <ol>
 *   <li>the system property {@code keelson.helm} / {@code keelson.kubectl} (a path);</li>
 *   <li>the environment variable {@code KEELSON_HELM} / {@code KEELSON_KUBECTL};</li>
 *   <li>{@code <repository root>/.tools/bin/}, where {@code .ci/install-tools} puts them;</li>
 *   <li>the {@code PATH}.</li>
 * </ol>
 * A missing binary fails the test with a message naming {@code .ci/install-tools}: never a silent skip,
 * so a green build always means the binaries ran.
 *
 * <pre>{@code
 * String rendered = Binaries.run(Binaries.helm(), dir, "template", "shop", "chart", "-f", "chart/values-prod.yaml");
 * }</pre>
 */
public final class Binaries {

    private static final long TIMEOUT_SECONDS = 120;

    private Binaries() {
    }

    /** Helm 3 ({@code .ci/install-tools} installs 3.17). */
    public static Path helm() {
        return find("helm");
    }

    /** kubectl ({@code .ci/install-tools} installs 1.31, whose {@code kubectl kustomize} is kustomize 5.4). */
    public static Path kubectl() {
        return find("kubectl");
    }

    /** Where {@code name} is; fails the calling test when it is nowhere. */
    static Path find(String name) {
        List<String> looked = new ArrayList<>();
        String property = System.getProperty("keelson." + name);
        String variable = System.getenv("KEELSON_" + name.toUpperCase(Locale.ROOT));
        for (String configured : new String[] {property, variable}) {
            if (configured != null && !configured.isBlank()) {
                Path path = Path.of(configured);
                if (Files.isExecutable(path)) {
                    return path;
                }
                fail(name + " is configured as " + configured + " (-Dkeelson." + name + " or KEELSON_"
                        + name.toUpperCase(Locale.ROOT) + "), but that is not an executable file. Fix: point it at the binary, "
                        + "or unset it and run .ci/install-tools");
            }
        }
        Path tools = DocsSnippets.root().resolve(".tools/bin").resolve(name);
        looked.add(tools.toString());
        if (Files.isExecutable(tools)) {
            return tools;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    Path candidate = Path.of(dir, name);
                    if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        looked.add("the PATH");
        return fail("this test runs the real " + name + ", which is not in " + String.join(" nor ", looked)
                + ". Fix: run .ci/install-tools (it puts Helm 3.17 and kubectl 1.31 in .tools/bin/), or set -Dkeelson."
                + name + "=/path/to/" + name);
    }

    /**
     * Runs {@code binary} with {@code args} in {@code dir} and returns its standard output; fails the test
     * with the command, its exit code and its standard error when it does not exit 0. Helm's cache,
     * configuration and data go to {@code dir/.helm}, so a run reads nothing from the user's home.
     */
    public static String run(Path binary, Path dir, String... args) {
        Result result = exec(binary, dir, args);
        if (result.exitCode() != 0) {
            fail(result.command() + " exited " + result.exitCode() + ":\n" + result.stderr() + result.stdout());
        }
        return result.stdout();
    }

    /** What a run gave: the command line, exit code, standard output and error. */
    public record Result(String command, int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code binary} with {@code args} in {@code dir}, whatever its exit code. */
    public static Result exec(Path binary, Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        try {
            Path stdout = Files.createTempFile("keelson-bin-", ".out");
            Path stderr = Files.createTempFile("keelson-bin-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
                Map<String, String> env = builder.environment();
                Path helmHome = dir.resolve(".helm");
                env.put("HELM_CACHE_HOME", helmHome.resolve("cache").toString());
                env.put("HELM_CONFIG_HOME", helmHome.resolve("config").toString());
                env.put("HELM_DATA_HOME", helmHome.resolve("data").toString());
                env.put("KUBECONFIG", dir.resolve(".kube-none").toString());
                Process process = builder.start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
                }
                return new Result(String.join(" ", command), process.exitValue(),
                        Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}

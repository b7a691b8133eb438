package dev.keelson.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Helpers to capture a directory tree. */
final class Atomicity {

    private Atomicity() {
    }

    /** Every file and directory under {@code root} (relative, sorted) with its bytes; directories map to empty arrays. */
    static Map<String, byte[]> contents(Path root) {
        Map<String, byte[]> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> !p.equals(root)).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : ""),
                        Files.isDirectory(p) ? new byte[0] : Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Asserts that {@code root} holds exactly the files of {@code before}, byte for byte. */
    static void assertUnchanged(Map<String, byte[]> before, Path root) {
        Map<String, byte[]> after = contents(root);
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        before.forEach((file, bytes) -> assertThat(after.get(file)).as(file).isEqualTo(bytes));
    }

    /** The names directly under {@code dir}, sorted. */
    static List<String> children(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.keelson.core.snapshots;

import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads written output trees back, for snapshots and comparisons. */
public final class Trees {

    private Trees() {
    }

    /** The files under {@code root}, as sorted relative paths with {@code /} separators. */
    public static List<String> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every file under {@code root}, in path order, each after a comment line naming it: one YAML
     * stream, so the snapshot itself can be parsed and checked.
     */
    public static String render(Path root) {
        StringBuilder out = new StringBuilder();
        for (String file : files(root)) {
            out.append("# ===== ").append(file).append(" =====\n");
            try {
                out.append(Files.readString(root.resolve(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    /** What {@code writeTo} writes for {@code platform}, rendered; {@code scratch} must be empty. */
    public static String written(Platform platform, Path scratch) {
        Keelson.synth(platform).writeTo(scratch);
        return render(scratch);
    }
}

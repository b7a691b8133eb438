package dev.keelson.core.internal.yaml;

import dev.keelson.core.internal.Failures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replaces a directory as a whole, atomically for its readers: the new tree is built beside it
 * ({@code .<dir>.keelson-new-<pid>-<n>}), renamed to {@code .<dir>.keelson-ready-<pid>-<n>} once
 * complete, and then the old tree is renamed aside ({@code -old-}) and the new one into place.
 * {@link #recover} finishes what a killed writer left: a ready tree is rolled forward when the
 * directory is missing, a set-aside old one rolled back otherwise, and the temporaries of processes
 * that are gone are removed. {@link OutputWriter} writes synth's environments through it; the Helm,
 * Kustomize and Argo CD outputs through {@link #writeTree}. Internal.
 */
public final class AtomicTree {

    private AtomicTree() {
    }

    /** Writes the top-level entries of a new output into an empty staging directory. */
    @FunctionalInterface
    public interface TreeBody {
        /**
         * Writes into {@code staging}; returns the names of the top-level entries written, which
         * replace those of the old output (the old output's other entries are carried over).
         */
        List<String> write(Path staging) throws IOException;
    }

    /**
     * Writes a whole new tree with {@code body} and commits it in place of {@code dir} as
     * {@link OutputWriter#write} does: built beside {@code dir}, the old tree's other top-level entries carried
     * over, marked complete, renamed into place. A failure of {@code body} (an exception) leaves
     * {@code dir} as it was.
     *
     * @return how many files and bytes {@code body} wrote
     */
    public static long[] writeTree(Path dir, TreeBody body) {
        return commitTree(dir, body, true);
    }

    /** {@link #writeTree}; counting the files written only when asked (synth's writer counts its own). */
    static long[] commitTree(Path dir, TreeBody body, boolean count) {
        Path target = outputDirectory(dir);
        Path parent = target.getParent();
        Path staging = null;
        try {
            Files.createDirectories(parent);
            recover(target);
            staging = stagingDirectory(parent, prefix(target) + NEW + ProcessHandle.current().pid() + "-");
            List<String> names = body.write(staging);
            long[] counts = count ? count(staging) : new long[2];
            if (Files.isDirectory(target)) {
                carryOver(target, staging, names);
            }
            // complete: one rename marks it, so nothing of the marking ever lands inside the output
            Path ready = parent.resolve(prefix(target) + READY + suffix(target, staging, NEW));
            move(staging, ready);
            staging = ready;
            commit(ready, target);
            staging = null;
            return counts;
        } catch (IOException e) {
            throw new UncheckedIOException(Failures.describe("cannot write the output to " + target, e), e);
        } finally {
            if (staging != null) {
                deleteQuietly(staging);
            }
        }
    }

    /** Files and bytes under {@code root}. */
    private static long[] count(Path root) throws IOException {
        long[] counts = new long[2];
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                counts[0]++;
                counts[1] += attrs.size();
                return FileVisitResult.CONTINUE;
            }
        });
        return counts;
    }

    /**
     * The marker earlier versions put inside a complete new tree (now the tree is renamed to
     * {@code .<name>.keelson-ready-...} instead); still honoured by {@link #recover}, and removed
     * from an output that holds one.
     */
    static final String COMPLETE = ".keelson-complete";

    /**
     * A new directory {@code <prefix><n>} in {@code parent}, created atomically (a name taken by
     * another process or thread is skipped). Not {@code Files.createTempDirectory}: its random
     * names initialise {@code SecureRandom} and the security providers, some 70 classes and tens of
     * milliseconds of a small synthesis, for names the process id already makes unique.
     */
    private static Path stagingDirectory(Path parent, String prefix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = parent.resolve(prefix + STAGING_COUNTER.incrementAndGet());
            try {
                return Files.createDirectory(candidate);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt >= 1000) {
                    throw e;
                }
            }
        }
    }

    /** A new tree being written. */
    private static final String NEW = "new-";

    /** A new tree written completely, about to take the output's place. */
    private static final String READY = "ready-";

    private static final AtomicLong STAGING_COUNTER = new AtomicLong();

    /** The output set aside while a new tree takes its place. */
    private static final String OLD = "old-";

    /** {@code <pid>-<n>} of a temporary named {@code <prefix><kind><pid>-<n>}. */
    private static String suffix(Path target, Path temporary, String kind) {
        return temporary.getFileName().toString().substring(prefix(target).length() + kind.length());
    }

    /** {@code .<name>.keelson-}: the prefix of this output's temporaries beside it. */
    private static String prefix(Path target) {
        return "." + target.getFileName() + ".keelson-";
    }

    /**
     * {@code dir} as an absolute path, refusing what cannot be replaced as a whole: an empty path,
     * the working directory or one of its ancestors, a file system root.
     */
    static Path outputDirectory(Path dir) {
        if (dir.toString().isBlank()) {
            throw new IllegalArgumentException("the output directory is empty. Fix: name one, e.g. --out dist");
        }
        Path target = dir.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        if (target.getParent() == null || target.getFileName() == null) {
            throw new IllegalArgumentException("the output directory " + dir + " is a file system root. Fix: name a "
                    + "directory of its own, e.g. --out dist");
        }
        if (cwd.startsWith(target)) {
            throw new IllegalArgumentException("the output directory " + dir + " is the working directory or holds it; "
                    + "synth replaces its output directory as a whole. Fix: name a directory of its own, e.g. --out dist");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalArgumentException("the output directory " + dir + " is a file. Fix: remove it or name "
                    + "another directory, e.g. --out dist");
        }
        return target;
    }

    /**
     * Finishes or cleans up what an interrupted write left beside {@code target}: a complete new
     * tree ({@code ready-}, or a {@code new-} one holding the {@link #COMPLETE} marker of earlier
     * versions) is rolled forward when {@code target} is missing (the process died between its two
     * renames), a set-aside old tree is rolled back when no complete new one exists, and every other
     * temporary of a process that is gone is deleted. Temporaries of a live process are left alone
     * (another synth may be writing). Temporaries inside {@code target} that earlier versions
     * wrote ({@code .keelson-*}) are deleted too.
     */
    static void recover(Path target) throws IOException {
        Path parent = target.getParent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        String prefix = prefix(target);
        List<Path> fresh = new ArrayList<>();
        List<Path> old = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path entry : entries) {
                String rest = entry.getFileName().toString().substring(prefix.length());
                String kind = rest.startsWith(NEW) ? NEW : rest.startsWith(READY) ? READY : rest.startsWith(OLD) ? OLD : null;
                if (kind == null || alive(rest.substring(kind.length()))) {
                    continue;
                }
                (OLD.equals(kind) ? old : fresh).add(entry);
            }
        }
        fresh.sort(null);
        old.sort(null);
        if (!Files.exists(target)) {
            for (Path candidate : fresh) {
                if (candidate.getFileName().toString().startsWith(prefix + READY) || Files.exists(candidate.resolve(COMPLETE))) {
                    move(candidate, target);
                    Files.deleteIfExists(target.resolve(COMPLETE));
                    break;
                }
            }
        }
        if (!Files.exists(target) && !old.isEmpty()) {
            move(old.get(old.size() - 1), target);
        }
        for (Path leftover : fresh) {
            deleteTree(leftover);
        }
        for (Path leftover : old) {
            deleteTree(leftover);
        }
        if (Files.isDirectory(target)) {
            Files.deleteIfExists(target.resolve(COMPLETE));
            try (DirectoryStream<Path> inside = Files.newDirectoryStream(target, ".keelson-*")) {
                for (Path leftover : inside) {
                    deleteTree(leftover);
                }
            }
        }
    }

    /** Whether the process whose id starts {@code pidAndRest} ({@code <pid>-...}) is still running. */
    private static boolean alive(String pidAndRest) {
        int dash = pidAndRest.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? pidAndRest : pidAndRest.substring(0, dash));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Hard-links (or copies, where links are not possible) what {@code target} holds besides {@code written}. */
    private static void carryOver(Path target, Path staging, List<String> written) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!written.contains(name) && !name.equals(COMPLETE)) {
                    linkTree(entry, staging.resolve(name));
                }
            }
        }
    }

    private static void linkTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path copy = to.resolve(from.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.copy(file, copy, LinkOption.NOFOLLOW_LINKS);
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.createLink(copy, file);
                } catch (UnsupportedOperationException | FileSystemException e) {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Renames {@code target} aside and {@code staging} into its place, then deletes the old tree. */
    private static void commit(Path staging, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling(prefix(target) + OLD + suffix(target, staging, READY));
            move(target, old);
        }
        try {
            move(staging, target);
        } catch (IOException e) {
            if (old != null && !Files.exists(target)) {
                move(old, target);   // another writer did not take the place: put the old tree back
            }
            throw e;
        }
        if (old != null) {
            deleteQuietly(old);   // a leftover is removed by the next write's recovery
        }
    }

    private static void deleteQuietly(Path tree) {
        try {
            deleteTree(tree);
        } catch (IOException e) {
            // left for the next write's recovery; the output itself is complete
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

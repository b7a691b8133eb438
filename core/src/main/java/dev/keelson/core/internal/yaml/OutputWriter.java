package dev.keelson.core.internal.yaml;

import dev.keelson.core.Manifest;
import dev.keelson.core.Problem;
import dev.keelson.core.ValidationException;
import dev.keelson.core.internal.Failures;
import dev.keelson.core.internal.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Writes environments to {@code <dir>/<environment>/} atomically: the whole new output is built as
 * a complete tree beside {@code dir} and renamed into place only when every environment
 * succeeded, so a failure, or a process killed at any moment, leaves the previous output or the
 * new one, never a mix (see {@link #write}). Internal.
 */
public final class OutputWriter {

    /** The file with the objects that belong to the whole environment; it sorts first. */
    public static final String ENVIRONMENT_FILE = "00-namespace.yaml";

    /** Files are written by several threads from this many files on (creating a file is a slow system call). */
    private static final int PARALLEL_FROM = 64;
    private static final int MAX_WRITERS = 4;

    private OutputWriter() {
    }

    /** What was written for one environment. */
    public record Written(String environment, int objects, int files, long bytes) {
    }

    /**
     * Synthesizes (through {@code manifests}, one at a time, so only one environment is held in
     * memory) and writes every environment, then commits the whole output at once.
     *
     * <p>The new output is a complete tree beside {@code dir}
     * ({@code .<dir>.keelson-new-<pid>-<n>}): the environments written now, plus hard links to
     * everything else {@code dir} held (other environments, a user's own files). A marker file
     * says it is complete; then {@code dir} is renamed aside and the new tree renamed into place.
     * A reader sees the old tree or the new one, never a mix; if the process dies between the two
     * renames, there is briefly no {@code dir}, and the next write rolls the complete new tree
     * forward ({@link #recover}). Temporaries of processes that are gone are removed then too.
     */
    public static List<Written> write(String platform, Path dir, List<Supplier<Manifest>> manifests) {
        List<Written> written = new ArrayList<>();
        commitTree(dir, staging -> {
            List<String> names = new ArrayList<>();
            List<Problem> problems = new ArrayList<>();
            for (Supplier<Manifest> supplier : manifests) {
                Manifest m;
                try {
                    m = supplier.get();
                } catch (ValidationException e) {
                    for (Problem p : e.problems()) {
                        if (!problems.contains(p)) {
                            problems.add(p);
                        }
                    }
                    continue;
                }
                written.add(writeEnvironment(staging.resolve(m.environment()), m));
                names.add(m.environment());
            }
            if (!problems.isEmpty()) {
                throw new ValidationException(platform, problems);
            }
            return names;
        }, false);
        return written;
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
     * {@link #write} does: built beside {@code dir}, the old tree's other top-level entries carried
     * over, marked complete, renamed into place. A failure of {@code body} (an exception) leaves
     * {@code dir} as it was.
     *
     * @return how many files and bytes {@code body} wrote
     */
    public static long[] writeTree(Path dir, TreeBody body) {
        return commitTree(dir, body, true);
    }

    /** {@link #writeTree}; counting the files written only when asked (synth's writer counts its own). */
    private static long[] commitTree(Path dir, TreeBody body, boolean count) {
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
     * Writes one environment's files ({@code 00-namespace.yaml} and one per tier, as {@link #write}
     * does) into {@code envDir}; returns the file names in order.
     */
    public static List<String> writeEnvironmentFiles(Path envDir, Manifest m) throws IOException {
        writeEnvironment(envDir, m);
        List<String> names = new ArrayList<>();
        for (String tier : filesOf(m).keySet()) {
            names.add(tier == null ? ENVIRONMENT_FILE : tier + ".yaml");
        }
        return names;
    }

    /**
     * The objects of each file of an environment, in order: the environment's own objects under the
     * key {@code null} ({@code 00-namespace.yaml}), then each tier's under its name; only non-empty files.
     */
    public static Map<String, List<HasMetadata>> filesOf(Manifest m) {
        Map<String, List<HasMetadata>> files = new LinkedHashMap<>();
        List<HasMetadata> environmentObjects = new ArrayList<>();
        files.put(null, environmentObjects);
        for (HasMetadata o : m.objects()) {
            Map<String, String> labels = o.getMetadata().getLabels();
            String tier = labels == null ? null : labels.get(Labels.TIER);
            files.computeIfAbsent(tier, t -> new ArrayList<>(16)).add(o);
        }
        files.values().removeIf(List::isEmpty);
        return files;
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
    private static final java.util.concurrent.atomic.AtomicLong STAGING_COUNTER = new java.util.concurrent.atomic.AtomicLong();
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

    private static Written writeEnvironment(Path envDir, Manifest m) throws IOException {
        Files.createDirectories(envDir);
        // one pass groups the objects by file (references only); each file is then streamed to disk
        Map<String, List<HasMetadata>> files = filesOf(m);
        String header = "Generated by Keelson: do not edit. Environment " + m.environment() + ", namespace "
                + m.namespace() + ".";
        List<Map.Entry<String, List<HasMetadata>>> work = new ArrayList<>(files.size());
        for (Map.Entry<String, List<HasMetadata>> file : files.entrySet()) {
            if (!file.getValue().isEmpty()) {
                work.add(file);
            }
        }
        long[] sizes = new long[work.size()];
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), MAX_WRITERS);
        if (threads < 2 || work.size() < PARALLEL_FROM) {
            for (int i = 0; i < work.size(); i++) {
                sizes[i] = writeFile(envDir, work.get(i), header);
            }
        } else {
            writeInParallel(envDir, work, header, sizes, threads);
        }
        long bytes = 0;
        for (long size : sizes) {
            bytes += size;
        }
        return new Written(m.environment(), m.size(), work.size(), bytes);
    }

    /**
     * Writes the files with {@code threads} threads taking the next file in turn: each file is
     * whole and independent, so the bytes do not depend on the schedule. The first failure is
     * thrown once every thread has stopped; the staging directory is then discarded as usual.
     */
    private static void writeInParallel(Path envDir, List<Map.Entry<String, List<HasMetadata>>> work, String header,
                                        long[] sizes, int threads) throws IOException {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable writer = () -> {
            for (int i = next.getAndIncrement(); i < work.size() && failure.get() == null; i = next.getAndIncrement()) {
                try {
                    sizes[i] = writeFile(envDir, work.get(i), header);
                } catch (IOException | RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        Thread[] helpers = new Thread[threads - 1];
        for (int t = 0; t < helpers.length; t++) {
            helpers[t] = new Thread(writer, "keelson-writer-" + (t + 1));
            helpers[t].setDaemon(true);
            helpers[t].start();
        }
        writer.run();
        boolean interrupted = false;
        for (Thread helper : helpers) {
            while (true) {
                try {
                    helper.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // finish joining: the staging directory must not change under the caller
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failure.get();
        if (e instanceof IOException io) {
            throw io;
        } else if (e instanceof RuntimeException re) {
            throw re;
        } else if (e instanceof Error err) {
            throw err;
        }
    }

    /** Streams one file's objects to disk; returns its size in bytes. */
    private static long writeFile(Path envDir, Map.Entry<String, List<HasMetadata>> file, String header) throws IOException {
        String name = file.getKey() == null ? ENVIRONMENT_FILE : file.getKey() + ".yaml";
        CountingOutputStream counter = new CountingOutputStream(Files.newOutputStream(envDir.resolve(name)));
        try (YamlGenerator out = Yaml.generator(new OutputStreamWriter(counter, StandardCharsets.UTF_8))) {
            out.comment(header);
            for (HasMetadata o : file.getValue()) {
                out.startDocument();
                Yaml.write(o, out);
            }
        }
        return counter.count;
    }

    /** Counts the bytes written through it. */
    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
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

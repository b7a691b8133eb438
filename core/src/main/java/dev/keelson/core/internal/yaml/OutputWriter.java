package dev.keelson.core.internal.yaml;

import dev.keelson.core.Manifest;
import dev.keelson.core.Problem;
import dev.keelson.core.ValidationException;
import dev.keelson.core.internal.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * new one, never a mix (see {@link #write}; the renames are {@link AtomicTree}'s). Internal.
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
     * everything else {@code dir} held (other environments, a user's own files). Renamed to
     * {@code .<dir>.keelson-ready-<pid>-<n>} once complete; then {@code dir} is renamed aside and the new tree renamed into place.
     * A reader sees the old tree or the new one, never a mix; if the process dies between the two
     * renames, there is briefly no {@code dir}, and the next write rolls the complete new tree
     * forward ({@link AtomicTree#recover}). Temporaries of processes that are gone are removed then too.
     */
    public static List<Written> write(String platform, Path dir, List<Supplier<Manifest>> manifests) {
        List<Written> written = new ArrayList<>();
        AtomicTree.commitTree(dir, staging -> {
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

}

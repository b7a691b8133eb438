package dev.keelson.benchmarks;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.internal.yaml.Yaml;
import dev.keelson.core.internal.yaml.YamlGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm, in-process synthesis of {@link BenchmarkPlatform} for N tiers, reported as objects per
 * second (the {@code objects} counter; the primary score is whole syntheses per second).
 *
 * <ul>
 *   <li>{@code synthToYaml}: synthesize the environment and stream every object as YAML to a
 *       writer that discards it (no disk).
 *   <li>{@code writeTo}: the public path, {@code Keelson.synth(p).writeTo(dir)}: files on disk,
 *       atomic swap included.
 * </ul>
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/keelson-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main SynthesisBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class SynthesisBenchmark {

    /** Tiers in the platform. */
    @Param({"10", "100", "1000", "10000"})
    public int tiers;

    private Platform platform;
    private Path dir;

    /** Objects written, per second (JMH reports it beside the primary score). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Objects {
        /** Objects synthesized and written. */
        public long objects;

        /** Resets the counter for each iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            objects = 0;
        }
    }

    /** Builds (and so validates) the platform once. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        platform = BenchmarkPlatform.of(tiers);
        dir = Files.createTempDirectory("keelson-bench-");
    }

    /** Removes what {@code writeTo} wrote. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Synthesis and YAML, streamed to a discarding writer. */
    @Benchmark
    public long synthToYaml(Objects counter) throws IOException {
        Manifest m = Keelson.synth(platform).manifest("prod");
        CountingWriter sink = new CountingWriter();
        try (YamlGenerator out = Yaml.generator(sink)) {
            for (HasMetadata o : m.objects()) {
                out.startDocument();
                Yaml.write(o, out);
            }
        }
        counter.objects += m.size();
        return sink.chars;
    }

    /** The public path: synthesis and files on disk. */
    @Benchmark
    public Object writeTo(Objects counter) {
        var written = Keelson.synth(platform).writeTo(dir);
        counter.objects += written.get(0).objects();
        return written;
    }

    /** Counts characters and drops them. */
    static final class CountingWriter extends Writer {
        long chars;

        @Override
        public void write(char[] cbuf, int off, int len) {
            chars += len;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}

package dev.keelson.benchmarks;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.internal.yaml.Yaml;
import dev.keelson.core.internal.yaml.YamlGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Warm in-process throughput, by wall time and by the main thread's CPU time: the second figure
 * holds when the machine is shared (other processes take the cores, not this thread's CPU time).
 * Complements {@link SynthesisBenchmark}, which JMH times by wall clock only.
 *
 * <pre>{@code
 * java -Xmx512m -cp 'benchmarks/target/keelson-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     dev.keelson.benchmarks.WarmThroughput 1000 20
 * }</pre>
 */
public final class WarmThroughput {

    private WarmThroughput() {
    }

    /** {@code args}: tiers (default 1000), rounds (default 20; the first half warms up). */
    public static void main(String[] args) throws IOException {
        int tiers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Platform platform = BenchmarkPlatform.of(tiers);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long objects = 0;
        long wall = 0;
        long cpu = 0;
        for (int r = 0; r < rounds; r++) {
            long w0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            Manifest m = Keelson.synth(platform).manifest("prod");
            try (YamlGenerator out = Yaml.generator(Writer.nullWriter())) {
                for (HasMetadata o : m.objects()) {
                    out.startDocument();
                    Yaml.write(o, out);
                }
            }
            if (r >= rounds / 2) {
                wall += System.nanoTime() - w0;
                cpu += threads.getCurrentThreadCpuTime() - c0;
                objects += m.size();
            }
        }
        System.out.printf("%d tiers, %d measured rounds: %.0f objects/s by wall time, %.0f objects/s by CPU time%n",
                tiers, rounds - rounds / 2, objects / (wall / 1e9), objects / (cpu / 1e9));
    }
}

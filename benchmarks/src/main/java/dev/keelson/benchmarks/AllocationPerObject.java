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

/**
 * Bytes allocated and CPU time per object, for synthesis and for YAML writing separately, warm:
 * figures that hold on a shared machine, where wall time does not.
 *
 * <pre>{@code
 * java -Xmx512m -cp 'benchmarks/target/keelson-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     dev.keelson.benchmarks.AllocationPerObject 1000
 * }</pre>
 */
public final class AllocationPerObject {

    private AllocationPerObject() {
    }

    /** {@code args}: tiers (default 1000). Six rounds; the last three are printed. */
    public static void main(String[] args) throws IOException {
        int tiers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        Platform platform = BenchmarkPlatform.of(tiers);
        for (int round = 0; round < 6; round++) {
            long b0 = threads.getThreadAllocatedBytes(id);
            long c0 = threads.getCurrentThreadCpuTime();
            Manifest m = Keelson.synth(platform).manifest("prod");
            long b1 = threads.getThreadAllocatedBytes(id);
            long c1 = threads.getCurrentThreadCpuTime();
            try (YamlGenerator out = Yaml.generator(Writer.nullWriter())) {
                for (HasMetadata o : m.objects()) {
                    out.startDocument();
                    Yaml.write(o, out);
                }
            }
            long b2 = threads.getThreadAllocatedBytes(id);
            long c2 = threads.getCurrentThreadCpuTime();
            int n = m.size();
            if (round >= 3) {
                System.out.printf("per object: synthesis %d B, %.1f us CPU; YAML %d B, %.1f us CPU%n",
                        (b1 - b0) / n, (c1 - c0) / 1e3 / n, (b2 - b1) / n, (c2 - c1) / 1e3 / n);
            }
        }
    }
}

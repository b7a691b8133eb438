package dev.keelson.benchmarks;

import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Synth;
import java.nio.file.Path;

/**
 * The whole-process benchmark: builds {@link BenchmarkPlatform} with N tiers and writes it to a
 * directory, as a user's {@code main()} would. {@code run-whole-process.sh} times it. A third
 * argument {@code builders} measures {@link BenchmarkPlatform#withBuilderFeature(int)} instead.
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/keelson-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     dev.keelson.benchmarks.SynthMain 1000 /tmp/keelson-bench
 * }</pre>
 */
public final class SynthMain {

    private SynthMain() {
    }

    /**
     * {@code args}: tiers (default 10), output directory (default {@code target/bench-out}),
     * flavor ({@code modules}, the default, or {@code builders}).
     */
    public static void main(String[] args) {
        long start = System.nanoTime();
        int tiers = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path out = Path.of(args.length > 1 ? args[1] : "target/bench-out");
        Platform platform = BenchmarkPlatform.of(tiers, args.length > 2 ? args[2] : "modules");
        long built = System.nanoTime();
        int objects = 0;
        int files = 0;
        for (Synth.Written w : Keelson.synth(platform).writeTo(out)) {
            objects += w.objects();
            files += w.files();
        }
        long done = System.nanoTime();
        System.out.printf("%d tiers: %d objects in %d files under %s; build+validate %d ms, synth+write %d ms%n",
                tiers, objects, files, out, (built - start) / 1_000_000, (done - built) / 1_000_000);
    }
}

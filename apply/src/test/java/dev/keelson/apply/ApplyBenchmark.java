package dev.keelson.apply;

import dev.keelson.apply.testkit.MockCluster;
import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import java.util.Locale;

/**
 * Applies a platform of N tiers to the fabric8 mock server (CRUD mode plus the server-side apply
 * emulation, on loopback) and prints objects per second for: the first apply (everything created),
 * a second apply (nothing changes), a diff, and an apply with prune after half the tiers are gone.
 * Not a test: no assertions on time. See apply/BENCHMARK.md.
 *
 * <pre>
 * java -cp ... dev.keelson.apply.ApplyBenchmark [tiers=100] [maxInFlight=8]
 * </pre>
 */
public final class ApplyBenchmark {

    private ApplyBenchmark() {
    }

    public static void main(String[] args) {
        int tiers = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : Apply.DEFAULT_MAX_IN_FLIGHT;
        System.out.printf(Locale.ROOT, "platform of %d tiers, maxInFlight %d, %s, %d CPUs%n", tiers, inFlight,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        try (MockCluster mock = new MockCluster()) {
            Platform all = platform(tiers);
            Platform half = platform(tiers / 2);
            // warm-up on another environment so class loading and JIT are not in the figures
            mock.cluster().apply(platform(5)).environment("warmup").run();
            measure("first apply (create)", () -> apply(mock, all, inFlight, false).run());
            measure("second apply (no change)", () -> apply(mock, all, inFlight, false).run());
            measure("diff (no change)", () -> apply(mock, all, inFlight, false).diff().plan());
            measure("apply --prune (half removed)", () -> apply(mock, half, inFlight, true).run());
        }
    }

    private static Apply apply(MockCluster mock, Platform platform, int inFlight, boolean prune) {
        Apply apply = mock.cluster().apply(platform).environment("bench").maxInFlight(inFlight);
        return prune ? apply.prune() : apply;
    }

    private static void measure(String what, java.util.function.Supplier<ApplyReport> run) {
        long cpuStart = cpuNanos();
        long start = System.nanoTime();
        ApplyReport report = run.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuNanos() - cpuStart) / 1e9;
        if (!report.succeeded()) {
            System.out.print(report);
            throw new IllegalStateException(what + " failed");
        }
        int objects = report.objects().size();
        System.out.printf(Locale.ROOT, "%-30s %6d objects %8.2f s %8.1f objects/s   (CPU %6.2f s, %6.1f objects per CPU-s)%n",
                what, objects, seconds, objects / seconds, cpu, objects / cpu);
    }

    /** CPU time of the whole process (client and mock server share it), or 0 where the JVM cannot tell. */
    private static long cpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static Platform platform(int tiers) {
        Platform.Builder b = Platform.named("bench").environments(Environment.named("bench", dev.keelson.core.Stage.DEVELOPMENT),
                Environment.named("warmup", dev.keelson.core.Stage.DEVELOPMENT));
        for (int i = 0; i < tiers; i++) {
            b.tier(Tier.named(String.format(Locale.ROOT, "t%04d", i)).image("ghcr.io/acme/t:1.0.0").port(Port.http(8080)));
        }
        return b.build();
    }
}

package dev.keelson.benchmarks;

import dev.keelson.core.Keelson;

/**
 * The one-stream path of the peer benchmark: {@link BenchmarkPlatform} with N tiers through the
 * {@code print} command, one YAML stream per environment on standard output, as {@code helm template}
 * writes. {@code run-peers.sh} redirects it to a file and times it beside {@link SynthMain}, which
 * writes a file per tier.
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/keelson-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     dev.keelson.benchmarks.PrintMain 1000 > /tmp/keelson-bench.yaml
 * }</pre>
 */
public final class PrintMain {

    private PrintMain() {
    }

    /** {@code args}: tiers (default 10). Exits with {@code print}'s exit code. */
    public static void main(String[] args) {
        int tiers = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int code = Keelson.runner(BenchmarkPlatform.of(tiers)).execute("print");
        if (code != 0) {
            System.exit(code);
        }
    }
}

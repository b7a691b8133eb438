package dev.keelson.examples;

import dev.keelson.apply.testkit.MockCluster;
import dev.keelson.core.Keelson;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Not a test: serves apply's mock cluster (with the CRDs the reference platform uses) until
 * standard input closes, writes {@code DIR/kubeconfig}, then prints the requests it got, grouped.
 * For side-by-side runs of the jar and kubectl against the same server (benchmarks/RESULTS.md).
 *
 * <pre>
 * java -cp "$(cat /tmp/examples.cp)" dev.keelson.examples.MockClusterServer /tmp/mock
 * </pre>
 */
public final class MockClusterServer {

    private MockClusterServer() {
    }

    public static void main(String[] args) throws Exception {
        try (MockCluster cluster = new MockCluster()) {
            for (String env : new String[] {"dev", "staging", "prod"}) {
                cluster.installDefinitions(Keelson.synth(NexusV3.platform()).manifest(env).objects());
            }
            int setup = cluster.requests().size();
            Path kubeconfig = cluster.kubeconfig(Path.of(args.length > 0 ? args[0] : "target/mock-cluster"));
            System.out.println("serving " + cluster.url() + "; KUBECONFIG=" + kubeconfig + "; close standard input to stop");
            while (System.in.read() >= 0) {
                // until end of input
            }
            Map<String, Integer> grouped = new TreeMap<>();
            for (String r : cluster.requests().subList(setup, cluster.requests().size())) {
                String path = r.replaceAll("\\?.*", "").replaceAll("/namespaces/[^/]+/([^/]+)/[^/]+$", "/namespaces/*/$1/*");
                grouped.merge(path + (r.contains("dryRun=All") ? " (dry run)" : ""), 1, Integer::sum);
            }
            System.out.println(cluster.requests().size() - setup + " requests");
            grouped.forEach((path, n) -> System.out.printf("%5d %s%n", n, path));
        }
    }
}

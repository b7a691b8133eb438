package dev.keelson.apply;

import dev.keelson.apply.testkit.MockCluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.testkit.DocsSnippets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The code of docs/apply.md (its snippets), compiled, checked against the page and run against the mock server. */
class ApplyDocsExamplesTest {

    /** A platform program with diff and apply subcommands. */
    static final class ShopProgram {
        static Platform platform() {
            return Platforms.shop("web");
        }

        // snippet:main
        public static void main(String[] args) {
            System.exit(ClusterCommands.addTo(Keelson.runner(ShopProgram::platform)).execute(args));
        }
        // end:main
    }

    /** Compiled so the docs stay true; not run (it would read the machine's kubeconfig). */
    @SuppressWarnings("unused")
    static void connections(io.fabric8.kubernetes.client.KubernetesClient client) {
        // snippet:connect
        Cluster cluster = Cluster.connect();                          // $KUBECONFIG or ~/.kube/config, current context
        Cluster prodEu = Cluster.connect(null, "prod-eu");            // (kubeconfig file or null, context or null)
        Cluster mine = Cluster.of(client);                            // your client; close() leaves it open
        // end:connect
    }

    static void diffThenApply(Cluster cluster, Platform platform) {
        // snippet:java-api
        DiffReport diff = cluster.apply(platform).environment("prod").prune().diff();
        System.out.print(diff);                                    // unified diffs, then a line per object
        if (diff.exitCode() == 1) {                                // 0: no change, 1: something would change, 2: error
            ApplyReport report = cluster.apply(platform).environment("prod").prune().run();
            System.out.print(report);
        }
        // end:java-api
    }

    @TestFactory
    @DisplayName("every snippet of docs/apply.md equals the region of the compiled code it names")
    Stream<DynamicTest> snippetsMatchCode() {
        return DocsSnippets.check("docs/apply.md");
    }

    @Test
    @DisplayName("the docs' Java example diffs, then applies what would change")
    void javaApi() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (MockCluster mock = new MockCluster()) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                diffThenApply(mock.cluster(), Platforms.shop("web"));
            } finally {
                System.setOut(stdout);
            }
            assertThat(mock.client().apps().deployments().inNamespace("shop-prod").withName("web").get()).isNotNull();
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("+++ keelson: Deployment shop-prod/web",
                    "done: 4 created");
        }
    }
}

package dev.keelson.apply;

import dev.keelson.apply.testkit.MockCluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Runner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The runner's diff and apply subcommands. */
class CommandsTest {

    /** One server for the class, reset before each test: starting one per test was most of these tests' time. */
    @RegisterExtension
    static final MockCluster mock = new MockCluster();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private Runner runner(Platform platform, Cluster cluster) {
        Runner runner = Keelson.runner(platform).output(new PrintWriter(out, true), new PrintWriter(err, true));
        return cluster == null ? ClusterCommands.addTo(runner) : ClusterCommands.addTo(runner, cluster);
    }

    private int run(Platform platform, String... args) {
        return runner(platform, mock.cluster()).execute(args);
    }

    @Test
    @DisplayName("diff exits 1 when something would change, apply applies, then diff exits 0 and apply --dry-run exits 0")
    void diffApplyDiff() {
        Platform shop = Platforms.shop("web");

        assertThat(run(shop, "diff", "--env", "dev")).isEqualTo(1);
        assertThat(out.toString()).contains("+++ keelson: Deployment shop-dev/web");
        assertThat(run(shop, "apply", "--env", "dev")).isZero();
        assertThat(out.toString()).contains("done: 4 created");
        assertThat(run(shop, "diff", "--env", "dev")).isZero();
        assertThat(run(shop, "apply", "--env", "dev", "--dry-run")).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    @DisplayName("apply --prune deletes a removed tier; apply --wait=1s reports the rollout that did not finish (exit 1)")
    void pruneAndWait() {
        run(Platforms.shop("web", "api"), "apply", "--env", "dev");

        assertThat(run(Platforms.shop("web"), "apply", "--env", "dev", "--prune")).isZero();
        assertThat(out.toString()).contains("pruned        Deployment shop-dev/api");
        assertThat(run(Platforms.shop("web"), "apply", "--env", "dev", "--wait=1s")).isEqualTo(1);
        assertThat(out.toString()).contains("not ready     Deployment shop-dev/web (generation 1 observed 0, 0/2 updated");
    }

    @Test
    @DisplayName("a platform with several environments needs --env; the error says which exist")
    void environmentRequired() {
        assertThat(run(Platforms.shop("web"), "apply")).isEqualTo(1);
        assertThat(err.toString()).contains("error: platform 'shop' has environments [dev, prod]; choose one. "
                + "Fix: .environment(\"<name>\") (or --env <name>)");
    }

    @Test
    @DisplayName("--kubeconfig and --context pick the cluster as kubectl does; an unknown context is an error naming it")
    void kubeconfigAndContext() throws IOException {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                - name: nowhere
                  cluster:
                    server: http://127.0.0.1:9
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: tester
                - name: nowhere
                  context:
                    cluster: nowhere
                    user: tester
                current-context: nowhere
                users:
                - name: tester
                  user:
                    token: not-a-secret
                """.formatted(mock.client().getMasterUrl().toString()));
        Runner runner = runner(Platforms.shop("web"), null);

        assertThat(runner.execute("apply", "--env", "dev", "--kubeconfig", kubeconfig.toString(), "--context", "mock"))
                .isZero();
        assertThat(mock.client().apps().deployments().inNamespace("shop-dev").withName("web").get()).isNotNull();

        assertThat(runner.execute("diff", "--env", "dev", "--kubeconfig", kubeconfig.toString(), "--context", "nope"))
                .isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: context 'nope' is not in the kubeconfig " + kubeconfig
                + ". Fix: kubectl config get-contexts --kubeconfig " + kubeconfig + " lists the names\n");
    }

    @Test
    @DisplayName("a command built with a cluster refuses --kubeconfig and --context instead of ignoring them")
    void fixedClusterRefusesKubeconfig() {
        assertThat(run(Platforms.shop("web"), "apply", "--env", "dev", "--context", "prod")).isEqualTo(1);
        assertThat(err.toString()).contains("this command was built with a cluster; --kubeconfig and --context cannot change it");
        assertThat(mock.writes()).isEmpty();
    }

    @Test
    @DisplayName("apply --help lists every option")
    void help() {
        assertThat(run(Platforms.shop("web"), "apply", "--help")).isZero();
        assertThat(out.toString()).contains("--env", "--kubeconfig", "--context", "--dry-run", "--prune", "--wait",
                "--force-conflicts", "--format");
    }
}

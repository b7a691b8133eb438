package dev.keelson.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.apply.testkit.MockCluster;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Runner;
import dev.keelson.core.Tier;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** diff, apply and destroy as a user runs them: exit codes, JSON, progress, errors, destroy, pruning environments. */
class ClusterCommandsTest {

    /** One server for the class, reset before each test: starting one per test was most of these tests' time. */
    @RegisterExtension
    static final MockCluster mock = new MockCluster();
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(Platform platform, String... args) {
        return run(() -> platform, args);
    }

    private int run(Supplier<Platform> platform, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Runner runner = Keelson.runner(platform).output(new PrintWriter(out, true), new PrintWriter(err, true));
        return ClusterCommands.addTo(runner, mock.cluster()).execute(args);
    }

    /** Runs against the kubeconfig's cluster, as the jar does. */
    private int runWithKubeconfig(Platform platform, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Runner runner = Keelson.runner(platform).output(new PrintWriter(out, true), new PrintWriter(err, true));
        return ClusterCommands.addTo(runner).execute(args);
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    @Test
    @DisplayName("diff: 0 nothing would change, 1 something would, 2 on errors (unknown environment, bad option, invalid platform)")
    void diffExitCodes() {
        Platform shop = Platforms.shop("web");
        assertThat(run(shop, "diff", "--env", "dev")).isEqualTo(1);
        assertThat(run(shop, "apply", "--env", "dev")).isZero();
        assertThat(run(shop, "diff", "--env", "dev")).isZero();
        assertThat(run(shop, "diff", "--env", "qa")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: unknown environment 'qa' in platform 'shop'; it has [dev, prod]\n");
        assertThat(run(shop, "diff", "--nope")).isEqualTo(2);
        assertThat(run(shop, "diff", "--env", "dev", "--format", "yaml")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --format must be 'table' or 'json', not 'yaml'\n");
        assertThat(run(shop, "apply", "--env", "dev", "--format", "yaml")).as("a usage error, as for check").isEqualTo(2);
        assertThat(run(shop, "destroy", "--env", "dev", "--format", "yaml")).isEqualTo(2);
        Supplier<Platform> invalid = () -> Platform.named("shop").tier(Tier.named("web")).build();
        assertThat(run(invalid, "diff")).isEqualTo(2);
        assertThat(err.toString()).contains("shop: FAILED, the platform is invalid").doesNotContain("Exception");
        assertThat(run(invalid, "apply")).isEqualTo(1);
    }

    @Test
    @DisplayName("--format json: apply, diff and destroy print one JSON document with the outcome of every object")
    void jsonOutput() throws IOException {
        Platform shop = Platforms.shop("web");
        assertThat(run(shop, "apply", "--env", "dev", "--format", "json")).isZero();
        JsonNode apply = json(out.toString());
        assertThat(apply.get("command").asText()).isEqualTo("apply");
        assertThat(apply.get("succeeded").asBoolean()).isTrue();
        assertThat(apply.get("exitCode").asInt()).isZero();
        assertThat(apply.get("objects")).hasSize(4);
        assertThat(apply.get("objects").get(0).get("outcome").asText()).isEqualTo("created");
        assertThat(apply.get("objects").get(0).get("kind").asText()).isEqualTo("Namespace");

        assertThat(run(Platforms.shopAt("1.1.0", "web"), "diff", "--env", "dev", "--format", "json")).isEqualTo(1);
        JsonNode diff = json(out.toString());
        assertThat(diff.get("changed").asBoolean()).isTrue();
        assertThat(diff.get("exitCode").asInt()).isEqualTo(1);
        JsonNode deployment = null;
        for (JsonNode d : diff.get("diffs")) {
            if (d.get("kind").asText().equals("Deployment")) {
                deployment = d;
            }
        }
        assertThat(deployment.get("change").asText()).isEqualTo("change");
        assertThat(deployment.get("diff").asText()).contains("+      - image: ghcr.io/acme/web:1.1.0");

        assertThat(run(shop, "destroy", "--env", "dev", "--yes", "--format", "json")).isZero();
        JsonNode destroy = json(out.toString());
        assertThat(destroy.get("command").asText()).isEqualTo("destroy");
        assertThat(destroy.get("objects")).hasSize(5);
        assertThat(destroy.get("objects").get(4).get("name").asText()).isEqualTo("keelson-applyset-shop-dev");
        assertThat(destroy.get("objects").get(4).get("outcome").asText()).isEqualTo("deleted");

        assertThat(run(shop, "diff", "--env", "qa", "--format", "json")).isEqualTo(2);
        assertThat(json(out.toString()).get("error").asText()).startsWith("unknown environment 'qa'");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    @DisplayName("apply prints each object as it completes, then the summary; with --wait, what it waits for, line by line off a terminal")
    void progress() {
        mock.simulateControllers(true);
        assertThat(run(Platforms.shop("web"), "apply", "--env", "dev", "--wait=20s")).isZero();
        String text = out.toString();
        assertThat(text).startsWith("apply shop/dev to " + mock.cluster().server() + " (ApplySet applyset-");
        assertThat(text).contains("  created       Namespace shop-dev\n", "  created       Deployment shop-dev/web\n",
                "waiting: 0/1 done, web 1/2 available\n", "waiting: 1/1 done\n", "  ready         Deployment shop-dev/web",
                "done: 4 created");
        assertThat(text).doesNotContain("\u001b[").doesNotContain("\r");
        assertThat(text.indexOf("created       Deployment")).isLessThan(text.indexOf("waiting:"));
    }

    @Test
    @DisplayName("--wait awaits Jobs: complete passes; a failed Job fails at once with its reason and the failed pod's container exit code")
    void jobs() {
        mock.simulateControllers(true);
        assertThat(run(Platforms.shopWithJob("migrate"), "apply", "--env", "dev", "--wait=20s")).isZero();
        assertThat(out.toString()).contains("  ready         Job shop-dev/migrate (1/1 succeeded, 0 active, 0 failed pods)");

        mock.failJob("seed");
        long start = System.nanoTime();
        assertThat(run(Platforms.shopWithJob("seed"), "apply", "--env", "dev", "--wait=20s")).isEqualTo(1);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        assertThat(out.toString()).contains("  failed        Job shop-dev/seed (failed: BackoffLimitExceeded (Job has reached "
                + "the specified backoff limit); pod seed-x7k2p: container migrate terminated Error, exit code 1 "
                + "(migration 0042 failed: relation \"orders\" exists))");
        assertThat(out.toString()).contains("error: 1 of 2 workloads failed: Job shop-dev/seed (",
                "Fix: kubectl logs -n shop-dev job/seed shows its output");
    }

    @Test
    @DisplayName("--wait runs a migration Job first: the API rolls out after it completes; a failed one stops the run with its pod's reason")
    void migrationFirst() {
        mock.simulateControllers(true);
        assertThat(run(Platforms.shopWithMigration(), "apply", "--env", "dev", "--wait=20s")).isZero();
        String text = out.toString();
        assertThat(text).contains("  created       Job shop-dev/migrate\n", "  ready         Job shop-dev/migrate (1/1 succeeded");
        assertThat(text.indexOf("  ready         Job shop-dev/migrate")).isPositive();
        assertThat(text.indexOf("created       Job shop-dev/migrate")).isLessThan(text.indexOf("created       Deployment shop-dev/web"));
        assertThat(text.indexOf("waiting: 1/1 done\n")).isLessThan(text.indexOf("created       Deployment shop-dev/web"));

        mock.reset();
        mock.simulateControllers(true);
        mock.failJob("migrate");
        assertThat(run(Platforms.shopWithMigration(), "apply", "--env", "dev", "--wait=20s")).isEqualTo(1);
        String failed = out.toString();
        assertThat(failed).doesNotContain("created       Deployment shop-dev/web");
        assertThat(failed).contains("error: Job migrate runs before web, so nothing after it was applied: 1 of 1 workload failed: "
                + "Job shop-dev/migrate (failed: BackoffLimitExceeded", "container migrate terminated Error, exit code 1");
        assertThat(mock.client().apps().deployments().inNamespace("shop-dev").withName("web").get()).isNull();
    }

    @Test
    @DisplayName("destroy refuses without --yes, lists with --dry-run, deletes members in reverse order and the parent last, never a non-member")
    void destroy() {
        Platform shop = Platforms.shop("web", "api");
        run(shop, "apply", "--env", "dev");
        mock.client().configMaps().inNamespace("shop-dev").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("hand-made").endMetadata().build()).create();
        mock.client().configMaps().inNamespace("shop-dev").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("other-set").withLabels(Map.of("applyset.kubernetes.io/part-of", "applyset-other-v1")).endMetadata()
                .build()).create();
        int writes = mock.writes().size();

        assertThat(run(shop, "destroy", "--env", "dev")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: destroy deletes every object Keelson applied for shop/dev from the "
                + "cluster; nothing was deleted. Fix: add --yes to confirm, or --dry-run to list what would be deleted\n");
        assertThat(run(shop, "destroy", "--env", "dev", "--dry-run")).isZero();
        assertThat(out.toString()).contains("  would delete  Deployment shop-dev/api\n",
                "  would delete  Secret shop-dev/keelson-applyset-shop-dev\n", "dry run done: 8 would be deleted");
        assertThat(mock.writes()).hasSize(writes);

        assertThat(run(shop, "destroy", "--env", "dev", "--yes")).isZero();
        List<String> deletes = new ArrayList<>(mock.writes().subList(writes, mock.writes().size()));
        assertThat(deletes).allMatch(w -> w.startsWith("DELETE "));
        assertThat(deletes.get(0)).contains("/deployments/");
        assertThat(deletes.get(deletes.size() - 2)).isEqualTo("DELETE /api/v1/namespaces/shop-dev");
        assertThat(deletes.get(deletes.size() - 1)).isEqualTo("DELETE /api/v1/namespaces/shop-dev/secrets/keelson-applyset-shop-dev");
        assertThat(out.toString()).contains("done: 8 deleted");
        assertThat(mock.client().configMaps().inNamespace("shop-dev").withName("hand-made").get()).isNotNull();
        assertThat(mock.client().configMaps().inNamespace("shop-dev").withName("other-set").get()).isNotNull();

        assertThat(run(shop, "destroy", "--env", "dev", "--yes")).isZero();
        assertThat(out.toString()).contains("nothing to destroy: there is no ApplySet parent Secret "
                + "shop-dev/keelson-applyset-shop-dev");
    }

    @Test
    @DisplayName("apply --prune deletes the ApplySet of an environment removed from the platform, and nothing of another platform")
    void pruneRemovedEnvironment() {
        run(Platforms.shop("web"), "apply", "--env", "dev");
        run(Platforms.shop("web"), "apply", "--env", "prod");
        Platform other = Platform.named("blog").environments(dev.keelson.core.Environment.prod())
                .tier(Tier.named("web").image("ghcr.io/acme/blog:1.0.0").port(dev.keelson.core.Port.http(8080))).build();
        run(other, "apply", "--env", "prod");

        assertThat(run(Platforms.shopDevOnly("web"), "apply", "--env", "dev")).isZero();
        assertThat(mock.client().apps().deployments().inNamespace("shop-prod").withName("web").get()).isNotNull();

        assertThat(run(Platforms.shopDevOnly("web"), "diff", "--env", "dev", "--prune")).isEqualTo(1);
        assertThat(out.toString()).contains("--- cluster: Deployment shop-prod/web", "would prune   Deployment shop-prod/web");
        assertThat(run(Platforms.shopDevOnly("web"), "apply", "--env", "dev", "--prune")).isZero();
        assertThat(out.toString()).contains("  pruned        Deployment shop-prod/web\n", "  pruned        Namespace shop-prod\n",
                "  pruned        Secret shop-prod/keelson-applyset-shop-prod\n");
        assertThat(mock.client().apps().deployments().inNamespace("shop-prod").withName("web").get()).isNull();
        assertThat(mock.client().apps().deployments().inNamespace("blog-prod").withName("web").get()).isNotNull();
        assertThat(mock.client().apps().deployments().inNamespace("shop-dev").withName("web").get()).isNotNull();
        assertThat(mock.client().secrets().inNamespace("shop-dev").withName("keelson-applyset-shop-dev").get().getMetadata()
                .getAnnotations()).containsEntry("keelson.dev/platform-environments", "dev=shop-dev");

        assertThat(run(Platforms.shopDevOnly("web"), "apply", "--env", "dev", "--prune")).isZero();
        assertThat(out.toString()).doesNotContain("pruned");
    }

    @Test
    @DisplayName("diff --against DIR compares with an earlier synth --out DIR offline: 0 same, 1 changed with a unified diff, 2 bad input")
    void against() throws IOException {
        Path dist = dir.resolve("dist");
        Runner synth = Keelson.runner(Platforms.shop("web")).output(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertThat(synth.execute("synth", "--out", dist.toString())).isZero();

        assertThat(run(Platforms.shop("web"), "diff", "--against", dist.toString())).isZero();
        assertThat(out.toString()).contains("no change: 4 unchanged");
        assertThat(run(Platforms.shopAt("1.1.0", "web"), "diff", "--env", "prod", "--against", dist.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("--- " + dist.resolve("prod") + ": Deployment shop-prod/web",
                "+++ keelson: Deployment shop-prod/web", "+      - image: ghcr.io/acme/web:1.1.0",
                "  would change  Deployment shop-prod/web: spec.template.spec.containers[0].image");
        assertThat(run(Platforms.shop("web", "api"), "diff", "--env", "dev", "--against", dist.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("would create  Deployment shop-dev/api");
        assertThat(run(Platforms.shop(), "diff", "--env", "dev", "--against", dist.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("would remove  Deployment shop-dev/web");
        assertThat(mock.requests()).as("no cluster is needed: not one request").isEmpty();

        assertThat(run(Platforms.shop("web"), "diff", "--against", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --against " + dir.resolve("nope") + " is not a directory. Fix: pass the "
                + "--out directory of an earlier synth (it holds <environment>/*.yaml)\n");
        Files.writeString(dist.resolve("dev").resolve("broken.yaml"), "kind: [");
        assertThat(run(Platforms.shop("web"), "diff", "--env", "dev", "--against", dist.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: cannot read " + dist.resolve("dev").resolve("broken.yaml") + " as YAML: ");
        assertThat(run(Platforms.shop("web"), "diff", "--against", dist.toString(), "--prune")).isEqualTo(2);
        assertThat(err.toString()).contains("--against compares with files, not with a cluster");
    }

    @Test
    @DisplayName("a refused connection is one line naming the server, the kubeconfig context and the fix, within 2 seconds, no retries")
    void connectionRefused() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path kubeconfig = kubeconfig("http://127.0.0.1:" + port);
        // the first run loads the HTTP client's classes; the second shows the failure itself is not retried
        runWithKubeconfig(Platforms.shop("web"), "apply", "--env", "dev", "--kubeconfig", kubeconfig.toString());
        long start = System.nanoTime();
        assertThat(runWithKubeconfig(Platforms.shop("web"), "apply", "--env", "dev", "--kubeconfig", kubeconfig.toString()))
                .isEqualTo(1);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("error: cannot connect to the API server http://127.0.0.1:" + port + "/ (context "
                + "'mock' of kubeconfig " + kubeconfig + "): connection refused. Fix: start the cluster, or check the server "
                + "URL and port in the kubeconfig (kubectl config view --minify)\n");
        assertThat(runWithKubeconfig(Platforms.shop("web"), "diff", "--env", "dev", "--kubeconfig", kubeconfig.toString()))
                .isEqualTo(2);
        assertThat(runWithKubeconfig(Platforms.shop("web"), "destroy", "--env", "dev", "--yes", "--kubeconfig",
                kubeconfig.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: cannot connect to the API server");
    }

    @Test
    @DisplayName("401 and 403 are one line each naming the server and context, with the fix; nothing is attempted object by object")
    void unauthorized() {
        Path kubeconfig = mock.kubeconfig(dir);
        mock.rejectWith(401);
        assertThat(runWithKubeconfig(Platforms.shop("web"), "apply", "--env", "dev", "--kubeconfig", kubeconfig.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: the API server " + mock.url() + "/ (context 'mock' of kubeconfig "
                + kubeconfig + ") refused the credentials: HTTP 401 Unauthorized. Fix: refresh the credentials of that "
                + "context (log in again, or renew the token or client certificate), then check with kubectl get --raw /version\n");
        // fabric8 tries once more after a 401 (to refresh a token); nothing but the probe is sent
        assertThat(mock.requests()).isNotEmpty().allMatch(r -> r.equals("GET /version"));
        mock.rejectWith(403);
        assertThat(runWithKubeconfig(Platforms.shop("web"), "diff", "--env", "dev", "--kubeconfig", kubeconfig.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("error: the API server " + mock.url() + "/ (context 'mock' of kubeconfig "
                + kubeconfig + ") does not allow this identity: HTTP 403 Forbidden: ");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    @DisplayName("a server whose certificate the kubeconfig does not trust is one line: TLS failed, with the fix")
    void tlsFailure() throws IOException {
        io.fabric8.kubernetes.client.server.mock.KubernetesMockServer https =
                new io.fabric8.kubernetes.client.server.mock.KubernetesMockServer(true);
        https.init(java.net.InetAddress.getLoopbackAddress(), 0);
        try {
            Path kubeconfig = kubeconfig("https://127.0.0.1:" + https.getPort());
            assertThat(runWithKubeconfig(Platforms.shop("web"), "apply", "--env", "dev", "--kubeconfig",
                    kubeconfig.toString())).isEqualTo(1);
            assertThat(err.toString()).startsWith("error: TLS with the API server https://127.0.0.1:" + https.getPort()
                    + "/ (context 'mock' of kubeconfig " + kubeconfig + ") failed: ")
                    .contains("Fix: check the cluster's certificate-authority(-data) in the kubeconfig");
            assertThat(err.toString().lines()).hasSize(1);
        } finally {
            https.destroy();
        }
    }

    @Test
    @DisplayName("the CRD check asks the discovery of each group version used (KBs), never lists every CRD (MBs)")
    void crdCheckByDiscovery() {
        assertThat(run(Platforms.shopWithCustomResources(), "diff")).isEqualTo(2);
        assertThat(out.toString()).contains("missing VerticalPodAutoscaler.autoscaling.k8s.io/v1",
                "missing PeerAuthentication.security.istio.io/v1");
        assertThat(mock.requests()).contains("GET /apis/autoscaling.k8s.io/v1", "GET /apis/security.istio.io/v1")
                .noneMatch(r -> r.contains("customresourcedefinitions"));
    }

    @Test
    @DisplayName("the kubeconfig written by the testkit works as kubectl's: apply through it, and its current context is 'mock'")
    void testkitKubeconfig() {
        Path kubeconfig = mock.kubeconfig(dir);
        assertThat(runWithKubeconfig(Platforms.shop("web"), "apply", "--env", "dev", "--kubeconfig", kubeconfig.toString()))
                .isZero();
        assertThat(mock.client().apps().deployments().inNamespace("shop-dev").withName("web").get()).isNotNull();
    }

    private Path kubeconfig(String server) {
        return MockCluster.kubeconfig(dir.resolve("kubeconfig-" + server.hashCode()), server);
    }
}

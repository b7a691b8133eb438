package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.apply.testkit.MockCluster;
import dev.keelson.core.Keelson;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as shipped, started as a separate process, against apply's mock API server on
 * loopback ({@link MockCluster}: plain HTTP on 127.0.0.1, a kubeconfig pointing at it): diff,
 * apply, prune, wait, destroy, JSON, and the one-line errors of a cluster that cannot be used.
 */
@DisplayName("the runnable jar against a cluster")
class JarClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "nexus-v3-dev";

    @TempDir
    Path tmp;

    private MockCluster cluster;
    private Path kubeconfig;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        cluster.installDefinitions(Keelson.synth(NexusV3.platform()).manifest("dev").objects());
        kubeconfig = cluster.kubeconfig(tmp.resolve("kube"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** The jar with KUBECONFIG set, as a user with a cluster runs it. */
    private JarProcess.Result jar(String... args) {
        return JarProcess.in(tmp).env("KUBECONFIG", kubeconfig.toString()).run(args).clean();
    }

    @Test
    @DisplayName("diff exits 1, apply creates, diff exits 0, apply --prune deletes a stale member only, apply --wait waits, destroy asks then deletes")
    void lifecycle() {
        JarProcess.Result diff = jar("diff", "--env", "dev");
        assertThat(diff.exitCode()).as(diff.describe()).isEqualTo(1);
        assertThat(diff.out()).contains("+++ keelson: Deployment nexus-v3-dev/api", "would create  Deployment nexus-v3-dev/api");

        JarProcess.Result apply = jar("apply", "--env", "dev");
        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        assertThat(apply.out()).startsWith("apply nexus-v3/dev to " + cluster.url() + "/ (ApplySet applyset-")
                .contains("  created       Namespace nexus-v3-dev\n", "  created       Deployment nexus-v3-dev/api\n")
                .containsPattern("done: \\d+ created\n$");
        assertThat(apply.err()).isEmpty();

        JarProcess.Result again = jar("diff", "--env", "dev");
        assertThat(again.exitCode()).as(again.describe()).isZero();

        Secret parent = cluster.client().secrets().inNamespace(NS).withName("keelson-applyset-nexus-v3-dev").get();
        String id = parent.getMetadata().getLabels().get("applyset.kubernetes.io/id");
        cluster.client().services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("old")
                .withLabels(Map.of("applyset.kubernetes.io/part-of", id)).endMetadata().withNewSpec().addNewPort()
                .withPort(80).endPort().endSpec().build()).create();
        cluster.client().services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("hand-made")
                .endMetadata().withNewSpec().addNewPort().withPort(80).endPort().endSpec().build()).create();
        JarProcess.Result orphans = jar("apply", "--env", "dev");
        assertThat(orphans.out()).as(orphans.describe()).contains("  orphan        Service nexus-v3-dev/old\n");
        JarProcess.Result prune = jar("apply", "--env", "dev", "--prune");
        assertThat(prune.exitCode()).as(prune.describe()).isZero();
        assertThat(prune.out()).contains("  pruned        Service nexus-v3-dev/old\n").doesNotContain("hand-made");
        assertThat(cluster.client().services().inNamespace(NS).withName("old").get()).isNull();
        assertThat(cluster.client().services().inNamespace(NS).withName("hand-made").get()).isNotNull();

        cluster.simulateControllers(true);
        JarProcess.Result wait = jar("apply", "--env", "dev", "--wait=60s");
        assertThat(wait.exitCode()).as(wait.describe()).isZero();
        // the migration Job runs before the API: it is awaited alone before the next wave is applied, then
        // the other workloads are awaited
        assertThat(wait.out()).contains("  unchanged     Job nexus-v3-dev/migrate\nwaiting: 1/1 done\n"
                        + "  unchanged     Deployment nexus-v3-dev/web\n")
                .contains("waiting: 4/4 done\n")
                .contains("  ready         Job nexus-v3-dev/migrate")
                .contains("  ready         Deployment nexus-v3-dev/api")
                .doesNotContain("\u001b[").doesNotContain("\r");

        JarProcess.Result refused = jar("destroy", "--env", "dev");
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("error: destroy deletes every object Keelson applied for nexus-v3/dev from the "
                + "cluster; nothing was deleted. Fix: add --yes to confirm, or --dry-run to list what would be deleted\n");
        JarProcess.Result dry = jar("destroy", "--env", "dev", "--dry-run");
        assertThat(dry.exitCode()).as(dry.describe()).isZero();
        assertThat(dry.out()).contains("  would delete  Deployment nexus-v3-dev/api\n",
                "  would delete  Secret nexus-v3-dev/keelson-applyset-nexus-v3-dev\n");
        assertThat(cluster.client().apps().deployments().inNamespace(NS).withName("api").get()).isNotNull();
        JarProcess.Result destroy = jar("destroy", "--env", "dev", "--yes");
        assertThat(destroy.exitCode()).as(destroy.describe()).isZero();
        assertThat(destroy.out()).containsPattern("done: \\d+ deleted\n$");
        assertThat(cluster.client().apps().deployments().inNamespace(NS).withName("api").get()).isNull();
        assertThat(cluster.client().secrets().inNamespace(NS).withName("keelson-applyset-nexus-v3-dev").get()).isNull();
        assertThat(cluster.client().services().inNamespace(NS).withName("hand-made").get()).isNotNull();
    }

    @Test
    @DisplayName("--format json: diff, apply and destroy print one JSON document each, with the exit code")
    void json() throws IOException {
        JarProcess.Result diff = jar("diff", "--env", "dev", "--format", "json");
        assertThat(diff.exitCode()).as(diff.describe()).isEqualTo(1);
        JsonNode d = JSON.readTree(diff.out());
        assertThat(d.get("command").asText()).isEqualTo("diff");
        assertThat(d.get("changed").asBoolean()).isTrue();
        assertThat(d.get("diffs").get(0).get("change").asText()).isEqualTo("create");

        JarProcess.Result apply = jar("apply", "--env", "dev", "--format", "json");
        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        JsonNode a = JSON.readTree(apply.out());
        assertThat(a.get("succeeded").asBoolean()).isTrue();
        assertThat(a.get("objects").get(0).get("outcome").asText()).isEqualTo("created");

        JarProcess.Result destroy = jar("destroy", "--env", "dev", "--yes", "--format", "json");
        assertThat(destroy.exitCode()).as(destroy.describe()).isZero();
        JsonNode x = JSON.readTree(destroy.out());
        assertThat(x.get("exitCode").asInt()).isZero();
        assertThat(x.get("objects").get(x.get("objects").size() - 1).get("kind").asText()).isEqualTo("Secret");
    }

    @Test
    @DisplayName("no kubeconfig, an unknown context, a refused connection and a 401 are one clear line each, exit 1 (diff: 2)")
    void clearErrors() throws IOException {
        JarProcess.Result none = JarProcess.in(tmp).run("apply", "--env", "dev").clean();
        assertThat(none.exitCode()).as(none.describe()).isEqualTo(1);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).isEqualTo("error: no kubeconfig: $KUBECONFIG is not set and " + tmp.resolve(".kube/config")
                + " does not exist. Fix: pass --kubeconfig FILE, set KUBECONFIG, or write one for your cluster (e.g. kind "
                + "create cluster, aws eks update-kubeconfig, gcloud container clusters get-credentials)\n");

        JarProcess.Result context = jar("diff", "--env", "dev", "--context", "prod-eu");
        assertThat(context.exitCode()).as(context.describe()).isEqualTo(2);
        assertThat(context.err()).isEqualTo("error: context 'prod-eu' is not in the kubeconfig " + kubeconfig
                + ". Fix: kubectl config get-contexts lists the names\n");

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path refusedConfig = Files.writeString(tmp.resolve("refused"), Files.readString(kubeconfig)
                .replace(cluster.url(), "http://127.0.0.1:" + closed));
        JarProcess.Result refused = JarProcess.in(tmp).env("KUBECONFIG", refusedConfig.toString())
                .run("apply", "--env", "dev").clean();
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).isEqualTo("error: cannot connect to the API server http://127.0.0.1:" + closed
                + "/ (context 'mock' of kubeconfig " + refusedConfig + "): connection refused. Fix: start the cluster, or "
                + "check the server URL and port in the kubeconfig (kubectl config view --minify)\n");

        cluster.rejectWith(401);
        int before = cluster.requests().size();
        JarProcess.Result unauthorized = jar("apply", "--env", "dev");
        assertThat(unauthorized.exitCode()).as(unauthorized.describe()).isEqualTo(1);
        assertThat(unauthorized.err()).isEqualTo("error: the API server " + cluster.url() + "/ (context 'mock' of kubeconfig "
                + kubeconfig + ") refused the credentials: HTTP 401 Unauthorized. Fix: refresh the credentials of that "
                + "context (log in again, or renew the token or client certificate), then check with kubectl get --raw /version\n");
        assertThat(cluster.requests().subList(before, cluster.requests().size())).allMatch(r -> r.equals("GET /version"));
    }

    @Test
    @DisplayName("an empty, garbled or binary kubeconfig, or one without a current context: one clear line, exit 1 (diff: 2), no request")
    void brokenKubeconfigs() throws IOException {
        int before = cluster.requests().size();
        Path empty = Files.writeString(tmp.resolve("empty"), "");
        JarProcess.Result e = JarProcess.in(tmp).run("apply", "--env", "dev", "--kubeconfig", empty.toString()).clean();
        assertThat(e.exitCode()).as(e.describe()).isEqualTo(1);
        assertThat(e.out()).isEmpty();
        assertThat(e.err()).isEqualTo("error: kubeconfig " + empty + " is empty. Fix: write one for your cluster (e.g. kind create "
                + "cluster, aws eks update-kubeconfig, gcloud container clusters get-credentials), or pass another with --kubeconfig\n");

        Path garbled = Files.writeString(tmp.resolve("garbled"), "apiVersion: v1\nclusters: [unclosed\n");
        JarProcess.Result g = JarProcess.in(tmp).env("KUBECONFIG", garbled.toString()).run("diff", "--env", "dev").clean();
        assertThat(g.exitCode()).as(g.describe()).isEqualTo(2);
        assertThat(g.err()).startsWith("error: kubeconfig " + garbled + " is not valid YAML: ").contains("(line ")
                .endsWith("or pass another with --kubeconfig\n").hasLineCount(1);

        Path binary = Files.write(tmp.resolve("binary"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 7, (byte) 0xc3, 0x28});
        JarProcess.Result b = JarProcess.in(tmp).run("destroy", "--env", "dev", "--yes", "--kubeconfig", binary.toString()).clean();
        assertThat(b.exitCode()).as(b.describe()).isEqualTo(1);
        assertThat(b.err()).startsWith("error: kubeconfig " + binary + " is not a text file (not UTF-8). Fix: ").hasLineCount(1);

        Path noCurrent = Files.writeString(tmp.resolve("no-current"), Files.readString(kubeconfig).replace("current-context: mock\n", ""));
        JarProcess.Result n = JarProcess.in(tmp).env("KUBECONFIG", noCurrent.toString()).run("apply", "--env", "dev").clean();
        assertThat(n.exitCode()).as(n.describe()).isEqualTo(1);
        assertThat(n.err()).isEqualTo("error: the kubeconfig " + noCurrent + " has no current-context. Fix: pass --context NAME "
                + "(mock), or set one with kubectl config use-context NAME\n");
        assertThat(cluster.requests()).hasSize(before);
    }

    @Test
    @DisplayName("a refused connection fails fast: the jar takes no longer than --version plus print, not seconds of retries")
    void refusedIsFast() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path refusedConfig = Files.writeString(tmp.resolve("refused"), Files.readString(kubeconfig)
                .replace(cluster.url(), "http://127.0.0.1:" + closed));
        JarProcess.Result print = JarProcess.in(tmp).run("print", "--env", "dev").clean();
        JarProcess.Result refused = JarProcess.in(tmp).env("KUBECONFIG", refusedConfig.toString())
                .run("diff", "--env", "dev").clean();
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(2);
        // the HTTP client's start and one refused connection, on top of what print costs; the retries took 12 s
        assertThat(refused.took().toMillis()).as(refused.describe() + "\nprint took " + print.took().toMillis() + " ms")
                .isLessThan(print.took().toMillis() + 4_000);
    }
}

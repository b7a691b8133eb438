package dev.keelson.apply.testkit;

import dev.keelson.apply.Cluster;
import dev.keelson.apply.internal.Crds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Kubernetes API server for tests: the fabric8 mock server in CRUD mode, plain HTTP on
 * 127.0.0.1 with a random port, with {@link SsaDispatcher}'s emulation of server-side apply,
 * expectations for fault injection, and a client whose own retries are off (so the retries under
 * test are Keelson's). Other modules' tests use it through apply's test-jar, e.g. to run a
 * platform's jar as a process against it:
 *
 * <pre>{@code
 * try (MockCluster cluster = new MockCluster()) {
 *     Path kubeconfig = cluster.kubeconfig(tempDir);          // current-context "mock"
 *     cluster.simulateControllers(true);                      // Deployments become ready, Jobs complete
 *     // java -jar app.jar apply --kubeconfig <kubeconfig> --wait=30s
 * }
 * }</pre>
 */
public final class MockCluster implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    /** The name of the cluster, context and user in {@link #kubeconfig(Path)}. */
    public static final String CONTEXT = "mock";

    /** Held so the setting is not collected: the mock server logs every request at INFO. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final SsaDispatcher dispatcher;
    private KubernetesClient client;

    /** Starts the server on loopback, on a free port. */
    public MockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new ConcurrentHashMap<>();
        dispatcher = new SsaDispatcher(responses);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = newClient();
    }

    private KubernetesClient newClient() {
        Config base = server.createClient().getConfiguration();
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(base).withRequestRetryBackoffLimit(0).build())
                .build();
    }

    /**
     * Makes the running server as good as new, so one server can serve a whole test class (starting one per test
     * is what made the cluster tests slow): an empty store, no expectations, no request log, no rejection, no
     * simulated controllers, and a new client (so nothing the old one cached leaks into the next test).
     *
     * <pre>{@code
     * @RegisterExtension   // one server for the class: reset before each test, closed after the last
     * static final MockCluster mock = new MockCluster();
     * }</pre>
     */
    public void reset() {
        dispatcher.reset();
        client.close();
        client = newClient();
    }

    /** As a JUnit extension in a static field: {@link #reset()} before each test. */
    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    /** As a JUnit extension in a static field: {@link #close()} after the class's last test. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** The mock server, for expectations ({@code server().expect()...}) that take precedence over the store. */
    public KubernetesMockServer server() {
        return server;
    }

    /** A client of the server, its own retries off. */
    public KubernetesClient client() {
        return client;
    }

    /** The server as a Keelson {@link Cluster} (closing it leaves the client open). */
    public Cluster cluster() {
        return Cluster.of(client);
    }

    /** The server's URL, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /**
     * Writes {@code dir/kubeconfig}: one cluster, user and context named {@value #CONTEXT} (the
     * current context), the server at {@link #url()}, a bearer token; returns its path.
     */
    public Path kubeconfig(Path dir) {
        return kubeconfig(dir.resolve("kubeconfig"), url());
    }

    /**
     * Writes {@code file}: a kubeconfig like {@link #kubeconfig(Path)}'s, for any {@code server}
     * (a closed port, an HTTPS endpoint); returns its path.
     */
    public static Path kubeconfig(Path file, String server) {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: mock
                    namespace: default
                current-context: mock
                users:
                - name: mock
                  user:
                    token: mock-token
                """.formatted(server);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a kubeconfig at " + file, e);
        }
    }

    /**
     * Creates, for every kind of {@code objects} whose API group is served by a CRD (Istio, VPA,
     * Prometheus Operator, cert-manager, ...), a minimal namespaced CustomResourceDefinition that
     * serves its version and keeps any field, as installing the operators would; returns how many.
     */
    public int installDefinitions(Collection<? extends HasMetadata> objects) {
        Set<String> done = new HashSet<>();
        for (HasMetadata o : objects) {
            String apiVersion = o.getApiVersion();
            int slash = apiVersion.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String group = apiVersion.substring(0, slash);
            String version = apiVersion.substring(slash + 1);
            if (!Crds.needsDefinition(group) || !done.add(o.getKind() + "." + group + "/" + version)) {
                continue;
            }
            String singular = o.getKind().toLowerCase(Locale.ROOT);
            String plural = singular.endsWith("y") ? singular.substring(0, singular.length() - 1) + "ies"
                    : singular.endsWith("s") ? singular + "es" : singular + "s";
            client.resource(new CustomResourceDefinitionBuilder().withNewMetadata().withName(plural + "." + group).endMetadata()
                    .withNewSpec().withGroup(group).withScope("Namespaced")
                    .withNewNames().withKind(o.getKind()).withPlural(plural).withSingular(singular).endNames()
                    .addNewVersion().withName(version).withServed(true).withStorage(true).withNewSchema()
                    .withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema()
                    .endSchema().endVersion().endSpec().build()).createOr(existing -> existing.update());
        }
        return done.size();
    }

    /** From now on, answers every request with HTTP {@code code} (401 or 403) as a server refusing the caller; 0 stops. */
    public void rejectWith(int code) {
        dispatcher.rejectWith(code);
    }

    /**
     * Acts as the controllers: Deployments and StatefulSets gain one ready replica per read until
     * rolled out, DaemonSets are rolled out, Jobs run then complete (or fail, see {@link #failJob}).
     */
    public void simulateControllers(boolean on) {
        dispatcher.simulateControllers(on);
    }

    /** With {@link #simulateControllers}, the Job {@code name} fails: condition Failed and a failed pod (exit code 1). */
    public void failJob(String name) {
        dispatcher.failJob(name);
    }

    /** Every request so far, as {@code METHOD path?query}. */
    public List<String> requests() {
        return dispatcher.requests();
    }

    /** The requests that would change state on a real server (not GET, not dry runs). */
    public List<String> writes() {
        return dispatcher.writes();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}

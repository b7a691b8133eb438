package dev.keelson.apply;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A fabric8 Kubernetes mock server in CRUD mode on loopback, with expectations for fault injection
 * and {@link SsaDispatcher}'s server-side apply emulation, and a client whose own retries are off
 * (so the retries under test are Keelson's).
 */
final class MockCluster implements AutoCloseable {

    /** Held so the setting is not collected: the mock server logs every request at INFO. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    final KubernetesMockServer server;
    final SsaDispatcher dispatcher;
    final KubernetesClient client;

    MockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new ConcurrentHashMap<>();
        dispatcher = new SsaDispatcher(responses);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        Config base = server.createClient().getConfiguration();
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(base).withRequestRetryBackoffLimit(0).build())
                .build();
    }

    Cluster cluster() {
        return Cluster.of(client);
    }

    List<String> writes() {
        return dispatcher.writes();
    }

    List<String> requests() {
        return dispatcher.requests();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}

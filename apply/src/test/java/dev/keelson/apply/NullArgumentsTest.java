package dev.keelson.apply;

import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Runner;
import dev.keelson.core.testkit.NullSweep;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("every public method of apply names the call and the parameter when given null")
class NullArgumentsTest {

    // never connected: every swept call fails on its null argument before it talks to a server
    private final KubernetesClient client = new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build()).build();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    @DisplayName("Cluster, Apply, the commands and the reports refuse null in every argument not marked @Nullable")
    void sweep() {
        Platform shop = Platforms.shop("web");
        Cluster cluster = Cluster.of(client);
        NullSweep.of("dev.keelson.apply")
                .sample(Platform.class, () -> shop)
                .sample(Runner.class, () -> Keelson.runner(shop))
                .sample(Cluster.class, () -> cluster)
                .sample(Apply.class, () -> cluster.apply(shop))
                .sample(Retry.class, Retry::defaults)
                .sample(ObjectRef.class, () -> new ObjectRef("apps/v1", "Deployment", "shop-prod", "web"))
                .sample(ApplyReport.class, () -> new ApplyReport("shop", "prod", "https://127.0.0.1:1", false,
                        "applyset-x-v1", List.of(), List.of(), List.of(), List.of(), ""))
                .run();
    }
}

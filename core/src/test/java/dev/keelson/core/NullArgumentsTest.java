package dev.keelson.core;

import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import dev.keelson.core.spi.TierExtension;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.core.testkit.NullSweep;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("every public method of core names the call and the parameter when given null")
class NullArgumentsTest {

    @Test
    @DisplayName("null in any argument not marked @Nullable fails at once, naming the call and the parameter; nothing escapes the sweep")
    void sweep() {
        NullSweep.of("dev.keelson.core")
                .sample(Class.class, () -> Deployment.class)
                .sample(Image.class, () -> Image.parse("ghcr.io/acme/web:1.4.2"))
                .sample(ArgoCd.class, () -> ArgoCd.source("https://github.com/acme/shop-deploy.git", "gitops/kustomize"))
                .sample(Port.class, () -> Port.http(8080))
                .sample(Percent.class, () -> Percent.of(10))
                .sample(Probe.class, () -> Probe.http("/healthz"))
                .sample(Resources.class, () -> Resources.requests("250m", "256Mi"))
                .sample(RollingUpdate.class, () -> RollingUpdate.DEFAULT)
                .sample(Spread.class, () -> Spread.DEFAULT)
                .sample(Metrics.class, () -> new Metrics("http", "/metrics"))
                .sample(Tls.class, () -> Tls.clusterIssuer("letsencrypt-prod"))
                .sample(Exposure.class, () -> Exposure.host("shop.example.com"))
                .sample(GatewayApi.class, GatewayApi::istio)
                .sample(Connection.class, () -> Connection.to("api"))
                .sample(Dependency.class, () -> Dependency.postgres("orders-db"))
                .sample(TierOverride.class, () -> TierOverride.replicas(3))
                .sample(Storage.class, () -> Storage.of("10Gi"))
                .sample(Stateful.class, () -> Stateful.of(Storage.of("10Gi")))
                .sample(Batch.class, () -> Batch.DEFAULT)
                .sample(Schedule.class, () -> Schedule.cron("0 3 * * *"))
                .sample(NodeAgent.class, NodeAgent::none)
                .sample(Environment.class, Environment::prod)
                .sample(KubernetesVersion.class, () -> KubernetesVersion.DEFAULT)
                .sample(Peer.class, () -> Peer.tier("api"))
                .sample(Peer.Workloads.class,
                        () -> new Peer.Workloads("monitoring", Map.of("app.kubernetes.io/name", "prometheus"), null))
                .sample(ClusterServices.class, () -> ClusterServices.DEFAULT)
                .sample(Flow.class, () -> Flow.of(Flow.Kind.TIER, Peer.tier("web"), Peer.tier("api"), List.of(Port.http(8080))))
                .sample(Flows.class, ListFlows::new)
                .sample(ModelPath.class, () -> ModelPath.root("shop"))
                .sample(Problem.class, () -> Problem.error(ModelPath.root("shop").tier("api"), "something is wrong", null))
                .sample(PlatformFeature.class, () -> new PlatformExtension() { })
                .sample(TierFeature.class, () -> new TierExtension() { })
                .sample(PlatformExtension.class, () -> new PlatformExtension() { })
                .sample(TierExtension.class, () -> new TierExtension() { })
                .sample(TierFeature.OnlyIn.class, () -> (TierFeature.OnlyIn) new TierExtension() { }.onlyIn(Stage.PRODUCTION))
                .sample(Tier.Builder.class, NullArgumentsTest::web)
                .sample(Tier.class, () -> web().build())
                .sample(Platform.Builder.class, NullArgumentsTest::shop)
                .sample(Platform.class, () -> shop().build())
                .sample(Platform.InEnvironment.class, () -> new Platform.InEnvironment("prod",
                        env -> new ConfigMapBuilder().withNewMetadata().withName("banner").endMetadata().build()))
                .sample(Synth.class, () -> Keelson.synth(shop().build()))
                .sample(Manifest.class, () -> Keelson.synth(shop().build()).manifest("prod"))
                .sample(FeatureContext.class, Captured::synthesis)
                .sample(TierObjects.class, Captured::tier)
                .run();
    }

    @Test
    @DisplayName("the message names the call as the user wrote it: nested builders, constructors, elements of varargs")
    void messages() {
        assertThatThrownBy(() -> Tier.named("web").image((String) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("Tier.Builder.image(): argument 'reference' is null");
        assertThatThrownBy(() -> Tier.named("web").talksTo("api", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("Tier.Builder.talksTo(): argument 'tiers' holds null at index 1");
        assertThatThrownBy(() -> new Peer.Workloads("monitoring", null, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("new Peer.Workloads(): argument 'podLabels' is null");
        assertThatThrownBy(() -> Environment.prod().override("api", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("Environment.override(): argument 'override' is null");
        assertThatThrownBy(() -> Platform.named("shop").environments(Environment.dev(), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("Platform.Builder.environments(): argument 'environments' holds null at index 1");
    }

    private static Tier.Builder web() {
        return Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080));
    }

    private static Platform.Builder shop() {
        return Platform.named("shop").tier(web());
    }

    /** A flow graph as a feature author might write one for a test, so the interface's own defaults are swept. */
    private static final class ListFlows implements Flows {
        private final List<Flow> flows = new ArrayList<>(List.of(
                Flow.of(Flow.Kind.TIER, Peer.tier("web"), Peer.tier("api"), List.of(Port.http(8080)))));

        @Override
        public Flows add(Flow flow) {
            flows.add(Require.nonNull(flow, "flow"));
            return this;
        }

        @Override
        public List<Flow> all() {
            return List.copyOf(flows);
        }
    }

    /** What a feature sees during a real synthesis, kept for the sweep. */
    private static final class Captured implements PlatformExtension {
        private FeatureContext synthesis;

        @Override
        public void contribute(FeatureContext s) {
            synthesis = s;
        }

        private static Captured run() {
            Captured captured = new Captured();
            Keelson.synth(shop().with(captured).build()).manifest("prod");
            return captured;
        }

        static FeatureContext synthesis() {
            return run().synthesis;
        }

        static TierObjects tier() {
            return run().synthesis.tiers().get(0);
        }
    }
}

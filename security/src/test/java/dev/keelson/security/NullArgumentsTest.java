package dev.keelson.security;

import dev.keelson.core.Flow;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Resources;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.core.testkit.NullSweep;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("every public method of dev.keelson.security names the call and the parameter when given null")
class NullArgumentsTest {

    @Test
    void sweep() {
        NullSweep.of("dev.keelson.security")
                .sample(SecurityBaseline.class, SecurityBaseline::restricted)
                .sample(Quota.class, Quota::derived)
                .sample(Waiver.class, () -> new Waiver("SEC-POD-001", "Deployment/web", "ticket OPS-12"))
                .sample(Class.class, () -> Deployment.class)
                .sample(KubernetesApi.class, () -> KubernetesApi.access("configmaps").verbs("get"))
                .sample(KubernetesApi.Access.class, () -> new KubernetesApi.Access("", List.of("configmaps"), List.of("get"), List.of()))
                .sample(Resources.class, () -> Resources.DEFAULT)
                .sample(Platform.class, () -> Platforms.shop(SecurityBaseline.restricted()).build())
                .sample(Tier.class, () -> Tier.named("web").image("ghcr.io/acme/web:1.4.2").build())
                .sample(Manifest.class, () -> Keelson.synth(Platforms.shop(SecurityBaseline.restricted()).build()).manifest("prod"))
                .sample(Flow.class, () -> Flow.of(Flow.Kind.TIER, Peer.tier("web"), Peer.tier("api"), List.of(Port.http(8080))))
                .sample(FlowAnalysis.Verdict.class, () -> FlowAnalysis.Verdict.ALLOWED)
                .sample(ImagePolicy.class, SupplyChainPlatforms::images)
                .sample(Signature.class, () -> Signature.publicKeyFromSecret("cosign-pub"))
                .sample(AuditPolicy.class, () -> AuditPolicy.of(Platforms.shop(SecurityBaseline.restricted()).build()))
                .sample(dev.keelson.core.Runner.class, () -> Keelson.runner(Platforms.shop(SecurityBaseline.restricted()).build()))
                .sample(java.nio.file.Path.class, () -> java.nio.file.Path.of("target", "audit-policy.yaml"))
                .sample(dev.keelson.core.Stage.class, () -> dev.keelson.core.Stage.PRODUCTION)
                // a synthesis exists only inside Keelson.synth; the argument checks come first, so a
                // stand-in that refuses every call is a valid receiver of the other argument's check
                .sample(FeatureContext.class, () -> standIn(FeatureContext.class))
                .sample(TierObjects.class, () -> standIn(TierObjects.class))
                .run();
    }

    private static <T> T standIn(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw new UnsupportedOperationException("a stand-in " + type.getSimpleName() + " was called: " + method.getName());
        }));
    }
}

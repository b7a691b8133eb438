package dev.keelson.autoscaling;

import dev.keelson.core.Environment;
import dev.keelson.core.Percent;
import dev.keelson.core.Platform;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.core.testkit.NullSweep;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every public constructor and method of the autoscaling API refuses a null argument, naming the call and the parameter. */
class NullArgumentsTest {

    @Test
    @DisplayName("a null argument to any public call of dev.keelson.autoscaling fails at once, naming the call and the parameter")
    void sweep() {
        NullSweep.of("dev.keelson.autoscaling")
                .sample(Behavior.class, () -> Behavior.DEFAULT)
                .sample(ContainerPolicy.class, ContainerPolicy::app)
                .sample(Keda.class, Keda::with)
                .sample(KedaTrigger.class, () -> KedaTrigger.rabbitmq("orders", 10))
                .sample(Metric.class, () -> Metric.cpu(70))
                .sample(Metric.ResourceMetric.class, () -> Metric.cpu(70))
                .sample(Metric.PodsMetric.class, () -> Metric.requestsPerSecond(100))
                .sample(Metric.ObjectMetric.class, () -> Metric.object("rps", Metric.DescribedObject.ingress("web"), Target.value(10)))
                .sample(Metric.ExternalMetric.class, () -> Metric.queueDepth("orders", 10))
                .sample(Metric.DescribedObject.class, () -> Metric.DescribedObject.service("api"))
                .sample(Target.class, () -> Target.averageValue(100))
                .sample(Target.Utilization.class, () -> new Target.Utilization(Percent.of(70)))
                .sample(Target.AverageValue.class, () -> new Target.AverageValue("100"))
                .sample(Target.Value.class, () -> new Target.Value("100"))
                .sample(Percent.class, () -> Percent.of(70))
                .sample(Replicas.class, () -> Replicas.DEFAULT)
                .sample(ScalingPolicy.class, () -> ScalingPolicy.pods(1, Duration.ofSeconds(60)))
                .sample(ScalingProfile.class, ScalingProfile::standard)
                .sample(ScalingRules.class, ScalingRules::disabled)
                .sample(VerticalScaling.class, VerticalScaling::recommendOnly)
                .sample(ComputeResource.class, () -> ComputeResource.CPU)
                .sample(EnumSet.class, () -> EnumSet.of(ComputeResource.CPU))
                .sample(ZoneId.class, () -> ZoneId.of("UTC"))
                .sample(BigDecimal.class, () -> BigDecimal.ONE)
                .sample(Environment.class, Environment::prod)
                .sample(Tier.class, () -> Tier.named("api").image("ghcr.io/acme/api:2.0.1").build())
                .sample(Platform.class, () -> Platform.named("shop").environments(Environment.prod())
                        .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1")).build())
                // never called: every argument is checked before anything else, so these only fill the other slots
                .sample(FeatureContext.class, () -> unused(FeatureContext.class))
                .sample(TierObjects.class, () -> unused(TierObjects.class))
                .run();
    }

    private static <T> T unused(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw new AssertionError("the sweep's " + type.getSimpleName() + " was used by " + method);
        }));
    }
}

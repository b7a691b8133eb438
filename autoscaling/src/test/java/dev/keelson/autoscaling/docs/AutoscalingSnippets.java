package dev.keelson.autoscaling.docs;

import dev.keelson.autoscaling.Behavior;
import dev.keelson.autoscaling.ComputeResource;
import dev.keelson.autoscaling.ContainerPolicy;
import dev.keelson.autoscaling.ControlledValues;
import dev.keelson.autoscaling.Keda;
import dev.keelson.autoscaling.KedaTrigger;
import dev.keelson.autoscaling.Metric;
import dev.keelson.autoscaling.ScalingPolicy;
import dev.keelson.autoscaling.ScalingProfile;
import dev.keelson.autoscaling.ScalingRules;
import dev.keelson.autoscaling.SelectPolicy;
import dev.keelson.autoscaling.Target;
import dev.keelson.autoscaling.UpdateMode;
import dev.keelson.autoscaling.VerticalScaling;
import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** The code shown in docs/autoscaling.md, compiled and run by AutoscalingSnippetsTest. Outside the API package on purpose. */
public final class AutoscalingSnippets {

    private AutoscalingSnippets() {
    }

    /** The quick start. */
    public static Platform quickStart() {
        // snippet:quick-start
        Platform shop = Platform.named("shop")
                .environments(Environment.dev(), Environment.staging(), Environment.prod())
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080))
                        .with(ScalingProfile.report()                                  // the report's full profile
                                .in(Stage.DEVELOPMENT, ScalingProfile.fixed(1))))       // dev: one pod, no HPA
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080))
                        .with(ScalingProfile.cpu(70).memory(80).replicas(2, 20)))       // every figure overridable
                .build();
        // end:quick-start
        return shop;
    }

    /** Figures overridden one by one. */
    public static List<ScalingProfile> overrides() {
        // snippet:overrides
        ScalingProfile busy = ScalingProfile.report()
                .metric(Metric.cpu(60))                                   // replaces the cpu metric in place
                .withoutMetric("pods/active_connections")                 // drop one the app does not export
                .metric(Metric.queueDepth("orders", 20))                  // a second queue, 20 per pod
                .replicas(4, 40)
                .scaleUp(ScalingRules.of(ScalingPolicy.percent(100, Duration.ofSeconds(30)),
                                ScalingPolicy.pods(4, Duration.ofSeconds(30)))
                        .stabilization(Duration.ZERO)
                        .select(SelectPolicy.MAX))                        // react to spikes: the larger step wins
                .disruptionBudget(2);
        ScalingProfile averages = ScalingProfile.on(Metric.cpuAverage("500m"))
                .metric(Metric.memoryAverage("768Mi"))
                .metric(Metric.object("requests_per_second", Metric.DescribedObject.ingress("web"), Target.value(2000)))
                .metric(Metric.external("sqs_messages_visible", Map.of("queue", Metric.TIER), Target.averageValue(30)))
                .behavior(Behavior.DEFAULT.scaleDown(ScalingRules.disabled()));
        // end:overrides
        return List.of(busy, averages);
    }

    /** HPA and VPA side by side, without fighting. */
    public static ScalingProfile hpaAndVpa() {
        // snippet:hpa-and-vpa
        ScalingProfile profile = ScalingProfile.cpu(70)                        // the HPA scales on CPU ...
                .vertical(VerticalScaling.mode(UpdateMode.IN_PLACE_OR_RECREATE)
                        .container(ContainerPolicy.app()
                                .controls(ComputeResource.MEMORY)            // ... the VPA sets memory only
                                .controlledValues(ControlledValues.REQUESTS_ONLY)
                                .maxAllowed(null, "4Gi"))
                        .container(ContainerPolicy.istioProxy().controls(ComputeResource.MEMORY)));
        // end:hpa-and-vpa
        return profile;
    }

    /** A VPA only. */
    public static ScalingProfile vpaOnly() {
        // snippet:vpa-only
        ScalingProfile profile = ScalingProfile.verticalOnly(VerticalScaling.mode(UpdateMode.INITIAL)
                .container(ContainerPolicy.app().minAllowed("100m", "128Mi").maxAllowed("2", "2Gi"))
                .istioProxy()                                                     // bounds for the Istio sidecar
                .container(ContainerPolicy.allOthers().off()));                  // leave other sidecars alone
        // end:vpa-only
        return profile;
    }

    /** KEDA instead of an HPA. */
    public static ScalingProfile keda() {
        // snippet:keda
        ScalingProfile profile = ScalingProfile.cpu(70).replicas(2, 40)
                .keda(Keda.with(
                                KedaTrigger.cron(ZoneId.of("Europe/Berlin"), "0 8 * * 1-5", "0 20 * * 1-5", 10),
                                KedaTrigger.rabbitmq("orders", 10).authenticatedBy("rabbitmq-auth"))
                        .pollingInterval(Duration.ofSeconds(15)));
        // end:keda
        return profile;
    }

    /** Per stage. */
    public static List<ScalingProfile> perStage() {
        // snippet:per-stage
        ScalingProfile profile = ScalingProfile.report()
                .in(Stage.STAGING, ScalingProfile.standard().replicas(2, 4))    // staging: resources only, small
                .in(Stage.DEVELOPMENT, ScalingProfile.fixed(1));                 // dev: one pod, no HPA, no PDB
        ScalingProfile prodOnly = ScalingProfile.standard().onlyIn(Stage.PRODUCTION);   // elsewhere: Tier.replicas
        // end:per-stage
        return List.of(profile, prodOnly);
    }
}

package dev.keelson.benchmarks;

import dev.keelson.autoscaling.ScalingProfile;
import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.core.TierFeature;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.TierExtension;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.security.SecurityBaseline;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platforms the benchmarks synthesize: one environment ({@code prod}) and N tiers, each
 * exposed, configured and talking to the next, so that the flow graph is not empty.
 *
 * <ul>
 *   <li>{@link #of(int)}, what the benchmarks measure: the real modules, as a user's platform
 *       would use them. Per tier core's ServiceAccount, ConfigMap, Service, Deployment and Ingress,
 *       {@link ScalingProfile#standard()}'s HorizontalPodAutoscaler and PodDisruptionBudget, and
 *       {@link SecurityBaseline#restricted()}'s NetworkPolicy: 8 objects; per namespace the
 *       Namespace, a ResourceQuota, a LimitRange and two NetworkPolicies (default deny, DNS).</li>
 *   <li>{@link #withBuilderFeature(int)}, for comparison: core plus a feature written with fabric8's
 *       builders ({@link #EXTRAS}: PodDisruptionBudget, HorizontalPodAutoscaler, NetworkPolicy,
 *       RoleBinding), 9 objects per tier and the Namespace. It shows what builders cost a short run.</li>
 * </ul>
 *
 * <pre>{@code
 * Platform p = BenchmarkPlatform.of(1000);   // 8005 objects: 8 per tier and 5 per namespace
 * }</pre>
 */
public final class BenchmarkPlatform {

    /** Objects per tier of {@link #of(int)}. */
    public static final int OBJECTS_PER_TIER = 8;

    /** The benchmark-local feature of {@link #withBuilderFeature(int)}, written with fabric8 builders. */
    public static final TierFeature EXTRAS = new Extras();

    private BenchmarkPlatform() {
    }

    /** A platform of {@code tiers} tiers (at least 1) using the security and autoscaling modules. */
    public static Platform of(int tiers) {
        return build(tiers, true);
    }

    /** A platform of {@code tiers} tiers (at least 1) using core and {@link #EXTRAS} only. */
    public static Platform withBuilderFeature(int tiers) {
        return build(tiers, false);
    }

    /** {@link #of(int)} or, for {@code "builders"}, {@link #withBuilderFeature(int)}. */
    public static Platform of(int tiers, String flavor) {
        return switch (flavor) {
            case "modules" -> of(tiers);
            case "builders" -> withBuilderFeature(tiers);
            default -> throw new IllegalArgumentException("flavor '" + flavor + "': use 'modules' or 'builders'");
        };
    }

    private static Platform build(int tiers, boolean modules) {
        Platform.Builder platform = Platform.named("bench").environments(Environment.prod());
        if (modules) {
            platform.with(SecurityBaseline.restricted());
        }
        for (int i = 0; i < tiers; i++) {
            Tier.Builder tier = Tier.named(name(i))
                    .image("ghcr.io/acme/" + name(i) + ":1.0." + i)
                    .port(Port.http(8080))
                    .config("LOG_LEVEL", "info")
                    .config("UPSTREAM", "http://" + name((i + 1) % tiers) + ":8080")
                    .env("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75")
                    .exposedAt(name(i) + ".bench.example.com")
                    .with(modules ? ScalingProfile.standard() : EXTRAS);
            if (tiers > 1) {
                tier.talksTo(name((i + 1) % tiers));
            }
            platform.tier(tier);
        }
        return platform.build();
    }

    /** How many objects {@link #of(int)} synthesizes per environment. */
    public static int objects(int tiers) {
        return tiers * OBJECTS_PER_TIER + 5;
    }

    static String name(int i) {
        return "tier-" + i;
    }

    private static final class Extras implements TierExtension {
        @Override
        public void contribute(FeatureContext s, TierObjects t) {
            String name = t.tier().name();
            Map<String, String> selector = t.selector();
            s.add(new PodDisruptionBudgetBuilder().withNewMetadata().withName(name).withLabels(labels(t)).endMetadata()
                    .withNewSpec().withMinAvailable(new IntOrString(1)).withNewSelector().withMatchLabels(selector)
                    .endSelector().endSpec().build());
            s.add(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName(name).withLabels(labels(t)).endMetadata()
                    .withNewSpec().withMinReplicas(2).withMaxReplicas(20)
                    .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(name).endScaleTargetRef()
                    .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
                    .withType("Utilization").withAverageUtilization(70).endTarget().endResource().endMetric()
                    .addNewMetric().withType("Resource").withNewResource().withName("memory").withNewTarget()
                    .withType("Utilization").withAverageUtilization(80).endTarget().endResource().endMetric()
                    .endSpec().build());
            s.add(new NetworkPolicyBuilder().withNewMetadata().withName(name).withLabels(labels(t)).endMetadata()
                    .withNewSpec().withNewPodSelector().withMatchLabels(selector).endPodSelector()
                    .withPolicyTypes("Ingress")
                    .addNewIngress().addNewFrom().withNewPodSelector().addToMatchLabels("app.kubernetes.io/part-of", "bench")
                    .endPodSelector().endFrom().addNewPort().withProtocol("TCP").withPort(new IntOrString("http")).endPort()
                    .endIngress().endSpec().build());
            s.add(new RoleBindingBuilder().withNewMetadata().withName(name + "-view").withLabels(labels(t)).endMetadata()
                    .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("view").endRoleRef()
                    .addNewSubject().withKind("ServiceAccount").withName(t.serviceAccount().getMetadata().getName())
                    .withNamespace(s.namespaceName()).endSubject().build());
        }

        private static Map<String, String> labels(TierObjects t) {
            return new LinkedHashMap<>(t.labels());
        }
    }
}

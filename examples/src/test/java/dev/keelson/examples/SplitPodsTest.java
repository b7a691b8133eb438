package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.core.Resources;
import dev.keelson.core.Tier;
import dev.keelson.core.TierOverride;
import dev.keelson.core.Tls;
import dev.keelson.mesh.MeshPolicy;
import dev.keelson.observability.Observability;
import dev.keelson.observability.Slo;
import dev.keelson.observability.Tracing;
import dev.keelson.security.KubernetesApi;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reference platform's API canary is a workload of its tier: every feature changes its pods as
 * it changes the tier's, whether it is declared before the mesh (the mesh copies what it did) or
 * after it (it changes both pod templates).
 */
class SplitPodsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> REFERENCE = List.of("security", "mesh", "observability", "tracing");
    private static final List<List<String>> ORDERS = List.of(
            REFERENCE,
            List.of("mesh", "security", "observability", "tracing"),
            List.of("security", "observability", "tracing", "mesh"));

    private static PlatformFeature feature(String name) {
        return switch (name) {
            case "security" -> NexusV3.security();
            case "mesh" -> MeshPolicy.strictMtls().withCni();
            case "observability" -> Observability.prometheus().defaultSlo(Slo.availability(99.9).latencyP95(Duration.ofMillis(500)));
            case "tracing" -> Tracing.otlp("otel-collector.observability:4317").sampling(10).sampling("dev", 100).meshProvider("jaeger");
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The reference platform (as {@link NexusV3#platform()} declares it) with its platform features in {@code order}: its production. */
    private static Manifest prod(List<String> order, UnaryOperator<Tier.Builder> api) {
        Platform.Builder p = Platform.named("nexus-v3").kubernetes("1.29")
                .environments(
                        Environment.dev().override("web", TierOverride.host("nexus.dev.example.com"))
                                .override("api", TierOverride.host("api.nexus.dev.example.com")),
                        Environment.staging().override("web", TierOverride.host("nexus.staging.example.com"))
                                .override("api", TierOverride.host("api.nexus.staging.example.com")),
                        Environment.prod().override("api", TierOverride.resources(Resources.requests("500m", "1Gi"))));
        order.forEach(f -> p.with(feature(f)));
        return Keelson.synth(p.certificateIssuer(Tls.clusterIssuer("letsencrypt-prod")).with(NexusV3.POSTGRES).with(NexusV3.REDIS)
                .tier(NexusV3.web()).tier(api.apply(NexusV3.api())).tier(NexusV3.worker()).build()).manifest("prod");
    }

    @Test
    @DisplayName("whichever the order of the platform features, the Deployments are the reference platform's")
    void orderDoesNotChangeTheDeployments() {
        Manifest reference = Keelson.synth(NexusV3.platform()).manifest("prod");
        for (List<String> order : ORDERS) {
            Manifest m = prod(order, UnaryOperator.identity());
            for (String name : List.of("web", "api", "api-canary", "worker")) {
                assertThat(m.get(Deployment.class, name).orElseThrow()).as(name + " with " + order)
                        .isEqualTo(reference.get(Deployment.class, name).orElseThrow());
            }
        }
    }

    @Test
    @DisplayName("the canary's Deployment is the tier's but for the split's own name, version label, image and replicas, in every order")
    void canaryDiffersOnlyByTheSplit() {
        for (List<String> order : ORDERS) {
            // a tier feature too: tier features contribute after every platform feature, so after the mesh
            Manifest m = prod(order, api -> api.with(KubernetesApi.access("configmaps").verbs("get", "list", "watch")));
            Deployment stable = m.get(Deployment.class, "api").orElseThrow();
            Deployment canary = m.get(Deployment.class, "api-canary").orElseThrow();

            assertThat(canary.getSpec().getReplicas()).as(order.toString()).isEqualTo(2);
            assertThat(canary.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "api-canary");
            assertThat(canary.getSpec().getSelector().getMatchLabels()).containsEntry("version", "canary");
            assertThat(canary.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("version", "canary");
            var container = canary.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getImage()).startsWith("ghcr.io/nexus/api:3.5.0@sha256:");
            assertThat(canary.getSpec().getTemplate().getSpec().getImagePullSecrets()).extracting(r -> r.getName())
                    .containsExactly("ghcr-pull");
            // what each feature does to the pods, whichever side of the mesh it is declared on
            assertThat(canary.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isTrue();
            assertThat(container.getEnv()).extracting(EnvVar::getName).contains("OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES");
            assertThat(canary.getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("sidecar.istio.io/proxyCPU");
            assertThat(canary.getSpec().getTemplate().getSpec().getSecurityContext().getSysctls()).isNullOrEmpty();

            // compared as written (a copy turns absent lists into empty ones, which neither writes)
            assertThat(JSON.valueToTree(asStable(canary, stable)).toPrettyString())
                    .as("the canary with the split's own fields set back, with " + order)
                    .isEqualTo(JSON.valueToTree(stable).toPrettyString());
        }
    }

    /** A copy of {@code canary} with the split's own fields set to {@code stable}'s. */
    private static Deployment asStable(Deployment canary, Deployment stable) {
        Deployment d = JSON.convertValue(canary, Deployment.class);
        d.getMetadata().setName(stable.getMetadata().getName());
        d.getMetadata().getLabels().put("app.kubernetes.io/instance", stable.getMetadata().getLabels().get("app.kubernetes.io/instance"));
        d.getSpec().setReplicas(stable.getSpec().getReplicas());
        d.getSpec().getSelector().getMatchLabels().put("version", "stable");
        d.getSpec().getTemplate().getMetadata().getLabels().put("version", "stable");
        d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().forEach(c -> {
            Map<String, String> labels = c.getLabelSelector() == null ? null : c.getLabelSelector().getMatchLabels();
            if (labels != null && labels.containsKey("version")) {
                labels.put("version", "stable");
            }
        });
        var main = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        var stableMain = stable.getSpec().getTemplate().getSpec().getContainers().get(0);
        main.setImage(stableMain.getImage());
        main.setImagePullPolicy(stableMain.getImagePullPolicy());
        return d;
    }

    @Test
    @DisplayName("the orders tested put the mesh first, between and last")
    void ordersCoverBothSides() {
        List<Integer> meshAt = new ArrayList<>();
        ORDERS.forEach(o -> meshAt.add(o.indexOf("mesh")));
        assertThat(meshAt).containsExactly(1, 0, 3);
    }
}

package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.conformance.SchemaConformance;
import dev.keelson.examples.docs.Recipes;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.security.v1.RequestAuthentication;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every recipe of docs/recipes.md synthesizes, passes its checks and the upstream schemas, and does what the page says. */
class RecipesTest {

    private static List<Manifest> synth(Supplier<Platform> recipe) {
        List<Manifest> manifests = Keelson.synth(recipe.get()).manifests();
        manifests.forEach(SchemaConformance::assertConforms);
        return manifests;
    }

    private static Manifest env(List<Manifest> manifests, String name) {
        return manifests.stream().filter(m -> m.environment().equals(name)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("canary: a second Deployment in prod only")
    void canary() {
        var m = synth(Recipes::canary);
        assertThat(env(m, "prod").get(Deployment.class, "api-canary")).isPresent();
        assertThat(env(m, "staging").get(Deployment.class, "api-canary")).isEmpty();
    }

    @Test
    @DisplayName("blue-green, A/B and mirroring synthesize in every environment")
    void splits() {
        assertThat(synth(() -> Recipes.blueGreen(false))).hasSize(3);
        assertThat(synth(() -> Recipes.blueGreen(true))).hasSize(3);
        assertThat(synth(Recipes::abAndMirror)).hasSize(3);
    }

    @Test
    @DisplayName("JWT: a RequestAuthentication, never alone")
    void jwt() {
        Manifest prod = env(synth(Recipes::jwt), "prod");
        assertThat(prod.objects(RequestAuthentication.class)).hasSize(1);
    }

    @Test
    @DisplayName("external API and database: a ServiceEntry for the external host")
    void externalAndDatabase() {
        Manifest prod = env(synth(Recipes::externalAndDatabase), "prod");
        assertThat(prod.get(ServiceEntry.class, "payments")).isPresent();
    }

    @Test
    @DisplayName("custom metrics: the HPA scales on requests per second, p95 latency and queue depth")
    void customMetrics() {
        HorizontalPodAutoscaler hpa = env(synth(Recipes::customMetrics), "prod").get(HorizontalPodAutoscaler.class, "api").orElseThrow();
        assertThat(hpa.getSpec().getMetrics()).hasSize(3);
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
    }

    @Test
    @DisplayName("waiver: the finding becomes a warning and the object carries the reason")
    void waiver() {
        Manifest prod = env(synth(Recipes::waiver), "prod");
        assertThat(prod.get(Deployment.class, "legacy").orElseThrow().getMetadata().getAnnotations())
                .containsEntry("keelson.dev/waived-SEC-POD-001", "writes its cache under /var/lib/app; ticket OPS-412");
        assertThat(prod.warnings()).anySatisfy(p -> assertThat(p.rule()).isEqualTo("SEC-POD-001"));
    }

    @Test
    @DisplayName("Kubernetes API access: a Role with exactly the declared verbs")
    void kubernetesApi() {
        Role role = env(synth(Recipes::kubernetesApi), "prod").objects(Role.class).get(0);
        assertThat(role.getRules()).singleElement().satisfies(r -> {
            assertThat(r.getResources()).containsExactly("configmaps");
            assertThat(r.getVerbs()).containsExactly("get", "list", "watch");
        });
    }

    @Test
    @DisplayName("escape hatch: the customization lands in prod only")
    void escapeHatch() {
        var m = synth(Recipes::escapeHatch);
        assertThat(env(m, "prod").get(Deployment.class, "api").orElseThrow().getSpec().getTemplate().getSpec().getPriorityClassName())
                .isEqualTo("business-critical");
        assertThat(env(m, "dev").get(Deployment.class, "api").orElseThrow().getSpec().getTemplate().getSpec().getPriorityClassName())
                .isNull();
    }
}

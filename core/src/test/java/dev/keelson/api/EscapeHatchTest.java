package dev.keelson.api;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Synth;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("Escape hatches: customize generated objects in their fabric8 type, add raw objects")
class EscapeHatchTest {

    static final Map<String, String> STANDARD_LABELS = Map.of(
            "app.kubernetes.io/name", "shop",
            "app.kubernetes.io/part-of", "shop",
            "app.kubernetes.io/managed-by", "keelson",
            "keelson.dev/environment", "prod");

    static Platform.Builder shop() {
        return Platform.named("shop").environments(Environment.dev(), Environment.prod())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.0").port(Port.http(8080)))
                .tier(Tier.named("api").image("ghcr.io/acme/api:1.0").port(Port.grpc(9090)));
    }

    static Deployment deployment(Manifest m, String name) {
        return m.get(Deployment.class, name).orElseThrow();
    }

    @Test
    @DisplayName("customize(kind, name, change) changes that object in every environment")
    void customizeEverywhere() {
        Synth synth = Keelson.synth(shop().customize(Deployment.class, "api", d -> d.getSpec().setMinReadySeconds(10)).build());
        for (String env : new String[] {"dev", "prod"}) {
            Manifest m = synth.manifest(env);
            assertThat(deployment(m, "api").getSpec().getMinReadySeconds()).as(env).isEqualTo(10);
            assertThat(deployment(m, "web").getSpec().getMinReadySeconds()).as(env).isNull();
        }
    }

    @Test
    @DisplayName("customize(environment, kind, name, change) changes it in that environment only")
    void customizeOneEnvironment() {
        Synth synth = Keelson.synth(shop().customize("prod", Service.class, "web", s -> s.getSpec().setSessionAffinity("ClientIP")).build());
        assertThat(synth.manifest("prod").get(Service.class, "web").orElseThrow().getSpec().getSessionAffinity()).isEqualTo("ClientIP");
        assertThat(synth.manifest("dev").get(Service.class, "web").orElseThrow().getSpec().getSessionAffinity()).isNull();
    }

    @Test
    @DisplayName("a customization may depend on the environment")
    void customizeKnowingEnvironment() {
        Synth synth = Keelson.synth(shop().customize(Deployment.class, "web",
                (Environment env, Deployment d) -> d.getSpec().setReplicas(env.production() ? 6 : 1)).build());
        assertThat(deployment(synth.manifest("prod"), "web").getSpec().getReplicas()).isEqualTo(6);
        assertThat(deployment(synth.manifest("dev"), "web").getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    @DisplayName("a customization that matches nothing fails synthesis, naming the objects that exist")
    void customizeMatchingNothing() {
        Synth synth = Keelson.synth(shop().customize(Deployment.class, "cart", d -> { }).build());
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> synth.manifest("prod"));
        assertThat(e.problems()).containsExactly(Problem.error(ModelPath.root("shop").child("customize", "Deployment").key("cart"),
                "in prod: customize(Deployment, 'cart') matches no object", "name one of: web, api").withRule("KEE-CUST-002"));
    }

    @Test
    @DisplayName("a customization of a kind that is not generated says how to add one")
    void customizeMissingKind() {
        Synth synth = Keelson.synth(shop().customize(Ingress.class, "web", i -> { }).build());
        ValidationException e = catchThrowableOfType(ValidationException.class, synth::manifests);
        assertThat(e.problems()).extracting(Problem::message, Problem::fix).containsExactly(
                org.assertj.core.groups.Tuple.tuple("in dev: customize(Ingress, 'web') matches no object",
                        "no Ingress is generated here; add one with add(...)"),
                org.assertj.core.groups.Tuple.tuple("in prod: customize(Ingress, 'web') matches no object",
                        "no Ingress is generated here; add one with add(...)"));
    }

    @Test
    @DisplayName("a raw object gets the environment's namespace and the standard labels")
    void rawObject() {
        Platform p = shop().add(env -> new ConfigMapBuilder().withNewMetadata().withName("banner").endMetadata()
                .addToData("text", "welcome to " + env.name()).build()).build();
        Synth synth = Keelson.synth(p);
        ConfigMap prod = synth.manifest("prod").get(ConfigMap.class, "banner").orElseThrow();
        assertThat(prod.getMetadata().getNamespace()).isEqualTo("shop-prod");
        assertThat(prod.getMetadata().getLabels()).isEqualTo(STANDARD_LABELS);
        assertThat(prod.getData()).containsEntry("text", "welcome to prod");
        assertThat(synth.manifest("dev").get(ConfigMap.class, "banner").orElseThrow().getData()).containsEntry("text", "welcome to dev");
        assertThat(synth.manifest("prod").toYaml()).contains("name: banner");
    }

    @Test
    @DisplayName("a raw object keeps its own namespace and labels, and gains the missing standard ones")
    void rawObjectKeepsItsOwn() {
        Map<String, String> own = new LinkedHashMap<>();
        own.put("app.kubernetes.io/name", "banner");
        own.put("team", "web");
        Platform p = shop().add(env -> new ConfigMapBuilder().withNewMetadata().withName("banner").withNamespace("shared")
                .withLabels(new LinkedHashMap<>(own)).endMetadata().build()).build();
        ConfigMap cm = Keelson.synth(p).manifest("prod").get(ConfigMap.class, "banner").orElseThrow();
        assertThat(cm.getMetadata().getNamespace()).isEqualTo("shared");
        assertThat(cm.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "banner").containsEntry("team", "web")
                .containsEntry("app.kubernetes.io/part-of", "shop").containsEntry("app.kubernetes.io/managed-by", "keelson")
                .containsEntry("keelson.dev/environment", "prod");
    }

    @Test
    @DisplayName("a cluster-scoped raw object gets no namespace")
    void rawClusterScoped() {
        Platform p = shop().add(env -> new ClusterRoleBuilder().withNewMetadata().withName("shop-reader").endMetadata().build()).build();
        ClusterRole role = Keelson.synth(p).manifest("prod").get(ClusterRole.class, "shop-reader").orElseThrow();
        assertThat(role.getMetadata().getNamespace()).isNull();
        assertThat(role.getMetadata().getLabels()).isEqualTo(STANDARD_LABELS);
    }

    @Test
    @DisplayName("raw objects can be customized, and the policy check sees them")
    void rawObjectsAreCustomizedAndChecked() {
        StringBuilder seen = new StringBuilder();
        Platform p = shop()
                .add(env -> new ConfigMapBuilder().withNewMetadata().withName("banner").endMetadata().addToData("text", "hi").build())
                .customize(ConfigMap.class, "banner", cm -> cm.getData().put("text", "hello"))
                .with(new PlatformExtension() {
                    @Override
                    public void check(FeatureContext s) {
                        seen.append(s.object(ConfigMap.class, "banner").orElseThrow().getData().get("text"));
                    }
                })
                .build();
        Keelson.synth(p).manifest("prod");
        assertThat(seen).hasToString("hello");
    }

    @Test
    @DisplayName("a raw object function that returns null fails synthesis with a clear problem")
    void rawNull() {
        Synth synth = Keelson.synth(shop().add(env -> null).build());
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> synth.manifest("prod"));
        assertThat(e.problems()).containsExactly(Problem.error(ModelPath.root("shop").child("add", "1"), "in prod: add(...) #1 returned null instead of an object",
                "return an object for every environment, or add it to one environment with add(\"<environment>\", ...)")
                .withRule("KEE-RAW-005"));
    }
}

package dev.keelson.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Raw objects and customizations: what the API server would refuse or lose is an error naming the calls")
class OutputCheckTest {

    private static Platform.Builder shop() {
        return Platform.named("shop").environments(Environment.prod())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080)).config("A", "1"));
    }

    private static List<Problem> problems(Platform platform) {
        try {
            Keelson.synth(platform).manifests();
        } catch (ValidationException e) {
            return e.problems();
        }
        throw new AssertionError("synthesis passed, but should have failed");
    }

    @Test
    @DisplayName("a raw object that duplicates a generated one (the tier's ConfigMap) is an error naming add(...) #1 and the tier")
    void duplicateOfGenerated() {
        Platform p = shop().add(env -> new ConfigMapBuilder().withNewMetadata().withName("web-config").endMetadata().build()).build();
        assertThat(problems(p)).singleElement().satisfies(problem -> {
            assertThat(problem.rule()).isEqualTo("KEE-DUP-001");
            assertThat(problem.path()).isEqualTo("shop/add/1");
            assertThat(problem.message()).isEqualTo("in prod: tier 'web' and add(...) #1 both write ConfigMap shop-prod/web-config;"
                    + " the API server keeps one, so the other is lost");
            assertThat(problem.fix()).contains("customize(ConfigMap.class, \"web-config\", ...)");
        });
    }

    @Test
    @DisplayName("two raw objects with one name are an error naming both calls; in other namespaces or kinds they are not")
    void twoRawWithOneName() {
        Platform p = shop()
                .add(env -> new ConfigMapBuilder().withNewMetadata().withName("banner").endMetadata().build())
                .add(env -> new ConfigMapBuilder().withNewMetadata().withName("other").endMetadata().build())
                .add("prod", env -> new ConfigMapBuilder().withNewMetadata().withName("banner").endMetadata().build())
                .build();
        assertThat(problems(p)).extracting(Problem::path, Problem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("shop/add/3", "in prod: add(...) #1 and add(\"prod\", ...) #3 both write"
                        + " ConfigMap shop-prod/banner; the API server keeps one, so the other is lost"));

        Platform fine = shop()
                .add(env -> new ConfigMapBuilder().withNewMetadata().withName("banner").endMetadata().build())
                .add(env -> new RoleBuilder().withNewMetadata().withName("banner").endMetadata().build())
                .build();
        assertThat(Keelson.synth(fine).manifest("prod").objects()).hasSize(7);
    }

    @Test
    @DisplayName("a nameless raw object is an error at its add(...) call")
    void nameless() {
        Platform p = shop().add(env -> new ConfigMapBuilder().addToData("a", "b").build()).build();
        assertThat(problems(p)).singleElement().satisfies(problem -> {
            assertThat(problem.rule()).isEqualTo("KEE-RAW-001");
            assertThat(problem.path()).isEqualTo("shop/add/1");
            assertThat(problem.message()).isEqualTo("in prod: add(...) #1 writes a ConfigMap without metadata.name");
        });
    }

    @Test
    @DisplayName("a raw object in a foreign namespace is a warning; synthesis goes on")
    void foreignNamespace() {
        Platform p = shop().add(env -> new ConfigMapBuilder().withNewMetadata().withName("x").withNamespace("elsewhere")
                .endMetadata().build()).build();
        Manifest m = Keelson.synth(p).manifest("prod");
        assertThat(m.warnings()).filteredOn(problem -> "KEE-RAW-003".equals(problem.rule())).singleElement().satisfies(problem -> {
            assertThat(problem.severity()).isEqualTo(Problem.Severity.WARNING);
            assertThat(problem.path()).isEqualTo("shop/add/1");
            assertThat(problem.message()).isEqualTo("in prod: add(...) #1 writes ConfigMap elsewhere/x into namespace 'elsewhere',"
                    + " outside this environment's 'shop-prod'");
        });
    }

    @Test
    @DisplayName("metadata.namespace on a cluster-scoped kind (typed ClusterRole, generic StorageClass) is an error")
    void namespaceOnClusterScoped() {
        Platform p = shop()
                .add(env -> new ClusterRoleBuilder().withNewMetadata().withName("reader").withNamespace("shop-prod").endMetadata().build())
                .add(env -> {
                    GenericKubernetesResource sc = new GenericKubernetesResource();
                    sc.setApiVersion("storage.k8s.io/v1");
                    sc.setKind("StorageClass");
                    sc.setMetadata(new ObjectMetaBuilder().withName("fast").withNamespace("shop-prod").build());
                    return sc;
                })
                .build();
        assertThat(problems(p)).extracting(Problem::rule, Problem::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("KEE-RAW-002", "shop/add/1"),
                org.assertj.core.groups.Tuple.tuple("KEE-RAW-002", "shop/add/2"));
    }

    @Test
    @DisplayName("a generic cluster-scoped object without a namespace gets none (the context no longer puts it in the environment's)")
    void genericClusterScopedStaysClusterScoped() {
        Platform p = shop().add(env -> {
            GenericKubernetesResource pc = new GenericKubernetesResource();
            pc.setApiVersion("scheduling.k8s.io/v1");
            pc.setKind("PriorityClass");
            pc.setMetadata(new ObjectMetaBuilder().withName("critical").build());
            return pc;
        }).build();
        assertThat(Keelson.synth(p).manifest("prod").get(GenericKubernetesResource.class, "critical").orElseThrow()
                .getMetadata().getNamespace()).isNull();
    }

    @Test
    @DisplayName("a customization that removes a required field is an error naming the customization")
    void customizationRemovesRequiredField() {
        Platform p = shop().customize(Deployment.class, "web", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(null))
                .build();
        assertThat(problems(p)).singleElement().satisfies(problem -> {
            assertThat(problem.rule()).isEqualTo("KEE-REQ-001");
            assertThat(problem.message()).isEqualTo("in prod: customize(Deployment, \"web\") leaves Deployment shop-prod/web"
                    + " without spec.template.spec.containers[0].image, which the API server requires");
        });
    }

    @Test
    @DisplayName("a raw Service without ports, a Role rule without verbs: required fields of raw objects too")
    void rawRequiredFields() {
        Platform p = shop()
                .add(env -> new ServiceBuilder().withNewMetadata().withName("bare").endMetadata().withNewSpec().endSpec().build())
                .add(env -> new RoleBuilder().withNewMetadata().withName("r").endMetadata().addNewRule().withResources("pods").endRule().build())
                .build();
        assertThat(problems(p)).extracting(Problem::message).containsExactly(
                "in prod: add(...) #1 writes Service shop-prod/bare without spec.ports, which the API server requires",
                "in prod: add(...) #2 writes Role shop-prod/r without rules[0].verbs, which the API server requires");
    }

    @Test
    @DisplayName("names and labels over the API server's limits, and annotations over 256 KiB, are errors at the writer")
    void limitsOfRawObjects() {
        String label64 = "a".repeat(64);
        Platform p = shop()
                .add(env -> new ServiceBuilder().withNewMetadata().withName("s" + "a".repeat(63)).endMetadata()
                        .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build())
                .add(env -> new ConfigMapBuilder().withNewMetadata().withName("c").addToLabels("x", label64)
                        .addToAnnotations("big", "x".repeat(256 * 1024)).endMetadata().build())
                .add(env -> new ConfigMapBuilder().withNewMetadata().withName("b".repeat(254)).endMetadata().build())
                .build();
        assertThat(problems(p)).extracting(Problem::rule, Problem::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("KEE-NAME-002", "shop/add/1"),
                org.assertj.core.groups.Tuple.tuple("KEE-NAME-003", "shop/add/2"),
                org.assertj.core.groups.Tuple.tuple("KEE-SIZE-001", "shop/add/2"),
                org.assertj.core.groups.Tuple.tuple("KEE-NAME-002", "shop/add/3"));
        // at the limits exactly, all is well
        Platform atLimits = shop()
                .add(env -> new ServiceBuilder().withNewMetadata().withName("s" + "a".repeat(62)).endMetadata()
                        .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build())
                .add(env -> new ConfigMapBuilder().withNewMetadata().withName("c").addToLabels("x", "a".repeat(63))
                        .addToAnnotations("big", "x".repeat(256 * 1024 - 3)).endMetadata().build())
                .add(env -> new ConfigMapBuilder().withNewMetadata().withName("b".repeat(253)).endMetadata().build())
                .build();
        assertThat(Keelson.synth(atLimits).manifest("prod").get(ConfigMap.class, "c")).isPresent();
    }
}

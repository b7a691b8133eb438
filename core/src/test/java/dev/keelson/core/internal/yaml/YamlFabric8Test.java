package dev.keelson.core.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlFabric8Test {

    static Deployment deployment() {
        return new DeploymentBuilder()
                .withNewMetadata().withName("api").withNamespace("shop-prod")
                .withLabels(Map.of("app", "api"))
                .withAnnotations(Map.of("yes", "on", "note", "a: b #c", "version", "1.0", "octal", "0123"))
                .endMetadata()
                .withNewSpec().withReplicas(3)
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString("25%")).withMaxUnavailable(new IntOrString(0)).endRollingUpdate().endStrategy()
                .withNewSelector().withMatchLabels(Map.of("app", "api")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "api")).endMetadata()
                .withNewSpec()
                .addNewContainer().withName("api").withImage("ghcr.io/acme/api:2.4.0")
                .withArgs("-Xmx1g", "--mode=fast", "", "multi\nline", "tab\there")
                .addNewEnv().withName("GREETING").withValue("héllo 😀 ~").endEnv()
                .addNewEnv().withName("EMPTY").withValue("").endEnv()
                .addNewPort().withName("http").withContainerPort(8080).endPort()
                .withNewResources()
                .withRequests(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("1.5Gi")))
                .withLimits(Map.of("cpu", new Quantity("0.5"), "memory", new Quantity("1e3")))
                .endResources()
                .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withPort(new IntOrString("http")).endHttpGet()
                .endReadinessProbe()
                .endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    static Service service() {
        return new ServiceBuilder().withNewMetadata().withName("api").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "api"))
                .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
                .addNewPort().withName("grpc").withPort(9090).withTargetPort(new IntOrString(9090)).withProtocol("TCP").endPort()
                .endSpec().build();
    }

    static Ingress ingress() {
        return new IngressBuilder().withNewMetadata().withName("api")
                .withAnnotations(Map.of("cert-manager.io/cluster-issuer", "letsencrypt-prod",
                        "nginx.ingress.kubernetes.io/proxy-body-size", "8m",
                        "nginx.ingress.kubernetes.io/configuration-snippet", "more_set_headers \"X-A: b\";\n"))
                .endMetadata()
                .withNewSpec().withIngressClassName("nginx")
                .addNewTl().withHosts("shop.example.com").withSecretName("api-tls").endTl()
                .addNewRule().withHost("shop.example.com").withNewHttp()
                .addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService().withName("api")
                .withNewPort().withNumber(80).endPort().endService().endBackend().endPath()
                .addNewPath().withPath("/grpc").withPathType("Prefix").withNewBackend().withNewService().withName("api")
                .withNewPort().withName("grpc").endPort().endService().endBackend().endPath()
                .endHttp().endRule().endSpec().build();
    }

    static Platform platform() {
        return Platform.named("shop").environments(Environment.dev(), Environment.prod())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080)).exposedAt("shop.example.com")
                        .talksTo("api").config("mode", "yes").config("greeting", "hello: world").env("OPTS", "-Xmx1g #x"))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.0").port(Port.grpc(9090)))
                .build();
    }

    static void assertReadsBackAsJson(HasMetadata object) {
        String yaml = Yaml.toYaml(object);
        Object expected = YamlReaders.jacksonJson(object);
        assertThat(YamlReaders.snakeYaml11(yaml)).as("SnakeYAML (1.1) reading%n%s", yaml).isEqualTo(expected);
        assertThat(YamlReaders.snakeEngine12(yaml)).as("snakeyaml-engine (1.2) reading%n%s", yaml).isEqualTo(expected);
        assertThat(YamlReaders.jacksonYaml(yaml)).as("Jackson YAML reading%n%s", yaml).isEqualTo(expected);
        assertThat(YamlReaders.jacksonYamlWritten(object)).as("Jackson's own YAML of it").isEqualTo(expected);
    }

    @Test
    @DisplayName("a Deployment, a Service and an Ingress with IntOrString and Quantity read back as their JSON tree")
    void fabric8ObjectsRoundTrip() {
        assertReadsBackAsJson(deployment());
        assertReadsBackAsJson(service());
        assertReadsBackAsJson(ingress());
    }

    @Test
    @DisplayName("every synthesized object of every environment reads back as its JSON tree")
    void synthesizedObjectsRoundTrip() {
        for (Manifest m : Keelson.synth(platform()).manifests()) {
            for (HasMetadata o : m.objects()) {
                assertReadsBackAsJson(o);
            }
        }
    }

    @Test
    @DisplayName("Manifest.toYaml is a stream of documents, one per object, in order")
    void manifestStream() {
        Manifest m = Keelson.synth(platform()).manifest("prod");
        List<Object> expected = new ArrayList<>();
        for (HasMetadata o : m.objects()) {
            expected.add(YamlReaders.jacksonJson(o));
        }
        assertThat(YamlReaders.snakeYaml11All(m.toYaml())).isEqualTo(expected);
    }

    @Test
    @DisplayName("layout is kubectl's: 2-space indent, sequences at their key's indent, image refs and quantities plain")
    void layout() {
        String yaml = Yaml.toYaml(service());
        assertThat(yaml).isEqualTo("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: api
                spec:
                  ports:
                  - name: http
                    port: 80
                    targetPort: http
                  - name: grpc
                    port: 9090
                    protocol: TCP
                    targetPort: 9090
                  selector:
                    app: api
                """);
        String deployment = Yaml.toYaml(deployment());
        assertThat(deployment)
                .contains("        image: ghcr.io/acme/api:2.4.0\n")
                .contains("        - -Xmx1g\n")
                .contains("            cpu: 500m\n")
                .contains("            memory: 1.5Gi\n")
                .contains("            cpu: \"0.5\"\n")
                .contains("      maxSurge: 25%\n")
                .contains("      maxUnavailable: 0\n")
                .contains("    \"yes\": \"on\"\n")
                .contains("    note: \"a: b #c\"\n")
                .contains("        - \"multi\\nline\"\n");
    }

    @Test
    @DisplayName("the same platform written twice gives identical bytes")
    void deterministic(@TempDir Path dir) throws IOException {
        Keelson.synth(platform()).writeTo(dir.resolve("a"));
        Keelson.synth(platform()).writeTo(dir.resolve("b"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir.resolve("a"))) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).extracting(p -> dir.resolve("a").relativize(p).toString())
                .containsExactly("dev/00-namespace.yaml", "dev/api.yaml", "dev/web.yaml",
                        "prod/00-namespace.yaml", "prod/api.yaml", "prod/web.yaml");
        for (Path a : files) {
            Path b = dir.resolve("b").resolve(dir.resolve("a").relativize(a));
            assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
        }
        assertThat(Files.readString(dir.resolve("a/prod/web.yaml")))
                .startsWith("# Generated by Keelson: do not edit. Environment prod, namespace shop-prod.\n---\n");
    }

    @Test
    @DisplayName("non-finite doubles are YAML's .nan and .inf; a lone surrogate is escaped")
    void specialScalars() {
        assertThat(Yaml.toYaml(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e20, "\ud800")))
                .isEqualTo("- .nan\n- .inf\n- -.inf\n- 1.0e+20\n- \"\\ud800\"\n");
        assertThat(YamlReaders.snakeYaml11("- .nan\n- .inf\n- -.inf\n- 1.0e+20\n"))
                .isEqualTo(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e20));
    }

    @Test
    @DisplayName("a mapping key too long for YAML parsers is refused, naming its start")
    void longKeys() {
        String key = "k".repeat(YamlGenerator.MAX_KEY_LENGTH + 1);
        assertThatThrownBy(() -> Yaml.toYaml(Map.of(key, 1)))
                .hasRootCauseInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("a mapping key longer than 1000 characters cannot be read back by YAML parsers: kkkk");
        assertThat(Yaml.toYaml(Map.of("k".repeat(YamlGenerator.MAX_KEY_LENGTH), 1))).endsWith(": 1\n");
        assertThat(Yaml.toYaml(new ConfigMapBuilder().withNewMetadata().withName("x").endMetadata().build()))
                .isEqualTo("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
    }
}

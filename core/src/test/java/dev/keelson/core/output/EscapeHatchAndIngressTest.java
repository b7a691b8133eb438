package dev.keelson.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.Environment;
import dev.keelson.core.Exposure;
import dev.keelson.core.Keelson;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Raw objects for one environment and NGINX backend protocols")
class EscapeHatchAndIngressTest {

    private static Tier.Builder web() {
        return Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080));
    }

    @Test
    @DisplayName("add(environment, object) adds the object to that environment only")
    void rawObjectInOneEnvironment() {
        Platform platform = Platform.named("shop").environments(Environment.dev(), Environment.prod())
                .tier(web())
                .add("prod", env -> new ConfigMapBuilder().withNewMetadata().withName("only-prod").endMetadata().build())
                .build();

        assertThat(Keelson.synth(platform).manifest("prod").get(ConfigMap.class, "only-prod")).isPresent();
        assertThat(Keelson.synth(platform).manifest("dev").get(ConfigMap.class, "only-prod")).isEmpty();
    }

    @Test
    @DisplayName("a raw GenericKubernetesResource without a namespace goes into the environment's, like typed objects")
    void genericObjectGetsNamespace() {
        Platform platform = Platform.named("shop").environments(Environment.dev(), Environment.prod()).tier(web())
                .add(env -> {
                    GenericKubernetesResource pa = new GenericKubernetesResource();
                    pa.setApiVersion("security.istio.io/v1");
                    pa.setKind("PeerAuthentication");
                    pa.setMetadata(new ObjectMetaBuilder().withName("default").build());
                    return pa;
                })
                .build();

        assertThat(Keelson.synth(platform).manifest("dev").get(GenericKubernetesResource.class, "default").orElseThrow()
                .getMetadata().getNamespace()).isEqualTo("shop-dev");
    }

    @Test
    @DisplayName("add(environment, object) naming an unknown environment is a problem at build time")
    void rawObjectInUnknownEnvironment() {
        var builder = Platform.named("shop").environments(Environment.dev(), Environment.prod()).tier(web())
                .add("production", env -> new ConfigMapBuilder().withNewMetadata().withName("x").endMetadata().build());

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.problems()).containsExactly(Problem.error(ModelPath.root("shop").child("add", "production"),
                        "add(...) names environment 'production', which does not exist",
                        "name one of the environments: dev, prod").withRule("KEE-RAW-004")));
    }

    @Test
    @DisplayName("an exposed gRPC port tells NGINX to proxy gRPC; a plain HTTP port adds nothing")
    void grpcBackendProtocol() {
        Platform platform = Platform.named("shop")
                .tier(Tier.named("api").image("ghcr.io/acme/api:1.0.0").port(Port.grpc(9090))
                        .exposedAt("api.example.com"))
                .tier(web().exposedAt("shop.example.com"))
                .tier(Tier.named("secure").image("ghcr.io/acme/secure:1.0.0").port(Port.https(8443))
                        .exposedAt(Exposure.host("secure.example.com")))
                .build();
        var prod = Keelson.synth(platform).manifest("prod");

        assertThat(prod.get(Ingress.class, "api").orElseThrow().getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/backend-protocol", "GRPC");
        assertThat(prod.get(Ingress.class, "secure").orElseThrow().getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/backend-protocol", "HTTPS");
        assertThat(prod.get(Ingress.class, "web").orElseThrow().getMetadata().getAnnotations())
                .doesNotContainKey("nginx.ingress.kubernetes.io/backend-protocol");
    }
}

package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.ValidationException;
import dev.keelson.examples.docs.GettingStarted;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guide's code does what the guide says. */
class GettingStartedTest {

    @Test
    @DisplayName("the migration snippet keeps the Ingress beside the route, and conforms")
    void alongsideIngress() {
        Manifest prod = Keelson.synth(GettingStarted.alongsideIngress()).manifest("prod");
        dev.keelson.core.conformance.SchemaConformance.assertConforms(prod);
        assertThat(prod.get(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class, "web")).isPresent();
        assertThat(prod.get(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class, "web")).isPresent();
    }

    @Test
    @DisplayName("the Gateway API snippet synthesizes a Gateway, an HTTPRoute and a GRPCRoute that conform to the CRDs, and no Ingress")
    void gatewayApi() {
        for (Manifest m : Keelson.synth(GettingStarted.gatewayApi()).manifests()) {
            dev.keelson.core.conformance.SchemaConformance.assertConforms(m);
            assertThat(m.objects(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class)).isEmpty();
            assertThat(m.get(io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class, "gateway")).isPresent();
            assertThat(m.get(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class, "web")).isPresent();
            assertThat(m.get(io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute.class, "api")).isPresent();
        }
    }

    @Test
    @DisplayName("the first platform writes dev and prod directories")
    void firstPlatform(@TempDir Path dir) {
        var written = GettingStarted.synth(GettingStarted.shop(), dir);
        assertThat(written).extracting(w -> w.environment()).containsExactly("dev", "prod");
        assertThat(Files.exists(dir.resolve("prod/00-namespace.yaml"))).isTrue();
        assertThat(Files.exists(dir.resolve("prod/web.yaml"))).isTrue();
    }

    @Test
    @DisplayName("environment overrides change replicas, resources and image tags")
    void environments() {
        var synth = Keelson.synth(GettingStarted.environments());
        Deployment dev = synth.manifest("dev").get(Deployment.class, "api").orElseThrow();
        Deployment prod = synth.manifest("prod").get(Deployment.class, "api").orElseThrow();
        assertThat(dev.getSpec().getReplicas()).isEqualTo(1);
        assertThat(dev.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("ghcr.io/acme/api:2.1.0-rc.1");
        assertThat(prod.getSpec().getReplicas()).isEqualTo(4);
        assertThat(prod.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests().get("cpu"))
                .hasToString("500m");
    }

    @Test
    @DisplayName("the escape hatches change a generated object and add a raw one")
    void escapeHatches() {
        Manifest m = Keelson.synth(GettingStarted.escapeHatches()).manifest("prod");
        assertThat(m.get(Deployment.class, "api").orElseThrow().getSpec().getMinReadySeconds()).isEqualTo(10);
        assertThat(m.get(ConfigMap.class, "banner").orElseThrow().getData()).containsEntry("text", "welcome to prod");
    }

    @Test
    @DisplayName("mistakes are reported all at once")
    void mistakes() {
        ValidationException e = GettingStarted.mistakes();
        assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(3);
    }
}

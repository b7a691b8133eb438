package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.core.conformance.SchemaConformance;
import dev.keelson.mesh.MeshPolicy;
import dev.keelson.security.SecurityBaseline;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The mesh's ingress gateway replaces the cluster's ingress controller, in the objects and in the network policies. */
class GatewayFlowsTest {

    private static Manifest prod(MeshPolicy mesh) {
        Platform p = Platform.named("shop").environments(Environment.prod())
                .with(SecurityBaseline.byStage())
                .with(mesh)
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080)).exposedAt("shop.example.com"))
                .build();
        Manifest prod = Keelson.synth(p).manifest("prod");
        SchemaConformance.assertConforms(prod);
        return prod;
    }

    private static String policies(Manifest m) {
        StringBuilder yaml = new StringBuilder();
        for (NetworkPolicy np : m.objects(NetworkPolicy.class)) {
            yaml.append(Manifest.toYaml(np));
        }
        return yaml.toString();
    }

    @Test
    @DisplayName("with the ingress gateway, no network policy admits the NGINX controller; the gateway is admitted instead")
    void gatewayReplacesNginx() {
        Manifest prod = prod(MeshPolicy.strictMtls().withCni().ingressGateway());
        assertThat(prod.objects(Ingress.class)).isEmpty();
        assertThat(policies(prod)).doesNotContain("ingress-nginx").contains("istio-system").contains("istio: ingressgateway");
    }

    @Test
    @DisplayName("the gateway's Certificate takes the environment's own issuer")
    void gatewayCertificateUsesTheEnvironmentsIssuer() {
        Platform p = Platform.named("shop")
                .environments(Environment.staging().certificateIssuer(dev.keelson.core.Tls.clusterIssuer("letsencrypt-staging")),
                        Environment.prod())
                .with(SecurityBaseline.byStage())
                .with(MeshPolicy.strictMtls().withCni().ingressGateway())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080)).exposedAt("shop.example.com"))
                .build();
        var synth = Keelson.synth(p);
        assertThat(certificateIssuer(synth.manifest("staging"))).isEqualTo("letsencrypt-staging");
        assertThat(certificateIssuer(synth.manifest("prod"))).isEqualTo(p.certificateIssuer().issuerName());
    }

    @SuppressWarnings("unchecked")
    private static Object certificateIssuer(Manifest m) {
        var cert = m.objects().stream().filter(o -> o.getKind().equals("Certificate")).findFirst().orElseThrow();
        var spec = (java.util.Map<String, Object>) ((io.fabric8.kubernetes.api.model.GenericKubernetesResource) cert)
                .getAdditionalProperties().get("spec");
        return ((java.util.Map<String, Object>) spec.get("issuerRef")).get("name");
    }

    @Test
    @DisplayName("without it, NGINX is admitted as before")
    void nginxByDefault() {
        Manifest prod = prod(MeshPolicy.strictMtls().withCni());
        assertThat(prod.objects(Ingress.class)).hasSize(1);
        assertThat(policies(prod)).contains("ingress-nginx").doesNotContain("istio: ingressgateway");
    }
}

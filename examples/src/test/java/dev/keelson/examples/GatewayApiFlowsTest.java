package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Environment;
import dev.keelson.core.Exposure;
import dev.keelson.core.GatewayApi;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Tier;
import dev.keelson.core.conformance.SchemaConformance;
import dev.keelson.mesh.MeshPolicy;
import dev.keelson.security.SecurityBaseline;
import dev.keelson.testing.KeelsonApprovals;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Exposure through Gateway API under the security baseline, with and without the mesh: the
 * gateway's pods are admitted from outside and to the exposed tiers only, NGINX is admitted
 * nowhere, and the network policies and the mesh authorization allow exactly the declared flows.
 */
@DisplayName("Gateway API exposure: the gateway's pods are admitted by both layers, and the layers agree")
class GatewayApiFlowsTest {

    static Platform platform(boolean mesh) {
        Platform.Builder b = Platform.named("shop")
                .exposeThrough(GatewayApi.istio())
                .environments(Environment.dev(), Environment.staging(), Environment.prod())
                .with(SecurityBaseline.byStage());
        if (mesh) {
            b.with(MeshPolicy.strictMtls().withCni());
        }
        return b
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080))
                        .exposedAt(Exposure.host("shop.example.com").timeout(Duration.ofSeconds(20))).talksTo("api").replicas(2))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.0").port(Port.grpc(9090))
                        .exposedAt("api.shop.example.com").replicas(2))
                .tier(Tier.named("worker").image("ghcr.io/acme/worker:1.0.0").port(Port.http(8081)).replicas(2))
                .build();
    }

    private static String yaml(Iterable<? extends io.fabric8.kubernetes.api.model.HasMetadata> objects) {
        StringBuilder yaml = new StringBuilder();
        for (var o : objects) {
            yaml.append(Manifest.toYaml(o));
        }
        return yaml.toString();
    }

    @Test
    @DisplayName("prod, with the baseline and the mesh, is locked by one approved snapshot")
    void snapshot() {
        KeelsonApprovals.verify(platform(true), "prod");
    }

    @Test
    @DisplayName("mesh off and on: no SEC-NET-010..013 finding in any environment, and every object conforms to its schema")
    void layersAgree() {
        for (boolean mesh : new boolean[] {false, true}) {
            Platform p = platform(mesh);
            assertThat(FlowsAgreeTest.flowFindings(p)).as("mesh %s", mesh).isEmpty();
            for (Manifest m : Keelson.synth(p).manifests()) {
                SchemaConformance.assertConforms(m);
                assertThat(m.warnings()).as("mesh %s, %s", mesh, m.environment())
                        .filteredOn(w -> w.severity() == Problem.Severity.ERROR).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("alongside NGINX (a migration step), both entries are admitted by both layers, and the layers still agree")
    void alongsideIngress() {
        for (boolean mesh : new boolean[] {false, true}) {
            Platform.Builder b = Platform.named("shop").exposeThrough(GatewayApi.istio().alongsideIngress())
                    .environments(Environment.prod()).with(SecurityBaseline.byStage());
            if (mesh) {
                b.with(MeshPolicy.strictMtls().withCni());
            }
            Platform p = b.tier(Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080))
                    .exposedAt("shop.example.com").replicas(2)).build();
            assertThat(FlowsAgreeTest.flowFindings(p)).as("mesh %s", mesh).isEmpty();
            Manifest prod = Keelson.synth(p).manifest("prod");
            SchemaConformance.assertConforms(prod);
            assertThat(prod.objects(Ingress.class)).hasSize(1);
            assertThat(Manifest.toYaml(prod.get(NetworkPolicy.class, "web").orElseThrow()))
                    .contains("ingress-nginx").contains(GatewayApi.GATEWAY_NAME_LABEL);
        }
    }

    @Test
    @DisplayName("SEC-NET-007 covers HTTPRoutes: a route on a plain-HTTP listener is refused under the restricted baseline")
    void plainRoute() {
        Platform.Builder b = Platform.named("shop").exposeThrough(GatewayApi.istio()).environments(Environment.prod())
                .with(SecurityBaseline.restricted())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080)).replicas(2)
                        .exposedAt(Exposure.host("shop.example.com").tls(dev.keelson.core.Tls.none())));
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(dev.keelson.core.ValidationException.class,
                () -> Keelson.synth(b.build()).manifest("prod"));
        assertThat(e).isNotNull();
        assertThat(e.problems()).anyMatch(p -> "SEC-NET-007".equals(p.rule())
                && p.message().contains("HTTPRoute/web: serves plain HTTP (no TLS) through Gateway 'gateway'"));
    }

    @Test
    @DisplayName("the gateway's pods: ingress from anywhere on 80 and 443, egress to the exposed tiers' ports; NGINX nowhere")
    void networkPolicies() {
        Manifest prod = Keelson.synth(platform(false)).manifest("prod");
        assertThat(prod.objects(Ingress.class)).isEmpty();
        String policies = yaml(prod.objects(NetworkPolicy.class));
        assertThat(policies).doesNotContain("ingress-nginx");
        NetworkPolicy in = prod.get(NetworkPolicy.class, "ingress-gateway").orElseThrow();
        assertThat(in.getSpec().getPodSelector().getMatchLabels()).containsExactly(
                java.util.Map.entry(GatewayApi.GATEWAY_NAME_LABEL, "gateway"));
        assertThat(Manifest.toYaml(in)).contains("cidr: 0.0.0.0/0").contains("port: 80").contains("port: 443");
        NetworkPolicy out = prod.get(NetworkPolicy.class, "egress-gateway").orElseThrow();
        assertThat(Manifest.toYaml(out)).contains("port: 8080").contains("port: 9090").doesNotContain("port: 8081");
        assertThat(Manifest.toYaml(prod.get(NetworkPolicy.class, "web").orElseThrow()))
                .contains(GatewayApi.GATEWAY_NAME_LABEL + ": gateway");
    }

    @Test
    @DisplayName("with the mesh, the exposed tiers admit the gateway's identity (ServiceAccount gateway-istio), and the gateway admits clients")
    void authorization() {
        Manifest prod = Keelson.synth(platform(true)).manifest("prod");
        assertThat(Manifest.toYaml(prod.get(AuthorizationPolicy.class, "web").orElseThrow()))
                .contains("cluster.local/ns/shop-prod/sa/gateway-istio");
        assertThat(Manifest.toYaml(prod.get(AuthorizationPolicy.class, "api").orElseThrow()))
                .contains("cluster.local/ns/shop-prod/sa/gateway-istio");
        assertThat(yaml(prod.objects(AuthorizationPolicy.class))).doesNotContain("ingress-nginx");
    }
}

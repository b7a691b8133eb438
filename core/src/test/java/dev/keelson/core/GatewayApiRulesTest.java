package dev.keelson.core;

import static dev.keelson.core.ValidationRulesTest.IMAGE;
import static dev.keelson.core.ValidationRulesTest.api;
import static dev.keelson.core.ValidationRulesTest.rule;
import static dev.keelson.core.ValidationRulesTest.shop;
import static dev.keelson.core.ValidationRulesTest.warnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exposure through Gateway API: one test per rule (KEE-GW-*, KEE-EXPO-012) and the objects the choice writes. */
@DisplayName("Gateway API exposure: rules with paths and fixes, and what each choice writes")
class GatewayApiRulesTest {

    static Tier.Builder grpc() {
        return Tier.named("api").image(IMAGE).port(Port.grpc(9090));
    }

    @Test
    @DisplayName("KEE-GW-001: a gRPC port is routed with a GRPCRoute, so it is exposed at path /")
    void grpcPath() {
        rule("KEE-GW-001", shop(grpc().exposedAt(Exposure.host("shop.example.com").path("/rpc"))).exposeThrough(GatewayApi.istio()),
                "shop/tiers/api/exposure", "gRPC port 'grpc' is routed with a GRPCRoute, which matches services and methods, not the"
                        + " path '/rpc'", "Exposure.host(\"grpc.example.com\").port(\"grpc\")");
    }

    @Test
    @DisplayName("the same gRPC exposure under a path is fine through an Ingress")
    void grpcPathThroughIngress() {
        Platform p = shop(grpc().exposedAt(Exposure.host("shop.example.com").path("/rpc"))).build();
        assertThat(Keelson.synth(p).manifest("prod").get(Ingress.class, "api")).isPresent();
    }

    @Test
    @DisplayName("KEE-GW-002: the GatewayClass is a DNS name")
    void className() {
        rule("KEE-GW-002", shop(api().exposedAt("shop.example.com")).exposeThrough(GatewayApi.className("Istio Class")),
                "shop/exposeThrough/className", "GatewayClass 'Istio Class' is not a DNS name", "GatewayApi.istio()");
    }

    @Test
    @DisplayName("KEE-GW-003: tiers at one host agree on TLS, per environment")
    void hostTls() {
        rule("KEE-GW-003", shop(api().exposedAt("shop.example.com"),
                        Tier.named("docs").image(IMAGE).port(Port.http(8080))
                                .exposedAt(Exposure.host("shop.example.com").path("/docs").tls(Tls.issuer("team-ca"))))
                        .exposeThrough(GatewayApi.istio()),
                "shop/tiers/docs/exposure/tls", "host 'shop.example.com' is exposed by tier 'api' with TLS from ClusterIssuer"
                        + " 'letsencrypt-prod' and by this tier with TLS from Issuer 'team-ca' (in environment 'prod'); a Gateway"
                        + " listener has one certificate", "the same TLS setting");
    }

    @Test
    @DisplayName("KEE-GW-003: an environment's issuer can make tiers that agree elsewhere disagree")
    void hostTlsInEnvironment() {
        rule("KEE-GW-003", shop(api().exposedAt(Exposure.host("shop.example.com").tls(Tls.clusterIssuer("letsencrypt-prod"))),
                        Tier.named("docs").image(IMAGE).port(Port.http(8080)).exposedAt(Exposure.host("shop.example.com").path("/docs")))
                        .environments(Environment.staging().certificateIssuer(Tls.clusterIssuer("letsencrypt-staging")), Environment.prod())
                        .exposeThrough(GatewayApi.istio()),
                "shop/tiers/docs/exposure/tls", "host 'shop.example.com' is exposed by tier 'api' with TLS from ClusterIssuer"
                        + " 'letsencrypt-prod' and by this tier with TLS from ClusterIssuer 'letsencrypt-staging' (in environment"
                        + " 'staging'); a Gateway listener has one certificate", "its own");
    }

    @Test
    @DisplayName("KEE-GW-004: the Gateway's name is a DNS label that, with the class, names Istio's Deployment and Service")
    void gatewayName() {
        rule("KEE-GW-004", shop(api().exposedAt("shop.example.com")).exposeThrough(GatewayApi.istio().named("Public")),
                "shop/exposeThrough/name", "Gateway name 'Public' is not a DNS label that, with '-istio', names the gateway's"
                        + " Deployment and Service", "named(\"public\")");
    }

    @Test
    @DisplayName("KEE-GW-004: a shared Gateway's namespace is a DNS label")
    void sharedNamespace() {
        rule("KEE-GW-004", shop(api().exposedAt("shop.example.com")).exposeThrough(GatewayApi.shared("Gateways", "public")),
                "shop/exposeThrough/namespace", "the shared Gateway's namespace 'Gateways' is not a DNS label",
                "GatewayApi.shared(\"gateways\", \"public\")");
    }

    @Test
    @DisplayName("KEE-GW-005: no tier takes the names Istio gives the Gateway's Deployment and Service")
    void tierNamedLikeTheGateway() {
        rule("KEE-GW-005", shop(Tier.named("gateway-istio").image(IMAGE).port(Port.http(8080)).exposedAt("shop.example.com"))
                        .exposeThrough(GatewayApi.istio()),
                "shop/tiers/gateway-istio", "tier 'gateway-istio' has the name of the Deployment and Service istio makes for the"
                        + " Gateway 'gateway'", "named(\"<name>\")");
    }

    @Test
    @DisplayName("KEE-GW-006: a TLS backend port needs a BackendTLSPolicy, which Keelson does not write")
    void tlsBackend() {
        rule("KEE-GW-006", shop(Tier.named("api").image(IMAGE).port(Port.https(8443)).exposedAt("shop.example.com"))
                        .exposeThrough(GatewayApi.istio()),
                "shop/tiers/api/exposure", "port 'https' speaks https, but Keelson writes no BackendTLSPolicy, so the gateway would"
                        + " send it plain text", "ExposureApi.ingress()");
    }

    @Test
    @DisplayName("KEE-GW-007: a timeout on a gRPC exposure is reported, since GRPCRoute cannot carry it")
    void grpcTimeout() {
        Platform p = shop(grpc().exposedAt(Exposure.host("shop.example.com").timeout(Duration.ofSeconds(5))))
                .exposeThrough(GatewayApi.istio()).build();
        assertThat(warnings(p)).filteredOn(w -> "KEE-GW-007".equals(w.rule())).extracting(Problem::path, Problem::message)
                .containsExactly(tuple("shop/tiers/api/exposure/timeout", "timeout PT5S is not written: GRPCRoute has no timeouts"
                        + " in Gateway API's standard channel"));
    }

    @Test
    @DisplayName("KEE-GW-008: an exposed host is short enough to name its listener")
    void longHost() {
        String host = ("a".repeat(60) + ".").repeat(3) + "b".repeat(53) + ".example.com"; // 248 characters: a valid host
        rule("KEE-GW-008", shop(api().exposedAt(host)).exposeThrough(GatewayApi.istio()),
                "shop/tiers/api/exposure", "host '" + host + "' is too long to name its Gateway listener ('https-<host>', at most"
                        + " 253 characters)", "at most 247");
    }

    @Test
    @DisplayName("KEE-GW-009: an ingress class is ignored through Gateway API, and said so")
    void ingressClassIgnored() {
        Platform p = shop(api().exposedAt(Exposure.host("shop.example.com").ingressClass("internal")))
                .exposeThrough(GatewayApi.istio()).build();
        assertThat(warnings(p)).filteredOn(w -> "KEE-GW-009".equals(w.rule())).extracting(Problem::path, Problem::message)
                .containsExactly(tuple("shop/tiers/api/exposure/ingressClass", "ingress class 'internal' is ignored: the platform"
                        + " exposes tiers through Gateway API"));
    }

    @Test
    @DisplayName("KEE-GW-010: alongsideIngress() writes each tier's Ingress beside its route, admits both entries, and is warned about")
    void alongsideIngress() {
        Platform p = shop(api().exposedAt("shop.example.com")).exposeThrough(GatewayApi.istio().alongsideIngress()).build();
        Manifest m = Keelson.synth(p).manifest("prod");
        assertThat(m.get(Ingress.class, "api")).isPresent();
        assertThat(m.get(HTTPRoute.class, "api")).isPresent();
        assertThat(m.flows()).filteredOn(f -> f.kind() == Flow.Kind.INGRESS && f.to().equals(Peer.tier("api")))
                .extracting(Flow::from).containsExactly(GatewayApi.istio().podsIn("shop-prod"), ClusterServices.DEFAULT.ingressController());
        assertThat(warnings(p)).filteredOn(w -> "KEE-GW-010".equals(w.rule())).extracting(Problem::path, Problem::message)
                .containsExactly(tuple("shop/exposeThrough/alongsideIngress", "every exposed tier is served through both its NGINX"
                        + " Ingress and Gateway API, a migration step"));
    }

    @Test
    @DisplayName("KEE-EXPO-012: a timeout is a positive whole number of milliseconds")
    void timeout() {
        rule("KEE-EXPO-012", shop(api().exposedAt(Exposure.host("shop.example.com").timeout(Duration.ofNanos(1500)))),
                "shop/tiers/api/exposure/timeout", "timeout PT0.0000015S is not a positive whole number of milliseconds of at most"
                        + " 99999 hours", "Duration.ofSeconds(30)");
    }

    @Test
    @DisplayName("two tiers at one host and path are refused through Gateway API too (KEE-EXPO-009)")
    void sameHostAndPath() {
        rule("KEE-EXPO-009", shop(api().exposedAt("shop.example.com"),
                        Tier.named("web").image(IMAGE).port(Port.http(8080)).exposedAt("shop.example.com"))
                        .exposeThrough(GatewayApi.istio()),
                "shop/tiers/web/exposure", "host 'shop.example.com' path '/' is already exposed by tier 'api'", "own host or path");
    }

    @Test
    @DisplayName("through Gateway API no Ingress is written; through the default, no Gateway API object")
    void eitherOr() {
        Manifest gateway = Keelson.synth(shop(api().exposedAt("shop.example.com"), Tier.named("rpc").image(IMAGE).port(Port.grpc(9090))
                .exposedAt("rpc.example.com")).exposeThrough(GatewayApi.istio()).build()).manifest("prod");
        assertThat(gateway.objects(Ingress.class)).isEmpty();
        assertThat(gateway.get(Gateway.class, "gateway")).isPresent();
        assertThat(gateway.get(HTTPRoute.class, "api")).isPresent();
        assertThat(gateway.get(GRPCRoute.class, "rpc")).isPresent();
        assertThat(gateway.get(HTTPRoute.class, "https-redirect")).isPresent();

        Manifest ingress = Keelson.synth(shop(api().exposedAt("shop.example.com")).build()).manifest("prod");
        assertThat(ingress.objects(Ingress.class)).hasSize(1);
        assertThat(ingress.objects(Gateway.class)).isEmpty();
        assertThat(ingress.objects(HTTPRoute.class)).isEmpty();
    }

    @Test
    @DisplayName("a shared Gateway gets routes only, whose parentRefs name its namespace; no Gateway, certificate or redirect")
    void shared() {
        Manifest m = Keelson.synth(shop(api().exposedAt("shop.example.com")).exposeThrough(GatewayApi.shared("gateways", "public"))
                .build()).manifest("prod");
        assertThat(m.objects(Gateway.class)).isEmpty();
        assertThat(m.objects(HTTPRoute.class)).extracting(r -> r.getMetadata().getName()).containsExactly("api");
        var parent = m.get(HTTPRoute.class, "api").orElseThrow().getSpec().getParentRefs().get(0);
        assertThat(parent.getNamespace()).isEqualTo("gateways");
        assertThat(parent.getName()).isEqualTo("public");
        assertThat(parent.getSectionName()).isNull();
        assertThat(m.objects()).noneMatch(o -> "Certificate".equals(o.getKind()));
        assertThat(m.flows()).anyMatch(f -> f.kind() == Flow.Kind.INGRESS && f.from().equals(new Peer.Workloads("gateways",
                java.util.Map.of(GatewayApi.GATEWAY_NAME_LABEL, "public"), "public-istio")));
    }

    @Test
    @DisplayName("without the redirect, TLS hosts have no HTTP listener; a Tls.none() host has one and its route attaches to it")
    void withoutRedirect() {
        Manifest m = Keelson.synth(shop(api().exposedAt("shop.example.com"),
                Tier.named("web").image(IMAGE).port(Port.http(8080)).exposedAt(Exposure.host("plain.example.com").tls(Tls.none())))
                .exposeThrough(GatewayApi.istio().withoutHttpRedirect()).build()).manifest("prod");
        assertThat(m.get(Gateway.class, "gateway").orElseThrow().getSpec().getListeners())
                .extracting(l -> l.getName(), l -> l.getPort())
                .containsExactly(tuple("https-shop.example.com", 443), tuple("http-plain.example.com", 80));
        assertThat(m.get(HTTPRoute.class, "https-redirect")).isEmpty();
        assertThat(m.get(HTTPRoute.class, "web").orElseThrow().getSpec().getParentRefs().get(0).getSectionName())
                .isEqualTo("http-plain.example.com");
    }

    @Test
    @DisplayName("a timeout becomes NGINX's read and send timeouts, in whole seconds rounded up")
    void nginxTimeout() {
        Manifest m = Keelson.synth(shop(api().exposedAt(Exposure.host("shop.example.com").timeout(Duration.ofMillis(1500)))).build())
                .manifest("prod");
        assertThat(m.get(Ingress.class, "api").orElseThrow().getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "2")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "2");
    }

    @Test
    @DisplayName("a timeout is written in Gateway API's duration syntax")
    void gatewayTimeout() {
        Manifest m = Keelson.synth(shop(api().exposedAt(Exposure.host("shop.example.com").timeout(Duration.ofMillis(90_250))))
                .exposeThrough(GatewayApi.istio()).build()).manifest("prod");
        assertThat(m.get(HTTPRoute.class, "api").orElseThrow().getSpec().getRules().get(0).getTimeouts().getRequest())
                .isEqualTo("1m30s250ms");
    }
}

package dev.keelson.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One test per rule the mesh checks on the final objects (after the user's customizations). */
class MeshCheckTest {

    static Platform.Builder shop(MeshPolicy mesh) {
        return Platform.named("shop").environments(Environment.prod()).with(mesh)
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080)).exposedAt("api.example.com"));
    }

    static List<Tuple> problems(Platform platform, Problem.Severity severity) {
        List<Problem> found;
        try {
            found = Keelson.synth(platform).manifest("prod").warnings();
        } catch (ValidationException e) {
            found = e.problems();
        }
        return found.stream().filter(p -> p.severity() == severity).map(p -> tuple(p.path(), p.rule(), p.message())).toList();
    }

    static Platform.Builder withPodSecurity(Platform.Builder b, String level) {
        return b.customize(Namespace.class, "shop-prod", ns -> ns.getMetadata().getLabels()
                .put("pod-security.kubernetes.io/enforce", level));
    }

    @Test
    @DisplayName("SEC-IST-021: sidecars under Pod Security restricted without CNI fail, naming withCni() and ambient")
    void cniRequiredUnderRestricted() {
        Platform platform = withPodSecurity(shop(MeshPolicy.strictMtls()), "restricted").build();
        assertThat(problems(platform, Problem.Severity.ERROR)).containsExactly(tuple("shop/mesh/cni", "SEC-IST-021",
                "in prod: sidecar injection in namespace 'shop-prod' with Pod Security 'restricted' needs the Istio CNI plugin:"
                        + " the injected istio-init container needs NET_ADMIN and NET_RAW, which 'restricted' rejects,"
                        + " so no pod would start"));
        try {
            Keelson.synth(platform).manifest("prod");
        } catch (ValidationException e) {
            assertThat(e.getMessage()).contains("Fix: install Istio with the CNI plugin and declare it with"
                    + " MeshPolicy.strictMtls().withCni(), or use ambient mode: MeshPolicy.strictMtls().ambient()");
        }
    }

    @Test
    @DisplayName("SEC-IST-021: with CNI declared, restricted Pod Security and sidecars synthesize cleanly")
    void cniDeclared() {
        Platform platform = withPodSecurity(shop(MeshPolicy.strictMtls().withCni()), "restricted").build();
        assertThat(problems(platform, Problem.Severity.ERROR)).isEmpty();
        assertThat(problems(platform, Problem.Severity.WARNING)).isEmpty();
    }

    @Test
    @DisplayName("SEC-IST-021: sidecars without CNI and without Pod Security labels synthesize with a warning")
    void cniWarning() {
        Platform platform = shop(MeshPolicy.strictMtls()).build();
        assertThat(problems(platform, Problem.Severity.WARNING)).containsExactly(tuple("shop/mesh/cni", "SEC-IST-021",
                "in prod: sidecar injection without the Istio CNI plugin: pods get an istio-init container with NET_ADMIN"
                        + " and NET_RAW, which Pod Security baseline and restricted reject"));
    }

    @Test
    @DisplayName("SEC-IST-020: a namespace with two injection labels fails")
    void twoInjectionLabels() {
        Platform platform = shop(MeshPolicy.strictMtls().withCni())
                .customize(Namespace.class, "shop-prod", ns -> ns.getMetadata().getLabels().put("istio.io/rev", "1-30"))
                .build();
        assertThat(problems(platform, Problem.Severity.ERROR)).containsExactly(tuple("shop/mesh/injection", "SEC-IST-020",
                "in prod: namespace 'shop-prod' carries 2 injection labels; exactly one of istio-injection and istio.io/rev must be set"));
    }

    @Test
    @DisplayName("SEC-IST-020: an ambient namespace must not also be labelled for sidecar injection")
    void ambientWithInjection() {
        Platform platform = shop(MeshPolicy.strictMtls().ambient())
                .customize(Namespace.class, "shop-prod", ns -> ns.getMetadata().getLabels().put("istio-injection", "enabled"))
                .build();
        assertThat(problems(platform, Problem.Severity.ERROR)).containsExactly(tuple("shop/mesh/injection", "SEC-IST-020",
                "in prod: namespace 'shop-prod' is in ambient mode but also labelled for sidecar injection"));
    }

    @Test
    @DisplayName("SEC-IST-007: a Gateway customized to serve '*' fails")
    void gatewayWildcard() {
        Platform platform = shop(MeshPolicy.strictMtls().withCni().ingressGateway())
                .customize(Gateway.class, "api-ingress", g -> g.getSpec().getServers().get(0).setHosts(List.of("*/*")))
                .build();
        assertThat(problems(platform, Problem.Severity.ERROR)).containsExactly(tuple("shop/mesh/gateways/api-ingress",
                "SEC-IST-007", "in prod: Gateway 'api-ingress' serves hosts '*/*', so any VirtualService can claim any host on it"));
    }

    @Test
    @DisplayName("SEC-IST-013: a DestinationRule customized to drop exportTo fails")
    void exportTo() {
        Platform platform = shop(MeshPolicy.strictMtls().withCni())
                .customize(DestinationRule.class, "api", d -> d.getSpec().setExportTo(null))
                .build();
        assertThat(problems(platform, Problem.Severity.ERROR)).containsExactly(tuple("shop/mesh/exportTo/DestinationRule/api",
                "SEC-IST-013", "in prod: DestinationRule 'api' sets no exportTo, so it is exported to every namespace"));
    }

    @Test
    @DisplayName("SEC-IST-018: a RequestAuthentication whose token requirement was customized away fails")
    void unpairedRequestAuthentication() {
        Platform platform = Platform.named("shop").environments(Environment.prod()).with(MeshPolicy.strictMtls().withCni())
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080)).exposedAt("api.example.com")
                        .with(Jwt.issuer("https://auth.example.com").jwksUri("https://auth.example.com/jwks.json")))
                .customize(AuthorizationPolicy.class, "api", p -> p.getSpec().getRules()
                        .forEach(r -> r.getFrom().forEach(f -> f.getSource().setRequestPrincipals(null))))
                .build();
        assertThat(problems(platform, Problem.Severity.ERROR)).containsExactly(tuple("shop/mesh/jwt/api-jwt", "SEC-IST-018",
                "in prod: RequestAuthentication 'api-jwt' has no AuthorizationPolicy requiring a request principal,"
                        + " so requests without a token are accepted"));
    }
}

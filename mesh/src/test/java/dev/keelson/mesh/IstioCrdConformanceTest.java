package dev.keelson.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.core.conformance.SchemaConformance;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every object the mesh writes is valid against the upstream schemas in {@code shared/schemas}
 * (core's conformance harness): the Istio 1.30 CRDs, the cert-manager Certificate CRD, and the
 * Kubernetes spec for the Deployments of traffic splits and the adjusted Namespace. Unknown fields,
 * wrong types, enums and patterns fail; CEL rules are a real API server's job. The waypoint
 * (a Gateway API Gateway) has no schema in {@code shared/schemas} and is left out.
 */
class IstioCrdConformanceTest {

    private static boolean checked(HasMetadata o) {
        return !o.getApiVersion().startsWith("gateway.networking.k8s.io/");
    }

    /** Platforms that between them use every option that changes the mesh's objects. */
    static List<Platform> platforms() {
        Tier.Builder web = Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080)).exposedAt("shop.example.com")
                .talksTo(Connection.to("api").methods("GET").paths("/v1/*"))
                .dependsOn(Dependency.external("stripe").host("api.stripe.com"))
                .with(Traffic.defaults().loadBalancer(LoadBalancer.hashCookie("session", Duration.ofMinutes(30)))
                        .fault(Fault.delay(Duration.ofMillis(1500), 10).onlyIn(Stage.DEVELOPMENT)))
                .with(AbTest.header("x-variant", "b", "ghcr.io/acme/web:1.5.0-b"));
        Tier.Builder api = Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.grpc(9090)).metrics(Port.metrics(9091))
                .with(Traffic.defaults().loadBalancer(LoadBalancer.hashSourceIp()).retries(Retries.none())
                        .fault(Fault.abort(503, 5).onlyIn(Stage.DEVELOPMENT)))
                .with(Canary.of("ghcr.io/acme/api:2.5.0", 10))
                .with(Jwt.issuer("https://auth.example.com").jwksUri("https://auth.example.com/jwks.json").claim("scope", "a", "b"));
        Tier.Builder worker = Tier.named("worker").image("ghcr.io/acme/worker:1.0.0").port(Port.http(8080))
                .with(Traffic.defaults().loadBalancer(LoadBalancer.roundRobin()).withoutLocality())
                .with(Mirror.of("ghcr.io/acme/worker:1.1.0", 50));
        Tier.Builder batch = Tier.named("batch").image("ghcr.io/acme/batch:1.0.0").port(Port.http(8080))
                .with(Traffic.defaults().loadBalancer(LoadBalancer.random())).with(BlueGreen.green("ghcr.io/acme/batch:1.1.0"));
        Platform sidecars = Platform.named("shop").environments(Environment.dev(), Environment.prod())
                .with(MeshPolicy.strictMtls().withCni().revision("1-30").ingressGateway().egressGateway().withPlaintextMetrics()
                        .tracing(MeshTracing.provider("otel").sampling(5)))
                .tier(web).tier(api).tier(worker).tier(batch).build();
        Platform ambient = Platform.named("amb").environments(Environment.prod())
                .with(MeshPolicy.permissiveMigration().withWaypoint().withoutAccessLogging().tracing(MeshTracing.provider("jaeger")))
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080)).talksTo(Connection.to("api").methods("GET")))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080)).metrics(Port.metrics(9091))
                        .with(Canary.of("ghcr.io/acme/api:2.5.0", 20)))
                .build();
        return List.of(sidecars, ambient);
    }

    @Test
    @DisplayName("every object of every environment, Istio and cert-manager included, conforms to the upstream schemas")
    void everyObjectConforms() {
        Set<String> kinds = new TreeSet<>();
        List<String> violations = new ArrayList<>();
        for (Platform platform : platforms()) {
            for (var manifest : Keelson.synth(platform).manifests()) {
                for (HasMetadata o : manifest.objects()) {
                    if (checked(o)) {
                        if (o.getApiVersion().contains("istio.io/") || o.getApiVersion().startsWith("cert-manager.io/")) {
                            kinds.add(o.getKind());
                        }
                        violations.addAll(SchemaConformance.validate(o));
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
        assertThat(kinds).containsExactlyInAnyOrder("AuthorizationPolicy", "Certificate", "DestinationRule", "Gateway",
                "PeerAuthentication", "RequestAuthentication", "ServiceEntry", "Sidecar", "Telemetry", "VirtualService");
    }

    @Test
    @DisplayName("the written YAML, quoting included, conforms as kubectl reads it")
    void writtenYamlConforms() {
        SchemaConformance.assertYamlConforms(Keelson.synth(platforms().get(0)).manifest("prod").toYaml());
    }

    @Test
    @DisplayName("the written dist/ tree of every environment conforms, file by file")
    void writtenTreeConforms(@TempDir Path dir) {
        Keelson.synth(platforms().get(0)).writeTo(dir);
        assertThat(SchemaConformance.assertTreeConforms(dir)).isGreaterThan(0);
    }

    @Test
    @DisplayName("the check can fail: an unknown field in a DestinationRule is reported")
    void negativeControl() {
        DestinationRule dr = Keelson.synth(platforms().get(0)).manifest("prod").get(DestinationRule.class, "api").orElseThrow();
        dr.getSpec().setAdditionalProperty("hostname", "typo");
        assertThat(SchemaConformance.validate(dr)).anySatisfy(m -> assertThat(m).contains("hostname"));
    }
}

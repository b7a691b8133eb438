package dev.keelson.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every Istio object the mesh writes (and the cert-manager Certificate) is valid against the
 * upstream CRD schemas in {@code shared/schemas}: types, enums, required fields, and no field the
 * schema does not know (a real API server with strict field validation refuses those). CEL rules
 * are a real API server's job. A minimal stand-in until the shared conformance harness lands.
 */
class IstioCrdConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonSchema> SCHEMAS = new HashMap<>();

    @BeforeAll
    static void loadSchemas() throws IOException {
        Path dir = schemas();
        Assumptions.assumeTrue(dir != null, "no upstream schemas (property keelson.schemas, or shared/schemas above"
                + " the working directory); skipped");
        load(dir.resolve("istio-1.30.3-crd-all.gen.yaml"));
        load(dir.resolve("cert-manager-v1.21.1-cert-manager.io_certificates.yaml"));
    }

    /** The property's folder, else the first {@code shared/schemas} above the working directory. */
    private static Path schemas() {
        String property = System.getProperty("keelson.schemas");
        if (property != null && Files.isDirectory(Path.of(property, "crds"))) {
            return Path.of(property, "crds");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/schemas/crds"))) {
                return p.resolve("shared/schemas/crds");
            }
        }
        return null;
    }

    private static void load(Path file) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        try (var parser = yaml.createParser(file.toFile())) {
            Iterator<JsonNode> docs = yaml.readValues(parser, JsonNode.class);
            while (docs.hasNext()) {
                JsonNode crd = docs.next();
                if (crd == null || !"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                    continue;
                }
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    JsonNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                    boolean rootOpen = !schema.has("additionalProperties");
                    closeObjects(schema);
                    if (rootOpen) {
                        // apiVersion, kind and metadata are the API server's, not in the CRD's schema
                        ((ObjectNode) schema).remove("additionalProperties");
                    }
                    SCHEMAS.put(group + "/" + version.path("name").asText() + "/" + kind,
                            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema));
                }
            }
        }
    }

    /** Unknown fields are errors: every object schema with properties gets additionalProperties: false. */
    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("properties") && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
            o.remove("x-kubernetes-validations");
            o.forEach(IstioCrdConformanceTest::closeObjects);
        } else if (node != null && node.isArray()) {
            node.forEach(IstioCrdConformanceTest::closeObjects);
        }
    }

    private static Set<String> violations(HasMetadata object) {
        JsonSchema schema = SCHEMAS.get(object.getApiVersion() + "/" + object.getKind());
        assertThat(schema).as("schema of %s %s", object.getApiVersion(), object.getKind()).isNotNull();
        Set<String> found = new TreeSet<>();
        for (ValidationMessage m : schema.validate(JSON.valueToTree(object))) {
            found.add(object.getKind() + " " + object.getMetadata().getName() + ": " + m.getMessage());
        }
        return found;
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
                        .tracing(Tracing.provider("otel").sampling(5)))
                .tier(web).tier(api).tier(worker).tier(batch).build();
        Platform ambient = Platform.named("amb").environments(Environment.prod())
                .with(MeshPolicy.permissiveMigration().withWaypoint().withoutAccessLogging().tracing(Tracing.provider("jaeger")))
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080)).talksTo(Connection.to("api").methods("GET")))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080)).metrics(Port.metrics(9091))
                        .with(Canary.of("ghcr.io/acme/api:2.5.0", 20)))
                .build();
        return List.of(sidecars, ambient);
    }

    @Test
    @DisplayName("every Istio object and Certificate the mesh writes is valid against the upstream CRD schema")
    void everyObjectConforms() {
        Set<String> kinds = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Platform platform : platforms()) {
            for (var manifest : Keelson.synth(platform).manifests()) {
                for (HasMetadata o : manifest.objects()) {
                    String apiVersion = o.getApiVersion();
                    if (apiVersion.contains("istio.io/") || apiVersion.startsWith("cert-manager.io/")) {
                        kinds.add(o.getKind());
                        problems.addAll(violations(o));
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(kinds).containsExactlyInAnyOrder("AuthorizationPolicy", "Certificate", "DestinationRule", "Gateway",
                "PeerAuthentication", "RequestAuthentication", "ServiceEntry", "Sidecar", "Telemetry", "VirtualService");
    }

    @Test
    @DisplayName("the check can fail: an unknown field and a wrong enum value are reported")
    void negativeControl() {
        DestinationRule dr = Keelson.synth(platforms().get(0)).manifest("prod").get(DestinationRule.class, "api").orElseThrow();
        dr.getSpec().setAdditionalProperty("hostname", "typo");
        dr.getSpec().getTrafficPolicy().getOutlierDetection().setInterval("ten seconds");
        assertThat(violations(dr)).hasSizeGreaterThanOrEqualTo(1)
                .anySatisfy(m -> assertThat(m).contains("hostname"));
    }
}

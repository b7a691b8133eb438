package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Tier;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The objects this module writes conform to the Kubernetes 1.36 OpenAPI schema (closed objects:
 * unknown fields, missing required fields and wrong types fail). An interim, self-contained check
 * until core's conformance harness (dev.keelson.core.conformance) is on main; skipped when
 * shared/schemas is absent. Cilium policies are not checked: no Cilium CRD is in shared/schemas.
 */
class NetworkPolicySchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("NetworkPolicies, quotas, LimitRanges, Roles, RoleBindings and the labelled Namespace conform to the Kubernetes schema")
    void conforms() throws Exception {
        Path swagger = swagger();
        Assumptions.assumeTrue(swagger != null, "shared/schemas/kubernetes/swagger-release-1.36.json not found: schema check skipped");
        JsonNode definitions = JSON.readTree(swagger.toFile()).get("definitions");
        Platform platform = Platforms.shop(SecurityBaseline.byStage().ciliumL7())
                .cluster(dev.keelson.core.ClusterServices.DEFAULT.nodeLocalDns("169.254.20.10"))
                .tier(Tier.named("operator").image("ghcr.io/acme/operator:1.2.0")
                        .with(KubernetesApi.access("configmaps").verbs("get").and("secrets").verbs("get").resourceNames("x")))
                .build();
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (String env : new String[] {"dev", "prod"}) {
            Manifest m = Keelson.synth(platform).manifest(env);
            for (HasMetadata o : m.objects()) {
                if (o instanceof GenericKubernetesResource) {
                    continue;
                }
                JsonNode schema = definition(definitions, o);
                assertThat(schema).as("schema of " + o.getApiVersion() + " " + o.getKind()).isNotNull();
                check(definitions, schema, JSON.valueToTree(o), o.getKind() + "/" + o.getMetadata().getName(), violations);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(violations).isEmpty();
    }

    @Test
    @DisplayName("the interim schema check catches an unknown field and a wrong type")
    void catchesMistakes() throws Exception {
        Path swagger = swagger();
        Assumptions.assumeTrue(swagger != null, "shared/schemas not found: schema check skipped");
        JsonNode definitions = JSON.readTree(swagger.toFile()).get("definitions");
        JsonNode np = JSON.readTree("{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\",\"metadata\":{\"name\":\"x\"},"
                + "\"spec\":{\"podSelector\":{},\"policyTypes\":\"Ingress\",\"egres\":[]}}");
        List<String> violations = new ArrayList<>();
        check(definitions, definitions.get("io.k8s.api.networking.v1.NetworkPolicy"), np, "NetworkPolicy/x", violations);
        assertThat(violations).containsExactlyInAnyOrder(
                "NetworkPolicy/x: .spec.policyTypes: expected array", "NetworkPolicy/x: .spec.egres: unknown field");
    }

    private static Path swagger() {
        String configured = System.getProperty("keelson.schemas");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve("shared/schemas"));
        }
        for (Path c : candidates) {
            Path file = c.resolve("kubernetes/swagger-release-1.36.json");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    private static JsonNode definition(JsonNode definitions, HasMetadata o) {
        String apiVersion = o.getApiVersion();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        for (Map.Entry<String, JsonNode> entry : definitions.properties()) {
            JsonNode d = entry.getValue();
            for (JsonNode gvk : d.path("x-kubernetes-group-version-kind")) {
                if (gvk.path("group").asText().equals(group) && gvk.path("version").asText().equals(version)
                        && gvk.path("kind").asText().equals(o.getKind())) {
                    return d;
                }
            }
        }
        return null;
    }

    private static void check(JsonNode definitions, JsonNode schema, JsonNode value, String where, List<String> out) {
        check(definitions, schema, value, where, "", out);
    }

    private static void check(JsonNode definitions, JsonNode schema, JsonNode value, String where, String path, List<String> out) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText().replace("#/definitions/", "");
            check(definitions, definitions.get(ref), value, where, path, out);
            return;
        }
        if ("int-or-string".equals(schema.path("format").asText())) {
            if (!value.isInt() && !value.isTextual()) {
                out.add(where + ": " + path + ": expected int or string");
            }
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "string" -> {
                if (!value.isTextual()) {
                    out.add(where + ": " + path + ": expected string");
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    out.add(where + ": " + path + ": expected integer");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    out.add(where + ": " + path + ": expected boolean");
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    out.add(where + ": " + path + ": expected array");
                    return;
                }
                int i = 0;
                for (JsonNode item : value) {
                    check(definitions, schema.get("items"), item, where, path + "[" + i++ + "]", out);
                }
            }
            case "object", "" -> {
                if (!schema.has("properties") && !schema.has("additionalProperties")) {
                    return;
                }
                if (!value.isObject()) {
                    out.add(where + ": " + path + ": expected object");
                    return;
                }
                for (JsonNode r : schema.path("required")) {
                    if (!value.has(r.asText())) {
                        out.add(where + ": " + path + "." + r.asText() + ": required");
                    }
                }
                for (Map.Entry<String, JsonNode> f : value.properties()) {
                    JsonNode property = schema.path("properties").get(f.getKey());
                    if (property != null) {
                        check(definitions, property, f.getValue(), where, path + "." + f.getKey(), out);
                    } else if (schema.has("additionalProperties")) {
                        check(definitions, schema.get("additionalProperties"), f.getValue(), where, path + "." + f.getKey(), out);
                    } else {
                        out.add(where + ": " + path + "." + f.getKey() + ": unknown field");
                    }
                }
            }
            default -> {
            }
        }
    }
}

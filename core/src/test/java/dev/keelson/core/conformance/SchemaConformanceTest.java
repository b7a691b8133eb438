package dev.keelson.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Proves the harness cannot pass vacuously: each kind of violation it promises to find is planted
 * in an otherwise valid object, and the exact violation is expected.
 */
@DisplayName("SchemaConformance")
class SchemaConformanceTest {

    @BeforeEach
    void schemas() {
        SchemaConformance.assumeSchemasPresent();
    }

    static Deployment deployment() {
        return new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace("shop-prod").addToLabels("app", "web").endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec()
                .addToContainers(new ContainerBuilder().withName("web").withImage("ghcr.io/acme/web:1.0.0")
                        .addNewPort().withName("http").withContainerPort(8080).endPort()
                        .withNewResources().addToRequests("cpu", new Quantity("100m"))
                        .addToLimits("memory", new Quantity("128Mi")).endResources()
                        .build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    static GenericKubernetesResource destinationRule(Map<String, Object> spec) {
        GenericKubernetesResource dr = new GenericKubernetesResource();
        dr.setApiVersion("networking.istio.io/v1");
        dr.setKind("DestinationRule");
        dr.setMetadata(new ObjectMetaBuilder().withName("api").withNamespace("shop-prod").build());
        dr.setAdditionalProperty("spec", spec);
        return dr;
    }

    static Map<String, Object> validDestinationRuleSpec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("host", "api.shop-prod.svc.cluster.local");
        spec.put("trafficPolicy", Map.of("tls", Map.of("mode", "ISTIO_MUTUAL")));
        return spec;
    }

    private static ObjectNode json(HasMetadata object) {
        return (ObjectNode) SchemaConformance.toJson(object);
    }

    private static ObjectNode at(JsonNode root, String... path) {
        JsonNode node = root;
        for (String p : path) {
            node = p.matches("\\d+") ? node.get(Integer.parseInt(p)) : node.get(p);
        }
        return (ObjectNode) node;
    }

    @Test
    @DisplayName("every Kubernetes definition and every CRD version compiles: no keyword is silently ignored")
    void everySchemaCompiles() {
        Path dir = SchemaConformance.schemasDirectory().orElseThrow();
        assertThat(SchemaConformance.kubernetesVersions()).contains("1.28", "1.36");
        for (String version : SchemaConformance.kubernetesVersions()) {
            assertThat(SchemaLibrary.of(dir, version).compileAll()).as("Kubernetes %s", version).isGreaterThan(600);
        }
    }

    @Test
    @DisplayName("each Kubernetes version is checked against its own spec: a field 1.28 does not serve is a violation there only")
    void perVersion() {
        Deployment d = deployment();
        d.getSpec().getTemplate().getSpec().setSecurityContext(new io.fabric8.kubernetes.api.model.PodSecurityContextBuilder()
                .withNewAppArmorProfile().withType("RuntimeDefault").endAppArmorProfile().build());
        HasMetadata service = new ServiceBuilder().withNewMetadata().withName("web").withNamespace("shop-prod").endMetadata()
                .withNewSpec().addNewPort().withPort(80).endPort().withTrafficDistribution("PreferClose").endSpec().build();

        assertThat(SchemaConformance.validate(d, "1.36")).isEmpty();
        assertThat(SchemaConformance.validate(service, "1.36")).isEmpty();
        assertThat(SchemaConformance.validate(d, "1.28")).singleElement().asString()
                .startsWith("Deployment shop-prod/web: spec.template.spec.securityContext.appArmorProfile: unknown field");
        assertThat(SchemaConformance.validate(service, "1.28")).singleElement().asString()
                .startsWith("Service shop-prod/web: spec.trafficDistribution: unknown field");
        assertThatThrownBy(() -> SchemaConformance.validate(d, "1.7")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no OpenAPI spec of Kubernetes 1.7").hasMessageContaining("[1.28, 1.36]");
    }

    @Nested
    @DisplayName("a Deployment")
    class Deployments {

        @Test
        @DisplayName("that is valid has no violations")
        void valid() {
            assertThat(SchemaConformance.validate(deployment())).isEmpty();
        }

        @Test
        @DisplayName("with an unknown field in a container is reported with its path")
        void unknownField() {
            Deployment d = deployment();
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setAdditionalProperty("imagePullPolicyy", "Always");

            assertThat(SchemaConformance.validate(d)).containsExactly(
                    "Deployment shop-prod/web: spec.template.spec.containers[0].imagePullPolicyy: unknown field"
                            + " 'imagePullPolicyy' (not in io.k8s.api.core.v1.Container)");
        }

        @Test
        @DisplayName("with an unknown top-level field is reported")
        void unknownTopLevelField() {
            Deployment d = deployment();
            d.setAdditionalProperty("metdata", Map.of());

            assertThat(SchemaConformance.validate(d)).containsExactly(
                    "Deployment shop-prod/web: metdata: unknown field 'metdata' (not in io.k8s.api.apps.v1.Deployment)");
        }

        @Test
        @DisplayName("with a string where an integer belongs is reported")
        void wrongType() {
            ObjectNode d = json(deployment());
            at(d, "spec").put("replicas", "two");

            assertThat(SchemaConformance.validate(d)).containsExactly(
                    "Deployment shop-prod/web: spec.replicas: expected integer, got string \"two\"");
        }

        @Test
        @DisplayName("with a number where a label value (string) belongs is reported")
        void wrongTypeInMap() {
            ObjectNode d = json(deployment());
            at(d, "metadata", "labels").put("tier", 3);

            assertThat(SchemaConformance.validate(d)).containsExactly(
                    "Deployment shop-prod/web: metadata.labels.tier: expected string, got integer 3");
        }

        @Test
        @DisplayName("without a required field (container name, selector) is reported")
        void missingRequired() {
            Deployment d = deployment();
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setName(null);
            d.getSpec().setSelector(null);

            assertThat(SchemaConformance.validate(d)).containsExactlyInAnyOrder(
                    "Deployment shop-prod/web: spec: missing required field 'selector'",
                    "Deployment shop-prod/web: spec.template.spec.containers[0]: missing required field 'name'");
        }

        @Test
        @DisplayName("with a null value is reported (a field is left out, not null)")
        void nullValue() {
            ObjectNode d = json(deployment());
            at(d, "spec").putNull("paused");

            assertThat(SchemaConformance.validate(d)).containsExactly(
                    "Deployment shop-prod/web: spec.paused: null is not allowed here (leave the field out instead)");
        }

        @Test
        @DisplayName("with two containers of the same name (a map-type list) is reported")
        void duplicateListMapKey() {
            Deployment d = deployment();
            var containers = d.getSpec().getTemplate().getSpec().getContainers();
            containers.add(new ContainerBuilder(containers.get(0)).build());

            assertThat(SchemaConformance.validate(d)).containsExactly(
                    "Deployment shop-prod/web: spec.template.spec.containers[1]: duplicate entry for key [name] = [\"web\"]"
                            + " in a list of type map");
        }

        @Test
        @DisplayName("with an int32 field out of range is reported")
        void int32Range() {
            ObjectNode d = json(deployment());
            at(d, "spec").put("replicas", 3_000_000_000L);

            assertThat(SchemaConformance.validate(d)).containsExactly(
                    "Deployment shop-prod/web: spec.replicas: 3000000000 does not fit in int32");
        }
    }

    @Nested
    @DisplayName("int-or-string and Quantity")
    class Scalars {

        @Test
        @DisplayName("targetPort takes a number or a name, not a boolean")
        void intOrString() {
            var service = new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
                    .withNewSpec().addNewPort().withPort(80).withTargetPort(new IntOrString(8080)).endPort()
                    .addNewPort().withName("http").withPort(81).withTargetPort(new IntOrString("http")).endPort()
                    .endSpec().build();
            assertThat(SchemaConformance.validate(service)).isEmpty();

            ObjectNode json = json(service);
            at(json, "spec", "ports", "0").put("targetPort", true);
            assertThat(SchemaConformance.validate(json)).containsExactly(
                    "Service web: spec.ports[0].targetPort: expected an integer or a string, got boolean true");
        }

        @Test
        @DisplayName("a Quantity is a string in the quantity grammar or a number")
        void quantity() {
            ObjectNode d = json(deployment());
            ObjectNode requests = at(d, "spec", "template", "spec", "containers", "0", "resources", "requests");
            requests.put("cpu", 1);
            requests.put("memory", "1.5Gi");
            assertThat(SchemaConformance.validate(d)).isEmpty();

            requests.put("memory", "lots");
            assertThat(SchemaConformance.validate(d)).containsExactly(
                    "Deployment shop-prod/web: spec.template.spec.containers[0].resources.requests.memory:"
                            + " \"lots\" is not a quantity (e.g. 100m, 1.5, 128Mi, 1e3)");
        }
    }

    @Nested
    @DisplayName("an Istio DestinationRule (a custom resource)")
    class IstioObjects {

        @Test
        @DisplayName("that is valid has no violations")
        void valid() {
            assertThat(SchemaConformance.validate(destinationRule(validDestinationRuleSpec()))).isEmpty();
        }

        @Test
        @DisplayName("with an unknown field is reported")
        void unknownField() {
            Map<String, Object> spec = validDestinationRuleSpec();
            spec.put("trafficPolicy", Map.of("tls", Map.of("modus", "ISTIO_MUTUAL")));

            assertThat(SchemaConformance.validate(destinationRule(spec))).containsExactly(
                    "DestinationRule shop-prod/api: spec.trafficPolicy.tls.modus: unknown field 'modus'"
                            + " (not in networking.istio.io/v1/DestinationRule)");
        }

        @Test
        @DisplayName("with a wrong type is reported")
        void wrongType() {
            Map<String, Object> spec = validDestinationRuleSpec();
            spec.put("host", 42);

            assertThat(SchemaConformance.validate(destinationRule(spec))).containsExactly(
                    "DestinationRule shop-prod/api: spec.host: expected string, got integer 42");
        }

        @Test
        @DisplayName("without a required field is reported")
        void missingRequired() {
            Map<String, Object> spec = validDestinationRuleSpec();
            spec.remove("host");

            assertThat(SchemaConformance.validate(destinationRule(spec))).containsExactly(
                    "DestinationRule shop-prod/api: spec: missing required field 'host'");
        }

        @Test
        @DisplayName("with a value outside an enum is reported")
        void enumValue() {
            Map<String, Object> spec = validDestinationRuleSpec();
            spec.put("trafficPolicy", Map.of("tls", Map.of("mode", "STRICT")));

            assertThat(SchemaConformance.validate(destinationRule(spec))).containsExactly(
                    "DestinationRule shop-prod/api: spec.trafficPolicy.tls.mode: string \"STRICT\" is not one of"
                            + " [\"DISABLE\", \"SIMPLE\", \"MUTUAL\", \"ISTIO_MUTUAL\"]");
        }

        @Test
        @DisplayName("has its metadata checked as ObjectMeta, whatever the CRD says")
        void metadata() {
            GenericKubernetesResource dr = destinationRule(validDestinationRuleSpec());
            dr.getMetadata().setAdditionalProperty("label", "x");

            assertThat(SchemaConformance.validate(dr)).containsExactly(
                    "DestinationRule shop-prod/api: metadata.label: unknown field 'label'"
                            + " (not in io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta)");
        }

        @Test
        @DisplayName("of a version the CRD does not have is reported")
        void unknownVersion() {
            GenericKubernetesResource dr = destinationRule(validDestinationRuleSpec());
            dr.setApiVersion("networking.istio.io/v2");

            assertThat(SchemaConformance.validate(dr)).containsExactly(
                    "DestinationRule shop-prod/api: (root): the CRD of DestinationRule in group networking.istio.io"
                            + " has no version v2 (it has [v1, v1alpha3, v1beta1])");
        }
    }

    @Nested
    @DisplayName("other custom resources")
    class OtherCustomResources {

        private GenericKubernetesResource resource(String apiVersion, String kind, Map<String, Object> spec) {
            GenericKubernetesResource r = new GenericKubernetesResource();
            r.setApiVersion(apiVersion);
            r.setKind(kind);
            r.setMetadata(new ObjectMetaBuilder().withName("x").withNamespace("shop-prod").build());
            r.setAdditionalProperty("spec", spec);
            return r;
        }

        @Test
        @DisplayName("a VirtualService URI match with both exact and prefix breaks its oneOf")
        void oneOf() {
            Map<String, Object> uri = new LinkedHashMap<>();
            uri.put("prefix", "/v1");
            Map<String, Object> spec = Map.of("hosts", List.of("api"),
                    "http", List.of(Map.of("match", List.of(Map.of("uri", uri)))));
            assertThat(SchemaConformance.validate(resource("networking.istio.io/v1", "VirtualService", spec))).isEmpty();

            uri.put("exact", "/v1/orders");
            assertThat(SchemaConformance.validate(resource("networking.istio.io/v1", "VirtualService", spec))).containsExactly(
                    "VirtualService shop-prod/x: spec.http[0].match[0].uri: an object matches 2 of the oneOf alternatives,"
                            + " not exactly one");
        }

        @Test
        @DisplayName("a ServiceMonitor scrape interval must match the CRD's duration pattern")
        void pattern() {
            Map<String, Object> endpoint = new LinkedHashMap<>();
            endpoint.put("port", "metrics");
            endpoint.put("interval", "30s");
            Map<String, Object> spec = Map.of("selector", Map.of("matchLabels", Map.of("app", "api")),
                    "endpoints", List.of(endpoint));
            assertThat(SchemaConformance.validate(resource("monitoring.coreos.com/v1", "ServiceMonitor", spec))).isEmpty();

            endpoint.put("interval", "30 seconds");
            assertThat(SchemaConformance.validate(resource("monitoring.coreos.com/v1", "ServiceMonitor", spec)))
                    .singleElement().asString()
                    .startsWith("ServiceMonitor shop-prod/x: spec.endpoints[0].interval: \"30 seconds\" does not match ^(0|");
        }

        @Test
        @DisplayName("a CiliumNetworkPolicy toCIDR must be a CIDR as Go's net.ParseCIDR reads it")
        void cidrFormat() {
            List<String> cidrs = new java.util.ArrayList<>(List.of("10.0.0.0/8", "192.0.2.1/32", "fd00::/64", "::/0"));
            Map<String, Object> spec = Map.of("endpointSelector", Map.of("matchLabels", Map.of("app", "api")),
                    "egress", List.of(Map.of("toCIDR", cidrs)));
            assertThat(SchemaConformance.validate(resource("cilium.io/v2", "CiliumNetworkPolicy", spec))).isEmpty();

            cidrs.addAll(List.of("10.0.0.0/40", ":::::/64", "10.0.0.0", "010.0.0.0/8", "fe80::1%eth0/64", "10.0.0.0/8/8"));
            assertThat(SchemaConformance.validate(resource("cilium.io/v2", "CiliumNetworkPolicy", spec))).containsExactly(
                    "CiliumNetworkPolicy shop-prod/x: spec.egress[0].toCIDR[4]: \"10.0.0.0/40\" is not a CIDR (e.g. 10.0.0.0/8 or fd00::/64)",
                    "CiliumNetworkPolicy shop-prod/x: spec.egress[0].toCIDR[5]: \":::::/64\" is not a CIDR (e.g. 10.0.0.0/8 or fd00::/64)",
                    "CiliumNetworkPolicy shop-prod/x: spec.egress[0].toCIDR[6]: \"10.0.0.0\" is not a CIDR (e.g. 10.0.0.0/8 or fd00::/64)",
                    "CiliumNetworkPolicy shop-prod/x: spec.egress[0].toCIDR[7]: \"010.0.0.0/8\" is not a CIDR (e.g. 10.0.0.0/8 or fd00::/64)",
                    "CiliumNetworkPolicy shop-prod/x: spec.egress[0].toCIDR[8]: \"fe80::1%eth0/64\" is not a CIDR (e.g. 10.0.0.0/8 or fd00::/64)",
                    "CiliumNetworkPolicy shop-prod/x: spec.egress[0].toCIDR[9]: \"10.0.0.0/8/8\" is not a CIDR (e.g. 10.0.0.0/8 or fd00::/64)");
        }

        @Test
        @DisplayName("an unserved CRD version (VPA v1beta2) is reported")
        void unservedVersion() {
            GenericKubernetesResource vpa = new GenericKubernetesResource();
            vpa.setApiVersion("autoscaling.k8s.io/v1beta2");
            vpa.setKind("VerticalPodAutoscaler");
            vpa.setMetadata(new ObjectMetaBuilder().withName("web").build());
            vpa.setAdditionalProperty("spec", Map.of("targetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                    "name", "web")));
            assertThat(SchemaConformance.validate(vpa)).containsExactly(
                    "VerticalPodAutoscaler web: (root): version v1beta2 of VerticalPodAutoscaler is not served by its CRD"
                            + " (versions: [v1, v1beta2])");

            vpa.setApiVersion("autoscaling.k8s.io/v1");
            assertThat(SchemaConformance.validate(vpa)).isEmpty();
        }

        @Test
        @DisplayName("a kind with no schema at all is reported, never passed")
        void unknownKind() {
            GenericKubernetesResource thing = new GenericKubernetesResource();
            thing.setApiVersion("example.com/v1");
            thing.setKind("Widget");
            thing.setMetadata(new ObjectMetaBuilder().withName("w").build());

            assertThat(SchemaConformance.validate(thing)).singleElement().asString()
                    .startsWith("Widget w: (root): no schema for apiVersion example.com/v1, kind Widget in ");
        }

        @Test
        @DisplayName("an object without a name is reported")
        void noName() {
            Deployment d = deployment();
            d.getMetadata().setName(null);

            assertThat(SchemaConformance.validate(d)).containsExactly(
                    "Deployment shop-prod/<no name>: metadata.name: missing: every object needs a name");
        }
    }

    @Nested
    @DisplayName("assertions")
    class Assertions {

        @Test
        @DisplayName("assertConforms lists every violation of every object")
        void assertConformsListsAll() {
            Deployment bad = deployment();
            bad.getSpec().setSelector(null);
            Map<String, Object> spec = validDestinationRuleSpec();
            spec.remove("host");

            assertThatThrownBy(() -> SchemaConformance.assertConforms(List.of(deployment(), bad, destinationRule(spec))))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("3 objects violate the upstream schemas")
                    .hasMessageContaining("(3 violations)")
                    .hasMessageContaining("Deployment shop-prod/web: spec: missing required field 'selector'")
                    .hasMessageContaining("Deployment shop-prod/web: appears more than once")
                    .hasMessageContaining("DestinationRule shop-prod/api: spec: missing required field 'host'");
        }

        @Test
        @DisplayName("output checks: a namespaced kind must name its namespace, a cluster-scoped one must not")
        void namespaces() {
            String yaml = """
                    apiVersion: v1
                    kind: Namespace
                    metadata:
                      name: shop-prod
                      namespace: shop-prod
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: nowhere
                    ---
                    apiVersion: security.istio.io/v1
                    kind: PeerAuthentication
                    metadata:
                      name: default
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: fine
                      namespace: shop-prod
                    """;
            assertThatThrownBy(() -> SchemaConformance.assertYamlConforms(yaml))
                    .hasMessageContaining("(3 violations)")
                    .hasMessageContaining("Namespace shop-prod/shop-prod: metadata.namespace: set on a cluster-scoped kind")
                    .hasMessageContaining("ConfigMap nowhere: metadata.namespace: missing on a namespaced kind")
                    .hasMessageContaining("PeerAuthentication default: metadata.namespace: missing on a namespaced kind");
            assertThat(SchemaConformance.validateYaml(yaml)).isEmpty();
        }

        @Test
        @DisplayName("YAML is typed as kubectl's YAML 1.1 reader types it: 3 is a number and yes a boolean, unless quoted")
        void yamlTyping() {
            String yaml = """
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: ok
                    data:
                      count: "3"
                      enabled: "yes"
                      day: 2024-01-31
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: bad
                    data:
                      count: 3
                      enabled: yes
                    """;
            assertThat(SchemaConformance.validateYaml(yaml)).containsExactly(
                    "ConfigMap bad: data.count: expected string, got integer 3",
                    "ConfigMap bad: data.enabled: expected string, got boolean true");
            assertThatThrownBy(() -> SchemaConformance.assertYamlConforms(yaml)).isInstanceOf(AssertionError.class);
        }
    }
}

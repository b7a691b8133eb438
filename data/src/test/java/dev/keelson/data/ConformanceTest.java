package dev.keelson.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.conformance.SchemaConformance;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Generated objects conform to the Kubernetes OpenAPI specs and the CloudNativePG 1.30 and Prometheus Operator CRDs")
class ConformanceTest {

    /** The Barman Cloud plugin's CRD is not among the shared schemas: its objects are checked by the snapshot only. */
    private static boolean objectStore(HasMetadata o) {
        return "ObjectStore".equals(o.getKind()) && "barmancloud.cnpg.io/v1".equals(o.getApiVersion());
    }

    @Test
    @DisplayName("every object of every environment (Cluster, ScheduledBackup, PodMonitor, StatefulSet, policies, ...) conforms, in 1.28 and 1.36")
    void everyObjectConforms() {
        SchemaConformance.assumeSchemasPresent();
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (Manifest m : Keelson.synth(Fixtures.shop().build()).manifests()) {
            for (HasMetadata o : m.objects()) {
                if (objectStore(o)) {
                    continue;
                }
                for (String version : List.of("1.28", "1.36")) {
                    violations.addAll(SchemaConformance.validate(o, version));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(60);
        assertThat(violations).isEmpty();
    }

    @Test
    @DisplayName("the CloudNativePG kinds are validated, not skipped: the Cluster and ScheduledBackup are checked against their CRDs")
    void cnpgKindsAreKnown() {
        SchemaConformance.assumeSchemasPresent();
        Manifest prod = Keelson.synth(Fixtures.shop().build()).manifest("prod");
        List<String> kinds = prod.objects().stream().filter(o -> o.getApiVersion().startsWith("postgresql.cnpg.io/"))
                .map(HasMetadata::getKind).toList();
        assertThat(kinds).containsExactly("Cluster", "ScheduledBackup");
        GenericKubernetesResource cluster = (GenericKubernetesResource) prod.objects().stream()
                .filter(o -> "Cluster".equals(o.getKind())).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) cluster.getAdditionalProperties().get("spec");
        spec.put("instance", 3);
        spec.put("enablePDB", "yes");
        assertThat(SchemaConformance.validate(cluster)).hasSize(2);
    }

    @Test
    @DisplayName("the ObjectStore's CRD (barmancloud.cnpg.io) is missing from the shared schemas, so the harness cannot check it")
    void objectStoreSchemaIsMissing() {
        SchemaConformance.assumeSchemasPresent();
        HasMetadata store = Keelson.synth(Fixtures.shop().build()).manifest("prod").objects().stream()
                .filter(ConformanceTest::objectStore).findFirst().orElseThrow();
        assertThat(SchemaConformance.validate(store)).singleElement().asString().contains("(root)");
    }

    @Test
    @DisplayName("the whole written YAML of every environment parses and conforms, the ObjectStore excepted")
    void writtenYaml() {
        SchemaConformance.assumeSchemasPresent();
        for (Manifest m : Keelson.synth(Fixtures.shop().build()).manifests()) {
            List<String> violations = SchemaConformance.validateYaml(m.toYaml());
            assertThat(violations).allMatch(v -> v.startsWith("ObjectStore "), "only the ObjectStore, whose CRD is missing");
        }
    }
}

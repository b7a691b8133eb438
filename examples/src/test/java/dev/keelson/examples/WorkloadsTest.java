package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Problem;
import dev.keelson.core.conformance.SchemaConformance;
import dev.keelson.examples.docs.Workloads;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The platforms of docs/workloads.md under their baselines and the mesh: checked, consistent, conforming. */
@DisplayName("docs/workloads.md: every workload kind passes the policy check, both network layers agree, the objects conform")
class WorkloadsTest {

    @Test
    @DisplayName("the shop passes byStage() (restricted in prod) with strict mTLS; NetworkPolicies and mesh authorization allow exactly its flows")
    void shop() {
        Platform shop = Workloads.shop();
        assertThat(FlowsAgreeTest.flowFindings(shop)).isEmpty();
        for (Manifest m : Keelson.synth(shop).manifests()) {
            assertThat(m.warnings()).as(m.environment()).noneMatch(p -> p.rule().startsWith("SEC-PSS"));
            SchemaConformance.assertConforms(m);
            SchemaConformance.assertYamlConforms(m.toYaml());
        }
    }

    @Test
    @DisplayName("the node agent's host access is waived by name with a reason, and its namespace admits it, which both say")
    void nodeAgents() {
        Manifest m = Keelson.synth(Workloads.nodeAgents()).manifest("prod");
        DaemonSet logs = m.get(DaemonSet.class, "logs").orElseThrow();
        assertThat(logs.getMetadata().getAnnotations()).containsKeys("keelson.dev/waived-SEC-PSS-004", "keelson.dev/waived-SEC-PSS-101");
        assertThat(m.warnings()).extracting(Problem::rule).contains("SEC-PSS-004", "SEC-PSS-101");
        assertThat(m.warnings()).extracting(Problem::rule).contains("KEE-SEC-004");
        assertThat(m.get(Namespace.class, "node-agents-prod").orElseThrow().getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "privileged");
        SchemaConformance.assertConforms(m);
    }
}

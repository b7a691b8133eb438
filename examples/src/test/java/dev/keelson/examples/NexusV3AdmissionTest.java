package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.security.Admission;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reference platform's own objects pass the admission policies it renders, evaluated with
 * cel-java by security's test harness ({@link Admission}), and a change by anyone but Argo CD is refused.
 */
@DisplayName("NexusV3's objects pass its own admission policies, created by its deployer")
class NexusV3AdmissionTest {

    private static final String ARGO = "system:serviceaccount:argocd:argocd-application-controller";

    @Test
    @DisplayName("in dev, staging and prod every namespaced object is admitted for Argo CD, and refused for a person")
    void ownObjectsAdmitted() {
        int matched = 0;
        for (Manifest m : Keelson.synth(NexusV3.platform()).manifests()) {
            List<GenericKubernetesResource> policies = Admission.ofKind(m.objects(), "ValidatingAdmissionPolicy");
            assertThat(policies).hasSize(3);
            for (HasMetadata o : m.objects()) {
                if (!m.namespace().equals(o.getMetadata().getNamespace())) {
                    continue; // cluster-scoped, or the data namespace: the bindings select the environment's namespace only
                }
                var json = Admission.json(o);
                for (GenericKubernetesResource p : policies) {
                    assertThat(Admission.denials(p, "CREATE", json, ARGO)).as(m.environment() + " " + o.getKind() + "/"
                            + o.getMetadata().getName() + " under " + p.getMetadata().getName()).isEmpty();
                    if (Admission.matches(p, "CREATE", json, ARGO)) {
                        matched++;
                    }
                }
                boolean platformKind = !Admission.matches(policies.get(2), "UPDATE", json, ARGO)
                        || !Admission.denials(policies.get(2), "UPDATE", json, "jane@example.com").isEmpty();
                assertThat(platformKind).as(o.getKind() + "/" + o.getMetadata().getName()).isTrue();
            }
        }
        assertThat(matched).as("policy matches over the three environments").isGreaterThan(100);
    }
}

package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.ClusterServices;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Tier;
import dev.keelson.core.conformance.SchemaConformance;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What this module writes conforms to the Kubernetes 1.36 schema, checked by core's conformance
 * harness (closed objects, required fields, types, enums; skipped with a message when
 * shared/schemas is absent). Cilium policies are left out: shared/schemas has no Cilium CRD.
 */
class SchemaConformanceTest {

    private static Platform platform(SecurityBaseline baseline) {
        return Platforms.shop(baseline)
                .cluster(ClusterServices.DEFAULT.nodeLocalDns("169.254.20.10"))
                .tier(Tier.named("operator").image("ghcr.io/acme/operator:1.2.0")
                        .with(KubernetesApi.access("configmaps").verbs("get", "list", "watch")
                                .and("secrets").verbs("get").resourceNames("operator-tls")
                                .apiServer("10.96.0.1/32", 443)))
                .with(new NetworkSegmentationTest.FakeMesh())
                .build();
    }

    @Test
    @DisplayName("every object of dev (baseline) and prod (restricted) conforms, NetworkPolicies, quotas and RBAC included")
    void everyObjectConforms() {
        Platform platform = platform(SecurityBaseline.byStage());
        for (String env : new String[] {"dev", "prod"}) {
            Manifest m = Keelson.synth(platform).manifest(env);
            assertThat(m.objects(NetworkPolicy.class)).hasSize(6);
            SchemaConformance.assertConforms(m);
            SchemaConformance.assertYamlConforms(m.toYaml());
        }
    }

    @Test
    @DisplayName("with Cilium L7 on, every Kubernetes object still conforms as written")
    void withCilium() {
        Manifest m = Keelson.synth(platform(SecurityBaseline.restricted().ciliumL7())).manifest("prod");
        StringBuilder yaml = new StringBuilder();
        int cilium = 0;
        for (HasMetadata o : m.objects()) {
            if (o instanceof GenericKubernetesResource) {
                cilium++;
                continue;
            }
            yaml.append("---\n").append(Manifest.toYaml(o));
        }
        assertThat(cilium).isEqualTo(1);
        SchemaConformance.assertYamlConforms(yaml.toString());
    }
}

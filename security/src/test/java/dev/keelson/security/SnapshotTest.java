package dev.keelson.security;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Synth;
import dev.keelson.core.Tier;
import dev.keelson.testing.KeelsonApprovals;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SnapshotTest {

    static String render(Platform platform) {
        Synth synth = Keelson.synth(platform);
        StringBuilder out = new StringBuilder();
        for (Environment env : platform.environments()) {
            Manifest m = synth.manifest(env.name());
            out.append("# ===== environment ").append(env.name()).append(" =====\n");
            for (Problem p : m.warnings()) {
                out.append("# warning ").append(p).append('\n');
            }
            out.append(m.toYaml());
        }
        return out.toString();
    }

    @Test
    @DisplayName("restricted prod and baseline dev: PSA labels, quotas, default-deny plus exactly the derived allows")
    void byStage() {
        KeelsonApprovals.verifyYaml(render(Platforms.shop(SecurityBaseline.byStage()).build()));
    }

    @Test
    @DisplayName("supply chain on Kubernetes 1.30: pull secrets, a ClusterImagePolicy, v1 admission policies with a waiver's "
            + "exemption, the deployer's Role")
    void supplyChain() {
        KeelsonApprovals.verifyYaml(render(SupplyChainPlatforms.shop(SupplyChainPlatforms.baseline()
                .waive(SecurityRule.POD_001, io.fabric8.kubernetes.api.model.apps.Deployment.class, "web",
                        "writes to /var/cache, ticket OPS-7"), "1.30")
                .customize(io.fabric8.kubernetes.api.model.apps.Deployment.class, "web", d -> d.getSpec().getTemplate().getSpec()
                        .getContainers().get(0).getSecurityContext().setReadOnlyRootFilesystem(false))
                .build()));
    }

    @Test
    @DisplayName("waivers become warnings and annotations; API access becomes a Role, a RoleBinding and an egress rule")
    void waivers() {
        Platform platform = Platform.named("legacy")
                .environments(Environment.prod())
                .with(SecurityBaseline.restricted()
                        .waive("SEC-POD-001", "Deployment/cms", "writes to /var/lib/cms, ticket OPS-12")
                        .ciliumL7())
                .tier(Tier.named("cms").image("ghcr.io/acme/cms:3.1.0").port(Port.http(8080))
                        .writableRootFilesystem()
                        .talksTo(dev.keelson.core.Connection.to("operator").methods("GET").paths("/status")))
                .tier(Tier.named("operator").image("ghcr.io/acme/operator:1.2.0").port(Port.http(8081))
                        .with(KubernetesApi.access("configmaps").verbs("get", "list", "watch")
                                .apiServer("10.96.0.1/32", 443)))
                .add(env -> Platforms.pdb("cms"))
                .add(env -> Platforms.pdb("operator"))
                .build();
        KeelsonApprovals.verifyYaml(render(platform));
    }
}

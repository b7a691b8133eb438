package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.KubernetesVersion;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.core.testkit.DocsSnippets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class DocsTest {

    /** The first example of docs/security.md, compiled and synthesized here. */
    static dev.keelson.core.Platform example() {
        // snippet:example
        Platform platform = Platform.named("shop")
                .environments(Environment.dev(), Environment.staging(), Environment.prod())
                .with(SecurityBaseline.byStage())        // dev baseline, staging and prod restricted
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080))
                        .exposedAt("shop.example.com").talksTo("api"))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.grpc(9090)))
                .tier(Tier.named("operator").image("ghcr.io/acme/operator:1.2.0")
                        .with(KubernetesApi.access("configmaps").verbs("get", "list", "watch")))
                .build();
        // end:example
        return platform;
    }

    @TestFactory
    @DisplayName("every snippet of docs/security.md and docs/security-rules.md equals the compiled code it names")
    Stream<DynamicTest> snippetsMatchCode() {
        return DocsSnippets.check("docs/security.md", "docs/security-rules.md");
    }

    @Test
    @DisplayName("the example of docs/security.md synthesizes every environment")
    void exampleSynthesizes() {
        for (String env : new String[] {"dev", "staging", "prod"}) {
            assertThat(Keelson.synth(example()).manifest(env).size()).isGreaterThan(10);
        }
    }

    @Test
    @DisplayName("docs/security-rules.md has a row for every rule with its severity and default, and nothing else")
    void everyRuleDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "security-rules.md"));
        for (SecurityRule r : SecurityRule.values()) {
            String level = r.enforcedAt() == null ? "never (advisory warning)"
                    : switch (r.enforcedAt()) {
                        case PRIVILEGED -> "every level, even privileged";
                        case BASELINE -> "baseline, restricted";
                        case RESTRICTED -> "restricted (warns under baseline)";
                    };
            assertThat(doc).contains("| " + r.id() + " | " + r.severity() + " | " + level + " | " + r.title() + " |");
        }
        assertThat(doc.lines().filter(l -> l.startsWith("| SEC-")).count()).isEqualTo(SecurityRule.values().length);
    }

    @Test
    @DisplayName("docs/security.md names every option of SecurityBaseline, Quota and KubernetesApi and the PSP removal")
    void everyOptionDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "security.md"));
        assertThat(doc).contains("restricted()", "baseline()", "privileged()", "byStage()", ".in(", "auditAndWarn(",
                "podSecurityVersion(", "waive(", "waiveIn(", "quota(", "ciliumL7()", "Quota.derived()", ".headroom(", ".requests(",
                ".memoryLimit(", ".pods(", ".limitDefaults(", "Quota.none()", "KubernetesApi.access(", ".verbs(",
                ".inGroup(", ".resourceNames(", ".and(", ".named(", ".apiServer(", "removed in Kubernetes 1.25",
                "the platform's target Kubernetes version", KubernetesVersion.DEFAULT.label(),
                "images(ImagePolicy", "ImagePolicy.registries(", ".digestsIn(", ".pullSecret(", ".signedBy(", "Signature.keyless(",
                "Signature.publicKey(", "Signature.publicKeyFromSecret(", ".fulcio(", "admissionPolicies()", "deployer(",
                "AuditPolicy.of(", "audit-policy", "Trivy", "cosign sign");
    }
}

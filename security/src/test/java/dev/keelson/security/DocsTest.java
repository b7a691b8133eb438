package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.security.internal.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DocsTest {

    @Test
    @DisplayName("docs/security-rules.md has a row for every rule with its severity and default, and nothing else")
    void everyRuleDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "security-rules.md"));
        for (Rule r : Rule.values()) {
            String level = r.enforcedAt() == null ? "never (advisory warning)"
                    : switch (r.enforcedAt()) {
                        case PRIVILEGED -> "every level, even privileged";
                        case BASELINE -> "baseline, restricted";
                        case RESTRICTED -> "restricted (warns under baseline)";
                    };
            assertThat(doc).contains("| " + r.id() + " | " + r.severity() + " | " + level + " | " + r.title() + " |");
        }
        assertThat(doc.lines().filter(l -> l.startsWith("| SEC-")).count()).isEqualTo(Rule.values().length);
    }

    @Test
    @DisplayName("docs/security.md names every option of SecurityBaseline, Quota and KubernetesApi and the PSP removal")
    void everyOptionDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "security.md"));
        assertThat(doc).contains("restricted()", "baseline()", "privileged()", "byStage()", ".in(", "auditAndWarn(",
                "podSecurityVersion(", "waive(", "quota(", "ciliumL7()", "Quota.derived()", ".headroom(", ".requests(",
                ".memoryLimit(", ".pods(", ".limitDefaults(", "Quota.none()", "KubernetesApi.access(", ".verbs(",
                ".inGroup(", ".resourceNames(", ".and(", ".named(", ".apiServer(", "removed in Kubernetes 1.25",
                SecurityBaseline.DEFAULT_PSA_VERSION);
    }
}

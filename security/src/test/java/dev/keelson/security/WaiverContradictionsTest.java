package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Problem;
import dev.keelson.core.ValidationException;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a waiver that can match nothing is reported: an unknown rule at build(), an object no environment writes at synthesis")
class WaiverContradictionsTest {

    private static final String WAIVERS = "shop/securityBaseline/waivers/";

    private static List<Problem> waiverWarnings(Platform p, String env) {
        return Keelson.synth(p).manifest(env).warnings().stream().filter(w -> w.path().startsWith(WAIVERS)).toList();
    }

    @Test
    @DisplayName("KEE-SEC-010: a waiver of a rule that does not exist is an error whose fix lists the close rule IDs")
    void unknownRule() {
        assertThatThrownBy(() -> Platforms.shop(SecurityBaseline.restricted()
                        .waive("SEC-POD-008", "Deployment/web", "ticket OPS-1")
                        .waive("sec-pod-001", "Deployment/web", "ticket OPS-2")
                        .waive("SEC-RBAC-100", "Role/op", "ticket OPS-3")
                        .waive("CKV_K8S_20", "Deployment/web", "ticket OPS-4")).build())
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems())
                        .extracting(Problem::rule, Problem::severity, Problem::path, Problem::message, Problem::fix)
                        .containsExactly(
                                tuple("KEE-SEC-010", Problem.Severity.ERROR, WAIVERS + "SEC-POD-008/Deployment/web",
                                        "waiver names rule 'SEC-POD-008', which does not exist, so it can match nothing",
                                        "use one of the close rule IDs: SEC-POD-001, SEC-POD-002, SEC-POD-003, SEC-POD-004, "
                                                + "SEC-POD-005, SEC-POD-006, SEC-POD-007, SEC-POD-009 (all rules: docs/security-rules.md)"),
                                tuple("KEE-SEC-010", Problem.Severity.ERROR, WAIVERS + "sec-pod-001/Deployment/web",
                                        "waiver names rule 'sec-pod-001', which does not exist, so it can match nothing",
                                        "use one of the close rule IDs: SEC-POD-001 (all rules: docs/security-rules.md)"),
                                tuple("KEE-SEC-010", Problem.Severity.ERROR, WAIVERS + "SEC-RBAC-100/Role/op",
                                        "waiver names rule 'SEC-RBAC-100', which does not exist, so it can match nothing",
                                        "use one of the close rule IDs: SEC-RBAC-001, SEC-RBAC-002, SEC-RBAC-003, SEC-RBAC-004, "
                                                + "SEC-RBAC-005, SEC-RBAC-006, SEC-RBAC-007, SEC-RBAC-008 (all rules: docs/security-rules.md)"),
                                tuple("KEE-SEC-010", Problem.Severity.ERROR, WAIVERS + "CKV_K8S_20/Deployment/web",
                                        "waiver names rule 'CKV_K8S_20', which does not exist, so it can match nothing",
                                        "use a rule ID of the policy check (SEC-PSS-*, SEC-POD-*, SEC-RES-*, SEC-PRB-*, SEC-IMG-*, "
                                                + "SEC-NET-*, SEC-RBAC-*, SEC-AVL-*, SEC-NS-*), listed in docs/security-rules.md")));
    }

    @Test
    @DisplayName("the close IDs of every known rule with one character changed include the rule itself")
    void closeIdsFindTheRule() {
        for (SecurityRule r : SecurityRule.values()) {
            String typo = r.id().substring(0, r.id().length() - 1) + (r.id().endsWith("9") ? "8" : "9");
            if (SecurityRule.byId(typo) == null) {
                assertThat(SecurityBaseline.closeRules(typo)).as(typo).contains(r.id());
            }
        }
    }

    @Test
    @DisplayName("KEE-SEC-014: a waiver whose object is present but breaks its rule nowhere is stale")
    void stale() {
        Platform p = Platforms.shop(SecurityBaseline.restricted()
                        .waive("SEC-POD-001", "Deployment/web", "writes to /var/lib/app, ticket OPS-12"))
                .build();
        assertThat(waiverWarnings(p, "prod"))
                .extracting(Problem::rule, Problem::path, Problem::message, Problem::fix)
                .containsExactly(tuple("KEE-SEC-014", WAIVERS + "SEC-POD-001/Deployment/web",
                        "in prod: waiver of SEC-POD-001 for Deployment/web covers no finding in prod",
                        "remove it, or keep it to the environments that need it with waiveIn(...)"));
    }

    @Test
    @DisplayName("KEE-SEC-015: a waiver whose object no environment writes is a warning in every environment, naming the objects of that kind")
    void objectInNoEnvironment() {
        Platform p = Platforms.shop(SecurityBaseline.restricted()
                        .waive("SEC-POD-001", "Deployment/wbe", "writes to /var/lib/app, ticket OPS-12")
                        .waive("SEC-POD-007", "Configmap/settings", "not a secret, ticket OPS-14"))
                .build();
        for (String env : List.of("dev", "prod")) {
            assertThat(waiverWarnings(p, env))
                    .extracting(Problem::rule, Problem::severity, Problem::path, Problem::message, Problem::fix)
                    .containsExactly(
                            tuple("KEE-SEC-015", Problem.Severity.WARNING, WAIVERS + "SEC-POD-001/Deployment/wbe",
                                    "in " + env + ": waiver of SEC-POD-001 for Deployment/wbe matches nothing: "
                                            + "no environment of the platform writes Deployment/wbe",
                                    "name an object the platform writes, e.g. Deployment/api, Deployment/web, or remove the waiver"),
                            tuple("KEE-SEC-015", Problem.Severity.WARNING, WAIVERS + "SEC-POD-007/Configmap/settings",
                                    "in " + env + ": waiver of SEC-POD-007 for Configmap/settings matches nothing: "
                                            + "no environment of the platform writes Configmap/settings",
                                    "name an object the platform writes, as Kind/name (no environment writes a Configmap; kinds are "
                                            + "spelt as in the output, e.g. Deployment, StatefulSet, Service), or remove the waiver"));
        }
    }

    @Test
    @DisplayName("a waiver for every environment whose object only prod writes (a prod-only canary) is quiet in dev")
    void objectOfAnotherEnvironment() {
        Platform p = Platforms.shop(SecurityBaseline.restricted()
                        .waive("SEC-POD-007", "ConfigMap/canary-settings", "an issuer URL, not a token, ticket OPS-13"))
                .add("prod", env -> new ConfigMapBuilder().withNewMetadata().withName("canary-settings").endMetadata()
                        .addToData("SIGNING_TOKEN_ISSUER", "https://auth.example.com").build())
                .build();
        assertThat(waiverWarnings(p, "dev")).isEmpty();
        assertThat(Keelson.synth(p).manifest("prod").warnings()).filteredOn(w -> "SEC-POD-007".equals(w.rule()))
                .singleElement().satisfies(w -> assertThat(w.message()).endsWith("(waived: an issuer URL, not a token, ticket OPS-13)"));
    }

    @Test
    @DisplayName("KEE-SEC-015: waiveIn for an environment that lacks the object names the environments that have it")
    void waiveInWrongEnvironment() {
        Platform p = Platforms.shop(SecurityBaseline.restricted()
                        .waiveIn("dev", "SEC-POD-007", "ConfigMap/canary-settings", "an issuer URL, not a token, ticket OPS-13"))
                .add("prod", env -> new ConfigMapBuilder().withNewMetadata().withName("canary-settings").endMetadata()
                        .addToData("SIGNING_TOKEN_ISSUER", "https://auth.example.com").build())
                .build();
        assertThat(waiverWarnings(p, "dev"))
                .extracting(Problem::rule, Problem::path, Problem::message, Problem::fix)
                .containsExactly(tuple("KEE-SEC-015", WAIVERS + "SEC-POD-007/ConfigMap/canary-settings",
                        "in dev: waiver of SEC-POD-007 for ConfigMap/canary-settings matches nothing: it applies in dev only, "
                                + "which writes no ConfigMap/canary-settings (prod does)",
                        "waive it where the object is: waiveIn(\"prod\", \"SEC-POD-007\", \"ConfigMap/canary-settings\", ...), "
                                + "or remove it"));
    }

    @Test
    @DisplayName("an environment that fails for its own reasons still tells the others what it writes")
    void failingEnvironmentStillCounts() {
        Platform p = Platforms.shop(SecurityBaseline.restricted()
                        .waive("SEC-POD-007", "ConfigMap/canary-settings", "an issuer URL, not a token, ticket OPS-13"))
                .add("prod", env -> new ConfigMapBuilder().withNewMetadata().withName("canary-settings").endMetadata()
                        .addToData("SIGNING_TOKEN_ISSUER", "https://auth.example.com").build())
                .customize("prod", Deployment.class, "api", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0)
                        .getSecurityContext().setPrivileged(true))
                .build();
        assertThat(waiverWarnings(p, "dev")).isEmpty();
        assertThatThrownBy(() -> Keelson.synth(p).manifest("prod")).hasMessageContaining("SEC-PSS-002");
    }

    @Test
    @DisplayName("a platform with one environment: the object is checked there alone")
    void oneEnvironment() {
        Platform p = Platform.named("shop").environments(Environment.prod())
                .with(SecurityBaseline.restricted().waive("SEC-POD-001", "Deployment/legacy", "ticket OPS-12"))
                .tier(dev.keelson.core.Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(dev.keelson.core.Port.http(8080)))
                .build();
        assertThat(Platforms.problems(p, "prod")).filteredOn(w -> "KEE-SEC-015".equals(w.rule()))
                .extracting(Problem::message)
                .containsExactly("in prod: waiver of SEC-POD-001 for Deployment/legacy matches nothing: "
                        + "no environment of the platform writes Deployment/legacy");
    }
}

package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SecurityBaselineTest {

    @Test
    @DisplayName("byStage(): dev enforces baseline, staging and prod restricted; audit and warn are restricted; versions pinned")
    void levels() {
        Platform p = Platforms.shop(SecurityBaseline.byStage()).environments(Environment.staging()).build();
        for (String env : new String[] {"dev", "staging", "prod"}) {
            Namespace ns = Keelson.synth(p).manifest(env).objects(Namespace.class).get(0);
            assertThat(ns.getMetadata().getLabels())
                    .containsEntry("pod-security.kubernetes.io/enforce", env.equals("dev") ? "baseline" : "restricted")
                    .containsEntry("pod-security.kubernetes.io/enforce-version", "v1.35")
                    .containsEntry("pod-security.kubernetes.io/audit", "restricted")
                    .containsEntry("pod-security.kubernetes.io/warn", "restricted")
                    .containsEntry("pod-security.kubernetes.io/warn-version", "v1.35");
        }
        SecurityBaseline b = SecurityBaseline.restricted().in(Stage.DEVELOPMENT, PodSecurityLevel.BASELINE)
                .in("prod", PodSecurityLevel.PRIVILEGED);
        assertThat(b.levelFor(Environment.dev())).isEqualTo(PodSecurityLevel.BASELINE);
        assertThat(b.levelFor(Environment.staging())).isEqualTo(PodSecurityLevel.RESTRICTED);
        assertThat(b.levelFor(Environment.prod())).isEqualTo(PodSecurityLevel.PRIVILEGED);
    }

    @Test
    @DisplayName("a customization that adds privileged: true fails synthesis naming the rule and the object")
    void privilegedCustomizationFails() {
        Platform p = Platforms.shop(SecurityBaseline.byStage())
                .customize(Deployment.class, "api", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0)
                        .getSecurityContext().setPrivileged(true))
                .build();
        assertThatThrownBy(() -> Keelson.synth(p).manifest("prod"))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems())
                        .filteredOn(x -> x.severity() == Problem.Severity.ERROR)
                        .extracting(Problem::rule, Problem::path)
                        .contains(org.assertj.core.groups.Tuple.tuple("SEC-PSS-002",
                                "shop/environments/prod/Deployment/api/spec.template.spec.containers[api].securityContext.privileged")))
                .hasMessageContaining("SEC-PSS-002: in prod: [CRIT] Deployment/api: container 'api' is privileged");
        assertThatThrownBy(() -> Keelson.synth(p).manifest("dev")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("SEC-PSS-002");
    }

    @Test
    @DisplayName("a waiver turns its finding into a warning and annotates the object; other findings still fail")
    void waivers() {
        Platform waived = Platforms.shop(SecurityBaseline.restricted()
                        .waive("SEC-POD-001", "Deployment/web", "writes to /var/lib/app, ticket OPS-12"))
                .customize(Deployment.class, "web", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0)
                        .getSecurityContext().setReadOnlyRootFilesystem(false))
                .build();
        Manifest m = Keelson.synth(waived).manifest("prod");
        assertThat(m.get(Deployment.class, "web").orElseThrow().getMetadata().getAnnotations())
                .containsEntry("keelson.dev/waived-SEC-POD-001", "writes to /var/lib/app, ticket OPS-12");
        assertThat(m.warnings()).filteredOn(p -> "SEC-POD-001".equals(p.rule())).singleElement()
                .satisfies(p -> {
                    assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
                    assertThat(p.message()).endsWith("(waived: writes to /var/lib/app, ticket OPS-12)");
                });
        Platform other = Platforms.shop(SecurityBaseline.restricted()
                        .waive("SEC-POD-001", "Deployment/web", "writes to /var/lib/app, ticket OPS-12"))
                .customize(Deployment.class, "api", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0)
                        .getSecurityContext().setReadOnlyRootFilesystem(false))
                .build();
        assertThatThrownBy(() -> Keelson.synth(other).manifest("prod")).hasMessageContaining("SEC-POD-001: in prod: [MED] Deployment/api");
    }

    @Test
    @DisplayName("waiveIn: a waiver for one environment; elsewhere the rule holds")
    void waiverInOneEnvironment() {
        Platform p = Platforms.shop(SecurityBaseline.restricted()
                        .waiveIn("dev", "SEC-POD-001", "Deployment/web", "debugging writes to /, ticket OPS-7"))
                .customize(Deployment.class, "web", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0)
                        .getSecurityContext().setReadOnlyRootFilesystem(false))
                .build();
        Manifest dev = Keelson.synth(p).manifest("dev");
        assertThat(dev.warnings()).filteredOn(w -> "SEC-POD-001".equals(w.rule())).singleElement()
                .satisfies(w -> assertThat(w.message()).endsWith("(waived: debugging writes to /, ticket OPS-7)"));
        assertThatThrownBy(() -> Keelson.synth(p).manifest("prod")).hasMessageContaining("SEC-POD-001: in prod: [MED] Deployment/web");
    }

    @Test
    @DisplayName("waiveIn names an existing environment")
    void waiverEnvironmentValidated() {
        assertThatThrownBy(() -> Platforms.shop(SecurityBaseline.restricted()
                        .waiveIn("qa", "SEC-POD-001", "Deployment/web", "ticket OPS-1")).build())
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(Problem::path, Problem::message)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("shop/securityBaseline/waivers/SEC-POD-001/Deployment/web",
                                "waiver names environment 'qa', which does not exist")));
    }

    @Test
    @DisplayName("waivers and levels are validated when the platform is built")
    void validation() {
        assertThatThrownBy(() -> Platforms.shop(SecurityBaseline.restricted()
                        .waive("SEC-NOPE-001", "deployment web", " ").in("qa", PodSecurityLevel.BASELINE)
                        .podSecurityVersion("1.30")).build())
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(Problem::path, Problem::message)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("shop/securityBaseline/in/qa",
                                        "level set for environment 'qa', which does not exist"),
                                org.assertj.core.groups.Tuple.tuple("shop/securityBaseline/podSecurityVersion",
                                        "'1.30' is not a Pod Security version"),
                                org.assertj.core.groups.Tuple.tuple("shop/securityBaseline/waivers/SEC-NOPE-001/deployment web",
                                        "waiver names rule 'SEC-NOPE-001', which does not exist, so it can match nothing"),
                                org.assertj.core.groups.Tuple.tuple("shop/securityBaseline/waivers/SEC-NOPE-001/deployment web",
                                        "waiver target 'deployment web' is not Kind/name"),
                                org.assertj.core.groups.Tuple.tuple("shop/securityBaseline/waivers/SEC-NOPE-001/deployment web",
                                        "waiver has no reason")));
    }

    @Test
    @DisplayName("two SecurityBaselines on one platform are refused")
    void onlyOne() {
        assertThatThrownBy(() -> Platforms.shop(SecurityBaseline.restricted()).with(SecurityBaseline.baseline()).build())
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(Problem::path, Problem::message)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("shop/securityBaseline",
                                "the platform is given 2 SecurityBaselines; each would render its own policies")));
    }

    @Test
    @DisplayName("privileged() is explicit: building warns, pod findings only warn, RBAC findings still fail")
    void privileged() {
        Platform p = Platforms.shop(SecurityBaseline.privileged())
                .customize(Deployment.class, "web", d -> d.getSpec().getTemplate().getSpec().setHostNetwork(true))
                .build();
        Manifest m = Keelson.synth(p).manifest("prod");
        assertThat(m.warnings()).extracting(Problem::message).contains(
                "environment 'prod' runs under the privileged level: pod security findings only warn and the namespace enforces nothing");
        assertThat(m.warnings()).filteredOn(x -> "SEC-PSS-001".equals(x.rule())).isNotEmpty();
        assertThat(m.objects(Namespace.class).get(0).getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "privileged");
    }

    @Test
    @DisplayName("gotchas: fsGroupChangePolicy OnRootMismatch, and a port below 1024 gets the PSS-safe unprivileged-port sysctl")
    void gotchas() {
        Platform p = Platforms.shop(SecurityBaseline.restricted())
                .tier(Tier.named("edge").image("ghcr.io/acme/edge:2.0.0").port(Port.http(80)))
                .build();
        var pod = Keelson.synth(p).manifest("prod").get(Deployment.class, "edge").orElseThrow().getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getFsGroupChangePolicy()).isEqualTo("OnRootMismatch");
        assertThat(pod.getSecurityContext().getSysctls()).singleElement()
                .satisfies(s -> {
                    assertThat(s.getName()).isEqualTo("net.ipv4.ip_unprivileged_port_start");
                    assertThat(s.getValue()).isEqualTo("80");
                });
        assertThat(pod.getVolumes()).extracting(v -> v.getName()).contains("tmp");
    }

    @Test
    @DisplayName("the quota is derived from requests and limits times the most replicas, plus headroom; fixed values win")
    void quota() {
        // 2 tiers x 2 replicas x (100m, 128Mi) = 400m, 512Mi; +50% = 600m, 768Mi; 4 pods -> 6
        ResourceQuota q = Keelson.synth(Platforms.shop(SecurityBaseline.restricted()).build()).manifest("prod")
                .objects(ResourceQuota.class).get(0);
        assertThat(q.getSpec().getHard()).extractingFromEntries(e -> e.getKey() + "=" + e.getValue())
                .containsExactly("requests.cpu=600m", "requests.memory=768Mi", "limits.memory=768Mi", "pods=6");
        ResourceQuota fixed = Keelson.synth(Platforms.shop(SecurityBaseline.restricted()
                        .quota(Quota.derived().headroom(100).requests("8", "16Gi").pods(40))).build()).manifest("prod")
                .objects(ResourceQuota.class).get(0);
        assertThat(fixed.getSpec().getHard()).extractingFromEntries(e -> e.getKey() + "=" + e.getValue())
                .containsExactly("requests.cpu=8", "requests.memory=16Gi", "limits.memory=1Gi", "pods=40");
    }

    @Test
    @DisplayName("check --format json lists every finding with severity, rule, path, message and fix, and exits 1")
    void runnerJson() throws Exception {
        Platform p = Platforms.shop(SecurityBaseline.byStage())
                .customize("prod", Deployment.class, "api", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0)
                        .getSecurityContext().setPrivileged(true))
                .build();
        StringWriter out = new StringWriter();
        int code = Keelson.runner(p).output(new PrintWriter(out), new PrintWriter(new StringWriter()))
                .execute("check", "--format", "json");
        assertThat(code).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("passed").asBoolean()).isFalse();
        JsonNode finding = null;
        for (JsonNode f : root.get("findings")) {
            if ("SEC-PSS-002".equals(f.get("rule").asText())) {
                finding = f;
            }
        }
        assertThat(finding).isNotNull();
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.get("path").asText())
                .isEqualTo("shop/environments/prod/Deployment/api/spec.template.spec.containers[api].securityContext.privileged");
        assertThat(finding.get("message").asText()).isEqualTo(
                "in prod: [CRIT] Deployment/api: container 'api' is privileged (full access to the node)");
        assertThat(finding.get("fix").asText()).isEqualTo("remove privileged: true; add only the capability the container needs");

        StringWriter table = new StringWriter();
        Keelson.runner(p).output(new PrintWriter(table), new PrintWriter(new StringWriter())).execute("check");
        assertThat(table.toString()).contains("error    SEC-PSS-002 shop/environments/prod/Deployment/api/", "FAILED");
    }
}

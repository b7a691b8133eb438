package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.keelson.core.Flow;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Problem;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KubernetesApiTest {

    private static Platform with(KubernetesApi api) {
        return Platforms.shop(SecurityBaseline.restricted())
                .tier(Tier.named("operator").image("ghcr.io/acme/operator:1.2.0").with(api))
                .build();
    }

    @Test
    @DisplayName("declared access mounts the token, emits a Role with exactly those rules, a RoleBinding, and a KUBERNETES_API flow")
    void grants() {
        Manifest m = Keelson.synth(with(KubernetesApi.access("configmaps").verbs("get", "list")
                .and("secrets").verbs("get").resourceNames("operator-tls").named("config-reader")
                .apiServer("10.0.0.1/32", 6443))).manifest("prod");
        assertThat(m.get(Deployment.class, "operator").orElseThrow().getSpec().getTemplate().getSpec()
                .getAutomountServiceAccountToken()).isTrue();
        Role role = m.get(Role.class, "config-reader").orElseThrow();
        assertThat(role.getRules()).extracting(r -> r.getApiGroups(), r -> r.getResources(), r -> r.getVerbs(), r -> r.getResourceNames())
                .containsExactly(tuple(java.util.List.of(""), java.util.List.of("configmaps"), java.util.List.of("get", "list"), null),
                        tuple(java.util.List.of(""), java.util.List.of("secrets"), java.util.List.of("get"), java.util.List.of("operator-tls")));
        RoleBinding binding = m.get(RoleBinding.class, "config-reader").orElseThrow();
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getSubjects()).extracting(s -> s.getKind() + "/" + s.getName() + "@" + s.getNamespace())
                .containsExactly("ServiceAccount/operator@shop-prod");
        assertThat(m.flows()).filteredOn(f -> f.kind() == Flow.Kind.KUBERNETES_API).hasSize(1);
        var egress = m.get(NetworkPolicy.class, "operator").orElseThrow().getSpec().getEgress().get(0);
        assertThat(egress.getTo().get(0).getIpBlock().getCidr()).isEqualTo("10.0.0.1/32");
        assertThat(egress.getPorts().get(0).getPort().getIntVal()).isEqualTo(6443);
        assertThat(m.warnings()).filteredOn(p -> p.rule() != null && p.rule().startsWith("SEC-RBAC")).isEmpty();
        assertThat(m.warnings()).filteredOn(p -> "SEC-POD-004".equals(p.rule())).isEmpty();
    }

    @Test
    @DisplayName("wildcards, exec, reading every secret, escalation verbs and unknown verbs are refused when the platform is built")
    void refused() {
        assertThatThrownBy(() -> with(KubernetesApi.access("*").verbs("get")
                .and("pods/exec").verbs("create")
                .and("secrets").verbs("get", "list")
                .and("roles").inGroup("rbac.authorization.k8s.io").verbs("bind")
                .and("configmaps").verbs("read")))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems())
                        .filteredOn(p -> p.severity() == Problem.Severity.ERROR)
                        .extracting(Problem::rule, Problem::path, Problem::message, Problem::fix)
                        .containsExactly(
                                tuple("SEC-RBAC-001", "shop/tiers/operator/kubernetesApi/*",
                                        "grants a wildcard ('*') in apiGroups, resources or verbs",
                                        "name the exact API groups, resources and verbs the workload uses"),
                                tuple("SEC-RBAC-003", "shop/tiers/operator/kubernetesApi/pods/exec",
                                        "grants 'pods/exec', which runs commands in or tunnels into pods",
                                        "remove 'pods/exec'; debug with a human's short-lived credentials instead"),
                                tuple("SEC-RBAC-004", "shop/tiers/operator/kubernetesApi/secrets",
                                        "grants list or watch on secrets, which reads every Secret of the namespace",
                                        "grant only 'get' on named Secrets: resourceNames(\"<secret>\"), or mount the Secret as files"),
                                tuple("SEC-RBAC-006", "shop/tiers/operator/kubernetesApi/roles",
                                        "grants the verb 'bind', which escalates privileges", "remove 'bind'"),
                                tuple("KEE-SEC-024", "shop/tiers/operator/kubernetesApi/configmaps",
                                        "'read' is not a verb of the Kubernetes API",
                                        "use some of: get, list, watch, create, update, patch, delete, deletecollection")));
    }

    @Test
    @DisplayName("a malformed grant is refused when the platform is built, each problem with its rule ID, path and fix")
    void malformed() {
        assertThatThrownBy(() -> with(KubernetesApi.access().verbs("get")
                .and("Config Maps").verbs()
                .named("Operator_Role")
                .apiServer("10.0.0.300/32", 70000)))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems())
                        .extracting(Problem::rule, Problem::severity, Problem::path, Problem::message)
                        .containsExactly(
                                tuple("KEE-SEC-020", Problem.Severity.ERROR, "shop/tiers/operator/kubernetesApi/name",
                                        "Role name 'Operator_Role' is not a DNS name"),
                                tuple("KEE-SEC-021", Problem.Severity.ERROR, "shop/tiers/operator/kubernetesApi/",
                                        "a rule names no resources"),
                                tuple("KEE-SEC-022", Problem.Severity.ERROR, "shop/tiers/operator/kubernetesApi/Config Maps",
                                        "'Config Maps' is not a resource name"),
                                tuple("KEE-SEC-023", Problem.Severity.ERROR, "shop/tiers/operator/kubernetesApi/Config Maps",
                                        "no verbs granted on [Config Maps]"),
                                tuple("KEE-SEC-025", Problem.Severity.ERROR, "shop/tiers/operator/kubernetesApi/apiServer",
                                        "'10.0.0.300/32' is not an IPv4 CIDR"),
                                tuple("KEE-SEC-027", Problem.Severity.ERROR, "shop/tiers/operator/kubernetesApi/apiServer",
                                        "port 70000 is not in 1..65535")));
    }

    @Test
    @DisplayName("egress to the API server from anywhere is a warning with the rule ID, naming the fix")
    void apiServerAnywhere() {
        Manifest m = Keelson.synth(with(KubernetesApi.access("configmaps").verbs("get"))).manifest("prod");
        assertThat(m.warnings()).filteredOn(p -> "KEE-SEC-026".equals(p.rule())).singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("shop/tiers/operator/kubernetesApi/apiServer");
                    assertThat(p.fix()).isEqualTo("name the control plane's endpoints: apiServer(\"<endpoint-ip>/32\", 443)");
                });
    }

    @Test
    @DisplayName("without KubernetesApi a tier's token stays unmounted, and no Role exists")
    void offByDefault() {
        Manifest m = Keelson.synth(Platforms.shop(SecurityBaseline.restricted()).build()).manifest("prod");
        assertThat(m.get(Deployment.class, "web").orElseThrow().getSpec().getTemplate().getSpec()
                .getAutomountServiceAccountToken()).isFalse();
        assertThat(m.objects(Role.class)).isEmpty();
    }
}

package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Problem;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("One object, one writer: two grants or a raw object that would replace a generated Role are errors naming the calls")
class OneObjectOneWriterTest {

    private static Tier.Builder operator() {
        return Tier.named("operator").image("ghcr.io/acme/operator:1.2.0");
    }

    @Test
    @DisplayName("two KubernetesApi grants on one tier with one Role name are refused at build() (KEE-DUP-002)")
    void twoGrantsOneName() {
        Platform.Builder p = Platforms.shop(SecurityBaseline.restricted()).tier(operator()
                .with(KubernetesApi.access("configmaps").verbs("get"))
                .with(KubernetesApi.access("leases").inGroup("coordination.k8s.io").verbs("get")));
        assertThatThrownBy(p::build).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                .filteredOn(problem -> problem.severity() == Problem.Severity.ERROR).singleElement().satisfies(problem -> {
                    assertThat(problem.rule()).isEqualTo("KEE-DUP-002");
                    assertThat(problem.path()).endsWith("/tiers/operator/kubernetesApi/name");
                    assertThat(problem.message()).isEqualTo("KubernetesApi #1 and #2 on tier 'operator' both write Role and"
                            + " RoleBinding 'operator-api', so one would replace the other");
                    assertThat(problem.fix()).isEqualTo("grant everything in one KubernetesApi with and(...), or name the second"
                            + " with named(\"operator-2\")");
                }));
    }

    @Test
    @DisplayName("two grants with their own names each write their Role")
    void twoGrantsTwoNames() {
        Platform p = Platforms.shop(SecurityBaseline.restricted()).tier(operator()
                .with(KubernetesApi.access("configmaps").verbs("get"))
                .with(KubernetesApi.access("leases").inGroup("coordination.k8s.io").verbs("get").named("operator-2"))).build();
        Manifest m = Keelson.synth(p).manifest("prod");
        assertThat(m.objects(Role.class)).extracting(r -> r.getMetadata().getName()).containsExactly("operator-api", "operator-2");
    }

    @Test
    @DisplayName("a raw Role with the generated Role's name is an error naming add(...) and the grant (KEE-DUP-001)")
    void rawRoleReplacesGrant() {
        Platform p = Platforms.shop(SecurityBaseline.restricted()).tier(operator()
                        .with(KubernetesApi.access("configmaps").verbs("get")))
                .add(env -> new RoleBuilder().withNewMetadata().withName("operator-api").endMetadata()
                        .addNewRule().withApiGroups("").withResources("secrets").withVerbs("get").endRule().build())
                .build();
        assertThatThrownBy(() -> Keelson.synth(p).manifests()).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.problems()).filteredOn(problem -> "KEE-DUP-001".equals(problem.rule()))
                        .extracting(Problem::path, Problem::message).containsExactly(
                                org.assertj.core.groups.Tuple.tuple("shop/add/3", "in dev: add(...) #3 and KubernetesApi on tier 'operator'"
                                        + " both write Role shop-dev/operator-api; the API server keeps one, so the other is lost"),
                                org.assertj.core.groups.Tuple.tuple("shop/add/3", "in prod: add(...) #3 and KubernetesApi on tier 'operator'"
                                        + " both write Role shop-prod/operator-api; the API server keeps one, so the other is lost")));
    }

    @Test
    @DisplayName("the policy check still runs on customized output, beside the output check: both problems are reported together")
    void policyCheckRunsOnCustomizedOutput() {
        Platform p = Platforms.shop(SecurityBaseline.restricted())
                .customize(io.fabric8.kubernetes.api.model.apps.Deployment.class, "web", d -> {
                    var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
                    c.getSecurityContext().setPrivileged(true);
                    c.setImage(null);
                })
                .build();
        assertThatThrownBy(() -> Keelson.synth(p).manifests()).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.problems()).filteredOn(problem -> problem.severity() == Problem.Severity.ERROR)
                        .extracting(Problem::rule).contains("KEE-REQ-001", "SEC-PSS-002"));
    }
}

package dev.keelson.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Problem;
import dev.keelson.core.spi.PodTemplates;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The data services pass the security policy check under SecurityBaseline.restricted() in every environment")
class PolicyCheckTest {

    @Test
    @DisplayName("no error anywhere; of the data namespace, only SEC-NET-004 on the CloudNativePG policy (its pods are the operator's, not in the output)")
    void restrictedEverywhere() {
        for (Manifest m : Keelson.synth(Fixtures.shop().build()).manifests()) {
            List<Problem> data = m.warnings().stream().filter(p -> p.path().contains("/cache") || p.path().contains("orders-db")
                    || p.message().contains("-data")).toList();
            assertThat(data).as("warnings about the data namespace in %s", m.environment())
                    .extracting(Problem::rule, Problem::path)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("SEC-NET-004",
                            "shop/environments/" + m.environment() + "/NetworkPolicy/orders-db/spec.podSelector"));
        }
    }

    @Test
    @DisplayName("the check reads the Redis StatefulSet's pod template (PodTemplates.of), which is restricted-compliant")
    void redisPodsAreChecked() {
        Manifest prod = Keelson.synth(Fixtures.shop().build()).manifest("prod");
        StatefulSet redis = prod.get(StatefulSet.class, "cache").orElseThrow();
        var pod = PodTemplates.of(redis).orElseThrow().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var c = pod.getContainers().get(0).getSecurityContext();
        assertThat(c.getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(prod.warnings()).noneMatch(p -> p.path().contains("StatefulSet/cache"));
    }

    @Test
    @DisplayName("a weakened Redis pod is caught by the policy check (the check does run on it)")
    void weakenedRedisIsCaught() {
        var platform = Fixtures.shop().customize(StatefulSet.class, "cache",
                s -> s.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext().setReadOnlyRootFilesystem(false)).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Keelson.synth(platform).manifest("prod"))
                .hasMessageContaining("StatefulSet/cache").hasMessageContaining("SEC-POD-001");
    }

    @Test
    @DisplayName("the waiver docs/data-services.md shows marks SEC-NET-004 on the CloudNativePG policy, with its reason")
    void waiverForOperatorPods() {
        var platform = Fixtures.shop(dev.keelson.security.SecurityBaseline.restricted()
                .waive(dev.keelson.security.SecurityRule.NET_004, io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class,
                        "orders-db", "pods created by CloudNativePG")).build();
        List<Problem> warnings = Keelson.synth(platform).manifest("prod").warnings();
        assertThat(warnings).filteredOn(p -> "SEC-NET-004".equals(p.rule())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("(waived: pods created by CloudNativePG)"));
    }
}

package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a typed waiver (SecurityRule, fabric8 class, name) is the string waiver (rule ID, Kind/name)")
class TypedWaiverTest {

    private static final List<Class<? extends HasMetadata>> KINDS = List.of(Deployment.class, StatefulSet.class,
            DaemonSet.class, Job.class, CronJob.class, Service.class, ServiceAccount.class, ConfigMap.class,
            Namespace.class, Ingress.class, NetworkPolicy.class, PodDisruptionBudget.class, Role.class,
            RoleBinding.class, ClusterRole.class);

    @Test
    @DisplayName("every rule has a constant whose id() finds it again, in the order of the rule table")
    void everyRuleIdRoundTrips() {
        for (SecurityRule rule : SecurityRule.values()) {
            assertThat(SecurityRule.byId(rule.id())).isSameAs(rule);
            assertThat(rule.id()).isEqualTo("SEC-" + rule.name().replace('_', '-'));
        }
        assertThat(SecurityRule.byId("SEC-POD-008")).isNull();
    }

    @Test
    @DisplayName("over seeded random rules, kinds and names, waive and waiveIn store the same waiver either way")
    void sameWaiverAsStringForm() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        SecurityRule[] rules = SecurityRule.values();
        for (int i = 0; i < 200; i++) {
            SecurityRule rule = rules[random.nextInt(rules.length)];
            Class<? extends HasMetadata> kind = KINDS.get(random.nextInt(KINDS.size()));
            String name = "t" + random.nextInt(1000);
            String reason = "ticket OPS-" + random.nextInt(100);
            String target = kind.getSimpleName() + "/" + name;
            assertThat(SecurityBaseline.restricted().waive(rule, kind, name, reason).waivers())
                    .as("seed %d", seed)
                    .containsExactly(new Waiver(rule.id(), target, reason));
            assertThat(SecurityBaseline.restricted().waiveIn("dev", rule, kind, name, reason).waivers())
                    .as("seed %d", seed)
                    .containsExactly(new Waiver(rule.id(), target, reason, "dev"));
        }
    }

    @Test
    @DisplayName("the typed form gives byte for byte the output of the string form: warnings, annotations and objects")
    void sameOutputAsStringForm() {
        String typed = SnapshotTest.render(legacy(SecurityBaseline.restricted()
                .waive(SecurityRule.POD_001, Deployment.class, "cms", "writes to /var/lib/cms, ticket OPS-12")
                .waiveIn("dev", SecurityRule.AVL_001, Deployment.class, "cms", "one replica in dev, ticket OPS-13")));
        String strings = SnapshotTest.render(legacy(SecurityBaseline.restricted()
                .waive("SEC-POD-001", "Deployment/cms", "writes to /var/lib/cms, ticket OPS-12")
                .waiveIn("dev", "SEC-AVL-001", "Deployment/cms", "one replica in dev, ticket OPS-13")));
        assertThat(typed).isEqualTo(strings).contains("keelson.dev/waived-SEC-POD-001: writes to /var/lib/cms, ticket OPS-12");
    }

    @Test
    @DisplayName("a null rule, kind, name or reason is refused, naming the parameter")
    void nullsAreRefused() {
        assertThatThrownBy(() -> SecurityBaseline.restricted().waive(null, Deployment.class, "cms", "r"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("rule");
        assertThatThrownBy(() -> SecurityBaseline.restricted().waiveIn("dev", SecurityRule.POD_001, null, "cms", "r"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("kind");
    }

    private static Platform legacy(SecurityBaseline baseline) {
        return Platform.named("legacy")
                .environments(Environment.dev(), Environment.prod())
                .with(baseline)
                .tier(Tier.named("cms").image("ghcr.io/acme/cms:3.1.0").port(Port.http(8080)).writableRootFilesystem())
                .add(env -> Platforms.pdb("cms"))
                .build();
    }
}

package dev.keelson.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.internal.TargetVersionCheck;
import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LifecycleBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The target Kubernetes version")
class TargetVersionTest {

    private static Platform.Builder shop() {
        return Platform.named("shop").environments(Environment.prod())
                .tier(Tier.named("api").image("ghcr.io/acme/api:1.0.0").port(Port.http(8080)));
    }

    @Test
    @DisplayName("KubernetesVersion reads 1.28, v1.28 and 1.28.3, and refuses what it is not, naming the call and the fix")
    void parsing() {
        assertThat(KubernetesVersion.of("1.28")).isEqualTo(new KubernetesVersion(28));
        assertThat(KubernetesVersion.of("v1.28")).isEqualTo(new KubernetesVersion(28));
        assertThat(KubernetesVersion.of(" 1.30.4 ")).hasToString("1.30");
        assertThat(KubernetesVersion.of("1.28").label()).isEqualTo("v1.28");
        for (String bad : List.of("", "1", "2.0", "1.x", "1.28.", "latest", "v1.28-rc.1")) {
            assertThatThrownBy(() -> KubernetesVersion.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("KubernetesVersion.of(\"" + bad + "\"): not a Kubernetes version. Fix: write it as 1.<minor>, "
                            + "e.g. \"1.28\" (\"v1.28\" and \"1.28.3\" are accepted too)");
        }
        assertThatThrownBy(() -> KubernetesVersion.of("1.24")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Kubernetes 1.24 is older than Keelson can target (1.25");
        assertThatThrownBy(() -> KubernetesVersion.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("KubernetesVersion.of(): argument 'version' is null");
        assertThatThrownBy(() -> Platform.named("shop").kubernetes("1.x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a platform that names none targets the oldest release still supported upstream (1.35)")
    void defaultVersion() {
        assertThat(shop().build().kubernetes()).isEqualTo(KubernetesVersion.DEFAULT).hasToString("1.35");
        assertThat(shop().kubernetes("1.28").build().kubernetes()).hasToString("1.28");
    }

    /** For each rule, a change to the shop platform that brings in the field the rule is about. */
    private static Map<TargetVersionCheck.Rule, UnaryOperator<Platform.Builder>> cases() {
        Map<TargetVersionCheck.Rule, UnaryOperator<Platform.Builder>> cases = new LinkedHashMap<>();
        cases.put(TargetVersionCheck.CONTAINER_RESOURCE, b -> b.add(env -> new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName("api").endMetadata().withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("api").endScaleTargetRef()
                .withMinReplicas(2).withMaxReplicas(4).addNewMetric().withType("ContainerResource").withNewContainerResource()
                .withContainer("api").withName("cpu").withNewTarget().withType("Utilization").withAverageUtilization(70)
                .endTarget().endContainerResource().endMetric().endSpec().build()));
        cases.put(TargetVersionCheck.NATIVE_SIDECAR, b -> b.customize(Deployment.class, "api", d -> d.getSpec().getTemplate()
                .getSpec().getInitContainers().add(new ContainerBuilder().withName("proxy").withImage("ghcr.io/acme/p:1")
                        .withRestartPolicy("Always").build())));
        cases.put(TargetVersionCheck.TRAFFIC_DISTRIBUTION, b -> b.customize(Service.class, "api",
                s -> s.getSpec().setTrafficDistribution("PreferClose")));
        cases.put(TargetVersionCheck.UNHEALTHY_POD_EVICTION, b -> b.add(env -> new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("api-extra").endMetadata().withNewSpec().withMaxUnavailable(new IntOrString(1))
                .withSelector(new LabelSelector(null, Map.of("app", "api"))).withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .endSpec().build()));
        cases.put(TargetVersionCheck.MATCH_LABEL_KEYS, b -> b.customize(Deployment.class, "api", d -> d.getSpec().getTemplate()
                .getSpec().getTopologySpreadConstraints().add(new TopologySpreadConstraintBuilder().withMaxSkew(1)
                        .withTopologyKey("kubernetes.io/hostname").withWhenUnsatisfiable("ScheduleAnyway")
                        .withMatchLabelKeys("pod-template-hash").build())));
        cases.put(TargetVersionCheck.SLEEP_ACTION, b -> b.customize(Deployment.class, "api", d -> d.getSpec().getTemplate()
                .getSpec().getContainers().get(0).setLifecycle(new LifecycleBuilder().withNewPreStop().withNewSleep(5L)
                        .endPreStop().build())));
        cases.put(TargetVersionCheck.JOB_POD_REPLACEMENT, b -> b.add(env -> job().editSpec()
                .withPodReplacementPolicy("Failed").endSpec().build()));
        cases.put(TargetVersionCheck.JOB_SUCCESS_POLICY, b -> b.add(env -> job().editSpec().withNewSuccessPolicy()
                .addNewRule().withSucceededCount(1).endRule().endSuccessPolicy().endSpec().build()));
        cases.put(TargetVersionCheck.APP_ARMOR_FIELD, b -> b.customize(Deployment.class, "api", d -> {
            PodSecurityContext sc = d.getSpec().getTemplate().getSpec().getSecurityContext();
            sc.setAppArmorProfile(new AppArmorProfile(null, "RuntimeDefault"));
        }));
        cases.put(TargetVersionCheck.ADMISSION_POLICY_V1, b -> b.add(env -> {
            GenericKubernetesResource vap = new GenericKubernetesResource();
            vap.setApiVersion("admissionregistration.k8s.io/v1");
            vap.setKind("ValidatingAdmissionPolicy");
            vap.setMetadata(new ObjectMetaBuilder().withName("shop-non-root").build());
            return vap;
        }));
        cases.put(TargetVersionCheck.CLAIM_RETENTION, b -> b.tier(Tier.named("db").image("ghcr.io/acme/db:16.4")
                .port(Port.tcp("pg", 5432)).stateful(Stateful.of(Storage.of("10Gi"))
                        .claimRetention(Stateful.ClaimRetention.RETAIN, Stateful.ClaimRetention.DELETE))));
        return cases;
    }

    private static JobBuilder job() {
        return new JobBuilder().withNewMetadata().withName("migrate").endMetadata().withNewSpec().withNewTemplate()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("migrate")
                .withImage("ghcr.io/acme/migrate:1.0.0").endContainer().endSpec().endTemplate().endSpec();
    }

    private static List<Problem> versionProblems(Platform platform) {
        try {
            Keelson.synth(platform).manifests();
            return List.of();
        } catch (ValidationException e) {
            return e.problems().stream().filter(p -> p.rule() != null && p.rule().startsWith("KEE-VER-")).toList();
        }
    }

    @Test
    @DisplayName("every KEE-VER rule fires on every target before its release and on none from it on")
    void everyRuleAtEveryVersion() {
        Map<TargetVersionCheck.Rule, UnaryOperator<Platform.Builder>> cases = cases();
        assertThat(cases.keySet()).as("a case per rule").containsExactlyElementsOf(TargetVersionCheck.RULES);
        for (Map.Entry<TargetVersionCheck.Rule, UnaryOperator<Platform.Builder>> c : cases.entrySet()) {
            TargetVersionCheck.Rule rule = c.getKey();
            for (int version = 25; version <= 36; version++) {
                int minor = version;
                Platform platform = c.getValue().apply(shop().kubernetes("1." + minor)).build();
                List<Problem> found = versionProblems(platform);
                if (minor < rule.since().minor()) {
                    assertThat(found).as("%s on 1.%d", rule.id(), minor).isNotEmpty()
                            .allSatisfy(p -> {
                                assertThat(p.rule()).isEqualTo(rule.id());
                                assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
                                assertThat(p.message()).contains(rule.what(), "Kubernetes 1." + minor + " (the platform's target)",
                                        "works from " + rule.since() + " on");
                                assertThat(p.fix()).isEqualTo(rule.fix());
                            });
                } else {
                    assertThat(found).as("%s on 1.%d", rule.id(), minor).isEmpty();
                }
            }
        }
    }

    @Test
    @DisplayName("the problem names the tier for a tier's object, and the object for a raw one")
    void paths() {
        Platform tierObject = cases().get(TargetVersionCheck.TRAFFIC_DISTRIBUTION).apply(shop().kubernetes("1.28")).build();
        assertThat(versionProblems(tierObject)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("shop/tiers/api");
            assertThat(p.message()).isEqualTo("in prod: Service api uses Service spec.trafficDistribution, which Kubernetes 1.28 "
                    + "(the platform's target) does not serve; it works from 1.31 on");
        });
        Platform raw = cases().get(TargetVersionCheck.JOB_SUCCESS_POLICY).apply(shop().kubernetes("1.30")).build();
        assertThat(versionProblems(raw)).singleElement().extracting(Problem::path).isEqualTo("shop/objects/Job/migrate");
    }

    @Test
    @DisplayName("docs/kubernetes-versions.md lists every rule with its field, release and fix")
    void documented() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "kubernetes-versions.md"));
        for (TargetVersionCheck.Rule rule : TargetVersionCheck.RULES) {
            assertThat(doc).contains("| " + rule.id() + " | " + rule.what() + " | " + rule.since() + " | " + rule.fix() + " |");
        }
        assertThat(doc).contains("**Default: " + KubernetesVersion.DEFAULT + "**");
    }

    @Test
    @DisplayName("a platform without version-gated fields passes on the oldest target")
    void plainPlatformOnOldest() {
        HasMetadata any = Keelson.synth(shop().kubernetes("1.25").build()).manifest("prod").objects().get(0);
        assertThat(any).isNotNull();
    }
}

package dev.keelson.security;

import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.core.Problem;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import dev.keelson.core.spi.TierObjects;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** The shop (prod: web and api, 2 replicas each of 100m and 128Mi, maxSurge 25%) against quotas. */
@DisplayName("KEE-SEC-030: every ResourceQuota leaves room for the platform's own workloads, counted on the final objects")
class QuotaCheckTest {

    private static final String PATH = "shop/environments/prod/ResourceQuota/";

    private static List<Problem> quotaProblems(Platform.Builder p) {
        return Platforms.problems(p.build(), "prod").stream().filter(x -> "KEE-SEC-030".equals(x.rule())).toList();
    }

    @Test
    @DisplayName("a quota that fits the steady pods but not a rollout's surge: the error names quota, key, need, limit, workloads and the fix")
    void surgeDoesNotFit() {
        assertThat(quotaProblems(Platforms.shop(SecurityBaseline.restricted().quota(Quota.derived().requests("400m", "1Gi")))))
                .extracting(Problem::severity, Problem::path, Problem::message, Problem::fix)
                .containsExactly(tuple(Problem.Severity.ERROR, PATH + "compute/spec.hard.requests.cpu",
                        "in prod: ResourceQuota 'compute' allows requests.cpu 400m, but the platform's workloads need 500m during a "
                                + "rollout (400m steady, plus the largest rollout's surge): a rollout cannot start its new pods, so it "
                                + "never finishes (Deployment/web: 2 pods x 100m, Deployment/api: 2 pods x 100m)",
                        "raise requests.cpu to at least 500m: requests(\"500m\", \"1Gi\") on the SecurityBaseline's Quota"));
        assertThat(quotaProblems(Platforms.shop(SecurityBaseline.restricted().quota(Quota.derived().requests("500m", "1Gi")))))
                .isEmpty();
    }

    @Test
    @DisplayName("a quota below the steady need: the namespace cannot run the platform")
    void steadyDoesNotFit() {
        assertThat(quotaProblems(Platforms.shop(SecurityBaseline.restricted().quota(Quota.derived().pods(3)))))
                .extracting(Problem::path, Problem::message, Problem::fix)
                .containsExactly(tuple(PATH + "compute/spec.hard.pods",
                        "in prod: ResourceQuota 'compute' allows pods 3, but the platform's workloads need 5 during a rollout "
                                + "(4 steady, plus the largest rollout's surge): the namespace cannot run them "
                                + "(Deployment/web: 2 pods, Deployment/api: 2 pods)",
                        "raise pods to at least 5: pods(5) on the SecurityBaseline's Quota"));
    }

    @Test
    @DisplayName("an HPA's target counts at maxReplicas, with the surge a rollout at that size takes")
    void hpaMaxReplicas() {
        // web 2 + api 10, plus api's surge: 25% of 10, rounded up = 3
        assertThat(quotaProblems(Platforms.shop(SecurityBaseline.restricted().quota(Quota.derived().pods(14)))
                .add(env -> QuotaNeedTest.hpa("api", 2, 10))))
                .extracting(Problem::path, Problem::message)
                .containsExactly(tuple(PATH + "compute/spec.hard.pods",
                        "in prod: ResourceQuota 'compute' allows pods 14, but the platform's workloads need 15 during a rollout "
                                + "(12 steady, plus the largest rollout's surge): a rollout cannot start its new pods, so it never "
                                + "finishes (Deployment/api: 10 pods, Deployment/web: 2 pods)"));
        assertThat(quotaProblems(Platforms.shop(SecurityBaseline.restricted().quota(Quota.derived().pods(11)))
                .add(env -> QuotaNeedTest.hpa("api", 2, 10))))
                .extracting(Problem::message).singleElement().asString()
                .contains("allows pods 11", "need 15", ": the namespace cannot run them");
        assertThat(quotaProblems(Platforms.shop(SecurityBaseline.restricted().quota(Quota.derived().pods(15)))
                .add(env -> QuotaNeedTest.hpa("api", 2, 10)))).isEmpty();
        assertThat(quotaProblems(Platforms.shop(SecurityBaseline.restricted()).add(env -> QuotaNeedTest.hpa("api", 2, 10))))
                .as("derived").isEmpty();
    }

    @Test
    @DisplayName("StatefulSets, DaemonSets (one pod: the node count is unknown), Jobs (parallelism), CronJobs (one run) and bare Pods count")
    void everyWorkloadKind() {
        Platform.Builder p = Platforms.shop(SecurityBaseline.restricted().quota(Quota.derived().requests("8499m", "64Gi")))
                .add(env -> new StatefulSetBuilder().withNewMetadata().withName("db").endMetadata()
                        .withNewSpec().withReplicas(3).withNewTemplate().withSpec(onePodOf("1")).endTemplate().endSpec().build())
                .add(env -> new DaemonSetBuilder().withNewMetadata().withName("agent").endMetadata()
                        .withNewSpec().withNewTemplate().withSpec(onePodOf("1")).endTemplate().endSpec().build())
                .add(env -> new JobBuilder().withNewMetadata().withName("migrate").endMetadata()
                        .withNewSpec().withParallelism(2).withNewTemplate().withSpec(onePodOf("1")).endTemplate().endSpec().build())
                .add(env -> new CronJobBuilder().withNewMetadata().withName("report").endMetadata()
                        .withNewSpec().withSchedule("0 * * * *").withNewJobTemplate().withNewSpec().withNewTemplate()
                        .withSpec(onePodOf("1")).endTemplate().endSpec().endJobTemplate().endSpec().build())
                .add(env -> new PodBuilder().withNewMetadata().withName("debug").endMetadata().withSpec(onePodOf("1")).build());
        // 400m of tiers + 100m surge + 3 + 1 + 2 + 1 + 1 cores
        assertThat(quotaProblems(p)).extracting(Problem::path, Problem::message)
                .containsExactly(tuple(PATH + "compute/spec.hard.requests.cpu",
                        "in prod: ResourceQuota 'compute' allows requests.cpu 8499m, but the platform's workloads need 8500m during a "
                                + "rollout (8400m steady, plus the largest rollout's surge): a rollout cannot start its new pods, so it "
                                + "never finishes (StatefulSet/db: 3 pods x 1, Job/migrate: 2 pods x 1, DaemonSet/agent: 1 pod x 1, "
                                + "and 4 more)"));
        assertThat(quotaProblems(Platforms.shop(SecurityBaseline.restricted()).add(env -> new JobBuilder()
                .withNewMetadata().withName("migrate").endMetadata()
                .withNewSpec().withParallelism(2).withNewTemplate().withSpec(onePodOf("1")).endTemplate().endSpec().build())))
                .as("the derived quota counts them too").isEmpty();
    }

    @Test
    @DisplayName("Istio proxies count when the namespace is labelled for injection, sized by their annotations")
    void istioSidecars() {
        PlatformFeature mesh = new PlatformExtension() {
            @Override
            public void contribute(FeatureContext s) {
                s.namespace().getMetadata().getLabels().put("istio-injection", "enabled");
                for (TierObjects t : s.tiers()) {
                    Map<String, String> annotations = new LinkedHashMap<>();
                    annotations.put("sidecar.istio.io/proxyCPU", "200m");
                    t.deployment().getSpec().getTemplate().getMetadata().setAnnotations(annotations);
                }
            }
        };
        // 4 pods x (100m + 200m) + one surge pod of 300m
        assertThat(quotaProblems(Platforms.shop(SecurityBaseline.restricted().quota(Quota.derived().requests("1499m", "64Gi")))
                .with(mesh)))
                .extracting(Problem::path, x -> x.message().substring(0, x.message().indexOf(" during")))
                .containsExactly(tuple(PATH + "compute/spec.hard.requests.cpu",
                        "in prod: ResourceQuota 'compute' allows requests.cpu 1499m, but the platform's workloads need 1500m"));
        assertThat(quotaProblems(Platforms.shop(SecurityBaseline.restricted()).with(mesh))).as("derived").isEmpty();
    }

    @Test
    @DisplayName("a raw ResourceQuota is checked too; one with scopes charges only some pods and is not")
    void rawQuotas() {
        Platform.Builder p = Platforms.shop(SecurityBaseline.restricted())
                .add(env -> quota("team-limits", null, Map.of("pods", "4", "limits.cpu", "1")))
                .add(env -> quota("best-effort", "BestEffort", Map.of("pods", "1")));
        assertThat(quotaProblems(p)).extracting(Problem::path, Problem::fix).containsExactly(
                tuple(PATH + "team-limits/spec.hard.pods",
                        "raise pods to at least 5 in ResourceQuota 'team-limits', or lower the workloads' replicas or resources"));
    }

    @Test
    @DisplayName("limits.cpu counts the containers' CPU limits, with the LimitRange's default for containers that set none")
    void limitsCpu() {
        Platform.Builder p = Platforms.shop(SecurityBaseline.restricted()
                .quota(Quota.derived().limitDefaults(dev.keelson.core.Resources.requests("100m", "128Mi").cpuLimit("500m"))))
                .add(env -> quota("team-limits", null, Map.of("limits.cpu", "2")));
        // every container gets the LimitRange's 500m CPU limit: 4 pods + 1 surge pod = 2500m
        assertThat(quotaProblems(p)).extracting(Problem::path, x -> x.message().substring(0, x.message().indexOf(" during")))
                .containsExactly(tuple(PATH + "team-limits/spec.hard.limits.cpu",
                        "in prod: ResourceQuota 'team-limits' allows limits.cpu 2, but the platform's workloads need 2500m"));
    }

    @Test
    @DisplayName("a customization that raises replicas past the derived quota is reported, with how to keep the quota in step")
    void customizedPastTheDerivedQuota() {
        Platform.Builder p = Platforms.shop(SecurityBaseline.restricted())
                .customize(Deployment.class, "api", d -> d.getSpec().setReplicas(8));
        assertThat(quotaProblems(p)).extracting(Problem::path, Problem::fix).contains(
                tuple(PATH + "compute/spec.hard.pods", "raise pods to at least 12: the derived value no longer covers the final objects "
                        + "(a customization changed the workloads or the quota after it was derived); set it with pods(12) on the "
                        + "SecurityBaseline's Quota, or make the change in the tier instead of a customization"));
        assertThat(quotaProblems(Platforms.shop(SecurityBaseline.restricted().quota(Quota.derived().pods(12)))
                .customize(Deployment.class, "api", d -> d.getSpec().setReplicas(8))))
                .extracting(Problem::path).doesNotContain(PATH + "compute/spec.hard.pods");
    }

    @Test
    @DisplayName("the reference shop with the derived quota reports nothing, in every environment")
    void derivedShop() {
        Platform p = Platforms.shop(SecurityBaseline.byStage()).build();
        for (String env : List.of("dev", "prod")) {
            assertThat(Keelson.synth(p).manifest(env).warnings()).extracting(Problem::rule).doesNotContain("KEE-SEC-030");
        }
    }

    private static PodSpec onePodOf(String cpu) {
        return new PodSpecBuilder().withContainers(new ContainerBuilder().withName("main").withImage("ghcr.io/acme/x:1.0.0")
                .withNewResources().addToRequests("cpu", new Quantity(cpu)).addToRequests("memory", new Quantity("64Mi"))
                .addToLimits("memory", new Quantity("64Mi")).endResources().build()).build();
    }

    private static HasMetadata quota(String name, String scope, Map<String, String> hard) {
        Map<String, Quantity> values = new LinkedHashMap<>();
        hard.forEach((k, v) -> values.put(k, new Quantity(v)));
        ResourceQuota q = new ResourceQuotaBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withHard(values).endSpec().build();
        if (scope != null) {
            q.getSpec().setScopes(List.of(scope));
        }
        return q;
    }
}

package dev.keelson.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Resources;
import dev.keelson.core.Synth;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Per-environment defaults: dev a single small instance, prod replicated across zones with backups; all overridable")
class DefaultsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> clusterSpec(Manifest m) {
        GenericKubernetesResource c = (GenericKubernetesResource) m.objects().stream()
                .filter(o -> "Cluster".equals(o.getKind())).findFirst().orElseThrow();
        return (Map<String, Object>) c.getAdditionalProperties().get("spec");
    }

    private static List<String> kinds(Manifest m) {
        return m.objects().stream().filter(o -> (m.namespace() + "-data").equals(o.getMetadata().getNamespace()))
                .map(HasMetadata::getKind).distinct().toList();
    }

    @Test
    @DisplayName("PostgreSQL: 1 / 2 / 3 instances, no / preferred / required zone anti-affinity, backups off in dev")
    void postgresByStage() {
        Synth s = Keelson.synth(Fixtures.shop().build());
        Map<String, Object> dev = clusterSpec(s.manifest("dev"));
        Map<String, Object> staging = clusterSpec(s.manifest("staging"));
        Map<String, Object> prod = clusterSpec(s.manifest("prod"));
        assertThat(List.of(dev.get("instances"), staging.get("instances"), prod.get("instances"))).containsExactly(1, 2, 3);
        assertThat(dev.get("affinity")).isEqualTo(Map.of("enablePodAntiAffinity", false));
        assertThat(staging.get("affinity")).isEqualTo(Map.of("enablePodAntiAffinity", true,
                "topologyKey", "topology.kubernetes.io/zone", "podAntiAffinityType", "preferred"));
        assertThat(prod.get("affinity")).isEqualTo(Map.of("enablePodAntiAffinity", true,
                "topologyKey", "topology.kubernetes.io/zone", "podAntiAffinityType", "required"));
        assertThat(List.of(dev.get("enablePDB"), staging.get("enablePDB"), prod.get("enablePDB"))).containsExactly(false, true, true);
        assertThat(dev).doesNotContainKey("plugins");
        assertThat(kinds(s.manifest("dev"))).doesNotContain("ObjectStore", "ScheduledBackup");
        assertThat(kinds(s.manifest("staging"))).contains("ObjectStore", "ScheduledBackup");
        assertThat(kinds(s.manifest("prod"))).contains("ObjectStore", "ScheduledBackup");
    }

    @Test
    @DisplayName("Redis: 1 / 2 / 3 pods, a PDB only with replicas, zone anti-affinity required in prod")
    void redisByStage() {
        Synth s = Keelson.synth(Fixtures.shop().build());
        assertThat(List.of("dev", "staging", "prod").stream()
                .map(e -> s.manifest(e).get(StatefulSet.class, "cache").orElseThrow().getSpec().getReplicas()).toList())
                .containsExactly(1, 2, 3);
        assertThat(s.manifest("dev").objects(PodDisruptionBudget.class)).noneMatch(p -> "cache".equals(p.getMetadata().getName()));
        assertThat(s.manifest("prod").objects(PodDisruptionBudget.class)).anyMatch(p -> "cache".equals(p.getMetadata().getName())
                && "shop-prod-data".equals(p.getMetadata().getNamespace()));
        var affinity = s.manifest("prod").get(StatefulSet.class, "cache").orElseThrow().getSpec().getTemplate().getSpec().getAffinity();
        assertThat(affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                .singleElement().extracting(t -> t.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
        assertThat(s.manifest("dev").get(StatefulSet.class, "cache").orElseThrow().getSpec().getTemplate().getSpec().getAffinity()).isNull();
    }

    @Test
    @DisplayName("every default can be overridden, for all environments or one (in(environment, ...))")
    void overrides() {
        Synth s = Keelson.synth(Fixtures.shop()
                .with(DataServices.postgres("ledger").apiServer("10.0.0.1/32", 443).withoutBackups().storageClass("fast-ssd")
                        .in("dev", p -> p.instances(2).zoneSpread(ZoneSpread.PREFERRED).withBackups()
                                .backups(Backups.s3("s3://dev/ledger", "dev-s3").schedule("0 30 1 * * *").retention("7d")))
                        .in("prod", p -> p.instances(5).resources(Resources.requests("2", "8Gi")).image("ghcr.io/cloudnative-pg/postgresql:17.5")))
                .build());
        Map<String, Object> dev = ledger(s.manifest("dev"));
        assertThat(dev.get("instances")).isEqualTo(2);
        assertThat(dev.get("storage")).isEqualTo(Map.of("size", "1Gi", "storageClass", "fast-ssd"));
        assertThat(dev).containsKey("plugins");
        Map<String, Object> prod = ledger(s.manifest("prod"));
        assertThat(prod.get("instances")).isEqualTo(5);
        assertThat(prod.get("imageName")).isEqualTo("ghcr.io/cloudnative-pg/postgresql:17.5");
        assertThat(prod).doesNotContainKey("plugins");
        assertThat(prod.get("resources")).isEqualTo(Map.of("requests", Map.of("cpu", "2", "memory", "8Gi"), "limits", Map.of("memory", "8Gi")));
    }

    @Test
    @DisplayName("the data namespace is <environment namespace>-data unless named, restricted and outside the mesh")
    void namespace() {
        Synth s = Keelson.synth(Fixtures.shop().build());
        Namespace ns = s.manifest("prod").get(Namespace.class, "shop-prod-data").orElseThrow();
        assertThat(ns.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsEntry("istio-injection", "disabled");
        Synth named = Keelson.synth(dev.keelson.core.Platform.named("shop").environments(dev.keelson.core.Environment.dev(), dev.keelson.core.Environment.prod())
                .with(Fixtures.cache().inNamespace("caches").in("dev", r -> r.inNamespace("caches-dev")))
                .tier(dev.keelson.core.Tier.named("api").image("ghcr.io/acme/api:2.0.1").with(DataAccess.to("cache"))).build());
        assertThat(named.manifest("prod").get(StatefulSet.class, "cache").orElseThrow().getMetadata().getNamespace()).isEqualTo("caches");
        assertThat(named.manifest("dev").get(StatefulSet.class, "cache").orElseThrow().getMetadata().getNamespace()).isEqualTo("caches-dev");
        assertThat(named.manifest("prod").get(io.fabric8.kubernetes.api.model.apps.Deployment.class, "api").orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anyMatch(e -> e.getName().equals("CACHE_HOST") && e.getValue().equals("cache-0.cache-headless.caches.svc"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ledger(Manifest m) {
        GenericKubernetesResource c = (GenericKubernetesResource) m.objects().stream()
                .filter(o -> "Cluster".equals(o.getKind()) && "ledger".equals(o.getMetadata().getName())).findFirst().orElseThrow();
        return (Map<String, Object>) c.getAdditionalProperties().get("spec");
    }
}

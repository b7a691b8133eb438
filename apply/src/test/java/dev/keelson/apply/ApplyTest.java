package dev.keelson.apply;

import dev.keelson.apply.testkit.MockCluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.apply.ObjectResult.Outcome;
import dev.keelson.apply.internal.ApplySets;
import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Apply against the fabric8 mock server in CRUD mode (with the server-side apply emulation of {@link SsaDispatcher}). */
class ApplyTest {

    private static final Retry FAST = Retry.attempts(4).backoff(Duration.ofMillis(5), Duration.ofMillis(20));

    /** One server for the class, reset before each test: starting one per test was most of these tests' time. */
    @RegisterExtension
    static final MockCluster mock = new MockCluster();

    private ApplyReport apply(Platform platform, boolean prune) {
        Apply apply = mock.cluster().apply(platform).environment("dev").retry(FAST);
        return (prune ? apply.prune() : apply).run();
    }

    private static List<String> names(ApplyReport report, Outcome outcome) {
        return report.objects().stream().filter(o -> o.outcome() == outcome).map(o -> o.object().toString()).toList();
    }

    @Test
    @DisplayName("the first apply creates every object, in kind order, labelled as members of the environment's ApplySet")
    void firstApplyCreates() {
        ApplyReport report = apply(Platforms.shop("web", "api"), false);

        assertThat(report.succeeded()).isTrue();
        assertThat(report.exitCode()).isZero();
        assertThat(names(report, Outcome.CREATED)).containsExactly("Namespace shop-dev", "ServiceAccount shop-dev/web",
                "ServiceAccount shop-dev/api", "Service shop-dev/web", "Service shop-dev/api", "Deployment shop-dev/web",
                "Deployment shop-dev/api");
        Deployment web = mock.client().apps().deployments().inNamespace("shop-dev").withName("web").get();
        assertThat(web.getMetadata().getLabels()).containsEntry(ApplySets.PART_OF, report.applySet())
                .containsEntry("app.kubernetes.io/managed-by", "keelson");
        assertThat(mock.requests()).filteredOn(r -> r.startsWith("PATCH") && r.contains("/deployments/"))
                .allMatch(r -> r.contains("fieldManager=keelson") && !r.contains("force=true"));
    }

    @Test
    @DisplayName("the ApplySet parent is a Secret in the namespace with the KEP-3659 id label, tooling and contains-group-kinds annotations")
    void applySetParent() {
        ApplyReport report = apply(Platforms.shop("web"), false);

        Secret parent = mock.client().secrets().inNamespace("shop-dev").withName("keelson-applyset-shop-dev").get();
        assertThat(parent.getMetadata().getLabels()).containsEntry("applyset.kubernetes.io/id", report.applySet());
        assertThat(report.applySet()).isEqualTo(ApplySets.id("keelson-applyset-shop-dev", "shop-dev", "Secret", ""))
                .matches("applyset-[A-Za-z0-9_-]{43}-v1");
        assertThat(parent.getMetadata().getAnnotations())
                .containsEntry("applyset.kubernetes.io/tooling", "keelson/v0.1.0")
                .containsEntry("applyset.kubernetes.io/contains-group-kinds", "Deployment.apps,Namespace,Service,ServiceAccount")
                .containsEntry("keelson.dev/applyset-group-versions",
                        "Deployment.apps=apps/v1,Namespace=v1,Service=v1,ServiceAccount=v1")
                .doesNotContainKey("applyset.kubernetes.io/additional-namespaces");
        assertThat(parent.getMetadata().getLabels()).doesNotContainKey(ApplySets.PART_OF);
    }

    @Test
    @DisplayName("a second apply of the same platform changes nothing")
    void secondApplyChangesNothing() {
        apply(Platforms.shop("web", "api"), false);
        String before = mock.client().apps().deployments().inNamespace("shop-dev").withName("api").get().getMetadata()
                .getResourceVersion();

        ApplyReport second = apply(Platforms.shop("web", "api"), false);

        assertThat(second.objects()).hasSize(7).allMatch(o -> o.outcome() == Outcome.UNCHANGED);
        assertThat(second.changed()).isFalse();
        assertThat(mock.client().apps().deployments().inNamespace("shop-dev").withName("api").get().getMetadata()
                .getResourceVersion()).isEqualTo(before);
    }

    @Test
    @DisplayName("a changed image is reported as changed, with the field that changed")
    void changedField() {
        apply(Platforms.shop("web"), false);

        ApplyReport report = apply(Platforms.shopAt("1.1.0", "web"), false);

        assertThat(names(report, Outcome.CHANGED)).containsExactly("Deployment shop-dev/web");
        assertThat(report.objects().stream().filter(o -> o.outcome() == Outcome.CHANGED).findFirst().orElseThrow().fields())
                .containsExactly("spec.template.spec.containers[0].image");
        assertThat(mock.client().apps().deployments().inNamespace("shop-dev").withName("web").get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage()).isEqualTo("ghcr.io/acme/web:1.1.0");
    }

    @Test
    @DisplayName("a removed tier is kept and listed as orphan without prune, and deleted with prune")
    void removedTierPrunedOnlyWithPrune() {
        apply(Platforms.shop("web", "api"), false);

        ApplyReport kept = apply(Platforms.shop("web"), false);
        assertThat(kept.orphans()).extracting(ObjectRef::toString)
                .containsExactly("Deployment shop-dev/api", "Service shop-dev/api", "ServiceAccount shop-dev/api");
        assertThat(names(kept, Outcome.PRUNED)).isEmpty();
        assertThat(mock.client().apps().deployments().inNamespace("shop-dev").withName("api").get()).isNotNull();

        ApplyReport pruned = apply(Platforms.shop("web"), true);
        assertThat(names(pruned, Outcome.PRUNED))
                .containsExactly("Deployment shop-dev/api", "Service shop-dev/api", "ServiceAccount shop-dev/api");
        assertThat(pruned.orphans()).isEmpty();
        assertThat(mock.client().apps().deployments().inNamespace("shop-dev").withName("api").get()).isNull();
        assertThat(mock.client().services().inNamespace("shop-dev").withName("api").get()).isNull();
        assertThat(mock.client().apps().deployments().inNamespace("shop-dev").withName("web").get()).isNotNull();
    }

    @Test
    @DisplayName("prune never touches an object that is not a member, even with the same app labels or another ApplySet's label")
    void foreignObjectsLeftAlone() {
        apply(Platforms.shop("web", "api"), false);
        String id = ApplySets.id("keelson-applyset-shop-dev", "shop-dev", "Secret", "");
        Map<String, String> sameLabels = Map.of("app.kubernetes.io/name", "api", "app.kubernetes.io/part-of", "shop",
                "app.kubernetes.io/managed-by", "keelson", "keelson.dev/environment", "dev", "keelson.dev/tier", "api");
        mock.client().resource(new ConfigMapBuilder().withNewMetadata().withName("handmade").withNamespace("shop-dev")
                .withLabels(sameLabels).endMetadata().build()).create();
        mock.client().resource(new ConfigMapBuilder().withNewMetadata().withName("other-set").withNamespace("shop-dev")
                .addToLabels(ApplySets.PART_OF, "applyset-someone-else-v1").endMetadata().build()).create();
        mock.client().apps().deployments().inNamespace("shop-dev").withName("api").edit(d -> {
            d.getMetadata().getLabels().put(ApplySets.PART_OF, "applyset-someone-else-v1");
            return d;
        });

        ApplyReport pruned = apply(Platforms.shop("web"), true);

        assertThat(names(pruned, Outcome.PRUNED)).containsExactly("Service shop-dev/api", "ServiceAccount shop-dev/api");
        assertThat(mock.client().configMaps().inNamespace("shop-dev").withName("handmade").get()).isNotNull();
        assertThat(mock.client().configMaps().inNamespace("shop-dev").withName("other-set").get()).isNotNull();
        assertThat(mock.client().apps().deployments().inNamespace("shop-dev").withName("api").get()).isNotNull();
        assertThat(mock.writes()).noneMatch(w -> w.startsWith("DELETE") && (w.contains("handmade") || w.contains("other-set")
                || w.contains("deployments/api")));
    }

    @Test
    @DisplayName("a kind whose CRD is missing stops the run before any write, listing each missing definition and its product")
    void missingCrdStopsBeforeAnyWrite() {
        ApplyReport report = apply(Platforms.shopWithCustomResources(), false);

        assertThat(mock.writes()).isEmpty();
        assertThat(report.objects()).isEmpty();
        assertThat(report.missingDefinitions()).extracting(MissingDefinition::product, MissingDefinition::kind,
                MissingDefinition::group).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Vertical Pod Autoscaler", "VerticalPodAutoscaler", "autoscaling.k8s.io"),
                        org.assertj.core.groups.Tuple.tuple("Istio", "PeerAuthentication", "security.istio.io"));
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.toString()).contains("stopped before any write: the cluster lacks 2 CustomResourceDefinitions",
                "missing VerticalPodAutoscaler.autoscaling.k8s.io/v1 (Vertical Pod Autoscaler), used by 1 object, first "
                        + "VerticalPodAutoscaler shop-dev/web");
    }

    @Test
    @DisplayName("a dry run writes nothing, and reports what would be created or that nothing would change (exit 0 either way, as kubectl apply)")
    void dryRunWritesNothing() {
        Apply dry = mock.cluster().apply(Platforms.shop("web")).environment("dev").dryRun();

        ApplyReport fresh = dry.run();
        assertThat(mock.writes()).isEmpty();
        assertThat(fresh.objects()).allMatch(o -> o.outcome() == Outcome.CREATED);
        assertThat(fresh.exitCode()).isZero();
        assertThat(fresh.changed()).isTrue();
        assertThat(fresh.toString()).contains("would create  Deployment shop-dev/web");

        apply(Platforms.shop("web"), false);
        int writes = mock.writes().size();
        ApplyReport again = dry.run();
        assertThat(mock.writes()).hasSize(writes);
        assertThat(again.exitCode()).isZero();
        assertThat(again.changed()).isFalse();
    }

    @Test
    @DisplayName("--wait reports each Deployment's rollout status and fails on timeout; succeeds once rolled out")
    void waitForRollout() {
        Apply apply = mock.cluster().apply(Platforms.shop("web")).environment("dev").retry(FAST)
                .waitFor(Duration.ofMillis(300));

        ApplyReport timedOut = apply.run();
        assertThat(timedOut.succeeded()).isFalse();
        assertThat(timedOut.rollouts()).singleElement().satisfies(r -> {
            assertThat(r.ready()).isFalse();
            assertThat(r.status()).isEqualTo("generation 1 observed 0, 0/2 updated, 0/2 available, 0 total");
        });
        assertThat(timedOut.error()).startsWith("1 of 1 Deployment not rolled out within 300ms.");

        Deployment web = mock.client().apps().deployments().inNamespace("shop-dev").withName("web").get();
        web.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withObservedGeneration(
                web.getMetadata().getGeneration()).withReplicas(2).withUpdatedReplicas(2).withAvailableReplicas(2).build());
        mock.client().resource(web).updateStatus();

        ApplyReport ready = apply.run();
        assertThat(ready.succeeded()).isTrue();
        assertThat(ready.rollouts()).singleElement().matches(Rollout::ready);
    }



    @Test
    @DisplayName("--wait also waits for a StatefulSet added as a raw object, and names it when it is late")
    void waitForStatefulSet() {
        Platform p = Platform.named("shop").environments(Environment.dev())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080)))
                .add(env -> new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
                        .withNewMetadata().withName("db").endMetadata()
                        .withNewSpec().withReplicas(1).withServiceName("db")
                        .withNewSelector().addToMatchLabels("app", "db").endSelector()
                        .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata()
                        .withNewSpec().addNewContainer().withName("db").withImage("postgres:16.4").endContainer().endSpec()
                        .endTemplate().endSpec().build())
                .build();
        Apply apply = mock.cluster().apply(p).environment("dev").retry(FAST).waitFor(Duration.ofMillis(300));

        ApplyReport late = apply.run();
        assertThat(late.rollouts()).extracting(r -> r.object().kind()).containsExactlyInAnyOrder("Deployment", "StatefulSet");
        assertThat(late.error()).startsWith("2 of 2 workloads not rolled out within 300ms.");

        Deployment web = mock.client().apps().deployments().inNamespace("shop-dev").withName("web").get();
        int replicas = web.getSpec().getReplicas();
        web.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withObservedGeneration(
                web.getMetadata().getGeneration()).withReplicas(replicas).withUpdatedReplicas(replicas)
                .withAvailableReplicas(replicas).build());
        mock.client().resource(web).updateStatus();
        ApplyReport dbLate = apply.run();
        assertThat(dbLate.error()).startsWith("1 of 2 workloads not rolled out within 300ms.")
                .contains("kubectl describe statefulset -n shop-dev db");

        var db = mock.client().apps().statefulSets().inNamespace("shop-dev").withName("db").get();
        db.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder()
                .withObservedGeneration(db.getMetadata().getGeneration()).withReplicas(1).withUpdatedReplicas(1)
                .withReadyReplicas(1).withCurrentRevision("db-1").withUpdateRevision("db-1").build());
        mock.client().resource(db).updateStatus();
        ApplyReport ready = apply.run();
        assertThat(ready.succeeded()).isTrue();
        assertThat(ready.rollouts()).allMatch(Rollout::ready);
    }

    @Test
    @DisplayName("with the CRDs installed, the check passes and the custom resources are applied after the core objects")
    void installedCrdsPass() {
        crd("autoscaling.k8s.io", "v1", "VerticalPodAutoscaler", "verticalpodautoscalers");
        crd("security.istio.io", "v1", "PeerAuthentication", "peerauthentications");

        ApplyReport report = apply(Platforms.shopWithCustomResources(), false);

        assertThat(report.missingDefinitions()).isEmpty();
        assertThat(report.objects()).extracting(o -> o.outcome() + " " + o.object()).endsWith(
                "CREATED Deployment shop-dev/web", "CREATED VerticalPodAutoscaler shop-dev/web",
                "CREATED PeerAuthentication shop-dev/default");
        assertThat(apply(Platforms.shopWithCustomResources(), false).objects()).allMatch(o -> o.outcome() == Outcome.UNCHANGED);
    }

    @Test
    @DisplayName("custom resources whose kinds left the platform entirely are found through discovery and pruned")
    void pruneKindsNoLongerInThePlatform() {
        crd("autoscaling.k8s.io", "v1", "VerticalPodAutoscaler", "verticalpodautoscalers");
        crd("security.istio.io", "v1", "PeerAuthentication", "peerauthentications");
        apply(Platforms.shopWithCustomResources(), false);

        ApplyReport report = mock.cluster().apply(Platforms.shopWithCustomResources(false)).retry(FAST).prune().run();

        assertThat(report.objects()).filteredOn(o -> o.outcome() == Outcome.PRUNED).extracting(o -> o.object().toString())
                .containsExactlyInAnyOrder("VerticalPodAutoscaler shop-dev/web", "PeerAuthentication shop-dev/default");
        assertThat(mock.client().secrets().inNamespace("shop-dev").withName("keelson-applyset-shop-dev").get().getMetadata()
                .getAnnotations()).containsEntry("applyset.kubernetes.io/contains-group-kinds",
                        "Deployment.apps,Namespace,Service,ServiceAccount");
    }

    private void crd(String group, String version, String kind, String plural) {
        mock.client().apiextensions().v1().customResourceDefinitions().resource(
                new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder().withNewMetadata()
                        .withName(plural + "." + group).endMetadata().withNewSpec().withGroup(group).withScope("Namespaced")
                        .withNewNames().withKind(kind).withPlural(plural).endNames()
                        .addNewVersion().withName(version).withServed(true).withStorage(true).endVersion().endSpec().build())
                .create();
    }
}

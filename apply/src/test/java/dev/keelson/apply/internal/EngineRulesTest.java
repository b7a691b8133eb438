package dev.keelson.apply.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.apply.Conflict;
import dev.keelson.apply.ObjectRef;
import dev.keelson.apply.Retry;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The rules of the engine that need no server. */
class EngineRulesTest {

    private static final ObjectRef WEB = new ObjectRef("apps/v1", "Deployment", "shop-prod", "web");

    private static Deployment deployment(long generation, Integer replicas, Long observed, Integer updated, Integer available,
                                         Integer total) {
        return new DeploymentBuilder().withNewMetadata().withName("web").withGeneration(generation).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withObservedGeneration(observed).withUpdatedReplicas(updated)
                .withAvailableReplicas(available).withReplicas(total).endStatus().build();
    }

    @Test
    @DisplayName("a StatefulSet is rolled out when the latest generation is observed, all replicas updated and ready, and the revision current")
    void statefulSetRollout() {
        ObjectRef db = new ObjectRef("apps/v1", "StatefulSet", "shop-prod", "db");
        java.util.function.Function<io.fabric8.kubernetes.api.model.apps.StatefulSetStatus, io.fabric8.kubernetes.api.model.apps.StatefulSet>
                set = status -> new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
                .withNewMetadata().withName("db").withGeneration(2L).endMetadata()
                .withNewSpec().withReplicas(3).endSpec().withStatus(status).build();
        var done = new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder().withObservedGeneration(2L)
                .withUpdatedReplicas(3).withReadyReplicas(3).withCurrentRevision("db-7").withUpdateRevision("db-7").build();
        assertThat(RolloutWaiter.rollout(db, set.apply(done)).ready()).isTrue();
        assertThat(RolloutWaiter.rollout(db, set.apply(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder(done)
                .withCurrentRevision("db-6").build())))
                .satisfies(r -> {
                    assertThat(r.ready()).isFalse();
                    assertThat(r.status()).isEqualTo("generation 2 observed 2, 3/3 updated, 3/3 ready, revision updating");
                });
        assertThat(RolloutWaiter.rollout(db, set.apply(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder(done)
                .withReadyReplicas(2).build())).ready()).isFalse();
        assertThat(RolloutWaiter.rollout(db, set.apply(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder(done)
                .withObservedGeneration(1L).build())).ready()).isFalse();
        assertThat(RolloutWaiter.rollout(db, set.apply(null)).ready()).isFalse();
    }

    @Test
    @DisplayName("a DaemonSet is rolled out when every scheduled pod is updated and available in the latest generation")
    void daemonSetRollout() {
        ObjectRef agent = new ObjectRef("apps/v1", "DaemonSet", "shop-prod", "agent");
        java.util.function.Function<io.fabric8.kubernetes.api.model.apps.DaemonSetStatus, io.fabric8.kubernetes.api.model.apps.DaemonSet>
                set = status -> new io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder()
                .withNewMetadata().withName("agent").withGeneration(4L).endMetadata().withStatus(status).build();
        var done = new io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder().withObservedGeneration(4L)
                .withDesiredNumberScheduled(5).withUpdatedNumberScheduled(5).withNumberAvailable(5).build();
        assertThat(RolloutWaiter.rollout(agent, set.apply(done)))
                .satisfies(r -> {
                    assertThat(r.ready()).isTrue();
                    assertThat(r.status()).isEqualTo("generation 4 observed 4, 5/5 updated, 5/5 available");
                });
        assertThat(RolloutWaiter.rollout(agent, set.apply(new io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder(done)
                .withUpdatedNumberScheduled(4).build())).ready()).isFalse();
        assertThat(RolloutWaiter.rollout(agent, set.apply(new io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder(done)
                .withNumberAvailable(3).build())).ready()).isFalse();
        assertThat(RolloutWaiter.rollout(agent, set.apply(null)).ready()).isFalse();
    }

    @Test
    @DisplayName("a Deployment is rolled out when the latest generation is observed and all replicas are updated and available")
    void rolledOut() {
        assertThat(RolloutWaiter.rollout(WEB, deployment(3, 2, 3L, 2, 2, 2)).ready()).isTrue();
    }

    @Test
    @DisplayName("a Deployment is not rolled out while the controller has not observed the latest generation")
    void notObserved() {
        assertThat(RolloutWaiter.rollout(WEB, deployment(4, 2, 3L, 2, 2, 2)))
                .matches(r -> !r.ready() && r.status().equals("generation 4 observed 3, 2/2 updated, 2/2 available, 2 total"));
    }

    @Test
    @DisplayName("a Deployment is not rolled out while old replicas remain or too few are available")
    void oldReplicasOrUnavailable() {
        assertThat(RolloutWaiter.rollout(WEB, deployment(2, 2, 2L, 2, 2, 3)).ready()).isFalse();
        assertThat(RolloutWaiter.rollout(WEB, deployment(2, 2, 2L, 2, 1, 2)).ready()).isFalse();
        assertThat(RolloutWaiter.rollout(WEB, deployment(2, 2, 2L, 1, 2, 2)).ready()).isFalse();
    }

    @Test
    @DisplayName("a 409 from server-side apply yields one conflict per field, with the owning manager")
    void conflictsParsed() {
        KubernetesClientException e = new KubernetesClientException("conflict", 409, new StatusBuilder().withCode(409)
                .withReason("Conflict").withMessage("Apply failed with 2 conflicts").withNewDetails()
                .addNewCause().withReason("FieldManagerConflict").withField(".spec.replicas")
                .withMessage("conflict with \"kube-controller-manager\" using apps/v1").endCause()
                .addNewCause().withReason("FieldManagerConflict").withField(".metadata.labels.team")
                .withMessage("conflict with \"kubectl-edit\" with subresource \"\" using apps/v1").endCause()
                .endDetails().build());
        assertThat(ApiErrors.conflicts(e)).containsExactly(
                new Conflict(".spec.replicas", "kube-controller-manager", "conflict with \"kube-controller-manager\" using apps/v1"),
                new Conflict(".metadata.labels.team", "kubectl-edit", "conflict with \"kubectl-edit\" with subresource \"\" using apps/v1"));
        assertThat(ApiErrors.conflicts(new KubernetesClientException("gone", 404, null))).isEmpty();
    }

    @Test
    @DisplayName("429, 5xx, timeouts and dropped connections are transient; 4xx are not")
    void transientFailures() {
        assertThat(Retrier.transient_(new KubernetesClientException("", 429, null))).isTrue();
        assertThat(Retrier.transient_(new KubernetesClientException("", 503, null))).isTrue();
        assertThat(Retrier.transient_(new KubernetesClientException("", new SocketTimeoutException("read timed out")))).isTrue();
        assertThat(Retrier.transient_(new KubernetesClientException("", new IOException("connection reset")))).isTrue();
        assertThat(Retrier.transient_(new KubernetesClientException("", 403, null))).isFalse();
        assertThat(Retrier.transient_(new KubernetesClientException("", 409, null))).isFalse();
        assertThat(Retrier.transient_(new KubernetesClientException("", 422, null))).isFalse();
    }

    @Test
    @DisplayName("retries stop at the bound and rethrow the last failure")
    void boundedRetries() {
        Retrier retrier = new Retrier(Retry.attempts(3).backoff(Duration.ZERO, Duration.ZERO));
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retrier.call(() -> {
            throw new KubernetesClientException("dropped", new IOException("connection reset"));
        }, attempts)).isInstanceOf(KubernetesClientException.class).hasMessage("dropped");
        assertThat(attempts).hasValue(3);
    }

    @Test
    @DisplayName("the backoff doubles from the initial wait and stops at the maximum")
    void backoff() {
        Retry retry = Retry.attempts(8).backoff(Duration.ofMillis(100), Duration.ofMillis(700));
        assertThat(retry.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(retry.backoffAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(retry.backoffAfter(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(retry.backoffAfter(4)).isEqualTo(Duration.ofMillis(700));
        assertThat(retry.backoffAfter(7)).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    @DisplayName("a retry policy with no attempts or an inverted backoff is refused, naming the values")
    void retryValidation() {
        assertThatThrownBy(() -> Retry.attempts(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attempts must be at least 1, not 0");
        assertThatThrownBy(() -> Retry.defaults().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backoff must satisfy 0 <= initialBackoff (PT2S) <= maxBackoff (PT1S)");
    }

    @Test
    @DisplayName("built-in API groups need no CRD; Istio, VPA, Prometheus Operator, cert-manager, KEDA, Cilium, Gateway API do")
    void crdGroups() {
        for (String builtin : new String[] {"", "apps", "policy", "autoscaling", "networking.k8s.io", "rbac.authorization.k8s.io"}) {
            assertThat(Crds.needsDefinition(builtin)).as(builtin).isFalse();
        }
        assertThat(Crds.product("security.istio.io")).isEqualTo("Istio");
        assertThat(Crds.product("networking.istio.io")).isEqualTo("Istio");
        assertThat(Crds.product("autoscaling.k8s.io")).isEqualTo("Vertical Pod Autoscaler");
        assertThat(Crds.product("monitoring.coreos.com")).isEqualTo("Prometheus Operator");
        assertThat(Crds.product("cert-manager.io")).isEqualTo("cert-manager");
        assertThat(Crds.product("keda.sh")).isEqualTo("KEDA");
        assertThat(Crds.product("cilium.io")).isEqualTo("Cilium");
        for (String group : new String[] {"security.istio.io", "autoscaling.k8s.io", "monitoring.coreos.com", "cert-manager.io",
            "keda.sh", "cilium.io", "gateway.networking.k8s.io"}) {
            assertThat(Crds.needsDefinition(group)).as(group).isTrue();
        }
    }

    @Test
    @DisplayName("the ApplySet id is applyset-<unpadded base64url sha256 of name.namespace.kind.group>-v1 and fits a label value")
    void applySetId() {
        String id = ApplySets.id("keelson-applyset-shop-prod", "shop-prod", "Secret", "");
        assertThat(id).matches("applyset-[A-Za-z0-9_-]{43}-v1").hasSizeLessThanOrEqualTo(63)
                .isNotEqualTo(ApplySets.id("keelson-applyset-shop-dev", "shop-dev", "Secret", ""));
        // sha256("a.b.Secret.") computed independently with: printf 'a.b.Secret.' | sha256sum | xxd -r -p | basenc --base64url (padding dropped)
        assertThat(ApplySets.id("a", "b", "Secret", "")).isEqualTo("applyset-" + SHA_A_B + "-v1");
        assertThat(ApplySets.groupKind("Deployment", "apps")).isEqualTo("Deployment.apps");
        assertThat(ApplySets.groupKind("Service", "")).isEqualTo("Service");
    }

    private static final String SHA_A_B = "lRlDr4iGM8zGVJpDjLDlKTfftoyFciLlfZd2UCTXmZQ";

    @Test
    @DisplayName("--wait accepts 90s, 5m, 1h, 500ms, bare seconds and ISO-8601, and refuses anything else with an example")
    void waitDurations() {
        assertThat(ClusterOptions.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ClusterOptions.duration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ClusterOptions.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(ClusterOptions.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ClusterOptions.duration("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ClusterOptions.duration("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> ClusterOptions.duration("soon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--wait=soon is not a duration. Fix: --wait=90s, --wait=5m or --wait=1h");
        assertThatThrownBy(() -> ClusterOptions.duration("0s")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--wait=0s must be positive. Fix: --wait=5m");
    }
}

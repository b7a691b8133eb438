package dev.keelson.apply;

import dev.keelson.apply.testkit.MockCluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.apply.ObjectResult.Outcome;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults injected with the mock server's expectations, which take precedence over its CRUD store. */
class FaultInjectionTest {

    private static final Retry FAST = Retry.attempts(4).backoff(Duration.ofMillis(5), Duration.ofMillis(20));
    private static final String API_SERVICE = "/api/v1/namespaces/shop-dev/services/api?fieldManager=keelson";
    private static final String API_DEPLOYMENT = "/apis/apps/v1/namespaces/shop-dev/deployments/api?fieldManager=keelson";

    /** One server for the class, reset before each test: starting one per test was most of these tests' time. */
    @RegisterExtension
    static final MockCluster mock = new MockCluster();

    private Apply apply() {
        return mock.cluster().apply(Platforms.shop("web", "api")).environment("dev").retry(FAST);
    }

    private static Status status(int code, String reason, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
    }

    private static ObjectResult result(ApplyReport report, String object) {
        return report.objects().stream().filter(o -> o.object().toString().equals(object)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("HTTP 429 is retried with backoff, then the object is applied")
    void tooManyRequestsRetried() {
        mock.server().expect().patch().withPath(API_SERVICE).andReturn(429, status(429, "TooManyRequests", "slow down")).times(2);

        ApplyReport report = apply().run();

        assertThat(report.succeeded()).isTrue();
        assertThat(result(report, "Service shop-dev/api")).satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(r.attempts()).isEqualTo(3);
        });
        assertThat(report.toString()).contains("created       Service shop-dev/api [3 attempts]");
    }

    @Test
    @DisplayName("HTTP 500 is retried with backoff, then the object is applied")
    void serverErrorRetried() {
        mock.server().expect().patch().withPath(API_DEPLOYMENT).andReturn(500, status(500, "InternalError", "etcd hiccup")).once();

        ApplyReport report = apply().run();

        assertThat(report.succeeded()).isTrue();
        assertThat(result(report, "Deployment shop-dev/api").attempts()).isEqualTo(2);
        assertThat(mock.client().apps().deployments().inNamespace("shop-dev").withName("api").get()).isNotNull();
    }

    @Test
    @DisplayName("a persistent 500 reports what was applied and what was not; running again converges")
    void persistentServerErrorReportsPartialState() {
        mock.server().expect().patch().withPath(API_SERVICE).andReturn(500, status(500, "InternalError", "etcd is down")).times(4);

        ApplyReport partial = apply().run();

        assertThat(partial.succeeded()).isFalse();
        assertThat(partial.exitCode()).isEqualTo(1);
        assertThat(partial.objects()).extracting(o -> o.outcome() + " " + o.object()).containsExactly(
                "CREATED Namespace shop-dev", "CREATED ServiceAccount shop-dev/web", "CREATED ServiceAccount shop-dev/api",
                "CREATED Service shop-dev/web", "FAILED Service shop-dev/api", "NOT_ATTEMPTED Deployment shop-dev/web",
                "NOT_ATTEMPTED Deployment shop-dev/api");
        assertThat(result(partial, "Service shop-dev/api").message()).isEqualTo("HTTP 500: etcd is down (after 4 attempts)");
        assertThat(mock.client().apps().deployments().inNamespace("shop-dev").list().getItems()).isEmpty();
        assertThat(partial.toString()).contains("  failed        Service shop-dev/api [4 attempts]\n",
                "  not applied   Deployment shop-dev/web\n",
                "FAILED: 4 created, 1 failed, 2 not applied. What is marked created, changed or unchanged is in place;");

        ApplyReport again = apply().run();

        assertThat(again.succeeded()).isTrue();
        assertThat(again.objects()).extracting(o -> o.outcome() + " " + o.object()).containsExactly(
                "UNCHANGED Namespace shop-dev", "UNCHANGED ServiceAccount shop-dev/web", "UNCHANGED ServiceAccount shop-dev/api",
                "UNCHANGED Service shop-dev/web", "CREATED Service shop-dev/api", "CREATED Deployment shop-dev/web",
                "CREATED Deployment shop-dev/api");
    }

    @Test
    @DisplayName("a failure is not retried when retrying cannot help (422), and is reported with how to fix it")
    void invalidNotRetried() {
        mock.server().expect().patch().withPath(API_SERVICE)
                .andReturn(422, status(422, "Invalid", "Service \"api\" is invalid: spec.ports[0].port: Invalid value: 0")).always();

        ApplyReport report = apply().run();

        ObjectResult r = result(report, "Service shop-dev/api");
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.message()).isEqualTo("HTTP 422 invalid: Service \"api\" is invalid: spec.ports[0].port: Invalid value: 0. "
                + "Fix: correct the object in the platform (customize(...))");
    }

    @Test
    @DisplayName("a 409 conflict is reported per object and field with the field manager that owns it; nothing later is applied")
    void conflictReportedWithOwner() {
        apply().run();
        mock.server().expect().patch().withPath(API_DEPLOYMENT).andReturn(409, new StatusBuilder().withStatus("Failure")
                .withCode(409).withReason("Conflict")
                .withMessage("Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1: .spec.replicas")
                .withNewDetails().withName("api").withGroup("apps").withKind("deployments")
                .addNewCause().withReason("FieldManagerConflict").withMessage("conflict with \"kubectl-edit\" using apps/v1")
                .withField(".spec.replicas").endCause().endDetails().build()).always();

        ApplyReport report = apply().run();

        ObjectResult r = result(report, "Deployment shop-dev/api");
        assertThat(r.outcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.conflicts()).containsExactly(
                new Conflict(".spec.replicas", "kubectl-edit", "conflict with \"kubectl-edit\" using apps/v1"));
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.toString()).contains("  conflict      Deployment shop-dev/api\n"
                + "                  conflict: .spec.replicas is owned by 'kubectl-edit'\n"
                + "                  Fix: let Keelson own these fields with --force-conflicts");
    }

    @Test
    @DisplayName("--force-conflicts sends force=true, so the server gives Keelson the conflicting fields")
    void forceConflicts() {
        mock.server().expect().patch().withPath(API_DEPLOYMENT).andReturn(409, status(409, "Conflict",
                "Apply failed with 1 conflict: conflict with \"kubectl-edit\"")).always();

        ApplyReport report = apply().forceConflicts().run();

        assertThat(report.succeeded()).isTrue();
        List<String> patches = mock.requests().stream().filter(r -> r.startsWith("PATCH") && r.contains("/deployments/")).toList();
        assertThat(patches).isNotEmpty().allMatch(r -> r.contains("force=true"));
    }

    @Test
    @DisplayName("a prune whose delete answers 404 (already gone, or an earlier attempt's answer was lost) counts as pruned")
    void pruneOfVanishedObject() {
        apply().run();
        mock.server().expect().delete().withPath("/apis/apps/v1/namespaces/shop-dev/deployments/api")
                .andReturn(404, status(404, "NotFound", "deployments.apps \"api\" not found")).once();

        ApplyReport report = mock.cluster().apply(Platforms.shop("web")).environment("dev").retry(FAST).prune().run();

        assertThat(report.succeeded()).isTrue();
        assertThat(result(report, "Deployment shop-dev/api").outcome()).isEqualTo(Outcome.PRUNED);
    }

    @Test
    @DisplayName("a prune delete that keeps failing is reported, and a later run prunes what is left")
    void pruneFailureKeepsMembership() {
        apply().run();
        mock.server().expect().delete().withPath("/apis/apps/v1/namespaces/shop-dev/deployments/api")
                .andReturn(403, status(403, "Forbidden", "deployments.apps \"api\" is forbidden")).always();

        ApplyReport report = mock.cluster().apply(Platforms.shop("web")).environment("dev").retry(FAST).prune().run();

        assertThat(report.succeeded()).isFalse();
        assertThat(result(report, "Deployment shop-dev/api").message()).startsWith("prune: HTTP 403 forbidden:");
        assertThat(result(report, "Service shop-dev/api").outcome()).isEqualTo(Outcome.PRUNED);
        assertThat(mock.client().apps().deployments().inNamespace("shop-dev").withName("api").get()).isNotNull();

        mock.server().clearExpectations();
        ApplyReport again = mock.cluster().apply(Platforms.shop("web")).environment("dev").retry(FAST).prune().run();

        assertThat(again.succeeded()).isTrue();
        assertThat(again.objects()).filteredOn(o -> o.outcome() == Outcome.PRUNED).extracting(o -> o.object().toString())
                .containsExactly("Deployment shop-dev/api");
    }
}

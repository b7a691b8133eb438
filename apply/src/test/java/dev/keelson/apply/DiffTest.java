package dev.keelson.apply;

import dev.keelson.apply.testkit.MockCluster;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Apply#diff()}: unified diffs per object from reads and server-side dry runs only. */
class DiffTest {

    /** One server for the class, reset before each test: starting one per test was most of these tests' time. */
    @RegisterExtension
    static final MockCluster mock = new MockCluster();

    private DiffReport diff(dev.keelson.core.Platform platform, boolean prune) {
        Apply apply = mock.cluster().apply(platform).environment("dev");
        return (prune ? apply.prune() : apply).diff();
    }

    @Test
    @DisplayName("against an empty cluster every object would be created (exit 1), and nothing is written")
    void everythingCreated() {
        DiffReport diff = diff(Platforms.shop("web"), false);

        assertThat(diff.exitCode()).isEqualTo(1);
        assertThat(diff.objects()).allMatch(d -> d.change() == ObjectDiff.Change.CREATE);
        assertThat(diff.objects().get(0).unifiedDiff()).startsWith("--- /dev/null\n+++ keelson: Namespace shop-dev\n"
                + "@@ -0,0 +1,");
        assertThat(mock.writes()).isEmpty();
    }

    @Test
    @DisplayName("after apply, nothing would change (exit 0) and no diff is printed")
    void nothingChanges() {
        mock.cluster().apply(Platforms.shop("web")).environment("dev").run();

        DiffReport diff = diff(Platforms.shop("web"), false);

        assertThat(diff.exitCode()).isZero();
        assertThat(diff.objects()).allMatch(d -> d.change() == ObjectDiff.Change.UNCHANGED && d.unifiedDiff().isEmpty());
        assertThat(diff.toString()).startsWith("dry run: apply shop/dev");
    }

    @Test
    @DisplayName("a changed image shows as a unified diff of the Deployment's YAML, with the changed field named")
    void changedImage() {
        mock.cluster().apply(Platforms.shop("web")).environment("dev").run();

        DiffReport diff = diff(Platforms.shopAt("1.1.0", "web"), false);

        assertThat(diff.exitCode()).isEqualTo(1);
        ObjectDiff changed = diff.objects().stream().filter(d -> d.change() == ObjectDiff.Change.CHANGE).findFirst().orElseThrow();
        assertThat(changed.fields()).containsExactly("spec.template.spec.containers[0].image");
        Approvals.verify(diff.objects().stream().map(ObjectDiff::unifiedDiff).collect(Collectors.joining()));
    }

    @Test
    @DisplayName("with prune, the diff previews the deletion of a removed tier, without deleting it")
    void prunePreview() {
        mock.cluster().apply(Platforms.shop("web", "api")).environment("dev").run();
        int writes = mock.writes().size();

        DiffReport withoutPrune = diff(Platforms.shop("web"), false);
        DiffReport withPrune = diff(Platforms.shop("web"), true);

        assertThat(withoutPrune.exitCode()).isZero();
        assertThat(withoutPrune.plan().orphans()).hasSize(3);
        assertThat(withPrune.exitCode()).isEqualTo(1);
        assertThat(withPrune.objects()).filteredOn(d -> d.change() == ObjectDiff.Change.PRUNE)
                .extracting(d -> d.object().toString())
                .containsExactly("Deployment shop-dev/api", "Service shop-dev/api", "ServiceAccount shop-dev/api");
        assertThat(withPrune.toString()).contains("--- cluster: Service shop-dev/api\n+++ /dev/null\n",
                "would prune   Deployment shop-dev/api");
        assertThat(mock.writes()).hasSize(writes);
        assertThat(mock.client().apps().deployments().inNamespace("shop-dev").withName("api").get()).isNotNull();
    }
}

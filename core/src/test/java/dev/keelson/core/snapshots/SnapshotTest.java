package dev.keelson.core.snapshots;

import dev.keelson.core.Platform;
import java.nio.file.Path;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Locks the files {@code writeTo} produces for representative platforms. Each approved file is
 * the whole {@code dist/} tree, file by file; it was read before it was approved.
 */
@DisplayName("Snapshots of the written YAML")
class SnapshotTest {

    private static final Options YAML = new Options().withReporter(QuietReporter.INSTANCE).forFile().withExtension(".yaml");

    private static void verify(Platform platform, Path scratch) {
        Approvals.verify(Trees.written(platform, scratch), YAML);
    }

    @Test
    @DisplayName("a one-tier platform writes a namespace file and a tier file for prod")
    void oneTier(@TempDir Path dist) {
        verify(SnapshotPlatforms.oneTier(), dist);
    }

    @Test
    @DisplayName("three tiers across dev, staging and prod with ingress, TLS, config, secrets, overrides and dependencies")
    void threeTiers(@TempDir Path dist) {
        verify(SnapshotPlatforms.threeTiers(), dist);
    }

    @Test
    @DisplayName("every workload kind: StatefulSet with headless Service and budget, Job before the API, CronJob, DaemonSet")
    void workloadKinds(@TempDir Path dist) {
        verify(SnapshotPlatforms.workloadKinds(), dist);
    }

    @Test
    @DisplayName("escape hatches: customized Deployment and Service, a raw ConfigMap, a raw object in prod only")
    void escapeHatches(@TempDir Path dist) {
        verify(SnapshotPlatforms.escapeHatches(), dist);
    }
}

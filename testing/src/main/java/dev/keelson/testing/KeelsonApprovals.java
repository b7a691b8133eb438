package dev.keelson.testing;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Problem;
import dev.keelson.core.Require;
import dev.keelson.core.Synth;
import java.util.List;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;

/**
 * Snapshot tests of a whole platform in one line, with ApprovalTests: the YAML Keelson would write,
 * every environment in one file, compared with the approved file next to the test.
 *
 * <pre>{@code
 * @Test
 * void platformIsUnchanged() {
 *     KeelsonApprovals.verify(MyPlatform.build());            // every environment
 * }
 *
 * @Test
 * void prodIsUnchanged() {
 *     KeelsonApprovals.verify(MyPlatform.build(), "prod");    // only prod
 * }
 * }</pre>
 *
 * <p>The first run fails and writes {@code <TestClass>.<testMethod>.received.yaml}; read it, then rename it
 * to {@code .approved.yaml} and commit it. Later runs fail on any difference and show it. The file starts
 * each environment with a comment naming it, its namespace, its object count and its warnings, so a new
 * warning changes the snapshot too. Output is byte-for-byte deterministic, so no scrubbing is needed.
 */
public final class KeelsonApprovals {

    private static final Options YAML = new Options().forFile().withExtension(".yaml");
    private static final Options JSON = new Options().forFile().withExtension(".json");

    private KeelsonApprovals() {
    }

    /**
     * Verifies the YAML of {@code environments} of {@code platform} (all of them when none are named)
     * against the approved file of the calling test.
     *
     * @throws IllegalArgumentException naming an unknown environment
     * @throws dev.keelson.core.ValidationException when synthesis fails
     */
    public static void verify(Platform platform, String... environments) {
        Require.nonNull(platform, "platform");
        Require.noNulls(environments, "environments");
        verify(platform, YAML, environments);
    }

    /** Like {@link #verify(Platform, String...)}, with ApprovalTests options (reporter, name, scrubber). */
    public static void verify(Platform platform, Options options, String... environments) {
        Require.nonNull(platform, "platform");
        Require.nonNull(options, "options");
        Require.noNulls(environments, "environments");
        Approvals.verify(snapshot(platform, environments), options.forFile().withExtension(".yaml"));
    }

    /** Verifies one manifest's YAML against the approved file of the calling test. */
    public static void verify(Manifest manifest) {
        Require.nonNull(manifest, "manifest");
        Approvals.verify(snapshot(manifest), YAML);
    }

    /**
     * Verifies YAML you assembled yourself (some objects of a manifest, several manifests under your own headers)
     * against the approved {@code <TestClass>.<testMethod>.approved.yaml} of the calling test, byte for byte.
     *
     * <pre>{@code
     * KeelsonApprovals.verifyYaml(Keelson.synth(platform).manifest("prod").toYaml());
     * }</pre>
     */
    public static void verifyYaml(String yaml) {
        Require.nonNull(yaml, "yaml");
        Approvals.verify(yaml, YAML);
    }

    /**
     * Verifies a JSON document (a generated dashboard, say) against the approved
     * {@code <TestClass>.<testMethod>.approved.json} of the calling test, byte for byte: pretty-print it first
     * if its layout is not stable.
     */
    public static void verifyJson(String json) {
        Require.nonNull(json, "json");
        Approvals.verify(json, JSON);
    }

    /** The text {@link #verify(Platform, String...)} approves: every chosen environment's manifest, in order. */
    public static String snapshot(Platform platform, String... environments) {
        Require.nonNull(platform, "platform");
        Require.noNulls(environments, "environments");
        Synth synth = Keelson.synth(platform);
        if (environments.length > 0) {
            synth = synth.environments(environments);
        }
        List<Manifest> manifests = synth.manifests();
        StringBuilder out = new StringBuilder();
        for (Manifest m : manifests) {
            out.append(snapshot(m));
        }
        return out.toString();
    }

    /** The text {@link #verify(Manifest)} approves: a header comment, then the YAML stream. */
    public static String snapshot(Manifest manifest) {
        Require.nonNull(manifest, "manifest");
        StringBuilder out = new StringBuilder();
        out.append("# environment ").append(manifest.environment()).append(", namespace ").append(manifest.namespace())
                .append(", ").append(manifest.size()).append(manifest.size() == 1 ? " object" : " objects").append('\n');
        for (Problem w : manifest.warnings()) {
            out.append("# warning: ").append(w.toString().replace('\n', ' ')).append('\n');
        }
        out.append(manifest.toYaml());
        return out.toString();
    }
}

package dev.keelson.mesh;

import dev.keelson.core.Image;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Require;
import dev.keelson.core.Tier;
import dev.keelson.core.TierFeature;
import dev.keelson.core.spi.Problems;
import dev.keelson.core.spi.TierExtension;
import dev.keelson.mesh.internal.TierValidator;

/**
 * A second version of a tier running beside the stable one, and how traffic is split between
 * them: {@link Canary}, {@link BlueGreen}, {@link AbTest} or {@link Mirror}. At most one per tier.
 *
 * <p>{@link MeshPolicy} adds a Deployment {@code <tier>-<version>} (same ServiceAccount, so the
 * same identity and authorization; pod label {@code version=<version>}), a DestinationRule subset
 * per version, and routes in the tier's VirtualService (and in its gateway VirtualService, so
 * outside traffic is split too). Core's Deployment keeps {@code version=stable}; the Service
 * selects every version.
 *
 * <pre>{@code
 * .with(Canary.of("ghcr.io/acme/api:2.5.0", 10))
 * }</pre>
 */
public sealed interface TrafficSplit extends TierFeature permits Canary, BlueGreen, AbTest, Mirror {

    /** The new version's image; it must differ from the stable one. */
    Image image();

    /** The new version's {@code version} label and subset name. */
    String version();

    /** The new version's replica count. */
    int replicas();

    /** The path segment validation reports under, e.g. {@code canary}. */
    String kind();

    /** What carries this split out during synthesis; called by Keelson, not by users. */
    @Override
    default TierExtension extension() {
        TrafficSplit split = this;
        return new TierExtension() {
            @Override
            public void validate(Platform platform, Tier tier, ModelPath path, Problems problems) {
                Require.nonNull(platform, "platform");
                Require.nonNull(tier, "tier");
                Require.nonNull(path, "path");
                Require.nonNull(problems, "problems");
                TierValidator.split(split, platform, tier, path, problems);
            }
        };
    }
}

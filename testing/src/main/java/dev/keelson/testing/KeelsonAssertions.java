package dev.keelson.testing;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Require;
import dev.keelson.core.ValidationException;

/**
 * AssertJ entry points for Keelson: assertions on synthesized manifests and their objects, and on the
 * problems a platform is refused with. Static-import {@code assertThat} next to AssertJ's own; the
 * overloads do not clash.
 *
 * <pre>{@code
 * import static dev.keelson.testing.KeelsonAssertions.assertThat;
 *
 * Manifest prod = Keelson.synth(platform).manifest("prod");
 * assertThat(prod).deployment("api")
 *     .runsAsNonRoot().hasReadOnlyRootFilesystem().dropsAllCapabilities().hasReplicas(3);
 * assertThat(prod).service("api").exposesPort("grpc", 9090);
 * assertThat(prod).hasObject(NetworkPolicy.class, "api").networkPolicy("api").allowsIngressOnPort(9090);
 * assertThat(prod).eachDeployment(d -> d.runsAsNonRoot().doesNotMountServiceAccountToken());
 *
 * assertThatBuilding(Platform.named("shop").tier(Tier.named("api")))
 *     .hasProblem("shop/tiers/api/image", "has no image");
 * }</pre>
 *
 * <p>Failure messages say what was expected, what was found and where (kind, name, environment).
 */
public final class KeelsonAssertions {

    private KeelsonAssertions() {
    }

    /** Assertions on one environment's manifest. */
    public static ManifestAssert assertThat(Manifest manifest) {
        Require.nonNull(manifest, "manifest");
        return new ManifestAssert(manifest);
    }

    /** Assertions on the manifest of {@code environment} of {@code platform} (synthesized here). */
    public static ManifestAssert assertThat(Platform platform, String environment) {
        Require.nonNull(platform, "platform");
        Require.nonNull(environment, "environment");
        return new ManifestAssert(Keelson.synth(platform).manifest(environment));
    }

    /**
     * Assertions on the problems {@code builder.build()} is refused with; fails if it builds.
     *
     * <pre>{@code
     * assertThatBuilding(builder).hasProblem("shop/tiers/api/scaling", "exceeds maxReplicas");
     * }</pre>
     */
    public static ProblemsAssert assertThatBuilding(Platform.Builder builder) {
        Require.nonNull(builder, "builder");
        try {
            Platform platform = builder.build();
            return new ProblemsAssert(null, "building platform '" + platform.name() + "'");
        } catch (ValidationException e) {
            return new ProblemsAssert(e, "building platform '" + e.platform() + "'");
        }
    }

    /**
     * Assertions on the problems synthesizing {@code environment} of {@code platform} fails with (a
     * feature's or the policy check's errors); fails if it synthesizes.
     */
    public static ProblemsAssert assertThatSynthesis(Platform platform, String environment) {
        Require.nonNull(platform, "platform");
        Require.nonNull(environment, "environment");
        try {
            Keelson.synth(platform).manifest(environment);
            return new ProblemsAssert(null, "synthesizing '" + environment + "' of platform '" + platform.name() + "'");
        } catch (ValidationException e) {
            return new ProblemsAssert(e, "synthesizing '" + environment + "' of platform '" + platform.name() + "'");
        }
    }
}

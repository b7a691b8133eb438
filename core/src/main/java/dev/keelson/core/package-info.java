/**
 * Keelson's core: the model ({@link dev.keelson.core.Platform}, {@link dev.keelson.core.Environment},
 * {@link dev.keelson.core.Tier} and their value types), validation, the feature SPI
 * ({@link dev.keelson.core.PlatformFeature}, {@link dev.keelson.core.TierFeature},
 * {@link dev.keelson.core.spi.FeatureContext}, {@link dev.keelson.core.Flows}), synthesis and the YAML output.
 *
 * <p>{@code dev.keelson.core.internal} is implementation, not API: it may change in any release.
 *
 * <p>Nothing in this package accepts or returns {@code null} unless it is marked
 * {@link org.jspecify.annotations.Nullable}; a {@code null} argument elsewhere fails at once with a
 * {@link NullPointerException} that names the call and the parameter ({@link dev.keelson.core.Require}).
 */
@NullMarked
package dev.keelson.core;

import dev.keelson.core.spi.FeatureContext;
import org.jspecify.annotations.NullMarked;

/**
 * Keelson's core: the model ({@link dev.keelson.core.Platform}, {@link dev.keelson.core.Environment},
 * {@link dev.keelson.core.Tier} and their value types), validation, the feature SPI
 * ({@link dev.keelson.core.PlatformFeature}, {@link dev.keelson.core.TierFeature},
 * {@link dev.keelson.core.Synthesis}, {@link dev.keelson.core.Flows}), synthesis and the YAML output.
 *
 * <p>{@code dev.keelson.core.internal} is implementation, not API: it may change in any release.
 */
package dev.keelson.core;

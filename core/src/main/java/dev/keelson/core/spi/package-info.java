/**
 * The extension points: what a feature module (or a user's own feature) implements to take part
 * in synthesis. {@link dev.keelson.core.spi.PlatformExtension} and
 * {@link dev.keelson.core.spi.TierExtension} act in the phases of a synthesis;
 * {@link dev.keelson.core.spi.FeatureContext} is what they see of one environment being
 * synthesized, {@link dev.keelson.core.spi.TierObjects} the objects of one tier,
 * {@link dev.keelson.core.spi.Problems} where they report what they find. Users who only configure
 * a platform never need this package, as JUnit's {@code api.extension} is apart from its
 * {@code api}.
 */
@NullMarked
package dev.keelson.core.spi;

import org.jspecify.annotations.NullMarked;

package dev.keelson.core;

import dev.keelson.core.spi.PlatformExtension;

/**
 * A capability given to a whole platform with {@link Platform.Builder#with(PlatformFeature)}: a
 * security baseline, a mesh policy, observability. The class users configure holds settings only;
 * what it does during synthesis is its {@link #extension()}, in the SPI package
 * ({@link dev.keelson.core.spi}), which is where a new feature is written.
 *
 * <pre>{@code
 * Platform.named("shop").with(SecurityBaseline.restricted())...
 * }</pre>
 */
public interface PlatformFeature {

    /**
     * What carries this feature out during synthesis; called by Keelson, not by users.
     *
     * @return the feature's extension, which must not be {@code null}
     */
    PlatformExtension extension();
}

package dev.keelson.core;

import org.jspecify.annotations.Nullable;

/**
 * A reference to an existing Secret: Keelson never holds or writes secret values.
 *
 * <p>Either one key exposed as an environment variable ({@link Tier.Builder#secretEnv}), or the
 * whole Secret mounted read-only as files ({@link Tier.Builder#secretFiles}), which security
 * checkers prefer (environment variables leak into crash dumps and child processes).
 *
 * @param secretName the Secret's name
 * @param key the key in the Secret ({@code null} when mounted as files)
 * @param envName the environment variable ({@code null} when mounted as files)
 * @param mountPath the directory the files appear in ({@code null} for an environment variable)
 */
public record SecretRef(String secretName, @Nullable String key, @Nullable String envName,
                        @Nullable String mountPath) {

    /**
     * Checks {@code secretName} at once, naming the argument and the call when one is invalid.
     *
     * @param secretName the Secret's name
     * @param key the key in the Secret ({@code null} when mounted as files)
     * @param envName the environment variable ({@code null} when mounted as files)
     * @param mountPath the directory the files appear in ({@code null} for an environment variable)
     */
    public SecretRef {
        Require.nonNull(secretName, "secretName");
    }

    /** Whether this reference is mounted as files. */
    public boolean mounted() {
        return mountPath != null;
    }
}

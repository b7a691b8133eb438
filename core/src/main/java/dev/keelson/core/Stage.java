package dev.keelson.core;

/**
 * What an environment is for. Features read it: fault injection is refused in
 * {@code PRODUCTION}, security baselines differ between development and production.
 */
public enum Stage {
    DEVELOPMENT,
    STAGING,
    PRODUCTION
}

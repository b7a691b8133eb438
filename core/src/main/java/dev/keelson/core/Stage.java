package dev.keelson.core;

/**
 * What an environment is for. Features read it: fault injection is refused in
 * {@code PRODUCTION}, security baselines differ between development and production.
 */
public enum Stage {
    /** Where developers try changes: the most lenient defaults. */
    DEVELOPMENT,
    /** A rehearsal of production: production's security, its own scale. */
    STAGING,
    /** What users reach: the strictest defaults, and no fault injection. */
    PRODUCTION
}

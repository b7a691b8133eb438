/**
 * Implementation of Keelson apply: the apply engine, retries, ApplySet bookkeeping, CRD checks and
 * the YAML diff. Internal: not API, may change in any release.
 */
package dev.keelson.apply.internal;

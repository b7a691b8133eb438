package dev.keelson.security;

import dev.keelson.core.Require;
import java.util.Locale;

/**
 * A Pod Security Standards level, as enforced by Kubernetes' Pod Security Admission. Levels are
 * ordered: {@code PRIVILEGED < BASELINE < RESTRICTED}.
 *
 * <pre>{@code
 * SecurityBaseline.restricted().in(Stage.DEVELOPMENT, PodSecurityLevel.BASELINE)
 * }</pre>
 */
public enum PodSecurityLevel {
    /** Unrestricted: pod security checks only warn. Explicitly unsafe; never use it for production. */
    PRIVILEGED,
    /** Prevents known privilege escalations (no host namespaces, no privileged containers, ...). */
    BASELINE,
    /** Current pod hardening best practice: non-root, no privilege escalation, drop ALL, seccomp. */
    RESTRICTED;

    /** The value of the {@code pod-security.kubernetes.io/*} labels: {@code privileged}, {@code baseline}, {@code restricted}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this level is at least as strict as {@code other}. */
    public boolean atLeast(PodSecurityLevel other) {
        Require.nonNull(other, "other");
        return compareTo(other) >= 0;
    }
}

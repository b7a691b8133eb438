package dev.keelson.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes minor version a platform targets ({@code 1.28}): it pins the Pod Security
 * Admission version labels, and {@code check} reports fields and APIs the target does not serve.
 *
 * <pre>{@code
 * Platform.named("shop").kubernetes("1.28")...      // the report's cluster
 * KubernetesVersion.of("v1.30.4")                    // patch and a leading v are accepted: 1.30
 * }</pre>
 *
 * @param minor the minor version (the major is always 1)
 */
public record KubernetesVersion(int minor) implements Comparable<KubernetesVersion> {

    /**
     * The oldest minor release still supported upstream when this Keelson was released: 1.35 (1.34
     * reached its end of life on 2026-10-27; 1.35 is supported until 2027-02-28). The default target
     * of a platform that names none.
     */
    public static final KubernetesVersion DEFAULT = new KubernetesVersion(35);

    /** The oldest version Keelson can target: Pod Security Admission is GA (PodSecurityPolicy is gone) from 1.25 on. */
    public static final KubernetesVersion OLDEST = new KubernetesVersion(25);

    private static final int OLDEST_MINOR = 25;
    private static final Pattern VERSION = Pattern.compile("v?1\\.(\\d{1,3})(?:\\.\\d{1,4})?");

    /**
     * Checks the components at once, naming the one that is invalid.
     *
     * @param minor the minor version (the major is always 1)
     */
    public KubernetesVersion {
        if (minor < OLDEST_MINOR) {
            throw new IllegalArgumentException("Kubernetes 1." + minor + " is older than Keelson can target (1."
                    + OLDEST_MINOR + ", the first release with Pod Security Admission GA and no PodSecurityPolicy). "
                    + "Fix: target 1." + OLDEST_MINOR + " or later");
        }
    }

    /**
     * Parses {@code 1.28}, {@code v1.28} or {@code 1.28.3} (the patch is ignored).
     *
     * @throws IllegalArgumentException naming the value and the accepted forms
     * @throws NullPointerException when {@code version} is null
     */
    public static KubernetesVersion of(String version) {
        Require.nonNull(version, "version");
        Matcher m = VERSION.matcher(version.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("KubernetesVersion.of(\"" + version + "\"): not a Kubernetes version. "
                    + "Fix: write it as 1.<minor>, e.g. \"1.28\" (\"v1.28\" and \"1.28.3\" are accepted too)");
        }
        return new KubernetesVersion(Integer.parseInt(m.group(1)));
    }

    /** Whether this version is {@code other} or newer. */
    public boolean atLeast(KubernetesVersion other) {
        Require.nonNull(other, "other");
        return minor >= other.minor;
    }

    /** {@code v1.28}: the form Pod Security Admission's version labels take. */
    public String label() {
        return "v1." + minor;
    }

    @Override
    public int compareTo(KubernetesVersion other) {
        Require.nonNull(other, "other");
        return Integer.compare(minor, other.minor);
    }

    /** {@code 1.28}. */
    @Override
    public String toString() {
        return "1." + minor;
    }
}

package dev.keelson.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A place the platform runs: its own namespace, a stage, per-tier overrides, and optionally its own
 * certificate issuer.
 *
 * <pre>{@code
 * Environment.dev()                                  // namespace <platform>-dev, stage DEVELOPMENT
 * Environment.prod().override("api", TierOverride.replicas(4))
 * Environment.named("qa", Stage.STAGING).namespace("qa-shop")
 * Environment.staging().certificateIssuer(Tls.clusterIssuer("letsencrypt-staging"))
 * }</pre>
 *
 * @param name the environment's name (a DNS label); the output goes to {@code dist/<name>/}
 * @param stage what the environment is for
 * @param namespace the namespace, or {@code null} for the default {@code <platform>-<name>}
 * @param overrides per-tier overrides, by tier name, in declaration order
 * @param certificateIssuer the TLS setting of exposed tiers that set none themselves, or
 *     {@code null} for the platform's ({@link Platform#certificateIssuer()})
 */
public record Environment(String name, Stage stage, @Nullable String namespace, Map<String, TierOverride> overrides,
                          @Nullable Tls certificateIssuer) {

    /**
     * Checks {@code name}, {@code stage} and {@code overrides} at once, naming the argument and the call when one is
     * invalid. Copies the collections, so the value stays immutable.
     *
     * @param name the environment's name (a DNS label); the output goes to {@code dist/<name>/}
     * @param stage what the environment is for
     * @param namespace the namespace, or {@code null} for the default {@code <platform>-<name>}
     * @param overrides per-tier overrides, by tier name, in declaration order
     * @param certificateIssuer the TLS setting of exposed tiers that set none themselves, or
     *     {@code null} for the platform's ({@link Platform#certificateIssuer()})
     */
    public Environment {
        Require.nonNull(name, "name");
        Require.nonNull(stage, "stage");
        Require.noNulls(overrides, "overrides");
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** An environment with the platform's certificate issuer. */
    public Environment(String name, Stage stage, @Nullable String namespace, Map<String, TierOverride> overrides) {
        this(name, stage, namespace, overrides, null);
    }

    /** {@code dev}, stage {@link Stage#DEVELOPMENT}. */
    public static Environment dev() {
        return named("dev", Stage.DEVELOPMENT);
    }

    /** {@code staging}, stage {@link Stage#STAGING}. */
    public static Environment staging() {
        return named("staging", Stage.STAGING);
    }

    /** {@code prod}, stage {@link Stage#PRODUCTION}. */
    public static Environment prod() {
        return named("prod", Stage.PRODUCTION);
    }

    /** A custom environment. */
    public static Environment named(String name, Stage stage) {
        Require.nonNull(name, "name");
        Require.nonNull(stage, "stage");
        return new Environment(name, stage, null, Map.of());
    }

    /**
     * This environment in another namespace than {@code <platform>-<name>}. {@code build()} refuses
     * Kubernetes' own namespaces ({@code default}, {@code kube-*}), the cluster services' and
     * {@code istio-system}, Istio's root namespace, where the platform's mesh policies would apply
     * to the whole mesh.
     */
    public Environment namespace(String newNamespace) {
        Require.nonNull(newNamespace, "newNamespace");
        return new Environment(name, stage, newNamespace, overrides, certificateIssuer);
    }

    /**
     * This environment with its own certificate issuer for exposed tiers that set no TLS themselves
     * (a staging ACME issuer outside production, say). Default: the platform's.
     */
    public Environment certificateIssuer(Tls issuer) {
        Require.nonNull(issuer, "issuer");
        return new Environment(name, stage, namespace, overrides, issuer);
    }

    /** This environment with an override for {@code tier}, merged over any earlier one. */
    public Environment override(String tier, TierOverride override) {
        Require.nonNull(tier, "tier");
        Require.nonNull(override, "override");
        var copy = new LinkedHashMap<>(overrides);
        copy.merge(tier, override, TierOverride::then);
        return new Environment(name, stage, namespace, copy, certificateIssuer);
    }

    /** The override for {@code tier}, or {@link TierOverride#NONE}. */
    public TierOverride overrideFor(String tier) {
        Require.nonNull(tier, "tier");
        return overrides.getOrDefault(tier, TierOverride.NONE);
    }

    /** The namespace in platform {@code platformName}. */
    public String namespaceIn(String platformName) {
        Require.nonNull(platformName, "platformName");
        return namespace != null ? namespace : platformName + "-" + name;
    }

    /** Whether this is a production environment. */
    public boolean production() {
        return stage == Stage.PRODUCTION;
    }
}

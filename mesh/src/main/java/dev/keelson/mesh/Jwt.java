package dev.keelson.mesh;

import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Require;
import dev.keelson.core.Tier;
import dev.keelson.core.TierFeature;
import dev.keelson.core.spi.Problems;
import dev.keelson.core.spi.TierExtension;
import dev.keelson.mesh.internal.TierValidator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * End-user authentication with JSON Web Tokens for one tier: a RequestAuthentication (issuer,
 * JWKS) and, always with it, the requirement of a valid token in the tier's AuthorizationPolicy
 * ({@code requestPrincipals}, optionally claims). A RequestAuthentication alone would accept
 * requests without a token, so Keelson never emits one alone.
 *
 * <pre>{@code
 * Jwt.issuer("https://auth.example.com").jwksUri("https://auth.example.com/.well-known/jwks.json")
 *     .audiences("orders-api")
 *     .claim("scope", "orders:read")
 * }</pre>
 *
 * @param issuer the token issuer ({@code iss})
 * @param jwksUri where the signing keys are published (HTTPS)
 * @param audiences accepted {@code aud} values; empty for any
 * @param claims required claim values (any of the listed values per claim); empty for none
 * @param ingressOnly whether only outside traffic (INGRESS flows) needs a token; default false:
 *     calls from other tiers need one too (forward it)
 */
public record Jwt(String issuer, @Nullable String jwksUri, List<String> audiences, Map<String, List<String>> claims,
                  boolean ingressOnly) implements TierFeature {

    /**
     * Checks {@code issuer}, {@code audiences} and {@code claims} at once, naming the argument and the call when one
     * is invalid. Copies the collections, so the value stays immutable.
     *
     * @param issuer the token issuer ({@code iss})
     * @param jwksUri where the signing keys are published (HTTPS)
     * @param audiences accepted {@code aud} values; empty for any
     * @param claims required claim values (any of the listed values per claim); empty for none
     * @param ingressOnly whether only outside traffic (INGRESS flows) needs a token; default false:
     *     calls from other tiers need one too (forward it)
     */
    public Jwt {
        Require.nonNull(issuer, "issuer");
        Require.noNulls(audiences, "audiences");
        Require.noNulls(claims, "claims");
        for (Map.Entry<String, List<String>> claim : claims.entrySet()) {
            Require.noNulls(claim.getValue(), "claims");
        }
        audiences = List.copyOf(audiences);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        claims.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        claims = Collections.unmodifiableMap(copy);
    }

    /** Tokens from {@code issuer}; name the JWKS next. */
    public static Jwt issuer(String issuer) {
        Require.nonNull(issuer, "issuer");
        return new Jwt(issuer, null, List.of(), Map.of(), false);
    }

    /** The keys' location (HTTPS). */
    public Jwt jwksUri(String uri) {
        Require.nonNull(uri, "uri");
        return new Jwt(issuer, uri, audiences, claims, ingressOnly);
    }

    /** The accepted audiences. */
    public Jwt audiences(String... values) {
        Require.noNulls(values, "values");
        return new Jwt(issuer, jwksUri, List.of(values), claims, ingressOnly);
    }

    /** Requires claim {@code name} to hold one of {@code values}. */
    public Jwt claim(String name, String... values) {
        Require.nonNull(name, "name");
        Require.noNulls(values, "values");
        Map<String, List<String>> copy = new LinkedHashMap<>(claims);
        List<String> all = new ArrayList<>(copy.getOrDefault(name, List.of()));
        all.addAll(List.of(values));
        copy.put(name, all);
        return new Jwt(issuer, jwksUri, audiences, copy, ingressOnly);
    }

    /** Only outside traffic needs a token; calls from other tiers are authorized by identity alone. */
    public Jwt onlyAtIngress() {
        return new Jwt(issuer, jwksUri, audiences, claims, true);
    }

    /** What carries this feature out during synthesis; called by Keelson, not by users. */
    @Override
    public TierExtension extension() {
        return new TierExtension() {
            @Override
            public void validate(Platform platform, Tier tier, ModelPath path, Problems problems) {
                Jwt.this.validate(platform, tier, path, problems);
            }
        };
    }

    private void validate(Platform platform, Tier tier, ModelPath path, Problems problems) {
        Require.nonNull(platform, "platform");
        Require.nonNull(tier, "tier");
        Require.nonNull(path, "path");
        Require.nonNull(problems, "problems");
        TierValidator.jwt(this, platform, tier, path, problems);
    }
}

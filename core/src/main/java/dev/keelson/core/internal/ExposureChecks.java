package dev.keelson.core.internal;

import dev.keelson.core.Environment;
import dev.keelson.core.Exposure;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Protocol;
import dev.keelson.core.Tier;
import dev.keelson.core.TierOverride;
import dev.keelson.core.Tls;
import dev.keelson.core.spi.Problems;
import java.util.HashMap;
import java.util.Map;

/**
 * Exposure through an Ingress: hosts, paths, the routed port, TLS issuers, and two tiers at one
 * host and path (rules KEE-EXPO-*).
 */
final class ExposureChecks extends Checks {

    ExposureChecks(Problems problems) {
        super(problems);
    }

    void checkTls(Tls tls, ModelPath path) {
        if (tls.enabled() && !Names.dnsSubdomain(tls.issuerName())) {
            error("KEE-EXPO-011", path, "issuer name '" + tls.issuerName() + "' is not a DNS name",
                    "name an existing cert-manager issuer, e.g. Tls.clusterIssuer(\"letsencrypt-prod\")");
        }
    }

    /** With host overrides, two tiers may meet at one host and path in this environment only. */
    void checkEnvironmentHosts(Platform platform, Environment env, ModelPath path) {
        boolean overridden = false;
        for (TierOverride o : env.overrides().values()) {
            overridden |= o.host() != null;
        }
        if (!overridden) {
            return; // the platform-wide check covers it
        }
        Map<String, String> exposedAt = new HashMap<>();
        for (Tier tier : platform.tiers()) {
            Exposure e = tier.in(env).exposure();
            if (e == null) {
                continue;
            }
            String other = exposedAt.putIfAbsent(e.host() + e.path(), tier.name());
            if (other != null && env.overrides().containsKey(tier.name())) {
                error("KEE-EXPO-009", path.child("overrides", tier.name()).child("host"), "host '" + e.host() + "' path '" + e.path()
                                + "' is already exposed by tier '" + other + "' in this environment",
                        "give each tier its own host or path");
            } else if (other != null && env.overrides().containsKey(other)) {
                error("KEE-EXPO-009", path.child("overrides", other).child("host"), "host '" + e.host() + "' path '" + e.path()
                                + "' is also exposed by tier '" + tier.name() + "' in this environment",
                        "give each tier its own host or path");
            }
        }
    }

    void checkHost(String host, ModelPath path) {
        if (Names.ipv4(host)) {
            error("KEE-EXPO-001", path, "host '" + host + "' is an IP address, but an Ingress routes by host name",
                    "use a DNS name such as 'shop.example.com' that resolves to the ingress controller");
        } else if (!Names.host(host)) {
            error("KEE-EXPO-002", path, "host '" + host + "' is not a valid host name",
                    "use a DNS name such as 'shop.example.com': lower-case labels of at most 63 letters, digits and"
                            + " inner dashes, separated by dots (a leading '*.' is allowed)");
        }
    }

    void checkExposure(Platform platform, Tier tier, ModelPath path, Map<String, String> exposedAt) {
        Exposure e = tier.exposure();
        if (e == null) {
            return;
        }
        checkHost(e.host(), path);
        if (!e.path().startsWith("/")) {
            error("KEE-EXPO-003", path, "path '" + e.path() + "' does not start with '/'", "use e.g. '/' or '/api'");
        } else if (e.path().chars().anyMatch(Character::isWhitespace)) {
            error("KEE-EXPO-004", path, "path '" + e.path() + "' contains white space", "use a URL path such as '/api', with %20 for a space");
        } else {
            controlCharacters(e.path(), "path", path);
        }
        if (!tier.serves()) {
            error("KEE-EXPO-005", path, "tier is exposed but declares no ports", "declare the port to expose, e.g. port(Port.http(8080))");
        } else if (e.port() != null && tier.port(e.port()).isEmpty()) {
            error("KEE-EXPO-006", path,
                    "exposure routes to port '" + e.port() + "', which the tier does not declare", "use one of: " + portNames(tier));
        } else {
            Port routed = e.port() != null ? tier.port(e.port()).get() : tier.ports().get(0);
            if (routed.protocol() != Protocol.TCP) {
                error("KEE-EXPO-007", path,
                        "exposure routes to " + routed.protocol() + " port '" + routed.name() + "', but an Ingress carries HTTP over TCP",
                        "expose a TCP port with Exposure.host(...).port(\"<name>\")");
            }
        }
        if (!Names.dnsSubdomain(e.ingressClass())) {
            error("KEE-EXPO-008", path, "ingress class '" + e.ingressClass() + "' is not a DNS name", "use e.g. 'nginx'");
        }
        if (e.tls() != null) {
            checkTls(e.tls(), path.child("tls"));
        }
        if (e.timeout() != null && !GatewayObjects.representable(e.timeout())) {
            error("KEE-EXPO-012", path.child("timeout"), "timeout " + e.timeout() + " is not a positive whole number of milliseconds"
                    + " of at most 99999 hours", "use e.g. timeout(Duration.ofSeconds(30))");
        }
        String other = exposedAt.putIfAbsent(e.host() + e.path(), tier.name());
        if (other != null) {
            error("KEE-EXPO-009", path, "host '" + e.host() + "' path '" + e.path() + "' is already exposed by tier '" + other + "'",
                    "give each tier its own host or path");
        }
    }
}

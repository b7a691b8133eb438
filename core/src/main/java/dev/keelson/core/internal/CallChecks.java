package dev.keelson.core.internal;

import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tier's calls to other tiers and its dependencies on other services (rules KEE-CALL-*,
 * KEE-DEP-*).
 */
final class CallChecks extends Checks {

    /** Application protocols whose requests a mesh or Cilium can match by method and path. */
    private static final Set<String> L7_PROTOCOLS = Set.of("http", "http2", "h2c", "grpc", "grpc-web");

    private final PortChecks ports;

    CallChecks(Problems problems, PortChecks ports) {
        super(problems);
        this.ports = ports;
    }

    void checkConnections(Tier tier, ModelPath path, Map<String, Tier> tiers) {
        Set<Connection> seen = new HashSet<>();
        for (Connection c : tier.connections()) {
            ModelPath cpath = path.key(c.target());
            if (!seen.add(c)) {
                error("KEE-CALL-001", cpath, "talksTo '" + c.target() + "' is declared twice", "declare each call once");
                continue;
            }
            Tier target = tiers.get(c.target());
            if (target == null) {
                error("KEE-CALL-002", cpath, "talksTo names tier '" + c.target() + "', which does not exist",
                        "name one of the tiers: " + String.join(", ", tiers.keySet().stream().sorted().toList()));
                continue;
            }
            if (!target.serves()) {
                error("KEE-CALL-003", cpath,
                        "tier '" + c.target() + "' declares no ports, so nothing can call it", "declare a port on '" + c.target() + "'");
            }
            for (String p : c.ports()) {
                if (target.port(p).isEmpty()) {
                    error("KEE-CALL-004", cpath, "tier '" + c.target() + "' has no port named '" + p + "'", "use one of: " + portNames(target));
                }
            }
            if (!c.methods().isEmpty() || !c.paths().isEmpty()) {
                List<Port> called = new ArrayList<>();
                if (c.ports().isEmpty()) {
                    called.addAll(target.ports());
                } else {
                    c.ports().forEach(p -> target.port(p).ifPresent(called::add));
                }
                // methods and paths apply to the HTTP ports among those called; with none, every call would be denied
                if (!called.isEmpty() && called.stream().noneMatch(p -> p.appProtocol() != null && L7_PROTOCOLS.contains(p.appProtocol()))) {
                    error("KEE-CALL-005", cpath, "HTTP methods and paths cannot be enforced: no called port of '" + c.target()
                                    + "' speaks HTTP or gRPC (" + String.join(", ", called.stream()
                                    .map(p -> p.name() + ": " + p.appProtocol()).toList()) + ")",
                            "call an HTTP or gRPC port with ports(...), or drop methods(...) and paths(...)");
                }
            }
            for (String m : c.methods()) {
                if (!Names.httpMethod(m)) {
                    error("KEE-CALL-006", cpath, "HTTP method '" + m + "' is not valid", "use upper-case methods such as GET or POST");
                }
            }
            for (String p : c.paths()) {
                if (!(p.startsWith("/") || p.startsWith("*")) || p.chars().anyMatch(Character::isWhitespace)) {
                    error("KEE-CALL-007", cpath, "HTTP path '" + p + "' is not valid", "use a path such as '/v1/orders' or '/v1/*'");
                } else {
                    controlCharacters(p, "HTTP path", cpath);
                }
            }
        }
    }

    void checkDependencies(Tier tier, ModelPath path, Map<String, Tier> tiers) {
        Set<String> names = new HashSet<>();
        for (Dependency d : tier.dependencies()) {
            ModelPath dpath = path.key(d.name());
            if (!d.external() && d.namespace() == null && tiers.containsKey(d.name())
                    && d.name().equals(d.podLabels().get(Labels.NAME))) {
                error("KEE-DEP-001", dpath, "dependency '" + d.name() + "' selects the pods of tier '" + d.name() + "'",
                        "call a tier with talksTo(\"" + d.name() + "\"), or give the dependency another name or namespace");
            }
            if (!Names.dnsLabel(d.name())) {
                error("KEE-DEP-002", dpath, "dependency name '" + d.name() + "' is not a DNS label", "use e.g. 'orders-db'");
            } else if (!names.add(d.name())) {
                error("KEE-DEP-003", dpath, "dependency '" + d.name() + "' is declared twice", "declare each dependency once per tier");
            }
            if (d.namespace() != null && !Names.dnsLabel(d.namespace())) {
                error("KEE-DEP-004", dpath, "namespace '" + d.namespace() + "' is not a DNS label", "name the namespace the dependency runs in");
            }
            if (d.ports().isEmpty()) {
                error("KEE-DEP-005", dpath, "dependency declares no ports", "name the ports it is called on, e.g. port(Port.https(443))");
            }
            for (Port p : d.ports()) {
                ports.validNumber(p, dpath.child("ports", p.name()));
                ports.validName(p, dpath.child("ports", p.name()));
            }
            for (String cidr : d.cidrs()) {
                if (!Names.cidr(cidr)) {
                    error("KEE-DEP-006", dpath, "'" + cidr + "' is not a CIDR", "use e.g. '10.20.0.0/16'");
                }
            }
            for (String host : d.hosts()) {
                if (!Names.host(host)) {
                    error("KEE-DEP-007", dpath, "host '" + host + "' is not a DNS name", "use e.g. 'api.stripe.com'");
                }
            }
            if (d.external() && d.hosts().isEmpty() && d.cidrs().isEmpty()) {
                error("KEE-DEP-008", dpath,
                        "external dependency names no host and no address range", "add host(\"api.example.com\") or cidr(\"203.0.113.0/24\")");
            }
            checkLabels(d.podLabels(), dpath.child("podLabels"));
        }
    }
}

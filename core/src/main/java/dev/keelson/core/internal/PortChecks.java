package dev.keelson.core.internal;

import dev.keelson.core.ModelPath;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Protocol;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.Problems;
import java.util.HashSet;
import java.util.Set;

/**
 * A tier's ports and probes (rules KEE-PORT-*, KEE-PROBE-*); the port rules apply to a
 * dependency's ports too.
 */
final class PortChecks extends Checks {

    PortChecks(Problems problems) {
        super(problems);
    }

    void checkPorts(Tier tier, ModelPath path) {
        Set<String> names = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        for (Port port : tier.ports()) {
            ModelPath ppath = path.child("ports", port.name());
            if (validName(port, ppath) && !names.add(port.name())) {
                error("KEE-PORT-002", ppath, "port name '" + port.name() + "' is used twice", "give every port its own name with Port.named(...)");
            }
            if (validNumber(port, ppath) && !numbers.add(port.number() + "/" + port.protocol())) {
                error("KEE-PORT-004", ppath, "port " + port.number() + "/" + port.protocol() + " is declared twice", "declare each port once");
            }
            if (port.appProtocol() != null && !Names.labelKey(port.appProtocol())) {
                error("KEE-PORT-005", ppath, "appProtocol '" + port.appProtocol() + "' is not valid", "use e.g. 'http', 'grpc' or 'tcp'");
            }
        }
    }

    /** Reports KEE-PORT-001 when the port's name is not valid. */
    boolean validName(Port port, ModelPath path) {
        if (!Names.portName(port.name())) {
            error("KEE-PORT-001", path, "port name '" + port.name() + "' is not a valid port name",
                    "use at most 15 lower-case letters, digits and single inner dashes, with at least one letter");
            return false;
        }
        return true;
    }

    /** Reports KEE-PORT-003 when the port's number is not in 1..65535. */
    boolean validNumber(Port port, ModelPath path) {
        if (port.number() < 1 || port.number() > 65535) {
            error("KEE-PORT-003", path, "port " + port.number() + " is not in 1..65535", "use a port number from 1 to 65535");
            return false;
        }
        return true;
    }

    void checkProbes(Tier tier, ModelPath path) {
        checkProbe(tier, tier.liveness(), path.child("liveness"));
        checkProbe(tier, tier.readiness(), path.child("readiness"));
        checkProbe(tier, tier.startup(), path.child("startup"));
        if (tier.liveness() != null && tier.liveness().equals(tier.readiness())) {
            error("KEE-PROBE-010", path.child("liveness"),
                    "liveness probe is identical to the readiness probe, so a busy pod is restarted instead of rested",
                    "probe liveness less often or on another endpoint, e.g. Probe.http(\"/healthz\").every(20)");
        }
    }

    private void checkProbePort(Tier tier, Probe probe, ModelPath path) {
        String port = probe.port() != null ? probe.port() : tier.ports().isEmpty() ? null : tier.ports().get(0).name();
        if (port == null) {
            error("KEE-PROBE-001", path, "probe has no port to check: the tier declares none",
                    "declare a port, probe a command with Probe.exec(\"/app/healthcheck\"), or remove the probe");
        } else if (tier.port(port).isEmpty()) {
            error("KEE-PROBE-002", path, "probe checks port '" + port + "', which the tier does not declare",
                    "declare it with port(...) or probe one of: " + portNames(tier));
        } else if (tier.port(port).get().protocol() != Protocol.TCP) {
            error("KEE-PROBE-003", path, "probe checks " + tier.port(port).get().protocol() + " port '" + port
                            + "', but HTTP, TCP and gRPC probes connect over TCP",
                    "probe a TCP port with onPort(...)");
        }
    }

    private void checkProbe(Tier tier, Probe probe, ModelPath path) {
        if (probe == null) {
            return;
        }
        if (probe.kind() == Probe.Kind.EXEC) {
            if (probe.port() != null) {
                error("KEE-PROBE-004", path, "an exec probe runs a command and checks no port ('" + probe.port() + "')", "remove onPort(...)");
            }
            if (probe.command().isEmpty()) {
                error("KEE-PROBE-005", path, "exec probe has no command", "use Probe.exec(\"/app/healthcheck\")");
            }
        } else {
            checkProbePort(tier, probe, path);
        }
        if (probe.kind() == Probe.Kind.HTTP && probe.path() == null) {
            error("KEE-PROBE-006", path, "HTTP probe has no path", "use Probe.http(\"/healthz\")");
        } else if (probe.kind() == Probe.Kind.HTTP && !probe.path().startsWith("/")) {
            error("KEE-PROBE-007", path, "probe path '" + probe.path() + "' does not start with '/'", "use e.g. '/healthz'");
        } else if (probe.kind() == Probe.Kind.HTTP) {
            controlCharacters(probe.path(), "probe path", path);
        }
        if (probe.periodSeconds() < 1 || probe.timeoutSeconds() < 1 || probe.failureThreshold() < 1 || probe.initialDelaySeconds() < 0) {
            error("KEE-PROBE-008", path, "probe timings must be positive (period " + probe.periodSeconds() + " s, timeout " + probe.timeoutSeconds()
                    + " s, failures " + probe.failureThreshold() + ", initial delay " + probe.initialDelaySeconds() + " s)",
                    "use a period, timeout and failure threshold of at least 1 and an initial delay of at least 0");
        } else if (probe.timeoutSeconds() >= probe.periodSeconds()) {
            warning("KEE-PROBE-009", path, "probe timeout " + probe.timeoutSeconds() + " s is not below its period " + probe.periodSeconds()
                            + " s: a slow answer delays the next probe, so failures are noticed later than the period says",
                    "use a timeout below the period, e.g. .timeout(" + Math.max(1, probe.periodSeconds() - 1) + ") or .every("
                            + (probe.timeoutSeconds() + 1) + ")");
        }
    }
}

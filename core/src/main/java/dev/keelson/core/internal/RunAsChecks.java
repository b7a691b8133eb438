package dev.keelson.core.internal;

import dev.keelson.core.ModelPath;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.Problems;
import java.util.HashSet;
import java.util.Set;

/**
 * What a tier's pod runs as: user and group, writable paths, added capabilities (rules
 * KEE-RUN-*).
 */
final class RunAsChecks extends Checks {

    /** The largest user or group ID Kubernetes accepts. */
    private static final long MAX_ID = Integer.MAX_VALUE;

    RunAsChecks(Problems problems) {
        super(problems);
    }

    void checkRunAs(Tier tier, ModelPath path) {
        if (tier.runAsUser() != null && tier.runAsUser() > MAX_ID) {
            error("KEE-RUN-001", path.child("runAs"),
                    "user " + tier.runAsUser() + " is above " + MAX_ID, "use a user ID from 1 to " + MAX_ID + ", e.g. 65532");
        }
        if (tier.runAsGroup() != null && tier.runAsGroup() > MAX_ID) {
            error("KEE-RUN-001", path.child("runAs"),
                    "group " + tier.runAsGroup() + " is above " + MAX_ID, "use a group ID from 1 to " + MAX_ID + ", e.g. 65532");
        }
        if (tier.runAsUser() != null && tier.runAsUser() < 1) {
            error("KEE-RUN-002", path.child("runAs"), "user " + tier.runAsUser() + " is root or invalid", "run as a non-root user such as 65532");
        }
        if (tier.runAsGroup() != null && tier.runAsGroup() < 1) {
            error("KEE-RUN-002", path.child("runAs"), "group " + tier.runAsGroup() + " is root or invalid", "run as a non-root group such as 65532");
        }
        Set<String> paths = new HashSet<>();
        for (String dir : tier.writablePaths()) {
            if (!dir.startsWith("/") || dir.equals("/")) {
                error("KEE-RUN-003", path.child("writablePaths"), "writable path '" + dir + "' is not an absolute directory below '/'",
                        "use e.g. '/var/cache/nginx'");
            } else if (!paths.add(dir)) {
                error("KEE-RUN-004", path.child("writablePaths"), "writable path '" + dir + "' is declared twice", "declare each path once");
            } else {
                controlCharacters(dir, "writable path", path.child("writablePaths"));
            }
        }
        for (String cap : tier.addedCapabilities()) {
            if (!Names.capability(cap) || cap.startsWith("CAP_")) {
                error("KEE-RUN-005", path.child("capabilities"), "capability '" + cap + "' is not a capability name",
                        "use the name without 'CAP_', e.g. 'NET_BIND_SERVICE'");
            } else if (cap.equals("ALL")) {
                error("KEE-RUN-006", path.child("capabilities"), "adding ALL capabilities gives the container root's powers",
                        "add only the capabilities it needs, e.g. 'NET_BIND_SERVICE'");
            }
        }
    }
}

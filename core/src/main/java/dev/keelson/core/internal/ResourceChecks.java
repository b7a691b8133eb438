package dev.keelson.core.internal;

import dev.keelson.core.ModelPath;
import dev.keelson.core.Resources;
import dev.keelson.core.spi.Problems;
import java.math.BigDecimal;

/**
 * Requests and limits, of a tier or of its override in one environment (rules KEE-RES-*).
 */
final class ResourceChecks extends Checks {

    ResourceChecks(Problems problems) {
        super(problems);
    }

    void checkResources(Resources r, ModelPath path) {
        BigDecimal cpu = quantity(r.cpuRequest(), path.child("cpuRequest"));
        BigDecimal memory = quantity(r.memoryRequest(), path.child("memoryRequest"));
        BigDecimal cpuLimit = r.cpuLimit() == null ? null : quantity(r.cpuLimit(), path.child("cpuLimit"));
        BigDecimal memoryLimit = r.memoryLimit() == null ? null : quantity(r.memoryLimit(), path.child("memoryLimit"));
        if (cpu != null && cpuLimit != null && cpu.compareTo(cpuLimit) > 0) {
            error("KEE-RES-003", path.child("cpuLimit"), "CPU request " + r.cpuRequest() + " exceeds the limit " + r.cpuLimit(),
                    "lower the request or raise the limit: a request must be at most its limit");
        }
        if (memory != null && memoryLimit != null && memory.compareTo(memoryLimit) > 0) {
            error("KEE-RES-003", path.child("memoryLimit"), "memory request " + r.memoryRequest() + " exceeds the limit " + r.memoryLimit(),
                    "lower the request or raise the limit: a request must be at most its limit");
        }
        if (r.memoryLimit() == null) {
            warning("KEE-RES-004", path.child("memoryLimit"), "no memory limit: one container can take a node's memory from its neighbours",
                    "keep the default limit (equal to the request) or set memoryLimit(\"...\")");
        }
    }

    private BigDecimal quantity(String value, ModelPath path) {
        BigDecimal q = Names.quantityValue(value);
        if (q == null) {
            error("KEE-RES-001", path,
                    "'" + value + "' is not a resource quantity", "use e.g. '250m' or '0.5' for CPU and '256Mi' or '1Gi' for memory");
        } else if (q.signum() == 0) {
            error("KEE-RES-002", path, "quantity '" + value + "' is zero", "request a positive amount, e.g. '100m' or '128Mi'");
        }
        return q;
    }
}

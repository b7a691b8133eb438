package dev.keelson.core.internal;

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

    void checkResources(Resources r, String path) {
        BigDecimal cpu = quantity(r.cpuRequest(), path + "/cpuRequest");
        BigDecimal memory = quantity(r.memoryRequest(), path + "/memoryRequest");
        BigDecimal cpuLimit = r.cpuLimit() == null ? null : quantity(r.cpuLimit(), path + "/cpuLimit");
        BigDecimal memoryLimit = r.memoryLimit() == null ? null : quantity(r.memoryLimit(), path + "/memoryLimit");
        if (cpu != null && cpuLimit != null && cpu.compareTo(cpuLimit) > 0) {
            error("KEE-RES-003", path + "/cpuLimit", "CPU request " + r.cpuRequest() + " exceeds the limit " + r.cpuLimit(),
                    "lower the request or raise the limit: a request must be at most its limit");
        }
        if (memory != null && memoryLimit != null && memory.compareTo(memoryLimit) > 0) {
            error("KEE-RES-003", path + "/memoryLimit", "memory request " + r.memoryRequest() + " exceeds the limit " + r.memoryLimit(),
                    "lower the request or raise the limit: a request must be at most its limit");
        }
        if (r.memoryLimit() == null) {
            warning("KEE-RES-004", path + "/memoryLimit", "no memory limit: one container can take a node's memory from its neighbours",
                    "keep the default limit (equal to the request) or set memoryLimit(\"...\")");
        }
    }

    private BigDecimal quantity(String value, String path) {
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

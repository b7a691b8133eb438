package dev.keelson.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * CPU and memory requests and limits of a tier's container, as Kubernetes quantities.
 *
 * <pre>{@code
 * Resources.requests("250m", "256Mi")                    // memory limit = request, no CPU limit
 * Resources.requests("250m", "256Mi").cpuLimit("1")      // opt into CPU throttling
 * Resources.requests("250m", "256Mi").memoryLimit("1Gi") // burstable memory
 * }</pre>
 *
 * <p>Default ({@link #DEFAULT}): requests {@code 100m} CPU and {@code 128Mi} memory, memory limit
 * equal to the request, no CPU limit. A memory limit equal to the request keeps the node from
 * running out of memory under pressure; CPU limits throttle and fight autoscaling, so they are
 * opt-in (security checklist G-18). Quantities are checked when the platform is built.
 *
 * @param cpuRequest CPU request, e.g. {@code 100m}
 * @param memoryRequest memory request, e.g. {@code 128Mi}
 * @param cpuLimit CPU limit, or {@code null} for none
 * @param memoryLimit memory limit, or {@code null} for none (not recommended)
 */
public record Resources(String cpuRequest, String memoryRequest, @Nullable String cpuLimit, @Nullable String memoryLimit) {

    /** 100m CPU and 128Mi memory requested, 128Mi memory limit, no CPU limit. */
    public static final Resources DEFAULT = requests("100m", "128Mi");

    /**
     * Checks {@code cpuRequest} and {@code memoryRequest} at once, naming the argument and the call when one is
     * invalid.
     *
     * @param cpuRequest CPU request, e.g. {@code 100m}
     * @param memoryRequest memory request, e.g. {@code 128Mi}
     * @param cpuLimit CPU limit, or {@code null} for none
     * @param memoryLimit memory limit, or {@code null} for none (not recommended)
     */
    public Resources {
        Require.nonNull(cpuRequest, "cpuRequest");
        Require.nonNull(memoryRequest, "memoryRequest");
    }

    /** Requests, with a memory limit equal to the memory request and no CPU limit. */
    public static Resources requests(String cpu, String memory) {
        Require.nonNull(cpu, "cpu");
        Require.nonNull(memory, "memory");
        return new Resources(cpu, memory, null, memory);
    }

    /** These resources with a CPU limit ({@code null} removes it, the default). */
    public Resources cpuLimit(@Nullable String limit) {
        return new Resources(cpuRequest, memoryRequest, limit, memoryLimit);
    }

    /** These resources with another memory limit ({@code null} removes it: not recommended). */
    public Resources memoryLimit(@Nullable String limit) {
        return new Resources(cpuRequest, memoryRequest, cpuLimit, limit);
    }

    // equals and hashCode written out: the generated ones bootstrap method handles the first time they run,
    // which was a tenth of a 10-tier synthesis (benchmarks/RESULTS.md)
    @Override
    public boolean equals(Object o) {
        return o instanceof Resources r && cpuRequest.equals(r.cpuRequest) && memoryRequest.equals(r.memoryRequest)
                && Objects.equals(cpuLimit, r.cpuLimit) && Objects.equals(memoryLimit, r.memoryLimit);
    }

    @Override
    public int hashCode() {
        return ((cpuRequest.hashCode() * 31 + memoryRequest.hashCode()) * 31 + Objects.hashCode(cpuLimit)) * 31
                + Objects.hashCode(memoryLimit);
    }
}

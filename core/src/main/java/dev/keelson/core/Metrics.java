package dev.keelson.core;

/**
 * Where a tier serves Prometheus metrics. Declaring it adds a flow from the monitoring namespace
 * to that port (and nothing else) to the connectivity graph.
 *
 * @param port the name of the tier's port serving metrics
 * @param path the HTTP path; default {@code /metrics}
 */
public record Metrics(String port, String path) {

    /**
     * Checks {@code port} and {@code path} at once, naming the argument and the call when one is invalid.
     *
     * @param port the name of the tier's port serving metrics
     * @param path the HTTP path; default {@code /metrics}
     */
    public Metrics {
        Require.nonNull(port, "port");
        Require.nonNull(path, "path");
    }
}

package dev.keelson.core;

import java.util.Objects;

/**
 * Where a tier serves Prometheus metrics. Declaring it adds a flow from the monitoring namespace
 * to that port (and nothing else) to the connectivity graph.
 *
 * @param port the name of the tier's port serving metrics
 * @param path the HTTP path; default {@code /metrics}
 */
public record Metrics(String port, String path) {

    public Metrics {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(path, "path");
    }
}

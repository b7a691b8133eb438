package dev.keelson.mesh;

/**
 * Limits on the connections and requests callers open to a tier: the first half of circuit
 * breaking (DestinationRule {@code connectionPool}). Excess requests fail fast with 503 instead of
 * piling up.
 *
 * <pre>{@code
 * ConnectionPool.DEFAULT
 * ConnectionPool.DEFAULT.maxConnections(200).maxPendingRequests(50)
 * }</pre>
 *
 * @param maxConnections TCP connections per caller proxy to the tier; default 1024
 * @param connectTimeoutMillis TCP connect timeout; default 5000
 * @param maxPendingRequests HTTP/1.1 requests waiting for a connection; default 256
 * @param maxRequests concurrent HTTP/2 (and gRPC) requests; default 1024
 * @param maxRetries concurrent retries across the tier's pods; default 3
 */
public record ConnectionPool(int maxConnections, int connectTimeoutMillis, int maxPendingRequests, int maxRequests,
                             int maxRetries) {

    /** 1024 connections, 5 s connect timeout, 256 pending, 1024 concurrent requests, 3 concurrent retries. */
    public static final ConnectionPool DEFAULT = new ConnectionPool(1024, 5000, 256, 1024, 3);

    /** This pool with another connection limit. */
    public ConnectionPool maxConnections(int n) {
        return new ConnectionPool(n, connectTimeoutMillis, maxPendingRequests, maxRequests, maxRetries);
    }

    /** This pool with another limit of pending HTTP/1.1 requests. */
    public ConnectionPool maxPendingRequests(int n) {
        return new ConnectionPool(maxConnections, connectTimeoutMillis, n, maxRequests, maxRetries);
    }

    /** This pool with another TCP connect timeout, in milliseconds. */
    public ConnectionPool connectTimeoutMillis(int millis) {
        return new ConnectionPool(maxConnections, millis, maxPendingRequests, maxRequests, maxRetries);
    }

    /** This pool with another limit of concurrent retries. */
    public ConnectionPool maxRetries(int n) {
        return new ConnectionPool(maxConnections, connectTimeoutMillis, maxPendingRequests, maxRequests, n);
    }

    /** This pool with another limit of concurrent requests. */
    public ConnectionPool maxRequests(int n) {
        return new ConnectionPool(maxConnections, connectTimeoutMillis, maxPendingRequests, n, maxRetries);
    }
}

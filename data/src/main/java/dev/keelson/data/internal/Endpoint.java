package dev.keelson.data.internal;

import dev.keelson.core.Port;
import java.util.Map;

/**
 * What a tier needs to call a data service in one environment: where its pods are (for the flow),
 * the host and port to connect to, and the Secret to mount. Internal.
 *
 * @param service the data service's name
 * @param namespace its namespace in the environment
 * @param podLabels the labels of its pods that clients may reach
 * @param port the port clients call
 * @param host the DNS name clients connect to (the primary)
 * @param readHost the DNS name that reaches every instance, for reads
 * @param credentialsSecret the Secret clients mount as files
 */
public record Endpoint(String service, String namespace, Map<String, String> podLabels, Port port, String host,
                       String readHost, String credentialsSecret) {
}

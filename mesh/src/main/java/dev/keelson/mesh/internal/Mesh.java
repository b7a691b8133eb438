package dev.keelson.mesh.internal;

import dev.keelson.core.KubernetesVersion;
import dev.keelson.core.NodeAgent;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.mesh.TrafficSplit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Small shared facts and conversions of the mesh module. Internal. */
final class Mesh {

    static final String INJECTION = "istio-injection";
    static final String REVISION = "istio.io/rev";
    static final String DATAPLANE_MODE = "istio.io/dataplane-mode";
    static final String USE_WAYPOINT = "istio.io/use-waypoint";
    static final String WAYPOINT = "waypoint";
    static final String PSS_ENFORCE = "pod-security.kubernetes.io/enforce";
    static final int HBONE_PORT = 15008;
    /** Ports the sidecar itself listens on: an application must not use them. */
    static final Set<Integer> ENVOY_PORTS = Set.of(15000, 15001, 15002, 15004, 15006, 15008, 15020, 15021, 15053, 15090);
    static final long ENVOY_UID = 1337;
    /** The pod annotation that makes the injector add the proxy as a native sidecar (an init container with restartPolicy: Always). */
    static final String NATIVE_SIDECAR = "sidecar.istio.io/nativeSidecar";
    /** The first Kubernetes release with native sidecars on by default (SidecarContainers beta). */
    static final KubernetesVersion NATIVE_SIDECARS = new KubernetesVersion(29);
    private static final Set<String> HTTP_PROTOCOLS = Set.of("http", "http2", "grpc", "grpc-web", "h2c");

    private Mesh() {
    }

    /** Whether the tier's pods run on the node's network (a node agent's choice), where Istio injects no sidecar. */
    static boolean hostNetwork(Tier tier) {
        return tier.workload() instanceof NodeAgent agent && agent.hostNetwork();
    }

    /** Whether the mesh sees HTTP on this port (so routes, retries and L7 policy apply). */
    static boolean http(Port p) {
        if (p.appProtocol() != null) {
            return HTTP_PROTOCOLS.contains(p.appProtocol());
        }
        return p.name().startsWith("http") || p.name().startsWith("grpc");
    }

    /** The tier's HTTP ports, in declaration order. */
    static List<Port> httpPorts(Tier tier) {
        List<Port> found = new ArrayList<>();
        for (Port p : tier.ports()) {
            if (http(p)) {
                found.add(p);
            }
        }
        return found;
    }

    /** The tier's traffic split, or {@code null}. */
    static TrafficSplit split(Tier tier) {
        List<TrafficSplit> splits = tier.features(TrafficSplit.class);
        return splits.isEmpty() ? null : splits.get(0);
    }

    /** The in-cluster host name of a tier's Service. */
    static String fqdn(String tier, String namespace) {
        return tier + "." + namespace + ".svc.cluster.local";
    }

    /** A protobuf duration as Istio reads it: {@code 10s}, {@code 250ms}. */
    static String duration(Duration d) {
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + "s";
        }
        return d.toMillis() + "ms";
    }

    /** An Istio service port protocol for a port's application protocol. */
    static String istioProtocol(Port p) {
        String app = p.appProtocol() == null ? "tcp" : p.appProtocol();
        return switch (app) {
            case "http" -> "HTTP";
            case "http2", "h2c" -> "HTTP2";
            case "grpc", "grpc-web" -> "GRPC";
            case "https", "tls" -> "TLS";
            default -> "TCP";
        };
    }
}

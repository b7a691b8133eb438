package dev.keelson.core;

import org.jspecify.annotations.Nullable;

/**
 * A named port a tier listens on.
 *
 * <pre>{@code
 * Port.http(8080)              // name "http", appProtocol "http"
 * Port.grpc(9090)              // name "grpc", appProtocol "grpc"
 * Port.tcp("postgres", 5432)   // name "postgres", appProtocol "tcp"
 * Port.http(8080).named("web") // same port, another name
 * }</pre>
 *
 * <p>The name becomes the container port name, the Service port name and the target of probes;
 * the {@code appProtocol} lets Istio and ingress controllers detect the protocol without
 * guessing. The Service exposes the same number it targets. Numbers are checked when the
 * platform is built ({@code 1..65535}, and names follow the IANA service name rules: at most 15
 * lower-case letters, digits and dashes), so that every problem is reported at once.
 *
 * @param name the port name (IANA service name)
 * @param number the port number
 * @param protocol the transport protocol
 * @param appProtocol the application protocol ({@code http}, {@code http2}, {@code grpc},
 *     {@code tcp}, ...), or {@code null} for none
 */
public record Port(String name, int number, Protocol protocol, @Nullable String appProtocol) {

    /**
     * Checks {@code name} and {@code protocol} at once, naming the argument and the call when one is invalid.
     *
     * @param name the port name (IANA service name)
     * @param number the port number
     * @param protocol the transport protocol
     * @param appProtocol the application protocol ({@code http}, {@code http2}, {@code grpc},
     *     {@code tcp}, ...), or {@code null} for none
     */
    public Port {
        Require.nonNull(name, "name");
        Require.nonNull(protocol, "protocol");
    }

    /** An HTTP/1.1 port named {@code http}. */
    public static Port http(int number) {
        return new Port("http", number, Protocol.TCP, "http");
    }

    /** An HTTP/2 port named {@code http2}. */
    public static Port http2(int number) {
        return new Port("http2", number, Protocol.TCP, "http2");
    }

    /** A port that serves TLS itself (HTTPS), named {@code https}. */
    public static Port https(int number) {
        return new Port("https", number, Protocol.TCP, "https");
    }

    /** A gRPC port named {@code grpc}. */
    public static Port grpc(int number) {
        return new Port("grpc", number, Protocol.TCP, "grpc");
    }

    /** A Prometheus metrics port named {@code metrics} (plain HTTP). */
    public static Port metrics(int number) {
        return new Port("metrics", number, Protocol.TCP, "http");
    }

    /** An opaque TCP port (databases, server-first protocols). */
    public static Port tcp(String name, int number) {
        Require.nonNull(name, "name");
        return new Port(name, number, Protocol.TCP, "tcp");
    }

    /** A UDP port. */
    public static Port udp(String name, int number) {
        Require.nonNull(name, "name");
        return new Port(name, number, Protocol.UDP, null);
    }

    /** This port under another name. */
    public Port named(String newName) {
        Require.nonNull(newName, "newName");
        return new Port(newName, number, protocol, appProtocol);
    }

    /** This port with another number. */
    public Port withNumber(int newNumber) {
        return new Port(name, newNumber, protocol, appProtocol);
    }

    /** This port with another application protocol ({@code null} for none). */
    public Port withAppProtocol(@Nullable String newAppProtocol) {
        return new Port(name, number, protocol, newAppProtocol);
    }

    @Override
    public String toString() {
        return name + " " + number + "/" + protocol;
    }
}

package dev.keelson.core;

import java.util.List;
import java.util.Objects;

/**
 * A declared call from one tier to another: the edge of the connectivity graph that network
 * policies and mesh authorization are rendered from.
 *
 * <pre>{@code
 * Connection.to("api")                                   // every port of "api"
 * Connection.to("api").ports("grpc")                     // only its grpc port
 * Connection.to("api").methods("GET", "POST").paths("/v1/*")   // L7, for mesh and Cilium
 * }</pre>
 *
 * @param target the name of the tier called
 * @param ports names of the target's ports; empty for all of them
 * @param methods HTTP methods allowed; empty for any
 * @param paths HTTP paths allowed (Istio path syntax, {@code *} as prefix or suffix); empty for any
 */
public record Connection(String target, List<String> ports, List<String> methods, List<String> paths) {

    /**
     * Checks {@code target}, {@code ports}, {@code methods} and {@code paths} at once, naming the argument and the
     * call when one is invalid. Copies the collections, so the value stays immutable.
     *
     * @param target the name of the tier called
     * @param ports names of the target's ports; empty for all of them
     * @param methods HTTP methods allowed; empty for any
     * @param paths HTTP paths allowed (Istio path syntax, {@code *} as prefix or suffix); empty for any
     */
    public Connection {
        Require.nonNull(target, "target");
        Require.noNulls(ports, "ports");
        Require.noNulls(methods, "methods");
        Require.noNulls(paths, "paths");
        ports = List.copyOf(ports);
        methods = List.copyOf(methods);
        paths = List.copyOf(paths);
    }

    // equals and hashCode written out: the generated ones bootstrap method handles the first time they run,
    // which was a tenth of a 10-tier synthesis (benchmarks/RESULTS.md)
    @Override
    public boolean equals(Object o) {
        return o instanceof Connection c && target.equals(c.target) && ports.equals(c.ports) && methods.equals(c.methods)
                && paths.equals(c.paths);
    }

    @Override
    public int hashCode() {
        return ((target.hashCode() * 31 + ports.hashCode()) * 31 + methods.hashCode()) * 31 + paths.hashCode();
    }

    /** A call to every port of {@code target}. */
    public static Connection to(String target) {
        Require.nonNull(target, "target");
        return new Connection(target, List.of(), List.of(), List.of());
    }

    /** This call limited to the named ports of the target. */
    public Connection ports(String... names) {
        Require.noNulls(names, "names");
        return new Connection(target, List.of(names), methods, paths);
    }

    /** This call limited to these HTTP methods. */
    public Connection methods(String... httpMethods) {
        Require.noNulls(httpMethods, "httpMethods");
        return new Connection(target, ports, List.of(httpMethods), paths);
    }

    /** This call limited to these HTTP paths. */
    public Connection paths(String... httpPaths) {
        Require.noNulls(httpPaths, "httpPaths");
        return new Connection(target, ports, methods, List.of(httpPaths));
    }
}

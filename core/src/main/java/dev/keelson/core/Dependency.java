package dev.keelson.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Something outside the platform's tiers that a tier calls: an in-cluster service such as a
 * PostgreSQL or Redis release, or an external endpoint such as a payment API. Each becomes a flow
 * in the connectivity graph, so network policies and the mesh allow exactly that traffic.
 *
 * <pre>{@code
 * Dependency.postgres("orders-db").inNamespace("data")          // pods labelled app.kubernetes.io/name=orders-db, 5432
 * Dependency.redis("cache")                                      // same namespace, 6379
 * Dependency.external("payments").host("api.stripe.com")         // HTTPS 443 to the internet
 * Dependency.external("ledger").cidr("10.20.0.0/16").port(Port.tcp("ledger", 7000))
 * }</pre>
 *
 * @param name the dependency's name (a DNS label)
 * @param namespace the namespace of an in-cluster dependency; {@code null} for the environment's own
 * @param podLabels the labels that select an in-cluster dependency's pods; empty for an external one
 * @param hosts the DNS names of an external dependency (for the mesh's ServiceEntry)
 * @param cidrs the address ranges of an external dependency (for network policies)
 * @param ports the ports called
 */
public record Dependency(String name, @Nullable String namespace, Map<String, String> podLabels, List<String> hosts,
                         List<String> cidrs, List<Port> ports) {

    /** All of IPv4, used when an external dependency names hosts but no address range. */
    public static final String ANYWHERE = "0.0.0.0/0";

    /**
     * Checks {@code name}, {@code podLabels}, {@code hosts}, {@code cidrs} and {@code ports} at once, naming the
     * argument and the call when one is invalid. Copies the collections, so the value stays immutable.
     *
     * @param name the dependency's name (a DNS label)
     * @param namespace the namespace of an in-cluster dependency; {@code null} for the environment's own
     * @param podLabels the labels that select an in-cluster dependency's pods; empty for an external one
     * @param hosts the DNS names of an external dependency (for the mesh's ServiceEntry)
     * @param cidrs the address ranges of an external dependency (for network policies)
     * @param ports the ports called
     */
    public Dependency {
        Require.nonNull(name, "name");
        Require.noNulls(podLabels, "podLabels");
        Require.noNulls(hosts, "hosts");
        Require.noNulls(cidrs, "cidrs");
        Require.noNulls(ports, "ports");
        podLabels = Collections.unmodifiableMap(new LinkedHashMap<>(podLabels));
        hosts = List.copyOf(hosts);
        cidrs = List.copyOf(cidrs);
        ports = List.copyOf(ports);
    }

    /** An in-cluster PostgreSQL selected by {@code app.kubernetes.io/name=<name>}, port 5432. */
    public static Dependency postgres(String name) {
        Require.nonNull(name, "name");
        return inCluster(name, Port.tcp("postgres", 5432));
    }

    /** An in-cluster Redis selected by {@code app.kubernetes.io/name=<name>}, port 6379. */
    public static Dependency redis(String name) {
        Require.nonNull(name, "name");
        return inCluster(name, Port.tcp("redis", 6379));
    }

    /** An in-cluster service selected by {@code app.kubernetes.io/name=<name>}, in the environment's namespace. */
    public static Dependency inCluster(String name, Port... ports) {
        Require.nonNull(name, "name");
        Require.noNulls(ports, "ports");
        return new Dependency(name, null, Map.of("app.kubernetes.io/name", name), List.of(), List.of(), List.of(ports));
    }

    /** An external endpoint, by default HTTPS on 443; name its hosts or address ranges next. */
    public static Dependency external(String name) {
        Require.nonNull(name, "name");
        return new Dependency(name, null, Map.of(), List.of(), List.of(), List.of(Port.https(443)));
    }

    /** Whether this dependency lives outside the cluster. */
    public boolean external() {
        return podLabels.isEmpty();
    }

    /** This in-cluster dependency in another namespace. */
    public Dependency inNamespace(String newNamespace) {
        Require.nonNull(newNamespace, "newNamespace");
        return new Dependency(name, newNamespace, podLabels, hosts, cidrs, ports);
    }

    /** This in-cluster dependency selected by other pod labels. */
    public Dependency selecting(Map<String, String> labels) {
        Require.noNulls(labels, "labels");
        return new Dependency(name, namespace, labels, hosts, cidrs, ports);
    }

    /** This dependency with another DNS name; an in-cluster dependency becomes external. */
    public Dependency host(String host) {
        Require.nonNull(host, "host");
        return new Dependency(name, null, Map.of(), append(hosts, host), cidrs, ports);
    }

    /** This dependency with another address range; an in-cluster dependency becomes external. */
    public Dependency cidr(String cidr) {
        Require.nonNull(cidr, "cidr");
        return new Dependency(name, null, Map.of(), hosts, append(cidrs, cidr), ports);
    }

    /** This dependency called on exactly these ports. */
    public Dependency port(Port... newPorts) {
        Require.noNulls(newPorts, "newPorts");
        return new Dependency(name, namespace, podLabels, hosts, cidrs, List.of(newPorts));
    }

    /**
     * The address ranges network policies allow: the declared ones, or {@link #ANYWHERE} for an
     * external dependency known only by host name (network policies cannot match DNS names).
     */
    public List<String> effectiveCidrs() {
        return cidrs.isEmpty() && external() ? List.of(ANYWHERE) : cidrs;
    }

    private static List<String> append(List<String> list, String value) {
        var copy = new ArrayList<>(list);
        copy.add(value);
        return copy;
    }
}

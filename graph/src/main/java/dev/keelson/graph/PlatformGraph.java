package dev.keelson.graph;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Require;
import dev.keelson.graph.internal.Dot;
import dev.keelson.graph.internal.Drawing;
import dev.keelson.graph.internal.Html;
import dev.keelson.graph.internal.Mermaid;
import dev.keelson.graph.internal.Svg;
import dev.keelson.security.FlowAnalysis;
import dev.keelson.security.FlowAnalysis.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A picture of one synthesized environment: its tiers, namespaces, exposure, dependencies and every
 * flow, with its ports and whether the NetworkPolicies and the mesh's AuthorizationPolicies allow it.
 * It is drawn from the synthesized objects (the policies are read back by {@link FlowAnalysis}), not
 * from the declarations alone, so a customization that narrows a policy shows up as a blocked flow.
 *
 * <pre>{@code
 * PlatformGraph prod = PlatformGraph.of(platform, "prod");
 * Files.writeString(Path.of("prod.html"), prod.toHtml());   // self-contained, no network
 * String mermaid = prod.toMermaid();                         // for a README or a pull request
 * }</pre>
 */
public final class PlatformGraph {

    /** What a node stands for. */
    public enum NodeKind {
        /** A tier of the platform. */
        TIER,
        /** A host name the platform is exposed at. */
        HOST,
        /** The ingress controller or a gateway that forwards outside traffic. */
        INGRESS,
        /** Monitoring that scrapes metrics. */
        MONITORING,
        /** An in-cluster dependency (a database, a cache). */
        DEPENDENCY,
        /** An endpoint outside the cluster. */
        EXTERNAL,
        /** Cluster DNS. */
        DNS,
        /** The mesh's control plane. */
        CONTROL_PLANE,
        /** The Kubernetes API server. */
        KUBERNETES_API,
        /** Every pod of the environment's namespace. */
        ALL_PODS,
        /** Something else a policy names. */
        OTHER
    }

    /**
     * A box in the picture.
     *
     * @param id a stable identifier, unique in the graph (letters, digits, {@code _})
     * @param kind what it stands for
     * @param label its name
     * @param namespace the namespace it lives in; {@code null} outside the cluster
     * @param details facts shown beside it (workload kind, replicas, scaling, probes, PSA level)
     * @param findings the warnings synthesis reported about it
     */
    public record Node(String id, NodeKind kind, String label, @Nullable String namespace, Map<String, String> details,
                       List<String> findings) {
        /**
         * Checks every argument at once, naming the argument and the call when one is invalid.
         * Copies the collections, so the value stays immutable.
         *
         * @param id a stable identifier
         * @param kind what it stands for
         * @param label its name
         * @param namespace its namespace, or {@code null}
         * @param details facts shown beside it
         * @param findings the warnings about it
         */
        public Node {
            Require.nonNull(id, "id");
            Require.nonNull(kind, "kind");
            Require.nonNull(label, "label");
            Require.noNulls(details, "details");
            Require.noNulls(findings, "findings");
            details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
            findings = List.copyOf(findings);
        }
    }

    /**
     * An arrow: traffic from one node to another.
     *
     * @param from the source node's id
     * @param to the destination node's id
     * @param kind why the traffic exists ({@code TIER}, {@code INGRESS}, ...; {@code ROUTE} for a host's
     *        route to its tier, {@code UNDECLARED} for what a policy allows beyond the declared flows)
     * @param ports the ports, e.g. {@code http 8080}
     * @param networkPolicy what the NetworkPolicies do with it
     * @param mesh what the mesh's AuthorizationPolicies do with it
     * @param notes why a layer blocks it, or which policy allows undeclared traffic
     */
    public record Edge(String from, String to, String kind, List<String> ports, Verdict networkPolicy, Verdict mesh,
                       List<String> notes) {
        /**
         * Checks every argument at once, naming the argument and the call when one is invalid.
         * Copies the collections, so the value stays immutable.
         *
         * @param from the source node's id
         * @param to the destination node's id
         * @param kind why the traffic exists
         * @param ports the ports
         * @param networkPolicy what the NetworkPolicies do
         * @param mesh what the mesh does
         * @param notes why a layer blocks it
         */
        public Edge {
            Require.nonNull(from, "from");
            Require.nonNull(to, "to");
            Require.nonNull(kind, "kind");
            Require.noNulls(ports, "ports");
            Require.nonNull(networkPolicy, "networkPolicy");
            Require.nonNull(mesh, "mesh");
            Require.noNulls(notes, "notes");
            ports = List.copyOf(ports);
            notes = List.copyOf(notes);
        }

        /** Whether some layer blocks this traffic. */
        public boolean blocked() {
            return networkPolicy == Verdict.BLOCKED || mesh == Verdict.BLOCKED;
        }

        /** Whether this is traffic a policy allows although no declared flow covers it. */
        public boolean undeclared() {
            return kind.equals("UNDECLARED");
        }
    }

    private final String platform;
    private final String environment;
    private final String namespace;
    private final @Nullable String podSecurity;
    private final boolean meshEnforced;
    private final List<Node> nodes;
    private final List<Edge> edges;

    private PlatformGraph(String platform, String environment, String namespace, @Nullable String podSecurity,
                          boolean meshEnforced, List<Node> nodes, List<Edge> edges) {
        this.platform = platform;
        this.environment = environment;
        this.namespace = namespace;
        this.podSecurity = podSecurity;
        this.meshEnforced = meshEnforced;
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
    }

    /**
     * Synthesizes {@code environment} of {@code platform} and draws it.
     *
     * @param platform the platform
     * @param environment the environment's name
     * @return the picture
     * @throws IllegalArgumentException for an unknown environment, naming the known ones
     * @throws dev.keelson.core.ValidationException when synthesis fails
     */
    public static PlatformGraph of(Platform platform, String environment) {
        Require.nonNull(platform, "platform");
        Require.nonNull(environment, "environment");
        return of(platform, Keelson.synth(platform).manifest(environment));
    }

    /**
     * Draws a manifest already synthesized from {@code platform}.
     *
     * @param platform the platform the manifest was synthesized from
     * @param manifest one environment's manifest
     * @return the picture
     */
    public static PlatformGraph of(Platform platform, Manifest manifest) {
        Require.nonNull(platform, "platform");
        Require.nonNull(manifest, "manifest");
        Drawing.Result drawn = Drawing.of(platform, manifest);
        return new PlatformGraph(platform.name(), manifest.environment(), manifest.namespace(), drawn.podSecurity(),
                drawn.meshEnforced(), drawn.nodes(), drawn.edges());
    }

    /** The platform's name. */
    public String platform() {
        return platform;
    }

    /** The environment drawn. */
    public String environment() {
        return environment;
    }

    /** The environment's namespace. */
    public String namespace() {
        return namespace;
    }

    /** The Pod Security Admission level enforced on the environment's namespace, if any. */
    public Optional<String> podSecurity() {
        return Optional.ofNullable(podSecurity);
    }

    /** Whether mesh authorization is enforced in the environment. */
    public boolean meshEnforced() {
        return meshEnforced;
    }

    /** The boxes, tiers in declaration order first. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The arrows, in the flow graph's order, then routes, then undeclared traffic. */
    public List<Edge> edges() {
        return edges;
    }

    /** The node with this id. */
    public Optional<Node> node(String id) {
        Require.nonNull(id, "id");
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** A Mermaid {@code flowchart} (GitHub renders it in Markdown). */
    public String toMermaid() {
        return Mermaid.render(this);
    }

    /** A Graphviz DOT digraph, namespaces as clusters. */
    public String toDot() {
        return Dot.render(this);
    }

    /** A standalone SVG drawing, laid out by Keelson (no Graphviz needed). */
    public String toSvg() {
        return Svg.render(this);
    }

    /**
     * A self-contained HTML page (no network, no script from elsewhere): the drawing, and per tier
     * its workload, scaling, probes, Pod Security level and findings, and every flow with what each
     * layer does with it.
     */
    public String toHtml() {
        return Html.render(this);
    }

    /** Renders in one of the formats {@code mermaid}, {@code dot}, {@code svg}, {@code html}. */
    public String render(String format) {
        Require.nonNull(format, "format");
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "mermaid" -> toMermaid();
            case "dot" -> toDot();
            case "svg" -> toSvg();
            case "html" -> toHtml();
            default -> throw new IllegalArgumentException("unknown graph format '" + format
                    + "'; use one of mermaid, dot, svg, html");
        };
    }

}

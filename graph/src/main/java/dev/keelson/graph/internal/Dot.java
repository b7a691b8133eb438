package dev.keelson.graph.internal;

import dev.keelson.graph.PlatformGraph;
import dev.keelson.graph.PlatformGraph.Edge;
import dev.keelson.graph.PlatformGraph.Node;

/** Renders a {@link PlatformGraph} as a Graphviz DOT digraph. Internal. */
public final class Dot {

    private Dot() {
    }

    /** The digraph, namespaces as clusters. */
    public static String render(PlatformGraph g) {
        StringBuilder b = new StringBuilder();
        b.append("digraph \"").append(q(g.platform() + "-" + g.environment())).append("\" {\n");
        b.append("  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n");
        b.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
        int i = 0;
        for (var e : Text.byNamespace(g).entrySet()) {
            if (e.getKey() == null) {
                for (Node n : e.getValue()) {
                    b.append("  ").append(node(n)).append('\n');
                }
                continue;
            }
            b.append("  subgraph cluster_").append(i++).append(" {\n    label=\"").append(q(Text.namespaceTitle(g, e.getKey())))
                    .append("\";\n");
            for (Node n : e.getValue()) {
                b.append("    ").append(node(n)).append('\n');
            }
            b.append("  }\n");
        }
        for (Edge e : g.edges()) {
            b.append("  ").append(e.from()).append(" -> ").append(e.to()).append(" [label=\"").append(q(Text.edgeLabel(e)))
                    .append("\", color=\"").append(Text.colour(e)).append('"')
                    .append(e.blocked() || e.undeclared() ? ", style=dashed" : "").append("];\n");
        }
        b.append("}\n");
        return b.toString();
    }

    private static String node(Node n) {
        String sub = n.details().getOrDefault("workload", n.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        return n.id() + " [label=\"" + q(n.label()) + "\\n" + q(sub) + "\", fillcolor=\"" + Text.fill(n.kind()) + "\"];";
    }

    private static String q(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
    }
}

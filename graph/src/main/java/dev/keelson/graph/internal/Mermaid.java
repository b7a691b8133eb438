package dev.keelson.graph.internal;

import dev.keelson.graph.PlatformGraph;
import dev.keelson.graph.PlatformGraph.Edge;
import dev.keelson.graph.PlatformGraph.Node;
import java.util.ArrayList;
import java.util.List;

/** Renders a {@link PlatformGraph} as a Mermaid flowchart. Internal. */
public final class Mermaid {

    private Mermaid() {
    }

    /** The flowchart, namespaces as subgraphs. */
    public static String render(PlatformGraph g) {
        StringBuilder b = new StringBuilder();
        b.append("%% ").append(g.platform()).append(", environment ").append(g.environment())
                .append(": every flow, with what NetworkPolicies (NP) and the mesh do with it\n");
        b.append("flowchart LR\n");
        int sub = 0;
        for (var e : Text.byNamespace(g).entrySet()) {
            if (e.getKey() == null) {
                for (Node n : e.getValue()) {
                    b.append("  ").append(node(n)).append('\n');
                }
                continue;
            }
            b.append("  subgraph ns").append(sub++).append("[\"").append(label(Text.namespaceTitle(g, e.getKey()))).append("\"]\n");
            for (Node n : e.getValue()) {
                b.append("    ").append(node(n)).append('\n');
            }
            b.append("  end\n");
        }
        int i = 0;
        List<String> styles = new ArrayList<>();
        for (Edge e : g.edges()) {
            String arrow = e.blocked() || e.undeclared() || e.kind().equals("ROUTE") ? "-.->" : "-->";
            b.append("  ").append(e.from()).append(' ').append(arrow).append("|\"").append(label(Text.edgeLabel(e)))
                    .append("\"| ").append(e.to()).append('\n');
            styles.add("  linkStyle " + i++ + " stroke:" + Text.colour(e));
        }
        for (String s : styles) {
            b.append(s).append('\n');
        }
        b.append("  classDef tier fill:#e3f2fd,stroke:#1565c0\n");
        for (Node n : g.nodes()) {
            if (n.kind() == PlatformGraph.NodeKind.TIER) {
                b.append("  class ").append(n.id()).append(" tier\n");
            }
        }
        return b.toString();
    }

    private static String node(Node n) {
        String text = label(n.label());
        String sub = n.details().getOrDefault("workload", n.kind() == PlatformGraph.NodeKind.TIER ? "" : kindName(n));
        if (n.details().containsKey("replicas")) {
            sub += " x" + n.details().get("replicas");
        }
        String body = sub.isEmpty() || sub.equals(n.label()) ? text : text + "<br/><small>" + label(sub) + "</small>";
        return switch (n.kind()) {
            case TIER -> n.id() + "[\"" + body + "\"]";
            case HOST, EXTERNAL -> n.id() + "([\"" + body + "\"])";
            case DEPENDENCY -> n.id() + "[(\"" + body + "\")]";
            default -> n.id() + "{{\"" + body + "\"}}";
        };
    }

    private static String kindName(Node n) {
        return n.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** Mermaid labels in quotes: no double quotes, no markup of ours. */
    private static String label(String s) {
        return s.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;").replace("\n", " ");
    }
}

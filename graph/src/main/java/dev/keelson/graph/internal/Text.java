package dev.keelson.graph.internal;

import dev.keelson.graph.PlatformGraph;
import dev.keelson.security.FlowAnalysis.Verdict;

/** Escaping and the short words every format uses for an edge. Internal. */
final class Text {

    private Text() {
    }

    /** Escapes for XML text and attribute values. */
    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }

    /** One word per verdict. */
    static String verdict(Verdict v) {
        return switch (v) {
            case ALLOWED -> "allowed";
            case BLOCKED -> "BLOCKED";
            case NOT_ENFORCED -> "not enforced";
        };
    }

    /** The label of an edge: its ports, then what each layer does. */
    static String edgeLabel(PlatformGraph.Edge e) {
        String ports = e.ports().isEmpty() ? "any port" : String.join(", ", e.ports());
        if (e.kind().equals("ROUTE")) {
            return "route " + ports;
        }
        return ports + " | NP " + verdict(e.networkPolicy()) + " | mesh " + verdict(e.mesh());
    }

    /** The label drawn at an arrow's head: its ports, and a mark per enforced layer (NP, mesh; an x when it blocks). */
    static String shortLabel(PlatformGraph.Edge e) {
        String ports = e.ports().isEmpty() ? "any port" : String.join(", ", e.ports());
        if (e.kind().equals("ROUTE")) {
            return ports;
        }
        return ports + mark(" NP", e.networkPolicy()) + mark(" mesh", e.mesh());
    }

    private static String mark(String layer, Verdict v) {
        return switch (v) {
            case ALLOWED -> layer + " \u2713";
            case BLOCKED -> layer + " \u2717";
            case NOT_ENFORCED -> "";
        };
    }

    /** The edge's colour: green when every enforced layer allows it, red when one blocks it, orange when undeclared. */
    static String colour(PlatformGraph.Edge e) {
        if (e.blocked()) {
            return "#c62828";
        }
        if (e.undeclared()) {
            return "#ef6c00";
        }
        if (e.kind().equals("ROUTE")) {
            return "#1565c0";
        }
        return "#2e7d32";
    }

    /** The fill of a node of this kind. */
    static String fill(PlatformGraph.NodeKind kind) {
        return switch (kind) {
            case TIER -> "#e3f2fd";
            case HOST -> "#ede7f6";
            case INGRESS -> "#f3e5f5";
            case MONITORING -> "#fff8e1";
            case DEPENDENCY -> "#e8f5e9";
            case EXTERNAL -> "#fbe9e7";
            default -> "#f5f5f5";
        };
    }

    /** The nodes by namespace, in the order they first appear; those outside the cluster under {@code null}, last. */
    static java.util.Map<String, java.util.List<PlatformGraph.Node>> byNamespace(PlatformGraph g) {
        java.util.Map<String, java.util.List<PlatformGraph.Node>> groups = new java.util.LinkedHashMap<>();
        java.util.List<PlatformGraph.Node> outside = new java.util.ArrayList<>();
        for (PlatformGraph.Node n : g.nodes()) {
            if (n.namespace() == null) {
                outside.add(n);
            } else {
                groups.computeIfAbsent(n.namespace(), k -> new java.util.ArrayList<>()).add(n);
            }
        }
        if (!outside.isEmpty()) {
            groups.put(null, outside);
        }
        return groups;
    }

    /** The title of a namespace's box: its name, and the Pod Security level of the environment's own. */
    static String namespaceTitle(PlatformGraph g, String namespace) {
        String title = "namespace " + namespace;
        if (namespace.equals(g.namespace()) && g.podSecurity().isPresent()) {
            title += " (PSA " + g.podSecurity().get() + ")";
        }
        return title;
    }
}

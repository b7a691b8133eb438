package dev.keelson.graph.internal;

import dev.keelson.graph.PlatformGraph;
import dev.keelson.graph.PlatformGraph.Edge;
import dev.keelson.graph.PlatformGraph.Node;
import dev.keelson.graph.PlatformGraph.NodeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link PlatformGraph} as SVG with a layered layout of its own, left to right: host
 * names, then what sends traffic in (ingress, monitoring), then the tiers by how deep they are in
 * the chain of calls, then what the tiers call (dependencies, DNS, the outside). Internal.
 */
public final class Svg {

    static final int WIDTH = 210;
    static final int HEIGHT = 54;
    private static final int COLUMN = 300;
    private static final int ROW = 84;
    private static final int LEFT = 30;
    private static final int TOP = 70;

    private Svg() {
    }

    /** Where each node is drawn. */
    record Box(int x, int y) {
    }

    /** The standalone SVG document. */
    public static String render(PlatformGraph g) {
        StringBuilder b = new StringBuilder();
        Map<String, Box> boxes = layout(g);
        int w = LEFT * 2 + WIDTH;
        int h = TOP + HEIGHT;
        for (Box box : boxes.values()) {
            w = Math.max(w, box.x() + WIDTH + LEFT);
            h = Math.max(h, box.y() + HEIGHT + 60);
        }
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"keelson-graph\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\">\n");
        b.append("  <defs>\n");
        for (String colour : List.of("#2e7d32", "#c62828", "#ef6c00", "#1565c0")) {
            b.append("    <marker id=\"arrow-").append(colour.substring(1)).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
                    .append(" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"")
                    .append(colour).append("\"/></marker>\n");
        }
        b.append("  </defs>\n");
        b.append("  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        String title = g.platform() + " / " + g.environment() + " (namespace " + g.namespace()
                + g.podSecurity().map(p -> ", Pod Security " + p).orElse("") + (g.meshEnforced() ? ", mesh authorization on" : "") + ")";
        b.append("  <text x=\"").append(LEFT).append("\" y=\"32\" font-size=\"18\" font-weight=\"bold\" fill=\"#212121\">")
                .append(Text.xml(title)).append("</text>\n");
        int i = 0;
        Map<String, Integer> arrivals = new HashMap<>();
        for (Edge e : g.edges()) {
            Box from = boxes.get(e.from());
            Box to = boxes.get(e.to());
            if (from == null || to == null) {
                continue;
            }
            int k = arrivals.merge(e.to() + (to.x() > from.x() ? ">" : "^"), 1, Integer::sum) - 1;
            b.append(edge(e, from, to, i++, k));
        }
        for (Node n : g.nodes()) {
            Box box = boxes.get(n.id());
            b.append("  <g class=\"node\" id=\"node-").append(n.id()).append("\" data-kind=\"").append(n.kind())
                    .append("\" data-label=\"").append(Text.xml(n.label())).append("\">\n");
            b.append("    <rect x=\"").append(box.x()).append("\" y=\"").append(box.y()).append("\" width=\"").append(WIDTH)
                    .append("\" height=\"").append(HEIGHT).append("\" rx=\"").append(n.kind() == NodeKind.TIER ? 6 : 22)
                    .append("\" fill=\"").append(Text.fill(n.kind())).append("\" stroke=\"")
                    .append(n.kind() == NodeKind.TIER ? "#1565c0" : "#757575").append("\" stroke-width=\"1.5\"/>\n");
            b.append("    <text x=\"").append(box.x() + WIDTH / 2).append("\" y=\"").append(box.y() + 23)
                    .append("\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\" fill=\"#0d47a1\">")
                    .append(Text.xml(shorten(n.label(), 26))).append("</text>\n");
            b.append("    <text x=\"").append(box.x() + WIDTH / 2).append("\" y=\"").append(box.y() + 42)
                    .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#424242\">")
                    .append(Text.xml(shorten(subtitle(n), 34))).append("</text>\n");
            b.append("    <title>").append(Text.xml(tooltip(n))).append("</title>\n");
            b.append("  </g>\n");
        }
        b.append("</svg>\n");
        return b.toString();
    }

    /** Columns by role, rows in declaration order. */
    static Map<String, Box> layout(PlatformGraph g) {
        Map<String, Integer> depth = new HashMap<>();
        List<Node> tiers = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (n.kind() == NodeKind.TIER) {
                depth.put(n.id(), 0);
                tiers.add(n);
            }
        }
        // longest chain of tier-to-tier calls, bounded so that a cycle ends
        for (int round = 0; round < tiers.size(); round++) {
            boolean changed = false;
            for (Edge e : g.edges()) {
                if (e.kind().equals("TIER") && depth.containsKey(e.from()) && depth.containsKey(e.to())
                        && !e.from().equals(e.to()) && depth.get(e.to()) < depth.get(e.from()) + 1
                        && depth.get(e.from()) + 1 < tiers.size()) {
                    depth.put(e.to(), depth.get(e.from()) + 1);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        int deepest = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        Map<String, Boolean> source = new HashMap<>();
        for (Edge e : g.edges()) {
            source.putIfAbsent(e.from(), true);
        }
        for (Edge e : g.edges()) {
            source.put(e.to(), false);
        }
        Map<Integer, List<Node>> columns = new LinkedHashMap<>();
        for (Node n : g.nodes()) {
            int column;
            if (n.kind() == NodeKind.HOST) {
                column = 0;
            } else if (n.kind() == NodeKind.TIER) {
                column = 2 + depth.get(n.id());
            } else if (n.kind() == NodeKind.INGRESS || n.kind() == NodeKind.MONITORING || n.kind() == NodeKind.ALL_PODS
                    || Boolean.TRUE.equals(source.get(n.id()))) {
                column = 1;
            } else {
                column = 3 + deepest;
            }
            columns.computeIfAbsent(column, k -> new ArrayList<>()).add(n);
        }
        boolean hosts = columns.containsKey(0);
        Map<String, Box> boxes = new LinkedHashMap<>();
        for (var c : columns.entrySet()) {
            int x = LEFT + (c.getKey() - (hosts ? 0 : 1)) * COLUMN;
            int y = TOP;
            for (Node n : c.getValue()) {
                boxes.put(n.id(), new Box(x, y));
                y += ROW;
            }
        }
        return boxes;
    }

    private static String edge(Edge e, Box from, Box to, int index, int arrival) {
        String colour = Text.colour(e);
        double x1;
        double y1;
        double x2;
        double y2;
        String d;
        if (to.x() > from.x()) {
            x1 = from.x() + WIDTH;
            y1 = from.y() + HEIGHT / 2.0;
            x2 = to.x();
            y2 = to.y() + HEIGHT / 2.0;
            double dx = (x2 - x1) / 2;
            d = "M " + x1 + " " + y1 + " C " + (x1 + dx) + " " + y1 + ", " + (x2 - dx) + " " + y2 + ", " + x2 + " " + y2;
        } else {
            // same column or backwards: leave from the bottom, arrive at the bottom, bending below
            x1 = from.x() + WIDTH / 2.0 + 20;
            y1 = from.y() + HEIGHT;
            x2 = to.x() + WIDTH / 2.0 - 20;
            y2 = to.y() + HEIGHT;
            double below = Math.max(y1, y2) + 40;
            d = "M " + x1 + " " + y1 + " C " + x1 + " " + below + ", " + x2 + " " + below + ", " + x2 + " " + y2;
        }
        // the label sits at the arrow's head, stacked per box it arrives at, so labels do not cross
        double mx = to.x() > from.x() ? x2 - 6 : x2;
        double my = to.x() > from.x() ? y2 - 6 - 11.0 * arrival : y2 + 14 + 11.0 * arrival;
        String anchor = to.x() > from.x() ? "end" : "middle";
        String dash = e.blocked() || e.undeclared() ? " stroke-dasharray=\"6 4\"" : e.kind().equals("ROUTE") ? " stroke-dasharray=\"2 3\"" : "";
        StringBuilder b = new StringBuilder();
        b.append("  <g class=\"edge\" id=\"edge-").append(index).append("\" data-from=\"").append(e.from()).append("\" data-to=\"")
                .append(e.to()).append("\" data-kind=\"").append(e.kind()).append("\">\n");
        b.append("    <path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.6\"")
                .append(dash).append(" marker-end=\"url(#arrow-").append(colour.substring(1)).append(")\"/>\n");
        b.append("    <text x=\"").append(mx).append("\" y=\"").append(my).append("\" text-anchor=\"").append(anchor).append("\" font-size=\"9\" fill=\"")
                .append(colour).append("\">").append(Text.xml(shorten(Text.shortLabel(e), 40))).append("</text>\n");
        b.append("    <title>").append(Text.xml(Text.edgeLabel(e) + (e.notes().isEmpty() ? "" : "\n" + String.join("\n", e.notes()))))
                .append("</title>\n");
        b.append("  </g>\n");
        return b.toString();
    }

    private static String subtitle(Node n) {
        if (n.kind() == NodeKind.TIER) {
            String s = n.details().getOrDefault("workload", "tier");
            if (n.details().containsKey("replicas")) {
                s += " x" + n.details().get("replicas");
            }
            String scaling = n.details().get("scaling");
            if (scaling != null && !scaling.equals("fixed")) {
                s += ", " + scaling;
            }
            return s;
        }
        String kind = n.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return n.namespace() == null ? kind : kind + " in " + n.namespace();
    }

    private static String tooltip(Node n) {
        StringBuilder b = new StringBuilder(n.label());
        n.details().forEach((k, v) -> b.append('\n').append(k).append(": ").append(v));
        n.findings().forEach(f -> b.append('\n').append(f));
        return b.toString();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}

package dev.keelson.graph.internal;

import dev.keelson.graph.PlatformGraph;
import dev.keelson.graph.PlatformGraph.Edge;
import dev.keelson.graph.PlatformGraph.Node;
import dev.keelson.graph.PlatformGraph.NodeKind;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders a {@link PlatformGraph} as one self-contained HTML page: the SVG drawing inline, the
 * tiers' facts and every flow in tables, styles inline, and a few lines of inline script that mark
 * where each box was drawn ({@code data-box} on each node, for tests in a real browser). Nothing is
 * loaded from the network. Internal.
 */
public final class Html {

    private Html() {
    }

    /** The page. */
    public static String render(PlatformGraph g) {
        Map<String, String> labels = new HashMap<>();
        for (Node n : g.nodes()) {
            labels.put(n.id(), n.label());
        }
        String title = g.platform() + " / " + g.environment();
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';")
                .append(" script-src 'unsafe-inline'; img-src data:\">\n")
                .append("<title>").append(Text.xml(title)).append(" - Keelson</title>\n<style>\n")
                .append("body{font-family:Helvetica,Arial,sans-serif;margin:24px;color:#212121}\n")
                .append("h1{font-size:22px;margin:0 0 4px}\n.meta{color:#616161;margin:0 0 16px}\n")
                .append(".drawing{overflow:auto;border:1px solid #e0e0e0;border-radius:6px;margin-bottom:24px}\n")
                .append("table{border-collapse:collapse;margin:8px 0 24px;font-size:13px}\n")
                .append("th,td{border:1px solid #e0e0e0;padding:4px 8px;text-align:left;vertical-align:top}\n")
                .append("th{background:#fafafa}\n.blocked{color:#c62828;font-weight:bold}\n.allowed{color:#2e7d32}\n")
                .append(".undeclared{color:#ef6c00;font-weight:bold}\n.legend span{margin-right:16px}\n")
                .append("</style>\n</head>\n<body>\n");
        b.append("<h1>").append(Text.xml(title)).append("</h1>\n");
        b.append("<p class=\"meta\">namespace <code>").append(Text.xml(g.namespace())).append("</code>; Pod Security ")
                .append(Text.xml(g.podSecurity().orElse("not enforced"))).append("; mesh authorization ")
                .append(g.meshEnforced() ? "enforced" : "not enforced")
                .append(". Drawn by Keelson from the synthesized objects: each arrow says whether the NetworkPolicies (NP)")
                .append(" and the mesh allow it.</p>\n");
        b.append("<p class=\"legend\"><span style=\"color:#2e7d32\">&#9472; allowed</span>")
                .append("<span style=\"color:#c62828\">- - blocked by a layer</span>")
                .append("<span style=\"color:#ef6c00\">- - allowed but not declared</span>")
                .append("<span style=\"color:#1565c0\">&middot;&middot; route from a host</span></p>\n");
        b.append("<div class=\"drawing\">\n").append(Svg.render(g)).append("</div>\n");

        b.append("<h2>Tiers</h2>\n<table id=\"tiers\">\n<tr><th>tier</th><th>workload</th><th>replicas</th><th>scaling</th>")
                .append("<th>probes</th><th>pod security</th><th>image</th><th>findings</th></tr>\n");
        for (Node n : g.nodes()) {
            if (n.kind() != NodeKind.TIER) {
                continue;
            }
            b.append("<tr data-tier=\"").append(Text.xml(n.label())).append("\"><td><b>").append(Text.xml(n.label())).append("</b></td>");
            for (String key : new String[] {"workload", "replicas", "scaling", "probes", "pod security", "image"}) {
                b.append("<td>").append(Text.xml(n.details().getOrDefault(key, "-"))).append("</td>");
            }
            b.append("<td>").append(n.findings().isEmpty() ? "none" : Text.xml(String.join("\n", n.findings())).replace("\n", "<br>"))
                    .append("</td></tr>\n");
        }
        b.append("</table>\n");

        b.append("<h2>Flows</h2>\n<table id=\"flows\">\n<tr><th>from</th><th>to</th><th>why</th><th>ports</th>")
                .append("<th>NetworkPolicy</th><th>mesh</th><th>notes</th></tr>\n");
        for (Edge e : g.edges()) {
            b.append("<tr").append(e.blocked() ? " class=\"blocked\"" : e.undeclared() ? " class=\"undeclared\"" : "").append("><td>")
                    .append(Text.xml(labels.getOrDefault(e.from(), e.from()))).append("</td><td>")
                    .append(Text.xml(labels.getOrDefault(e.to(), e.to()))).append("</td><td>").append(Text.xml(e.kind()))
                    .append("</td><td>").append(Text.xml(String.join(", ", e.ports()))).append("</td><td>")
                    .append(Text.xml(Text.verdict(e.networkPolicy()))).append("</td><td>").append(Text.xml(Text.verdict(e.mesh())))
                    .append("</td><td>").append(Text.xml(String.join("\n", e.notes())).replace("\n", "<br>")).append("</td></tr>\n");
        }
        b.append("</table>\n");
        b.append("<script>\n")
                .append("window.addEventListener('load', function () {\n")
                .append("  document.querySelectorAll('g.node').forEach(function (n) {\n")
                .append("    var r = n.getBoundingClientRect();\n")
                .append("    n.setAttribute('data-box', [Math.round(r.left + window.scrollX), Math.round(r.top + window.scrollY),")
                .append(" Math.round(r.width), Math.round(r.height)].join(','));\n")
                .append("  });\n")
                .append("  document.body.setAttribute('data-rendered', 'true');\n")
                .append("});\n</script>\n");
        b.append("</body>\n</html>\n");
        return b.toString();
    }
}

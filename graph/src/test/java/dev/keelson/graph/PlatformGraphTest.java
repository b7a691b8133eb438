package dev.keelson.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.Platform;
import dev.keelson.graph.PlatformGraph.Edge;
import dev.keelson.graph.PlatformGraph.Node;
import dev.keelson.graph.PlatformGraph.NodeKind;
import dev.keelson.security.FlowAnalysis.Verdict;
import dev.keelson.security.SecurityBaseline;
import dev.keelson.security.SecurityRule;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

@DisplayName("PlatformGraph: the picture is drawn from the synthesized objects")
class PlatformGraphTest {

    private static Edge edge(PlatformGraph g, String from, String to) {
        return g.edges().stream().filter(e -> e.from().equals(from) && e.to().equals(to)).findFirst()
                .orElseThrow(() -> new AssertionError("no edge " + from + " -> " + to + " in " + g.edges()));
    }

    @Test
    @DisplayName("every tier is a box with its workload, replicas, probes and Pod Security level; every declared flow an arrow")
    void tiersAndFlows() {
        PlatformGraph g = PlatformGraph.of(Shop.platform(), "prod");
        assertThat(g.nodes().stream().filter(n -> n.kind() == NodeKind.TIER).map(Node::label)).containsExactly("web", "api");
        Node web = g.node("tier_web").orElseThrow();
        assertThat(web.details()).containsEntry("workload", "Deployment").containsEntry("pod security", "restricted")
                .containsEntry("probes", "readiness, liveness").containsKey("replicas");
        assertThat(g.podSecurity()).contains("restricted");
        assertThat(g.meshEnforced()).isTrue();
        Edge call = edge(g, "tier_web", "tier_api");
        assertThat(call.kind()).isEqualTo("TIER");
        assertThat(call.ports()).containsExactly("grpc 9090");
        assertThat(call.networkPolicy()).isEqualTo(Verdict.ALLOWED);
        assertThat(call.mesh()).isEqualTo(Verdict.ALLOWED);
        // the host routes to web; the database in another namespace and the external API are boxes of their own
        assertThat(edge(g, "host_shop_example_com", "tier_web").kind()).isEqualTo("ROUTE");
        assertThat(g.nodes()).anySatisfy(n -> {
            assertThat(n.kind()).isEqualTo(NodeKind.DEPENDENCY);
            assertThat(n.label()).isEqualTo("orders-db");
            assertThat(n.namespace()).isEqualTo("data");
        });
        assertThat(g.nodes()).anySatisfy(n -> {
            assertThat(n.kind()).isEqualTo(NodeKind.EXTERNAL);
            assertThat(n.details().get("hosts")).isEqualTo("api.stripe.com");
        });
        // Keelson's own output: nothing blocked, nothing undeclared
        assertThat(g.edges()).noneMatch(Edge::blocked).noneMatch(Edge::undeclared);
    }

    @Test
    @DisplayName("without the mesh, mesh authorization is 'not enforced' on every arrow")
    void withoutMesh() {
        PlatformGraph g = PlatformGraph.of(Shop.builder(SecurityBaseline.restricted(), false).build(), "prod");
        assertThat(g.meshEnforced()).isFalse();
        assertThat(g.edges()).filteredOn(e -> !e.kind().equals("ROUTE"))
                .allSatisfy(e -> assertThat(e.mesh()).isEqualTo(Verdict.NOT_ENFORCED));
        assertThat(edge(g, "tier_web", "tier_api").networkPolicy()).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    @DisplayName("a customization that narrows a NetworkPolicy shows as a blocked arrow with the reason (waived, so it synthesizes)")
    void narrowedPolicyIsBlocked() {
        Platform plain = Shop.platform();
        String allow = dev.keelson.core.Keelson.synth(plain).manifest("prod").objects(NetworkPolicy.class).stream()
                .map(np -> np.getMetadata().getName())
                .filter(name -> name.equals("api")).findFirst()
                .orElseThrow(() -> new AssertionError("no ingress policy of api"));
        Platform narrowed = Shop.builder(SecurityBaseline.restricted()
                        .waive(SecurityRule.NET_010, Namespace.class, "shop-prod", "the test narrows NetworkPolicy/api on purpose")
                        .waive(SecurityRule.NET_011, NetworkPolicy.class, allow, "the test narrows it on purpose"), true)
                .customize(NetworkPolicy.class, allow, np -> np.getSpec().getIngress().forEach(rule -> rule.getPorts()
                        .forEach(p -> p.setPort(new io.fabric8.kubernetes.api.model.IntOrString(9999)))))
                .build();
        PlatformGraph g = PlatformGraph.of(narrowed, "prod");
        assertThat(g.edges()).filteredOn(Edge::undeclared).isNotEmpty();   // port 9999 is open now, which nobody declared
        Edge call = edge(g, "tier_web", "tier_api");
        assertThat(call.blocked()).isTrue();
        assertThat(call.networkPolicy()).isEqualTo(Verdict.BLOCKED);
        assertThat(call.notes()).anySatisfy(n -> assertThat(n).startsWith("NetworkPolicy blocks").contains("9090"));
        assertThat(g.toMermaid()).contains("NP BLOCKED");
        assertThat(g.toHtml()).contains("class=\"blocked\"");
    }

    @Test
    @DisplayName("through Gateway API, a host is drawn from each HTTPRoute, with a route arrow to its tier, and the gateway's pods reach the tier")
    void gatewayApiRoutes() {
        PlatformGraph g = PlatformGraph.of(Shop.builder(SecurityBaseline.restricted(), false)
                .exposeThrough(dev.keelson.core.GatewayApi.istio()).build(), "prod");
        Edge route = edge(g, "host_shop_example_com", "tier_web");
        assertThat(route.kind()).isEqualTo("ROUTE");
        assertThat(route.notes()).containsExactly("HTTPRoute/web routes shop.example.com/");
        assertThat(g.edges()).anyMatch(e -> e.to().equals("tier_web") && e.kind().equals("INGRESS")
                && e.networkPolicy() == Verdict.ALLOWED);
    }

    @Test
    @DisplayName("Mermaid and DOT of the shop are as approved")
    void mermaid() {
        Approvals.verify(PlatformGraph.of(Shop.platform(), "prod").toMermaid(), new Options().forFile().withExtension(".mmd"));
    }

    @Test
    @DisplayName("DOT of the shop is as approved")
    void dot() {
        Approvals.verify(PlatformGraph.of(Shop.platform(), "prod").toDot(), new Options().forFile().withExtension(".dot"));
    }

    @Test
    @DisplayName("the SVG is well-formed XML, every box lies on the canvas and no two boxes overlap")
    void svgLayout() throws Exception {
        String svg = PlatformGraph.of(Shop.platform(), "prod").toSvg();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        double width = Double.parseDouble(root.getAttribute("width"));
        double height = Double.parseDouble(root.getAttribute("height"));
        NodeList groups = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        List<double[]> boxes = new ArrayList<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (!"node".equals(g.getAttribute("class"))) {
                continue;
            }
            Element rect = (Element) g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").item(0);
            double[] b = {Double.parseDouble(rect.getAttribute("x")), Double.parseDouble(rect.getAttribute("y")),
                Double.parseDouble(rect.getAttribute("width")), Double.parseDouble(rect.getAttribute("height"))};
            assertThat(b[0] + b[2]).as(g.getAttribute("data-label")).isLessThanOrEqualTo(width);
            assertThat(b[1] + b[3]).as(g.getAttribute("data-label")).isLessThanOrEqualTo(height);
            for (double[] o : boxes) {
                boolean apart = b[0] + b[2] <= o[0] || o[0] + o[2] <= b[0] || b[1] + b[3] <= o[1] || o[1] + o[3] <= b[1];
                assertThat(apart).as("box of " + g.getAttribute("data-label") + " overlaps another").isTrue();
            }
            boxes.add(b);
        }
        assertThat(boxes).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    @DisplayName("the HTML page is self-contained: no address but the SVG namespace, a CSP that forbids loading anything")
    void htmlSelfContained() {
        String html = PlatformGraph.of(Shop.platform(), "prod").toHtml();
        Matcher urls = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}").matcher(html);
        List<String> found = new ArrayList<>();
        while (urls.find()) {
            found.add(urls.group());
        }
        assertThat(found).allMatch(u -> u.equals("http://www.w3.org"));
        assertThat(html).contains("default-src 'none'").contains("<tr data-tier=\"web\">").contains("<tr data-tier=\"api\">");
    }

    @Test
    @DisplayName("an unknown format or environment is refused, naming what exists")
    void badInput() {
        PlatformGraph g = PlatformGraph.of(Shop.platform(), "prod");
        assertThatThrownBy(() -> g.render("png")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown graph format 'png'; use one of mermaid, dot, svg, html");
        assertThatThrownBy(() -> PlatformGraph.of(Shop.platform(), "staging")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown environment 'staging'").hasMessageContaining("[dev, prod]");
    }
}

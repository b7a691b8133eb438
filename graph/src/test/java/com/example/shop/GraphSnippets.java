package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Runner;
import dev.keelson.core.Tier;
import dev.keelson.graph.GraphCommand;
import dev.keelson.graph.PlatformGraph;
import dev.keelson.security.FlowAnalysis;
import dev.keelson.security.SecurityBaseline;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code of docs/graph.md, compiled and run. */
class GraphSnippets {

    static Platform platform() {
        return Platform.named("shop")
                .environments(Environment.dev(), Environment.prod())
                .with(SecurityBaseline.restricted())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080)).exposedAt("shop.example.com")
                        .talksTo("api"))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080)))
                .build();
    }

    @Test
    void fromJava(@TempDir Path dir) throws IOException {
        Platform platform = platform();
        Path out = dir;
        // snippet:from-java
        PlatformGraph prod = PlatformGraph.of(platform, "prod");
        Files.writeString(out.resolve("prod.html"), prod.toHtml());      // self-contained page
        Files.writeString(out.resolve("prod.mmd"), prod.toMermaid());    // for a README or a pull request
        for (PlatformGraph.Edge e : prod.edges()) {
            if (e.blocked()) {
                System.out.println("blocked: " + e.from() + " -> " + e.to() + " " + e.notes());
            }
        }
        // end:from-java
        assertThat(Files.readString(out.resolve("prod.html"))).contains("data-label=\"web\"");
        assertThat(prod.edges()).noneMatch(PlatformGraph.Edge::blocked);
    }

    @Test
    void flows() {
        Platform platform = platform();
        // snippet:flow-analysis
        FlowAnalysis analysis = FlowAnalysis.of(platform, Keelson.synth(platform).manifest("prod"));
        for (FlowAnalysis.Declared d : analysis.declared()) {
            System.out.println(d.flow().from() + " -> " + d.flow().to() + ": NetworkPolicy " + d.networkPolicy()
                    + ", mesh " + d.mesh());
        }
        // end:flow-analysis
        assertThat(analysis.declared()).allMatch(d -> d.networkPolicy() == FlowAnalysis.Verdict.ALLOWED);
        assertThat(analysis.undeclared()).isEmpty();
    }

    @Test
    void command() {
        StringWriter out = new StringWriter();
        // snippet:command
        Runner runner = GraphCommand.addTo(Keelson.runner(GraphSnippets::platform));
        // end:command
        runner.output(new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(runner.execute("graph", "--env", "prod", "--format", "mermaid")).isZero();
        assertThat(out.toString()).startsWith("%% shop, environment prod");
    }
}

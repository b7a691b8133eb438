package dev.keelson.graph;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Runner;
import dev.keelson.core.testkit.NullSweep;
import dev.keelson.security.FlowAnalysis;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("every public method of graph names the call and the parameter when given null")
class NullArgumentsTest {

    @Test
    @DisplayName("PlatformGraph, its nodes and edges and GraphCommand refuse null in every argument not marked @Nullable")
    void sweep() {
        Platform shop = Shop.platform();
        Manifest prod = Keelson.synth(shop).manifest("prod");
        NullSweep.of("dev.keelson.graph")
                .sample(Platform.class, () -> shop)
                .sample(Manifest.class, () -> prod)
                .sample(Runner.class, () -> Keelson.runner(shop))
                .sample(PlatformGraph.class, () -> PlatformGraph.of(shop, prod))
                .sample(PlatformGraph.NodeKind.class, () -> PlatformGraph.NodeKind.TIER)
                .sample(FlowAnalysis.Verdict.class, () -> FlowAnalysis.Verdict.ALLOWED)
                .sample(Map.class, Map::of)
                .sample(List.class, List::of)
                .run();
    }
}

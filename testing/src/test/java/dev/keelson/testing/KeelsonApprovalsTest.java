package dev.keelson.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("KeelsonApprovals: a platform's YAML in one approved file")
class KeelsonApprovalsTest {

    private static Platform hello() {
        return Platform.named("hello")
                .environments(Environment.dev(), Environment.prod())
                .tier(Tier.named("web").image("ghcr.io/acme/hello:1.0.0").port(Port.http(8080)))
                .build();
    }

    @Test
    @DisplayName("every environment, in the platform's order, in one file (approved next to this test)")
    void everyEnvironment() {
        KeelsonApprovals.verify(hello());
    }

    @Test
    @DisplayName("one environment only")
    void prodOnly() {
        KeelsonApprovals.verify(hello(), "prod");
    }

    @Test
    @DisplayName("the snapshot is each environment's header comment followed by exactly the manifest's YAML")
    void snapshotText() {
        var prod = Keelson.synth(hello()).manifest("prod");
        assertThat(KeelsonApprovals.snapshot(prod))
                .isEqualTo("# environment prod, namespace hello-prod, " + prod.size() + " objects\n" + prod.toYaml());
        String both = KeelsonApprovals.snapshot(hello(), "prod", "dev");
        assertThat(both.indexOf("# environment dev")).isZero();
        assertThat(both).contains("\n# environment prod, namespace hello-prod");
        assertThat(KeelsonApprovals.snapshot(hello())).isEqualTo(both);
    }

    @Test
    @DisplayName("an unknown environment fails naming the known ones")
    void unknownEnvironment() {
        assertThatThrownBy(() -> KeelsonApprovals.snapshot(hello(), "qa"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown environment(s) [qa] in platform 'hello'; it has [dev, prod]");
    }
}

package dev.keelson.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Any traffic settings give either a mesh that holds its promises or a complete, clear error. */
class MeshPropertiesTest {

    @Property(tries = 200)
    @Label("any canary, retries and fault: valid routes (weights sum to 100, no fault in prod) or a ValidationException with paths")
    void validOrClearError(@ForAll @IntRange(min = -20, max = 120) int canaryPercent,
                           @ForAll @IntRange(min = -2, max = 6) int attempts,
                           @ForAll @IntRange(min = 0, max = 20) int perTrySeconds,
                           @ForAll @IntRange(min = 0, max = 20) int timeoutSeconds,
                           @ForAll @DoubleRange(min = -10, max = 110) double faultPercent,
                           @ForAll boolean faultInProd) {
        Fault fault = Fault.abort(503, faultPercent);
        if (!faultInProd) {
            fault = fault.onlyIn(Stage.DEVELOPMENT, Stage.STAGING);
        }
        Platform platform;
        try {
            platform = Platform.named("shop").environments(Environment.dev(), Environment.prod())
                    .with(MeshPolicy.strictMtls().withCni())
                    .tier(Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080))
                            .with(Traffic.defaults().timeout(Duration.ofSeconds(timeoutSeconds))
                                    .retries(Retries.attempts(attempts).perTry(Duration.ofSeconds(perTrySeconds)))
                                    .fault(fault))
                            .with(Canary.of("ghcr.io/acme/api:2.5.0", canaryPercent)))
                    .build();
        } catch (ValidationException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.path()).startsWith("shop/tiers/api/");
                assertThat(p.fix()).isNotBlank();
            });
            assertThat(e.problems()).anyMatch(p -> p.severity() == Problem.Severity.ERROR);
            return;
        }
        for (String env : new String[] {"dev", "prod"}) {
            Manifest m = Keelson.synth(platform).manifest(env);
            VirtualService vs = m.get(VirtualService.class, "api").orElseThrow();
            var route = vs.getSpec().getHttp().get(0);
            assertThat(route.getRoute().stream().mapToInt(d -> d.getWeight()).sum()).isEqualTo(100);
            if (env.equals("prod")) {
                assertThat(route.getFault()).isNull();
            }
        }
    }
}

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
import dev.keelson.core.testkit.Gen;
import dev.keelson.core.testkit.Seeded;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Any traffic settings give either a mesh that holds its promises or a complete, clear error. */
class MeshPropertiesTest {

    /** One try's traffic settings. */
    record Settings(int canaryPercent, int attempts, int perTrySeconds, int timeoutSeconds, double faultPercent,
                    boolean faultInProd) {
    }

    @Test
    @DisplayName("any canary, retries and fault: valid routes (weights sum to 100, no fault in prod) or a ValidationException with paths")
    void validOrClearError() {
        Gen<Integer> canaries = Gen.ints(-20, 120);
        Gen<Integer> attempts = Gen.ints(-2, 6);
        Gen<Integer> seconds = Gen.ints(0, 20);
        // percentages with two decimal places; the valid range's upper edge explicitly, beside the generator's own edges
        Gen<Double> faults = Gen.frequency(Gen.weight(9, Gen.doubles(-10, 110, 2)), Gen.weight(1, Gen.of(99.99, 100.0, 100.01)));
        Gen<Boolean> inProd = Gen.booleans();
        Seeded.forAll(200, r -> new Settings(canaries.next(r), attempts.next(r), seconds.next(r), seconds.next(r),
                        faults.next(r), inProd.next(r)),
                s -> validOrClearError(s.canaryPercent(), s.attempts(), s.perTrySeconds(), s.timeoutSeconds(),
                        s.faultPercent(), s.faultInProd()));
    }

    private static void validOrClearError(int canaryPercent, int attempts, int perTrySeconds, int timeoutSeconds,
                                          double faultPercent, boolean faultInProd) {
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

package dev.keelson.mesh;

import dev.keelson.core.Image;
import dev.keelson.core.Percent;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Resources;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.core.testkit.NullSweep;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("every public method of the mesh API names the call and the parameter when given null")
class NullArgumentsTest {

    @Test
    void sweep() {
        NullSweep.of("dev.keelson.mesh")
                .sample(Image.class, () -> Image.parse("ghcr.io/acme/api:2.5.0"))
                .sample(Stage.class, () -> Stage.DEVELOPMENT)
                .sample(Resources.class, () -> Resources.requests("100m", "128Mi"))
                .sample(Platform.class, () -> Platform.named("shop").with(MeshPolicy.strictMtls().withCni())
                        .tier(Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080))).build())
                .sample(Tier.class, () -> Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080)).build())
                .sample(Canary.class, () -> Canary.of("ghcr.io/acme/api:2.5.0", 10))
                .sample(BlueGreen.class, () -> BlueGreen.green("ghcr.io/acme/api:2.5.0"))
                .sample(AbTest.class, () -> AbTest.header("x-variant", "b", "ghcr.io/acme/api:2.5.0-b"))
                .sample(Mirror.class, () -> Mirror.of("ghcr.io/acme/api:2.5.0", 100))
                .sample(Fault.class, () -> Fault.abort(503, 5).onlyIn(Stage.DEVELOPMENT))
                .sample(Jwt.class, () -> Jwt.issuer("https://auth.example.com").jwksUri("https://auth.example.com/jwks.json"))
                .sample(LoadBalancer.class, LoadBalancer::leastRequest)
                .sample(MeshGateway.class, MeshGateway::ingress)
                .sample(MeshPolicy.class, MeshPolicy::strictMtls)
                .sample(Retries.class, () -> Retries.DEFAULT)
                .sample(ConnectionPool.class, () -> ConnectionPool.DEFAULT)
                .sample(OutlierDetection.class, () -> OutlierDetection.DEFAULT)
                .sample(MeshTracing.class, () -> MeshTracing.provider("otel"))
                .sample(Traffic.class, Traffic::defaults)
                .sample(Duration.class, () -> Duration.ofSeconds(2))
                .sample(Percent.class, () -> Percent.of(10))
                .run();
    }
}

package dev.keelson.examples.docs;

import dev.keelson.apply.ClusterCommands;
import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Exposure;
import dev.keelson.core.GatewayApi;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Resources;
import dev.keelson.core.Synth;
import dev.keelson.core.Tier;
import dev.keelson.core.TierOverride;
import dev.keelson.core.ValidationException;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The code behind the snippets of docs/getting-started.md and docs/concepts.md. Regions between
 * {@code // snippet:NAME} and {@code // end:NAME} are copied into the docs; a test fails when they
 * differ, so the docs cannot rot.
 */
public final class GettingStarted {

    private GettingStarted() {
    }

    /** The first platform of the guide. */
    public static Platform shop() {
        // snippet:first-platform
        Platform shop = Platform.named("shop")
                .environments(Environment.dev(), Environment.prod())
                .tier(Tier.named("web")
                        .image("ghcr.io/acme/web:1.4.2")
                        .port(Port.http(8080))
                        .readiness(Probe.http("/ready"))
                        .liveness(Probe.http("/healthz").every(20))
                        .exposedAt("shop.example.com")
                        .talksTo("api"))
                .tier(Tier.named("api")
                        .image("ghcr.io/acme/api:2.0.1")
                        .port(Port.grpc(9090))
                        .dependsOn(Dependency.postgres("orders-db").inNamespace("data")))
                .build();
        // end:first-platform
        return shop;
    }

    /** The guide's program. */
    static final class Program {
        private Program() {
        }

        // snippet:main
        public static void main(String[] args) {
            Keelson.run(shop(), args);
        }
        // end:main
    }

    /** The guide's program with the cluster commands. */
    static final class ProgramWithApply {
        private ProgramWithApply() {
        }

        // snippet:main-with-apply
        public static void main(String[] args) {
            System.exit(ClusterCommands.addTo(Keelson.runner(GettingStarted::shop)).execute(args));
        }
        // end:main-with-apply
    }

    /** Environments and overrides. */
    public static Platform environments() {
        // snippet:environments
        Platform shop = Platform.named("shop")
                .environments(
                        Environment.dev().override("api", TierOverride.replicas(1).withImageTag("2.1.0-rc.1")),
                        Environment.staging(),
                        Environment.prod().override("api", TierOverride.replicas(4)
                                .withResources(Resources.requests("500m", "1Gi"))))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.grpc(9090)))
                .build();
        // end:environments
        return shop;
    }

    /** Exposure through Gateway API, the default for new platforms. */
    public static Platform gatewayApi() {
        // snippet:gateway-api
        Platform shop = Platform.named("shop")
                .exposeThrough(GatewayApi.istio())   // a Gateway per environment; default: ExposureApi.ingress() (NGINX)
                .environments(Environment.staging(), Environment.prod())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080))
                        .exposedAt(Exposure.host("shop.example.com").timeout(Duration.ofSeconds(30))))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.grpc(9090))
                        .exposedAt("api.shop.example.com"))        // a gRPC port: a GRPCRoute
                .build();
        // end:gateway-api
        return shop;
    }

    /** The migration step of docs/migrating-from-ingress-nginx.md: NGINX and the Gateway side by side. */
    public static Platform alongsideIngress() {
        // snippet:alongside-ingress
        Platform shop = Platform.named("shop")
                .exposeThrough(GatewayApi.istio().alongsideIngress())   // Ingresses stay; routes and a Gateway join them
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080))
                        .exposedAt("shop.example.com"))
                .build();
        // end:alongside-ingress
        return shop;
    }

    /** Synthesis from Java. */
    public static List<Synth.Written> synth(Platform shop, Path dist) {
        // snippet:synth
        Synth synth = Keelson.synth(shop);
        List<Synth.Written> written = synth.writeTo(dist);          // dist/dev/*.yaml, dist/prod/*.yaml
        Manifest prod = synth.manifest("prod");                      // the objects, in apply order
        Deployment api = prod.get(Deployment.class, "api").orElseThrow();
        System.out.println(Manifest.toYaml(api));
        // end:synth
        return written;
    }

    /** The escape hatches. */
    public static Platform escapeHatches() {
        // snippet:escape-hatches
        Platform shop = Platform.named("shop")
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.grpc(9090)))
                .customize(Deployment.class, "api", d -> d.getSpec().setMinReadySeconds(10))
                .add(env -> new ConfigMapBuilder()
                        .withNewMetadata().withName("banner").endMetadata()
                        .addToData("text", "welcome to " + env.name())
                        .build())
                .build();
        // end:escape-hatches
        return shop;
    }

    /** What a mistake looks like. */
    public static ValidationException mistakes() {
        try {
            // snippet:mistakes
            Platform.named("shop")
                    .tier(Tier.named("web").image("ghcr.io/acme/web:latest").port(Port.http(70000)).talksTo("cart"))
                    .build();
            // end:mistakes
            throw new AssertionError("expected a ValidationException");
        } catch (ValidationException e) {
            return e;
        }
    }

    /** A talksTo edge limited to ports, methods and paths. */
    public static Connection connection() {
        // snippet:connection
        Connection call = Connection.to("api").ports("http").methods("GET", "POST").paths("/api/*");
        // end:connection
        return call;
    }
}

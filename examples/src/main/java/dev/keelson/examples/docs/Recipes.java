package dev.keelson.examples.docs;

import dev.keelson.autoscaling.Metric;
import dev.keelson.autoscaling.ScalingProfile;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.mesh.AbTest;
import dev.keelson.mesh.BlueGreen;
import dev.keelson.mesh.Canary;
import dev.keelson.mesh.Jwt;
import dev.keelson.mesh.MeshPolicy;
import dev.keelson.mesh.Mirror;
import dev.keelson.security.KubernetesApi;
import dev.keelson.security.SecurityBaseline;
import dev.keelson.security.SecurityRule;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;

/**
 * The code of docs/recipes.md: each recipe is a small, complete platform (or tier) that the
 * examples' tests synthesize and check, so the page cannot rot.
 */
public final class Recipes {

    private Recipes() {
    }

    static Platform.Builder shop() {
        return Platform.named("shop")
                .environments(Environment.dev(), Environment.staging(), Environment.prod())
                .with(SecurityBaseline.byStage())
                .with(MeshPolicy.strictMtls().withCni());
    }

    /** A canary of the API at 10% in production. */
    public static Platform canary() {
        return shop().tier(
                // snippet:canary
                Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080))
                        .with(Canary.of("ghcr.io/acme/api:2.5.0", 10).replicas(2).onlyIn(Stage.PRODUCTION))
                // end:canary
        ).build();
    }

    /** Blue-green: green runs beside blue, then takes all traffic. */
    public static Platform blueGreen(boolean switched) {
        // snippet:blue-green
        BlueGreen green = BlueGreen.green("ghcr.io/acme/api:3.0.0").replicas(2);   // deployed, no traffic yet
        if (switched) {
            green = green.switched();                                               // all traffic to green
        }
        Tier.Builder api = Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080)).with(green);
        // end:blue-green
        return shop().tier(api).build();
    }

    /** A/B by header and mirroring. */
    public static Platform abAndMirror() {
        return shop()
                // snippet:ab-and-mirror
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080))
                        .with(AbTest.header("x-beta", "true", "ghcr.io/acme/web:1.5.0-beta.1").replicas(2)))
                .tier(Tier.named("search").image("ghcr.io/acme/search:4.0.0").port(Port.http(8080))
                        .with(Mirror.of("ghcr.io/acme/search:4.1.0", 25).replicas(2)))
                // end:ab-and-mirror
                .build();
    }

    /** An API that requires a JWT from the company's identity provider. */
    public static Platform jwt() {
        return shop().tier(
                // snippet:jwt
                Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080)).exposedAt("api.acme.example")
                        .with(Jwt.issuer("https://login.acme.example")
                                .jwksUri("https://login.acme.example/.well-known/jwks.json")
                                .audiences("api")
                                .claim("scope", "orders:read"))
                // end:jwt
        ).build();
    }

    /** An external API over HTTPS and a database. */
    public static Platform externalAndDatabase() {
        return shop().tier(
                // snippet:external-and-database
                Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080))
                        .dependsOn(Dependency.external("payments").host("api.payments.example"))   // HTTPS 443
                        .dependsOn(Dependency.postgres("orders-db").inNamespace("database"))       // 5432
                        .dependsOn(Dependency.redis("cache"))                                      // 6379, same namespace
                        .secretFiles("orders-db-credentials", "/var/run/secrets/db")
                // end:external-and-database
        ).build();
    }

    /** Autoscaling on requests per second and queue depth. */
    public static Platform customMetrics() {
        return shop().tier(
                // snippet:custom-metrics
                Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080))
                        .with(ScalingProfile.on(Metric.requestsPerSecond(100))
                                .metric(Metric.p95ResponseTime(Duration.ofMillis(500)))
                                .metric(Metric.queueDepth("orders", 10))
                                .replicas(3, 30))
                // end:custom-metrics
        ).build();
    }

    /** A waiver, with its reason, for one object. */
    public static Platform waiver() {
        // snippet:waiver
        Platform legacy = Platform.named("shop")
                .environments(Environment.prod())
                .with(SecurityBaseline.restricted()
                        .waive(SecurityRule.POD_001, Deployment.class, "legacy",
                                "writes its cache under /var/lib/app; ticket OPS-412"))
                .tier(Tier.named("legacy").image("ghcr.io/acme/legacy:7.2.0").port(Port.http(8080))
                        .writableRootFilesystem())
                .build();
        // end:waiver
        return legacy;
    }

    /** The waiver shown in docs/security.md and docs/security-rules.md. */
    public static SecurityBaseline waiveOne() {
        SecurityBaseline baseline =
                // snippet:waive-one
                SecurityBaseline.restricted()
                        .waive(SecurityRule.POD_001, Deployment.class, "legacy", "writes to /var/lib/app, ticket OPS-12")
                        .waiveIn("dev", SecurityRule.PSS_003, Deployment.class, "debug", "ptrace for the debugger, dev only")
                // end:waive-one
                ;
        return baseline;
    }

    /** The string form of a waiver, for a kind without a fabric8 class, shown in docs/security.md. */
    public static SecurityBaseline waiveById() {
        SecurityBaseline baseline =
                // snippet:waive-by-id
                SecurityBaseline.restricted()
                        .waive("SEC-AVL-011", "Rollout/web", "labels come from the Argo Rollouts controller, ticket OPS-31")
                // end:waive-by-id
                ;
        return baseline;
    }

    /** A tier that reads ConfigMaps through the Kubernetes API. */
    public static Platform kubernetesApi() {
        return shop().tier(
                // snippet:kubernetes-api
                Tier.named("operator").image("ghcr.io/acme/operator:0.9.0").port(Port.http(8080))
                        .with(KubernetesApi.access("configmaps").verbs("get", "list", "watch")
                                .apiServer("10.0.0.1/32", 443))
                // end:kubernetes-api
        ).build();
    }

    /** The escape hatch on top of the modules: the policy check still runs after it. */
    public static Platform escapeHatch() {
        return shop()
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.http(8080)))
                // snippet:escape-hatch
                .customize("prod", Deployment.class, "api", d -> d.getSpec().getTemplate().getSpec()
                        .setPriorityClassName("business-critical"))
                // end:escape-hatch
                .build();
    }
}

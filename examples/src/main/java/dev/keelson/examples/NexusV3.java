package dev.keelson.examples;

import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Exposure;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Resources;
import dev.keelson.core.Tier;
import dev.keelson.core.TierOverride;
import dev.keelson.core.Tls;

/**
 * The reference platform of the enterprise container platform report: a web frontend, an API and
 * a worker, with PostgreSQL and Redis, in dev, staging and prod.
 *
 * <p>Run it: {@code java -jar examples/target/nexus-v3.jar synth} writes {@code dist/<env>/}.
 */
public final class NexusV3 {

    /** The PostgreSQL release the API and the worker use (in the {@code database} namespace). */
    static final Dependency POSTGRES = Dependency.postgres("nexus-postgresql").inNamespace("database");
    /** The Redis release used as cache and queue (in the {@code cache} namespace). */
    static final Dependency REDIS = Dependency.redis("nexus-redis").inNamespace("cache");
    /** The external payment provider the API calls over HTTPS. */
    static final Dependency PAYMENTS = Dependency.external("payments").host("api.payments.example.com");

    private NexusV3() {
    }

    /** The whole platform. */
    public static Platform platform() {
        return Platform.named("nexus-v3")
                .environments(
                        Environment.dev()
                                .override("web", TierOverride.replicas(1).withImageTag("1.9.0-rc.2"))
                                .override("api", TierOverride.replicas(1))
                                .override("worker", TierOverride.replicas(1)),
                        Environment.staging(),
                        Environment.prod()
                                .override("web", TierOverride.replicas(3))
                                .override("api", TierOverride.replicas(3).withResources(
                                        Resources.requests("500m", "1Gi")))
                                .override("worker", TierOverride.replicas(2)))
                .certificateIssuer(Tls.clusterIssuer("letsencrypt-prod"))
                .tier(web())
                .tier(api())
                .tier(worker())
                .build();
    }

    static Tier.Builder web() {
        return Tier.named("web")
                .image("ghcr.io/nexus/web:1.8.2")
                .port(Port.http(8080))
                .metrics(Port.metrics(9090))
                .resources(Resources.requests("100m", "256Mi"))
                .readiness(Probe.http("/ready"))
                .liveness(Probe.http("/healthz").every(20))
                .startup(Probe.http("/healthz").every(5).failAfter(24))
                .config("API_URL", "http://api:8080")
                .config("NODE_ENV", "production")
                .writablePath("/app/.next/cache")
                .exposedAt(Exposure.host("nexus.example.com"))
                .talksTo(Connection.to("api").ports("http").methods("GET", "POST").paths("/api/*"));
    }

    static Tier.Builder api() {
        return Tier.named("api")
                .image("ghcr.io/nexus/api:3.4.1")
                .port(Port.http(8080))
                .port(Port.grpc(9091))
                .metrics(Port.metrics(9090))
                .resources(Resources.requests("250m", "512Mi"))
                .readiness(Probe.http("/ready"))
                .liveness(Probe.http("/healthz").every(20))
                .startup(Probe.http("/healthz").every(5).failAfter(30))
                .config("LOG_LEVEL", "info")
                .config("DB_HOST", "nexus-postgresql.database.svc.cluster.local")
                .config("REDIS_HOST", "nexus-redis.cache.svc.cluster.local")
                .secretFiles("nexus-api-db", "/var/run/secrets/nexus/db")
                .secretEnv("PAYMENTS_API_KEY", "nexus-payments", "api-key")
                .exposedAt(Exposure.host("api.nexus.example.com"))
                .dependsOn(POSTGRES)
                .dependsOn(REDIS)
                .dependsOn(PAYMENTS);
    }

    static Tier.Builder worker() {
        return Tier.named("worker")
                .image("ghcr.io/nexus/worker:3.4.1")
                .metrics(Port.metrics(9090))
                .resources(Resources.requests("200m", "512Mi"))
                .readiness(Probe.http("/ready").onPort("metrics"))
                .liveness(Probe.http("/healthz").onPort("metrics").every(20))
                .config("QUEUE", "nexus-jobs")
                .secretFiles("nexus-worker-db", "/var/run/secrets/nexus/db")
                .talksTo(Connection.to("api").ports("grpc"))
                .dependsOn(POSTGRES)
                .dependsOn(REDIS);
    }

    /** {@code synth | print | check | --help}; see the README. */
    public static void main(String[] args) {
        Keelson.run(platform(), args);
    }
}

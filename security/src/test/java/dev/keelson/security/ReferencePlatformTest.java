package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Exposure;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Problem;
import dev.keelson.core.Resources;
import dev.keelson.core.Tier;
import dev.keelson.core.TierOverride;
import dev.keelson.core.Tls;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A core-only copy of the reference platform's tiers (this module cannot depend on examples) with
 * the report's security: its staging and prod output passes its own check with no waiver. The
 * reference platform itself, with every module, is checked in examples' {@code NexusV3Test}.
 */
class ReferencePlatformTest {

    static final Dependency POSTGRES = Dependency.postgres("nexus-postgresql").inNamespace("database");
    /** The Redis release used as cache and queue (in the {@code cache} namespace). */
    static final Dependency REDIS = Dependency.redis("nexus-redis").inNamespace("cache");
    /** The external payment provider the API calls over HTTPS. */
    static final Dependency PAYMENTS = Dependency.external("payments").host("api.payments.example.com");

    /** The whole platform. */
    static Platform platform() {
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
                .with(SecurityBaseline.byStage())
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


    @Test
    @DisplayName("staging and prod of the reference platform pass the restricted check with no waiver; dev passes baseline")
    void passes() {
        Platform platform = platform();
        for (String env : new String[] {"dev", "staging", "prod"}) {
            Manifest m = Keelson.synth(platform).manifest(env);
            assertThat(m.warnings()).filteredOn(p -> p.severity() == Problem.Severity.ERROR).isEmpty();
            assertThat(m.warnings()).extracting(Problem::message).noneMatch(msg -> msg.contains("waived"));
            assertThat(m.objects(NetworkPolicy.class)).extracting(n -> n.getMetadata().getName())
                    .containsExactly("default-deny", "web", "api", "worker", "all-pods-dns");
        }
    }
}

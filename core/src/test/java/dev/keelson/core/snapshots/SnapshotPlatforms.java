package dev.keelson.core.snapshots;

import dev.keelson.core.Batch;
import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Exposure;
import dev.keelson.core.NodeAgent;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Resources;
import dev.keelson.core.Schedule;
import dev.keelson.core.Stateful;
import dev.keelson.core.Storage;
import dev.keelson.core.Tier;
import dev.keelson.core.TierOverride;
import dev.keelson.core.Tls;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The platforms whose output the snapshot, conformance and determinism tests lock. */
public final class SnapshotPlatforms {

    private SnapshotPlatforms() {
    }

    /** The smallest useful platform: one tier, one port, the default environment (prod). */
    public static Platform oneTier() {
        return Platform.named("hello")
                .tier(Tier.named("web").image("ghcr.io/acme/hello:1.0.0").port(Port.http(8080)))
                .build();
    }

    /**
     * Three tiers across dev, staging and prod: ingress with TLS, config, secret references as
     * environment variables and files, per-environment overrides of replicas, resources and the
     * image tag, talksTo and dependencies.
     */
    public static Platform threeTiers() {
        return Platform.named("shop")
                .environments(
                        Environment.dev()
                                .override("web", TierOverride.imageTag("1.5.0-rc.1"))
                                .override("api", TierOverride.replicas(1).withResources(Resources.requests("50m", "64Mi"))),
                        Environment.staging(),
                        Environment.prod()
                                .override("web", TierOverride.replicas(3))
                                .override("api", TierOverride.replicas(4)
                                        .withResources(Resources.requests("500m", "1Gi").cpuLimit("2")))
                                .override("worker", TierOverride.replicas(3).withImageTag("3.1.1")))
                .certificateIssuer(Tls.clusterIssuer("letsencrypt-prod"))
                .tier(Tier.named("web")
                        .image("ghcr.io/acme/shop-web:1.4.2")
                        .port(Port.http(8080))
                        .exposedAt("shop.example.com")
                        .talksTo(Connection.to("api").ports("grpc"))
                        .config("LOG_LEVEL", "info")
                        .config("API_ADDRESS", "api:9090")
                        .secretEnv("SESSION_KEY", "web-session", "key")
                        .readiness(Probe.http("/ready").onPort("http"))
                        .liveness(Probe.http("/healthz").onPort("http").every(10)))
                .tier(Tier.named("api")
                        .image("ghcr.io/acme/shop-api:2.0.1")
                        .port(Port.grpc(9090))
                        .metrics(Port.metrics(9091))
                        .exposedAt(Exposure.host("api.shop.example.com").port("grpc").tls(Tls.issuer("shop-ca")))
                        .talksTo("worker")
                        .config("DB_HOST", "orders-db.data.svc.cluster.local")
                        .secretEnv("DB_PASSWORD", "orders-db", "password")
                        .secretFiles("api-client-certs", "/etc/api/certs")
                        .dependsOn(Dependency.postgres("orders-db").inNamespace("data"))
                        .dependsOn(Dependency.external("payments").host("api.stripe.com"))
                        .resources(Resources.requests("250m", "256Mi")))
                .tier(Tier.named("worker")
                        .image("ghcr.io/acme/shop-worker:3.1.0")
                        .port(Port.http(8081).named("admin"))
                        .command("/worker")
                        .args("--queue", "orders", "--concurrency", "4")
                        .env("QUEUE_URL", "redis://cache:6379/0")
                        .dependsOn(Dependency.redis("cache"))
                        .writablePath("/var/cache/worker"))
                .build();
    }

    /**
     * The escape hatches: a customized Deployment and Service, a raw ConfigMap and a raw Istio
     * PeerAuthentication (a GenericKubernetesResource) in every environment, and a raw
     * PodDisruptionBudget in prod only.
     */
    public static Platform escapeHatches() {
        return Platform.named("hatch")
                .environments(Environment.dev(), Environment.prod())
                .tier(Tier.named("web").image("ghcr.io/acme/hatch-web:2.3.4").port(Port.http(8080))
                        .exposedAt("hatch.example.com"))
                .customize(Deployment.class, "web", d -> {
                    d.getSpec().setMinReadySeconds(10);
                    d.getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(45L);
                })
                .customize(Service.class, "web", (env, s) -> {
                    s.getSpec().setSessionAffinity("ClientIP");
                    s.getMetadata().setAnnotations(Map.of("hatch.example.com/environment", env.name()));
                })
                .add(env -> new ConfigMapBuilder()
                        .withNewMetadata().withName("banner").endMetadata()
                        .addToData("text", "welcome to " + env.name())
                        .addToData("enabled", "yes")
                        .build())
                .add(env -> peerAuthentication())
                .add("prod", env -> new PodDisruptionBudgetBuilder()
                        .withNewMetadata().withName("web").endMetadata()
                        .withNewSpec()
                        .withMinAvailable(new IntOrString(1))
                        .withNewSelector()
                        .addToMatchLabels("app.kubernetes.io/name", "web")
                        .addToMatchLabels("app.kubernetes.io/part-of", "hatch")
                        .endSelector()
                        .endSpec()
                        .build())
                .build();
    }

    /** An Istio object as a GenericKubernetesResource (no typed model in core): strict mTLS. */
    private static GenericKubernetesResource peerAuthentication() {
        GenericKubernetesResource pa = new GenericKubernetesResource();
        pa.setApiVersion("security.istio.io/v1");
        pa.setKind("PeerAuthentication");
        pa.setMetadata(new ObjectMetaBuilder().withName("default").build());
        Map<String, Object> mtls = new LinkedHashMap<>();
        mtls.put("mode", "STRICT");
        pa.setAdditionalProperty("spec", Map.of("mtls", mtls));
        return pa;
    }

    /**
     * Every workload kind beside a Deployment, in dev and prod: a stateful database with two volumes,
     * a staged rollout and claim retention; a migration Job that runs before the API; a nightly
     * CronJob in a time zone; a log agent DaemonSet reading the nodes' /var/log.
     */
    public static Platform workloadKinds() {
        return Platform.named("kinds")
                .environments(Environment.dev().override("db", TierOverride.replicas(2)), Environment.prod())
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080)).talksTo("db"))
                .tier(Tier.named("db").image("ghcr.io/acme/db:16.4").port(Port.tcp("pg", 5432)).replicas(3)
                        .secretFiles("db-credentials", "/etc/db")
                        .stateful(Stateful.of(Storage.of("10Gi").storageClass("fast").mountedAt("/var/lib/db"),
                                        Storage.of("2Gi").named("wal").mountedAt("/var/lib/wal"))
                                .partition(1)
                                .claimRetention(Stateful.ClaimRetention.RETAIN, Stateful.ClaimRetention.DELETE)))
                .tier(Tier.named("migrate").image("ghcr.io/acme/api:2.0.1").command("/app/migrate").talksTo("db")
                        .job(Batch.DEFAULT.backoffLimit(1).activeDeadline(Duration.ofMinutes(10)))
                        .runsBefore("api"))
                .tier(Tier.named("report").image("ghcr.io/acme/report:1.0.0").talksTo("db")
                        .cronJob(Schedule.cron("0 3 * * *").timeZone("Europe/Berlin").history(5, 2)))
                .tier(Tier.named("logs").image("ghcr.io/acme/agent:3.1.0").port(Port.http(2020)).metrics("http")
                        .resources(Resources.requests("50m", "64Mi"))
                        .daemonSet(NodeAgent.none().hostPath("/var/log")))
                .build();
    }

    /** Every scenario, by the name its snapshot carries. */
    public static List<Map.Entry<String, Platform>> all() {
        return List.of(Map.entry("oneTier", oneTier()), Map.entry("threeTiers", threeTiers()),
                Map.entry("escapeHatches", escapeHatches()), Map.entry("workloadKinds", workloadKinds()));
    }
}

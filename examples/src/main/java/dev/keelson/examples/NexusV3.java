package dev.keelson.examples;

import dev.keelson.apply.ClusterCommands;
import dev.keelson.autoscaling.ContainerPolicy;
import dev.keelson.autoscaling.Metric;
import dev.keelson.autoscaling.ScalingProfile;
import dev.keelson.autoscaling.UpdateMode;
import dev.keelson.autoscaling.VerticalScaling;
import dev.keelson.core.Batch;
import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Exposure;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Resources;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.core.TierOverride;
import dev.keelson.core.Tls;
import dev.keelson.data.Backups;
import dev.keelson.data.DataAccess;
import dev.keelson.data.DataServices;
import dev.keelson.data.Postgres;
import dev.keelson.data.Redis;
import dev.keelson.graph.GraphCommand;
import dev.keelson.mesh.Canary;
import dev.keelson.mesh.Fault;
import dev.keelson.mesh.MeshPolicy;
import dev.keelson.mesh.Retries;
import dev.keelson.mesh.Traffic;
import dev.keelson.observability.Observability;
import dev.keelson.observability.Slo;
import dev.keelson.observability.Tracing;
import dev.keelson.security.ImagePolicy;
import dev.keelson.security.SecurityBaseline;
import dev.keelson.security.SecurityRule;
import dev.keelson.security.Signature;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Duration;

/**
 * The reference platform of the enterprise container platform report ("nexus-v3"): a web
 * frontend, an API, a worker and a migration Job, with the PostgreSQL and Redis it deploys, in dev,
 * staging and prod.
 *
 * <ul>
 *   <li>Security: Pod Security baseline in dev, restricted in staging and prod; default-deny
 *       network policies plus the allows derived from the calls declared below; the policy check.</li>
 *   <li>Supply chain: images from the project's registry only, pinned by digest in prod, signed by the
 *       release workflow (Sigstore policy-controller verifies it); ValidatingAdmissionPolicies make the
 *       cluster refuse what the check refuses; only Argo CD's controller changes the namespaces.</li>
 *   <li>Mesh: Istio with strict mTLS (Istio CNI, so restricted pods pass), authorization derived
 *       from the same calls, retries, timeouts and circuit breaking, a 10% canary of the API in prod,
 *       fault injection outside prod, tracing to Jaeger.</li>
 *   <li>Autoscaling: the report's HPA figures (CPU 70%, memory 80%, custom and external metrics,
 *       2..20 replicas, its scale-up and scale-down behavior), VPA in recommendation mode beside
 *       them, PodDisruptionBudgets; one pod per tier in dev.</li>
 *   <li>Observability: ServiceMonitors, SLO alerts (99.9% availability, p95 under 500 ms) as
 *       PrometheusRules, a Grafana dashboard per tier, OpenTelemetry variables for the workloads.</li>
 *   <li>Ingress: NGINX with cert-manager certificates, as the report's clusters run it; new platforms
 *       use {@code exposeThrough(GatewayApi.istio())} (docs/migrating-from-ingress-nginx.md).</li>
 * </ul>
 *
 * <p>Run it: {@code java -jar examples/target/nexus-v3.jar synth} writes {@code dist/<env>/}.
 */
public final class NexusV3 {

    /**
     * The PostgreSQL the API, the worker and the migration use: deployed by the platform through
     * CloudNativePG, in the environment's data namespace ({@code nexus-v3-<env>-data}), 1/2/3
     * instances in dev/staging/prod, backed up to object storage in staging and prod.
     */
    static final Postgres POSTGRES = DataServices.postgres("nexus-postgresql")
            .storage("20Gi")
            .database("nexus", "nexus")
            .apiServer("10.0.0.1/32", 443)
            .backups(Backups.s3("s3://nexus-backups/postgresql", "nexus-postgresql-s3"));
    /** The Redis used as cache and queue: a StatefulSet deployed by the platform, its ACL from a Secret. */
    static final Redis REDIS = DataServices.redis("nexus-redis").auth("nexus-redis-acl");
    /** The external payment provider the API calls over HTTPS. */
    static final Dependency PAYMENTS = Dependency.external("payments").host("api.payments.example.com");

    private NexusV3() {
    }

    /** The whole platform. */
    public static Platform platform() {
        return Platform.named("nexus-v3")
                // snippet:target
                .kubernetes("1.29")   // pins Pod Security v1.29, and check refuses newer fields
                // end:target
                .environments(
                        // no release-candidate tag in dev: a tag override would unpin the digest (KEE-PLAT-009)
                        Environment.dev().override("web", TierOverride.host("nexus.dev.example.com"))
                                .override("api", TierOverride.host("api.nexus.dev.example.com")),
                        Environment.staging().override("web", TierOverride.host("nexus.staging.example.com"))
                                .override("api", TierOverride.host("api.nexus.staging.example.com")),
                        Environment.prod().override("api", TierOverride.resources(Resources.requests("500m", "1Gi"))))
                // CloudNativePG's operator creates the PostgreSQL pods, so the policy check sees the data
                // namespace's policy for them select no pod of the output
                .with(security().waive(SecurityRule.NET_004, NetworkPolicy.class, "nexus-postgresql",
                        "selects the pods CloudNativePG's operator creates from Cluster/nexus-postgresql"))
                .with(MeshPolicy.strictMtls().withCni())
                .with(Observability.prometheus().defaultSlo(Slo.availability(99.9).latencyP95(Duration.ofMillis(500))))
                // one tracing setting for the SDKs and the mesh: Istio's Telemetry traces to the
                // "jaeger" extension provider with the same sampling (100% in dev, 10% elsewhere)
                .with(Tracing.otlp("otel-collector.observability:4317")
                        .sampling(10).sampling("dev", 100).meshProvider("jaeger"))
                .certificateIssuer(Tls.clusterIssuer("letsencrypt-prod"))
                .with(POSTGRES)
                .with(REDIS)
                .tier(migrate())
                .tier(web())
                .tier(api())
                .tier(worker())
                .build();
    }

    /** Pod Security by stage, the supply chain and admission. */
    static SecurityBaseline security() {
        // snippet:supply-chain
        return SecurityBaseline.byStage()
                // images only from the project's registry, pulled with its Secret, pinned by digest in
                // prod (a tag there fails check), and signed by the release workflow (cosign keyless)
                .images(ImagePolicy.registries("ghcr.io/nexus")
                        .pullSecret("ghcr-pull")
                        .signedBy(Signature.keyless("https://token.actions.githubusercontent.com",
                                "https://github.com/nexus/platform/.github/workflows/release.yml@refs/heads/main")))
                // the cluster refuses what check refuses, whoever deploys; only Argo CD changes the namespaces
                .admissionPolicies()
                .deployer("argocd", "argocd-application-controller");
        // end:supply-chain
    }

    /** Recommendations only: the VPA never fights the HPA (which scales on CPU and memory). */
    private static VerticalScaling recommendations() {
        return VerticalScaling.mode(UpdateMode.OFF)
                .container(ContainerPolicy.app().minAllowed("100m", "128Mi").maxAllowed("4", "8Gi"))
                .istioProxy();
    }

    /**
     * The schema migration: a Job of the API's next image that runs before the API's rollout
     * ({@code apply --wait} waits for it and stops on failure). Under the sidecar mesh its proxy
     * is a native sidecar, which is why the platform targets Kubernetes 1.29.
     */
    static Tier.Builder migrate() {
        return Tier.named("migrate")
                .image("ghcr.io/nexus/api:3.4.1@sha256:6650bbbfe00d102fce83b30d6a086659fddbecf2f502eb3433d750634f91e692")
                .command("/app/migrate", "--to-latest")
                .resources(Resources.requests("100m", "256Mi"))
                .job(Batch.DEFAULT.backoffLimit(1).activeDeadline(Duration.ofMinutes(10)))
                .runsBefore("api")
                .with(DataAccess.to("nexus-postgresql"));
    }

    static Tier.Builder web() {
        return Tier.named("web")
                .image("ghcr.io/nexus/web:1.8.2@sha256:820378c5f4ec4fdb8c334ce8ff108bd63541cd96defc61c3693d96e8426e1a46")
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
                .talksTo(Connection.to("api").ports("http").methods("GET", "POST").paths("/api/*"))
                .with(ScalingProfile.standard().vertical(recommendations())
                        .in(Stage.DEVELOPMENT, ScalingProfile.fixed(1)))
                .with(Traffic.defaults().timeout(Duration.ofSeconds(15)));
    }

    static Tier.Builder api() {
        return Tier.named("api")
                .image("ghcr.io/nexus/api:3.4.1@sha256:6650bbbfe00d102fce83b30d6a086659fddbecf2f502eb3433d750634f91e692")
                .port(Port.http(8080))
                .port(Port.grpc(9091))
                .metrics(Port.metrics(9090))
                .resources(Resources.requests("250m", "512Mi"))
                .readiness(Probe.http("/ready"))
                .liveness(Probe.http("/healthz").every(20))
                .startup(Probe.http("/healthz").every(5).failAfter(30))
                .config("LOG_LEVEL", "info")
                .secretFiles("nexus-payments", "/var/run/secrets/nexus/payments")
                .exposedAt(Exposure.host("api.nexus.example.com"))
                .with(DataAccess.to("nexus-postgresql", "nexus-redis"))   // flows, credentials as files, *_HOST variables
                .dependsOn(PAYMENTS)
                .with(ScalingProfile.report().vertical(recommendations())
                        .in(Stage.DEVELOPMENT, ScalingProfile.fixed(1)))
                .with(Traffic.defaults()
                        .timeout(Duration.ofSeconds(5))
                        .retries(Retries.attempts(3).perTry(Duration.ofSeconds(2)))
                        .fault(Fault.delay(Duration.ofMillis(500), 5).onlyIn(Stage.DEVELOPMENT, Stage.STAGING)))
                .with(Canary.of("ghcr.io/nexus/api:3.5.0@sha256:583eb16a8fc03815aa69c781dc2edf51f04b022a4675a03453c6e5341be06640", 10).replicas(2).onlyIn(Stage.PRODUCTION));
    }

    static Tier.Builder worker() {
        return Tier.named("worker")
                .image("ghcr.io/nexus/worker:3.4.1@sha256:160bb777f4dd5825effbb5d8641577a7f13d3b1b371911857738e5b56f926aec")
                .metrics(Port.metrics(9090))
                .resources(Resources.requests("200m", "512Mi"))
                .readiness(Probe.http("/ready").onPort("metrics"))
                .liveness(Probe.http("/healthz").onPort("metrics").every(20))
                .config("QUEUE", "nexus-jobs")
                .talksTo(Connection.to("api").ports("grpc"))
                .with(DataAccess.to("nexus-postgresql", "nexus-redis"))
                // scales on queue depth (external metric), so the VPA may size CPU and memory
                .with(ScalingProfile.on(Metric.queueDepth("nexus-jobs", 10))
                        .vertical(VerticalScaling.mode(UpdateMode.INITIAL)
                                .container(ContainerPolicy.app().minAllowed("100m", "256Mi").maxAllowed("2", "4Gi"))
                                .istioProxy())
                        .in(Stage.DEVELOPMENT, ScalingProfile.fixed(1)));
    }

    /** {@code synth | print | check | diff | apply | destroy | --help}; see the README. */
    public static void main(String[] args) {
        System.exit(GraphCommand.addTo(ClusterCommands.addTo(Keelson.runner(NexusV3::platform))).execute(args));
    }
}

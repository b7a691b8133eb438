package dev.keelson.data;

import dev.keelson.core.Environment;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Require;
import dev.keelson.core.Resources;
import dev.keelson.core.Stage;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import dev.keelson.core.spi.Problems;
import dev.keelson.data.internal.DataChecks;
import dev.keelson.data.internal.DataLabels;
import dev.keelson.data.internal.DataNamespace;
import dev.keelson.data.internal.Endpoint;
import dev.keelson.data.internal.PostgresObjects;
import dev.keelson.data.internal.PostgresPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL cluster the platform deploys through the CloudNativePG operator (1.30): a
 * {@code postgresql.cnpg.io/v1} {@code Cluster} per environment, in the data namespace
 * ({@code <environment namespace>-data} unless {@link #inNamespace(String) named}), with scheduled backups
 * to an object store, a PodMonitor for its metrics, and the flows its clients, the operator, monitoring
 * and replication need.
 *
 * <pre>{@code
 * DataServices.postgres("orders-db")
 *     .storage("20Gi").storageClass("fast-ssd")
 *     .apiServer("10.0.0.1/32", 443)
 *     .backups(Backups.s3("s3://shop-backups/orders-db", "orders-db-s3"))
 *     .in("prod", p -> p.instances(5).resources(Resources.requests("2", "8Gi")))
 * }</pre>
 *
 * <p>Defaults by the environment's stage, each overridable for all environments (the setters) or one
 * ({@link #in(String, UnaryOperator)}):
 * <table>
 *   <caption>Defaults by stage</caption>
 *   <tr><th>setting</th><th>development</th><th>staging</th><th>production</th></tr>
 *   <tr><td>{@link #instances(int)}</td><td>1</td><td>2</td><td>3</td></tr>
 *   <tr><td>{@link #storage(String)}</td><td>1Gi</td><td>10Gi</td><td>10Gi</td></tr>
 *   <tr><td>{@link #resources(Resources)}</td><td>100m, 256Mi</td><td>250m, 512Mi</td><td>500m, 1Gi</td></tr>
 *   <tr><td>{@link #zoneSpread(ZoneSpread)}</td><td>NONE</td><td>PREFERRED</td><td>REQUIRED</td></tr>
 *   <tr><td>backups</td><td>off</td><td>on when {@link #backups(Backups)} is set</td><td>on: {@link #backups(Backups)} is required
 *       (KEE-DATA-005), {@link #withoutBackups()} is a reported weakening</td></tr>
 * </table>
 *
 * <p>Security: the containers' security context is written out ({@code securityContext}: no privilege
 * escalation, all capabilities dropped, not privileged, read-only root filesystem, non-root, seccomp
 * {@code RuntimeDefault}; {@code seccompProfile} too), the pods' is the operator's (the non-root postgres UID 26 and
 * its group); the superuser is disabled; the application user's credentials are the Secret the
 * operator generates ({@code <name>-app}) or the one you name with {@link #credentials(String)}, never
 * values in the output. The cluster's PodDisruptionBudgets are CloudNativePG's own ({@code enablePDB},
 * on when there is more than one instance): none is generated here.
 */
public final class Postgres extends DataService {

    /** The port clients call. */
    public static final Port PORT = Port.tcp("postgres", 5432);

    private final String name;
    private @Nullable Integer instances;
    private @Nullable String storage;
    private @Nullable String storageClass;
    private @Nullable Resources resources;
    private @Nullable ZoneSpread zoneSpread;
    private @Nullable String imageName;
    private String database = "app";
    private String owner = "app";
    private @Nullable String credentials;
    private @Nullable Backups backups;
    private @Nullable Boolean backupsOn;
    private @Nullable String apiServerCidr;
    private int apiServerPort = 443;
    private @Nullable String namespace;
    private String operatorNamespace = "cnpg-system";
    private Map<String, String> operatorLabels = Map.of("app.kubernetes.io/name", "cloudnative-pg");
    private String release = "kube-prometheus-stack";
    private Map<String, UnaryOperator<Postgres>> overrides = new LinkedHashMap<>();

    private Postgres(String name) {
        this.name = name;
    }

    /** A PostgreSQL cluster named {@code name} (a DNS label of at most 40 characters), with the defaults above. */
    public static Postgres named(String name) {
        Require.nonNull(name, "name");
        return new Postgres(name);
    }

    @Override
    public String name() {
        return name;
    }

    /** This cluster with {@code count} instances: one primary, the others streaming replicas. */
    public Postgres instances(int count) {
        Postgres c = copy();
        c.instances = count;
        return c;
    }

    /** This cluster with volumes of {@code size} ({@code 20Gi}) per instance; CloudNativePG can grow, never shrink them. */
    public Postgres storage(String size) {
        Require.nonNull(size, "size");
        Postgres c = copy();
        c.storage = size;
        return c;
    }

    /** This cluster's volumes of StorageClass {@code className}. Default: the cluster's default class. */
    public Postgres storageClass(String className) {
        Require.nonNull(className, "className");
        Postgres c = copy();
        c.storageClass = className;
        return c;
    }

    /** This cluster with these requests and limits per instance (memory limit = request unless set). */
    public Postgres resources(Resources newResources) {
        Require.nonNull(newResources, "newResources");
        Postgres c = copy();
        c.resources = newResources;
        return c;
    }

    /** This cluster with its instances kept apart across zones as {@code spread} says. */
    public Postgres zoneSpread(ZoneSpread spread) {
        Require.nonNull(spread, "spread");
        Postgres c = copy();
        c.zoneSpread = spread;
        return c;
    }

    /**
     * This cluster running {@code image} ({@code ghcr.io/cloudnative-pg/postgresql:17.5}). Default: the
     * operator's default image, which its version pins.
     */
    public Postgres image(String image) {
        Require.nonNull(image, "image");
        Postgres c = copy();
        c.imageName = image;
        return c;
    }

    /** This cluster's application database and its owner. Default: {@code app} and {@code app}. */
    public Postgres database(String databaseName, String ownerName) {
        Require.nonNull(databaseName, "databaseName");
        Require.nonNull(ownerName, "ownerName");
        Postgres c = copy();
        c.database = databaseName;
        c.owner = ownerName;
        return c;
    }

    /**
     * This cluster's application user taken from the {@code kubernetes.io/basic-auth} Secret {@code secret}
     * ({@code username}, {@code password}), which you provide in the data namespace and, for the tiers that
     * mount it, in the environment's namespace. Default: the Secret the operator generates,
     * {@code <name>-app}, in the data namespace (copy it to the tiers' namespace, e.g. with External Secrets).
     */
    public Postgres credentials(String secret) {
        Require.nonNull(secret, "secret");
        Postgres c = copy();
        c.credentials = secret;
        return c;
    }

    /** This cluster backed up as {@code newBackups} says, in staging and production (see the class comment). */
    public Postgres backups(Backups newBackups) {
        Require.nonNull(newBackups, "newBackups");
        Postgres c = copy();
        c.backups = newBackups;
        return c;
    }

    /** This cluster backed up in every environment it is used in, development too (needs {@link #backups(Backups)}). */
    public Postgres withBackups() {
        Postgres c = copy();
        c.backupsOn = true;
        return c;
    }

    /** This cluster not backed up: a weakening in production, reported as a warning (KEE-DATA-006). */
    public Postgres withoutBackups() {
        Postgres c = copy();
        c.backupsOn = false;
        return c;
    }

    /**
     * Where the Kubernetes API server is, which CloudNativePG's instance manager calls from every
     * instance: {@code cidr} (e.g. the {@code kubernetes} Service's endpoints, {@code 10.0.0.1/32}) and
     * {@code port}. Required: network policies cannot name the API server otherwise (KEE-DATA-009).
     */
    public Postgres apiServer(String cidr, int port) {
        Require.nonNull(cidr, "cidr");
        Postgres c = copy();
        c.apiServerCidr = cidr;
        c.apiServerPort = port;
        return c;
    }

    /** This cluster in namespace {@code name} in every environment. Default: {@code <environment namespace>-data}. */
    public Postgres inNamespace(String name) {
        Require.nonNull(name, "name");
        Postgres c = copy();
        c.namespace = name;
        return c;
    }

    /**
     * The CloudNativePG operator's pods, which call every instance on 8000 and 5432. Default: namespace
     * {@code cnpg-system}, labels {@code app.kubernetes.io/name: cloudnative-pg} (the Helm chart's).
     */
    public Postgres operator(String operatorNamespaceName, Map<String, String> podLabels) {
        Require.nonNull(operatorNamespaceName, "operatorNamespaceName");
        Require.noNulls(podLabels, "podLabels");
        Postgres c = copy();
        c.operatorNamespace = operatorNamespaceName;
        c.operatorLabels = Map.copyOf(podLabels);
        return c;
    }

    /**
     * The {@code release} label of the cluster's PodMonitor: the one your Prometheus's {@code podMonitorSelector}
     * matches (as {@code Observability.release(...)} for ServiceMonitors). Default {@code kube-prometheus-stack}, the
     * Helm release kube-prometheus-stack's Prometheus selects by default.
     */
    public Postgres monitoringRelease(String releaseName) {
        Require.nonNull(releaseName, "releaseName");
        Postgres c = copy();
        c.release = releaseName;
        return c;
    }

    /**
     * This cluster with {@code override} applied in environment {@code environment} only, after the settings
     * above: {@code .in("prod", p -> p.instances(5))}. A second call for the same environment replaces the first.
     */
    public Postgres in(String environment, UnaryOperator<Postgres> override) {
        Require.nonNull(environment, "environment");
        Require.nonNull(override, "override");
        Postgres c = copy();
        c.overrides.put(environment, override);
        return c;
    }

    @Override
    public PlatformExtension extension() {
        return new Extension();
    }

    @Override
    Endpoint endpoint(Platform platform, Environment environment) {
        PostgresPlan plan = plan(platform, environment);
        return new Endpoint(name, plan.namespace(), plan.podLabels(), PORT, name + "-rw." + plan.namespace() + ".svc",
                name + "-r." + plan.namespace() + ".svc", plan.appSecret());
    }

    private Postgres copy() {
        Postgres c = new Postgres(name);
        c.instances = instances;
        c.storage = storage;
        c.storageClass = storageClass;
        c.resources = resources;
        c.zoneSpread = zoneSpread;
        c.imageName = imageName;
        c.database = database;
        c.owner = owner;
        c.credentials = credentials;
        c.backups = backups;
        c.backupsOn = backupsOn;
        c.apiServerCidr = apiServerCidr;
        c.apiServerPort = apiServerPort;
        c.namespace = namespace;
        c.operatorNamespace = operatorNamespace;
        c.operatorLabels = operatorLabels;
        c.release = release;
        c.overrides = new LinkedHashMap<>(overrides);
        return c;
    }

    /** These settings with the environment's override applied (a null result or a thrown exception is the caller's). */
    private Postgres effective(Environment environment) {
        UnaryOperator<Postgres> override = overrides.get(environment.name());
        if (override == null) {
            return this;
        }
        Postgres result = override.apply(this);
        return result == null || !result.name.equals(name) ? this : result;
    }

    private boolean backupsEnabled(Stage stage) {
        if (backupsOn != null) {
            return backupsOn;
        }
        return stage == Stage.PRODUCTION || (stage == Stage.STAGING && backups != null);
    }

    private PostgresPlan plan(Platform platform, Environment environment) {
        Postgres p = effective(environment);
        Stage stage = environment.stage();
        Resources defaults = switch (stage) {
            case DEVELOPMENT -> Resources.requests("100m", "256Mi");
            case STAGING -> Resources.requests("250m", "512Mi");
            case PRODUCTION -> Resources.requests("500m", "1Gi");
        };
        int count = p.instances != null ? p.instances : switch (stage) {
            case DEVELOPMENT -> 1;
            case STAGING -> 2;
            case PRODUCTION -> 3;
        };
        ZoneSpread spread = p.zoneSpread != null ? p.zoneSpread : switch (stage) {
            case DEVELOPMENT -> ZoneSpread.NONE;
            case STAGING -> ZoneSpread.PREFERRED;
            case PRODUCTION -> ZoneSpread.REQUIRED;
        };
        Backups b = p.backups;
        PostgresPlan.BackupPlan backupPlan = b != null && p.backupsEnabled(stage)
                ? new PostgresPlan.BackupPlan(b.destinationPath(), b.secret(), b.accessKeyIdKey(), b.secretAccessKeyKey(),
                b.endpointUrl(), b.retention(), b.schedule(), b.cidrs())
                : null;
        return new PostgresPlan(name, namespaceIn(platform, environment, p.namespace), stage, count,
                p.storage != null ? p.storage : stage == Stage.DEVELOPMENT ? "1Gi" : "10Gi", p.storageClass,
                p.resources != null ? p.resources : defaults, spread.name(), p.imageName, p.database, p.owner, p.credentials,
                backupPlan, p.apiServerCidr, p.apiServerPort, p.operatorNamespace, p.operatorLabels, p.release);
    }

    /** What carries the cluster out; private, so users' autocomplete shows settings only. */
    private final class Extension implements PlatformExtension {

        @Override
        public void validate(Platform platform, Problems problems) {
            Require.nonNullIn("PlatformExtension.validate()", platform, "platform");
            Require.nonNullIn("PlatformExtension.validate()", problems, "problems");
            DataChecks checks = new DataChecks(problems, ModelPath.root(platform.name()).child("data", name));
            checks.name(name, "DataServices.postgres");
            List<DataService> all = platform.features(DataService.class);
            checks.unique(platform, name, all.stream().map(DataService::name).toList(),
                    all.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null) == Postgres.this);
            checks.overrides(platform, overrides.keySet());
            for (Environment env : platform.environments()) {
                Postgres p = effective(env);
                PostgresPlan plan = plan(platform, env);
                String e = env.name();
                checks.namespace(plan.namespace(), e, env.namespaceIn(platform.name()), p.namespace != null);
                checks.instances(plan.instances(), e, "instances");
                checks.storage(plan.storage(), e);
                checks.resources(plan.resources(), e);
                if (plan.apiServerCidr() == null) {
                    checks.error("KEE-DATA-009", checks.path().child("apiServer"), "CloudNativePG's instances call the Kubernetes API,"
                                    + " but no API server address is given, so network policies cannot allow it",
                            "apiServer(\"<kubernetes endpoint ip>/32\", 443) (kubectl get endpoints kubernetes)");
                } else {
                    checks.cidr(plan.apiServerCidr(), checks.path().child("apiServer"), "apiServer(\"10.0.0.1/32\", 443)");
                }
                if (p.apiServerPort < 1 || p.apiServerPort > 65535) {
                    checks.error("KEE-DATA-009", checks.path().child("apiServer"), "API server port " + p.apiServerPort
                            + " is outside 1..65535", "apiServer(\"10.0.0.1/32\", 443)");
                }
                boolean on = p.backupsEnabled(env.stage());
                if (on && p.backups == null) {
                    checks.error("KEE-DATA-005", checks.path().child("backups"), "PostgreSQL '" + name + "' has no backups in "
                                    + (env.production() ? "production " : "") + "environment '" + e + "'",
                            "backups(Backups.s3(\"s3://<bucket>/" + name + "\", \"<credentials secret>\")), or withoutBackups() to accept the risk");
                }
                if (!on && env.production() && p.backupsOn != null) {
                    checks.warning("KEE-DATA-006", checks.path().child("backups"), "PostgreSQL '" + name + "' is not backed up in production"
                            + " environment '" + e + "' (withoutBackups())", "backups(Backups.s3(...)) and remove withoutBackups()");
                }
                if (p.backups != null) {
                    checks.schedule(p.backups.schedule(), e);
                    checks.retention(p.backups.retention(), e);
                    for (String cidr : p.backups.cidrs()) {
                        checks.cidr(cidr, checks.path().child("backups").child("cidrs"), "cidr(\"203.0.113.0/24\")");
                    }
                }
                if (env.production() && plan.instances() == 1) {
                    checks.warning("KEE-DATA-012", checks.path().child("instances"), "PostgreSQL '" + name + "' runs a single instance in production"
                            + " environment '" + e + "': no failover, and every node drain is downtime", "instances(3)");
                }
            }
        }

        @Override
        public void contribute(FeatureContext context) {
            Require.nonNullIn("PlatformExtension.contribute()", context, "context");
            PostgresPlan plan = plan(context.platform(), context.environment());
            DataNamespace.ensure(context, plan.namespace());
            PostgresObjects.add(context, plan);
        }

        @Override
        public void render(FeatureContext context) {
            Require.nonNullIn("PlatformExtension.render()", context, "context");
            PostgresPlan plan = plan(context.platform(), context.environment());
            DataNamespace.render(context, plan.namespace(), name, plan.podLabels(), DataLabels.of(context, name, "database"));
        }

        @Override
        public void check(FeatureContext context) {
            Require.nonNullIn("PlatformExtension.check()", context, "context");
            PostgresPlan plan = plan(context.platform(), context.environment());
            DataNamespace.check(context, plan.namespace(), plan.podLabels(), ModelPath.root(context.platform().name()).child("data", name));
        }
    }
}

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
import dev.keelson.data.internal.RedisObjects;
import dev.keelson.data.internal.RedisPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A Redis the platform deploys as a StatefulSet it generates, in the data namespace
 * ({@code <environment namespace>-data} unless {@link #inNamespace(String) named}): persistence on a volume
 * per pod (append-only file), access control from a Secret you name, mounted as a file, and the
 * Services, disruption budget and flows it needs.
 *
 * <pre>{@code
 * DataServices.redis("cache")
 *     .auth("cache-acl")                                  // Secret with users.acl (and replication.conf)
 *     .storage("5Gi")
 *     .in("prod", r -> r.replicas(5))
 * }</pre>
 *
 * <p>What high availability means here: pod 0 is the primary, the others are read replicas that
 * follow it ({@code replicaof}); a replica survives the loss of the primary's node with the data, but
 * is not promoted automatically (no Sentinel): writes wait until pod 0 is rescheduled and reattaches its
 * volume. For automatic failover run an operator, or Sentinel, beside this.
 *
 * <p>Defaults by stage, each overridable for all environments (the setters) or one
 * ({@link #in(String, UnaryOperator)}): pods ({@link #replicas(int)}) 1 / 2 / 3 in development / staging /
 * production; {@link #storage(String)} 1Gi; {@link #resources(Resources)} 100m, 128Mi / 250m, 256Mi / 500m, 1Gi;
 * {@link #zoneSpread(ZoneSpread)} NONE / PREFERRED / REQUIRED; image {@value #DEFAULT_IMAGE}. A
 * PodDisruptionBudget ({@code maxUnavailable: 1}) whenever there is more than one pod.
 *
 * <p>Security: {@link #auth(String)} is required (KEE-DATA-011); the pods run as UID/GID 65532, non-root,
 * without privilege escalation or capabilities, with a read-only root filesystem (the data volume and
 * {@code /tmp} are the only writable paths), seccomp {@code RuntimeDefault}, and no ServiceAccount token.
 */
public final class Redis extends DataService {

    /** The port clients call. */
    public static final Port PORT = Port.tcp("redis", 6379);
    /** The image unless told otherwise. */
    public static final String DEFAULT_IMAGE = "docker.io/library/redis:8.0.2";

    private final String name;
    private @Nullable String auth;
    private String image = DEFAULT_IMAGE;
    private @Nullable Integer replicas;
    private @Nullable String storage;
    private @Nullable String storageClass;
    private @Nullable Resources resources;
    private @Nullable ZoneSpread zoneSpread;
    private @Nullable String namespace;
    private Map<String, UnaryOperator<Redis>> overrides = new LinkedHashMap<>();

    private Redis(String name) {
        this.name = name;
    }

    /** A Redis named {@code name} (a DNS label of at most 40 characters), with the defaults above. */
    public static Redis named(String name) {
        Require.nonNull(name, "name");
        return new Redis(name);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * This Redis's access control from Secret {@code secret} in the data namespace, mounted read-only at
     * {@code /etc/redis/auth}: key {@code users.acl} is Redis's ACL file ({@code user default on >password ~* &* +@all},
     * or users of your own), and, when there are replicas, key {@code replication.conf} holds the
     * {@code masteruser} and {@code masterauth} lines the replicas authenticate with. Tiers that call the Redis
     * ({@link DataAccess}) mount the Secret of the same name from their own namespace. Required.
     */
    public Redis auth(String secret) {
        Require.nonNull(secret, "secret");
        Redis c = copy();
        c.auth = secret;
        return c;
    }

    /** This Redis running {@code reference}, a pinned image of Redis (or a compatible server, e.g. Valkey). */
    public Redis image(String reference) {
        Require.nonNull(reference, "reference");
        Redis c = copy();
        c.image = reference;
        return c;
    }

    /** This Redis with {@code count} pods: the primary and {@code count - 1} read replicas. */
    public Redis replicas(int count) {
        Redis c = copy();
        c.replicas = count;
        return c;
    }

    /** This Redis with a volume of {@code size} per pod. Default 1Gi. */
    public Redis storage(String size) {
        Require.nonNull(size, "size");
        Redis c = copy();
        c.storage = size;
        return c;
    }

    /** This Redis's volumes of StorageClass {@code className}. Default: the cluster's default class. */
    public Redis storageClass(String className) {
        Require.nonNull(className, "className");
        Redis c = copy();
        c.storageClass = className;
        return c;
    }

    /** This Redis with these requests and limits per pod. */
    public Redis resources(Resources newResources) {
        Require.nonNull(newResources, "newResources");
        Redis c = copy();
        c.resources = newResources;
        return c;
    }

    /** This Redis with its pods kept apart across zones as {@code spread} says. */
    public Redis zoneSpread(ZoneSpread spread) {
        Require.nonNull(spread, "spread");
        Redis c = copy();
        c.zoneSpread = spread;
        return c;
    }

    /** This Redis in namespace {@code name} in every environment. Default: {@code <environment namespace>-data}. */
    public Redis inNamespace(String name) {
        Require.nonNull(name, "name");
        Redis c = copy();
        c.namespace = name;
        return c;
    }

    /**
     * This Redis with {@code override} applied in environment {@code environment} only, after the settings
     * above: {@code .in("prod", r -> r.replicas(5))}. A second call for the same environment replaces the first.
     */
    public Redis in(String environment, UnaryOperator<Redis> override) {
        Require.nonNull(environment, "environment");
        Require.nonNull(override, "override");
        Redis c = copy();
        c.overrides.put(environment, override);
        return c;
    }

    @Override
    public PlatformExtension extension() {
        return new Extension();
    }

    @Override
    Endpoint endpoint(Platform platform, Environment environment) {
        RedisPlan plan = plan(platform, environment);
        return new Endpoint(name, plan.namespace(), plan.podLabels(), PORT, plan.primaryHost(),
                name + "." + plan.namespace() + ".svc", plan.auth());
    }

    private Redis copy() {
        Redis c = new Redis(name);
        c.auth = auth;
        c.image = image;
        c.replicas = replicas;
        c.storage = storage;
        c.storageClass = storageClass;
        c.resources = resources;
        c.zoneSpread = zoneSpread;
        c.namespace = namespace;
        c.overrides = new LinkedHashMap<>(overrides);
        return c;
    }

    private Redis effective(Environment environment) {
        UnaryOperator<Redis> override = overrides.get(environment.name());
        if (override == null) {
            return this;
        }
        Redis result = override.apply(this);
        return result == null || !result.name.equals(name) ? this : result;
    }

    private RedisPlan plan(Platform platform, Environment environment) {
        Redis r = effective(environment);
        Stage stage = environment.stage();
        int count = r.replicas != null ? r.replicas : switch (stage) {
            case DEVELOPMENT -> 1;
            case STAGING -> 2;
            case PRODUCTION -> 3;
        };
        Resources defaults = switch (stage) {
            case DEVELOPMENT -> Resources.requests("100m", "128Mi");
            case STAGING -> Resources.requests("250m", "256Mi");
            case PRODUCTION -> Resources.requests("500m", "1Gi");
        };
        ZoneSpread spread = r.zoneSpread != null ? r.zoneSpread : switch (stage) {
            case DEVELOPMENT -> ZoneSpread.NONE;
            case STAGING -> ZoneSpread.PREFERRED;
            case PRODUCTION -> ZoneSpread.REQUIRED;
        };
        return new RedisPlan(name, platform.name(), namespaceIn(platform, environment, r.namespace), stage, r.image, count,
                r.storage != null ? r.storage : "1Gi", r.storageClass, r.resources != null ? r.resources : defaults,
                spread.name(), r.auth != null ? r.auth : "");
    }

    /** What carries the Redis out; private, so users' autocomplete shows settings only. */
    private final class Extension implements PlatformExtension {

        @Override
        public void validate(Platform platform, Problems problems) {
            Require.nonNullIn("PlatformExtension.validate()", platform, "platform");
            Require.nonNullIn("PlatformExtension.validate()", problems, "problems");
            DataChecks checks = new DataChecks(problems, ModelPath.root(platform.name()).child("data", name));
            checks.name(name, "DataServices.redis");
            List<DataService> all = platform.features(DataService.class);
            checks.unique(platform, name, all.stream().map(DataService::name).toList(),
                    all.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null) == Redis.this);
            checks.overrides(platform, overrides.keySet());
            for (Environment env : platform.environments()) {
                Redis r = effective(env);
                RedisPlan plan = plan(platform, env);
                String e = env.name();
                checks.namespace(plan.namespace(), e, env.namespaceIn(platform.name()), r.namespace != null);
                checks.instances(plan.replicas(), e, "replicas");
                checks.storage(plan.storage(), e);
                checks.resources(plan.resources(), e);
                if (r.auth == null) {
                    checks.error("KEE-DATA-011", checks.path().child("auth"), "Redis '" + name + "' has no access control: anyone who"
                            + " reaches its port could read and write it", "auth(\"<secret with users.acl>\")");
                }
                if (env.production() && plan.replicas() == 1) {
                    checks.warning("KEE-DATA-012", checks.path().child("replicas"), "Redis '" + name + "' runs a single pod in production"
                            + " environment '" + e + "': its data is on one volume in one zone", "replicas(3)");
                }
            }
        }

        @Override
        public void contribute(FeatureContext context) {
            Require.nonNullIn("PlatformExtension.contribute()", context, "context");
            RedisPlan plan = plan(context.platform(), context.environment());
            DataNamespace.ensure(context, plan.namespace());
            RedisObjects.add(context, plan);
        }

        @Override
        public void render(FeatureContext context) {
            Require.nonNullIn("PlatformExtension.render()", context, "context");
            RedisPlan plan = plan(context.platform(), context.environment());
            DataNamespace.render(context, plan.namespace(), name, plan.podLabels(), DataLabels.of(context, name, "cache"));
        }

        @Override
        public void check(FeatureContext context) {
            Require.nonNullIn("PlatformExtension.check()", context, "context");
            RedisPlan plan = plan(context.platform(), context.environment());
            DataNamespace.check(context, plan.namespace(), plan.podLabels(), ModelPath.root(context.platform().name()).child("data", name));
        }
    }
}

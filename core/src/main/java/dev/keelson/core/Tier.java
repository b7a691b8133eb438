package dev.keelson.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One workload of the platform: a Deployment with its ServiceAccount, Service, ConfigMap and
 * Ingress, composed with secure defaults; or, given {@link Builder#stateful}, {@link Builder#job},
 * {@link Builder#cronJob} or {@link Builder#daemonSet}, a StatefulSet, Job, CronJob or DaemonSet with
 * the same pod defaults (see {@link Workload}).
 *
 * <pre>{@code
 * Tier.named("web")
 *     .image("ghcr.io/acme/web:1.4.2")
 *     .port(Port.http(8080))
 *     .exposedAt("shop.example.com")
 *     .talksTo("api")
 *     .config("LOG_LEVEL", "info")
 *     .secretEnv("SESSION_KEY", "web-session", "key")
 *     .readiness(Probe.http("/ready"))
 *     .liveness(Probe.http("/healthz"))
 * }</pre>
 *
 * <p>Secure defaults, each overridable in one call: a dedicated ServiceAccount whose token is not
 * mounted; numeric user, group and fsGroup 65532 (distroless {@code nonroot}) with
 * {@code runAsNonRoot}; seccomp {@code RuntimeDefault}; no privilege escalation; all capabilities
 * dropped; a read-only root filesystem with an {@code emptyDir} at {@code /tmp}; requests and a
 * memory limit ({@link Resources#DEFAULT}); TCP probes on the first TCP port unless probes are given;
 * 2 replicas; a rolling update that never lowers capacity ({@link RollingUpdate#DEFAULT}); spread
 * over nodes and zones ({@link Spread#DEFAULT}).
 *
 * <p>Values are checked when the platform is built, all at once; see {@link Platform.Builder#build()}.
 * A {@code Tier} has no public constructor: {@link #named(String)} and its {@link Builder} are the
 * only way in.
 *
 * <p>Above ~500 lines on purpose: the 29 settings appear as fields, as documented accessors and as
 * the builder's documented options, and the builder stays nested so users write {@code Tier.Builder}.
 */
public final class Tier {

    /** The user, group and fsGroup a pod runs as unless told otherwise: distroless {@code nonroot}. */
    public static final long NONROOT = 65532;

    /** The replicas of a tier unless told otherwise. */
    public static final int DEFAULT_REPLICAS = 2;

    private final String name;
    private final @Nullable Image image;
    private final List<Port> ports;
    private final Map<String, String> env;
    private final Map<String, String> config;
    private final List<SecretRef> secrets;
    private final List<String> command;
    private final List<String> args;
    private final Resources resources;
    private final @Nullable Probe liveness;
    private final @Nullable Probe readiness;
    private final @Nullable Probe startup;
    private final int replicas;
    private final RollingUpdate rollingUpdate;
    private final Spread spread;
    private final @Nullable Exposure exposure;
    private final List<Connection> connections;
    private final List<Dependency> dependencies;
    private final @Nullable Metrics metrics;
    private final List<String> writablePaths;
    private final @Nullable Long runAsUser;
    private final @Nullable Long runAsGroup;
    private final @Nullable Long fsGroup;
    private final boolean readOnlyRootFilesystem;
    private final List<String> addedCapabilities;
    private final Map<String, String> podAnnotations;
    private final List<TierFeature> features;
    private final Workload workload;
    private final List<String> runsBefore;

    /** The only constructor: a tier is made by its builder, and {@link #in} copies it through one. */
    private Tier(Builder b, @Nullable Probe liveness, @Nullable Probe readiness, @Nullable Probe startup) {
        this.name = b.name;
        this.image = b.image;
        this.ports = List.copyOf(b.ports);
        this.env = unmodifiable(b.env);
        this.config = unmodifiable(b.config);
        this.secrets = List.copyOf(b.secrets);
        this.command = List.copyOf(b.command);
        this.args = List.copyOf(b.args);
        this.resources = b.resources;
        this.liveness = liveness;
        this.readiness = readiness;
        this.startup = startup;
        this.replicas = b.replicas;
        this.rollingUpdate = b.rollingUpdate;
        this.spread = b.spread;
        this.exposure = b.exposure;
        this.connections = List.copyOf(b.connections);
        this.dependencies = List.copyOf(b.dependencies);
        this.metrics = b.metrics;
        this.writablePaths = List.copyOf(b.writablePaths);
        this.runAsUser = b.runAsUser;
        this.runAsGroup = b.runAsGroup;
        this.fsGroup = b.fsGroup;
        this.readOnlyRootFilesystem = b.readOnlyRootFilesystem;
        this.addedCapabilities = List.copyOf(b.addedCapabilities);
        this.podAnnotations = unmodifiable(b.podAnnotations);
        this.features = List.copyOf(b.features);
        this.workload = b.workload;
        this.runsBefore = List.copyOf(b.runsBefore);
    }

    /** Starts a tier; {@link Builder#image(String)} is required (see {@code docs/architecture.md} for why it is not an argument here). */
    public static Builder named(String name) {
        Require.nonNull(name, "name");
        return new Builder(name);
    }

    /** The tier's name: its objects' name and {@code app.kubernetes.io/name} label. */
    public String name() {
        return name;
    }

    /** The container image; {@code null} only on a tier not yet part of a built platform. */
    public @Nullable Image image() {
        return image;
    }

    /** The ports, in order; the first one is the default for probes and exposure. */
    public List<Port> ports() {
        return ports;
    }

    /** The plain environment variables, in order. */
    public Map<String, String> env() {
        return env;
    }

    /** The configuration entries (the ConfigMap {@code <tier>-config}), in order. */
    public Map<String, String> config() {
        return config;
    }

    /** The Secrets read as variables or mounted as files, in order. */
    public List<SecretRef> secrets() {
        return secrets;
    }

    /** The container's entrypoint; empty keeps the image's. */
    public List<String> command() {
        return command;
    }

    /** The container's arguments; empty keeps the image's. */
    public List<String> args() {
        return args;
    }

    /** Requests and limits. */
    public Resources resources() {
        return resources;
    }

    /** The liveness probe, or {@code null}. */
    public @Nullable Probe liveness() {
        return liveness;
    }

    /** The readiness probe, or {@code null}. */
    public @Nullable Probe readiness() {
        return readiness;
    }

    /** The startup probe, or {@code null}. */
    public @Nullable Probe startup() {
        return startup;
    }

    /** The replica count. */
    public int replicas() {
        return replicas;
    }

    /** The rollout limits. */
    public RollingUpdate rollingUpdate() {
        return rollingUpdate;
    }

    /** How pods spread over nodes and zones. */
    public Spread spread() {
        return spread;
    }

    /** The exposure through an Ingress, or {@code null}. */
    public @Nullable Exposure exposure() {
        return exposure;
    }

    /** The calls to tiers, in order. */
    public List<Connection> connections() {
        return connections;
    }

    /** The calls to in-cluster services and external endpoints, in order. */
    public List<Dependency> dependencies() {
        return dependencies;
    }

    /** Where Prometheus scrapes, or {@code null}. */
    public @Nullable Metrics metrics() {
        return metrics;
    }

    /** The directories the container may write to ({@code emptyDir}s), {@code /tmp} first. */
    public List<String> writablePaths() {
        return writablePaths;
    }

    /** The user the pod runs as; {@code null} leaves it to the platform. */
    public @Nullable Long runAsUser() {
        return runAsUser;
    }

    /** The group the pod runs as; {@code null} leaves it to the platform. */
    public @Nullable Long runAsGroup() {
        return runAsGroup;
    }

    /** The pod's fsGroup; {@code null} leaves it to the platform. */
    public @Nullable Long fsGroup() {
        return fsGroup;
    }

    /** Whether the container's image filesystem is read-only. */
    public boolean readOnlyRootFilesystem() {
        return readOnlyRootFilesystem;
    }

    /** The Linux capabilities added after dropping ALL, in order. */
    public List<String> addedCapabilities() {
        return addedCapabilities;
    }

    /** The pod template's annotations, in order. */
    public Map<String, String> podAnnotations() {
        return podAnnotations;
    }

    /** The tier's features, in the order given (features limited to stages as given). */
    public List<TierFeature> features() {
        return features;
    }

    /**
     * How the tier runs its pods: {@link Workload#DEPLOYMENT} (the default), or a {@link Stateful},
     * {@link Batch}, {@link Schedule} or {@link NodeAgent} the builder was given.
     */
    public Workload workload() {
        return workload;
    }

    /** The kind of object the tier's pods run in: {@code workload().kind()}. */
    public Workload.Kind kind() {
        return workload.kind();
    }

    /** The tiers whose rollout waits for this Job to finish ({@link Builder#runsBefore}), in order. */
    public List<String> runsBefore() {
        return runsBefore;
    }

    /** The port named {@code portName}, if declared. */
    public java.util.Optional<Port> port(String portName) {
        Require.nonNull(portName, "portName");
        for (Port p : ports) {
            if (p.name().equals(portName)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether the tier declares ports (and so gets a Service). */
    public boolean serves() {
        return !ports.isEmpty();
    }

    /** This tier as one environment sees it: its overrides applied. */
    public Tier in(Environment environment) {
        Require.nonNull(environment, "environment");
        TierOverride o = environment.overrideFor(name);
        boolean scoped = false;
        for (TierFeature f : features) {
            scoped |= f instanceof TierFeature.OnlyIn;
        }
        if (o.equals(TierOverride.NONE) && !scoped) {
            return this;
        }
        Builder copy = copy();
        if (o.imageTag() != null && image != null) {
            copy.image = image.withTag(o.imageTag());
        }
        if (o.resources() != null) {
            copy.resources = o.resources();
        }
        if (o.replicas() != null) {
            copy.replicas = o.replicas();
        }
        if (o.host() != null && exposure != null) {
            copy.exposure = exposure.atHost(o.host());
        }
        if (scoped) {
            copy.features.clear();
            for (TierFeature f : features) {
                if (!(f instanceof TierFeature.OnlyIn only)) {
                    copy.features.add(f);
                } else if (only.activeIn(environment)) {
                    copy.features.add(only.feature());
                }
            }
        }
        return new Tier(copy, liveness, readiness, startup);
    }

    /** A builder holding every setting of this tier, for a copy with some of them overridden. */
    private Builder copy() {
        Builder b = new Builder(name);
        b.image = image;
        b.ports.addAll(ports);
        b.env.putAll(env);
        b.config.putAll(config);
        b.secrets.addAll(secrets);
        b.command.addAll(command);
        b.args.addAll(args);
        b.resources = resources;
        b.replicas = replicas;
        b.rollingUpdate = rollingUpdate;
        b.spread = spread;
        b.exposure = exposure;
        b.connections.addAll(connections);
        b.dependencies.addAll(dependencies);
        b.metrics = metrics;
        b.writablePaths.clear();
        b.writablePaths.addAll(writablePaths);
        b.runAsUser = runAsUser;
        b.runAsGroup = runAsGroup;
        b.fsGroup = fsGroup;
        b.readOnlyRootFilesystem = readOnlyRootFilesystem;
        b.addedCapabilities.addAll(addedCapabilities);
        b.podAnnotations.putAll(podAnnotations);
        b.features.addAll(features);
        b.workload = workload;
        b.runsBefore.addAll(runsBefore);
        return b;
    }

    /**
     * The features of type {@code type} this tier was given, looking inside features limited to
     * some stages ({@link TierFeature#onlyIn}); on a tier seen {@link #in(Environment) in an
     * environment}, only those active there.
     */
    public <F extends TierFeature> List<F> features(Class<F> type) {
        Require.nonNull(type, "type");
        List<F> found = new ArrayList<>();
        for (TierFeature feature : features) {
            TierFeature f = feature instanceof TierFeature.OnlyIn only ? only.feature() : feature;
            if (type.isInstance(f)) {
                found.add(type.cast(f));
            }
        }
        return found;
    }

    /** Value semantics, as when Tier was a record: equal when every setting is. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o == this || o instanceof Tier other && components().equals(other.components());
    }

    @Override
    public int hashCode() {
        return components().hashCode();
    }

    @Override
    public String toString() {
        return Components.toString("Tier", COMPONENTS, components());
    }

    private static final List<String> COMPONENTS = List.of("name", "image", "ports", "env", "config", "secrets",
            "command", "args", "resources", "liveness", "readiness", "startup", "replicas", "rollingUpdate", "spread",
            "exposure", "connections", "dependencies", "metrics", "writablePaths", "runAsUser", "runAsGroup",
            "fsGroup", "readOnlyRootFilesystem", "addedCapabilities", "podAnnotations", "features", "workload", "runsBefore");

    private List<@Nullable Object> components() {
        return Arrays.asList(name, image, ports, env, config, secrets, command, args, resources, liveness, readiness,
                startup, replicas, rollingUpdate, spread, exposure, connections, dependencies, metrics, writablePaths,
                runAsUser, runAsGroup, fsGroup, readOnlyRootFilesystem, addedCapabilities, podAnnotations, features, workload,
                runsBefore);
    }

    private static <K, V> Map<K, V> unmodifiable(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * Collects a tier's settings. Nothing is checked here: {@link Platform.Builder#build()} checks
     * the whole platform and reports every problem at once.
     */
    public static final class Builder {
        private final String name;
        private @Nullable Image image;
        private final List<Port> ports = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, String> config = new LinkedHashMap<>();
        private final List<SecretRef> secrets = new ArrayList<>();
        private final List<String> command = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private Resources resources = Resources.DEFAULT;
        private @Nullable Probe liveness;
        private @Nullable Probe readiness;
        private @Nullable Probe startup;
        private boolean defaultProbes = true;
        private int replicas = DEFAULT_REPLICAS;
        private RollingUpdate rollingUpdate = RollingUpdate.DEFAULT;
        private Spread spread = Spread.DEFAULT;
        private @Nullable Exposure exposure;
        private final List<Connection> connections = new ArrayList<>();
        private final List<Dependency> dependencies = new ArrayList<>();
        private @Nullable Metrics metrics;
        private final List<String> writablePaths = new ArrayList<>(List.of("/tmp"));
        private @Nullable Long runAsUser = NONROOT;
        private @Nullable Long runAsGroup = NONROOT;
        private @Nullable Long fsGroup = NONROOT;
        private boolean readOnlyRootFilesystem = true;
        private final List<String> addedCapabilities = new ArrayList<>();
        private final Map<String, String> podAnnotations = new LinkedHashMap<>();
        private final List<TierFeature> features = new ArrayList<>();
        private Workload workload = Workload.DEPLOYMENT;
        private final List<String> runsBefore = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** The container image, e.g. {@code ghcr.io/acme/web:1.4.2}. Required. */
        public Builder image(String reference) {
            Require.nonNull(reference, "reference");
            return image(Image.parse(reference));
        }

        /** The container image. Required. */
        public Builder image(Image image) {
            Require.nonNull(image, "image");
            this.image = image;
            return this;
        }

        /** A port the container listens on; the first one is the default for probes and exposure. */
        public Builder port(Port port) {
            Require.nonNull(port, "port");
            ports.add(port);
            return this;
        }

        /** A plain environment variable (set again, the last value wins). Secrets go through {@link #secretEnv} or {@link #secretFiles}. */
        public Builder env(String variable, String value) {
            Require.nonNull(variable, "variable");
            Require.nonNull(value, "value");
            env.put(variable, value);
            return this;
        }

        /** A configuration entry: it goes into the ConfigMap {@code <tier>-config}, read as environment variables. */
        public Builder config(String key, String value) {
            Require.nonNull(key, "key");
            Require.nonNull(value, "value");
            config.put(key, value);
            return this;
        }

        /** Configuration entries, in the map's iteration order. */
        public Builder config(Map<String, String> entries) {
            Require.noNulls(entries, "entries");
            config.putAll(entries);
            return this;
        }

        /** The environment variable {@code variable} from key {@code key} of the existing Secret {@code secret}. */
        public Builder secretEnv(String variable, String secret, String key) {
            Require.nonNull(variable, "variable");
            Require.nonNull(secret, "secret");
            Require.nonNull(key, "key");
            secrets.add(new SecretRef(secret, key, variable, null));
            return this;
        }

        /** The existing Secret {@code secret} mounted read-only as files under {@code directory}. */
        public Builder secretFiles(String secret, String directory) {
            Require.nonNull(secret, "secret");
            Require.nonNull(directory, "directory");
            secrets.add(new SecretRef(secret, null, null, directory));
            return this;
        }

        /** The container's entrypoint, replacing the image's. */
        public Builder command(String... words) {
            Require.noNulls(words, "words");
            command.clear();
            command.addAll(List.of(words));
            return this;
        }

        /** The container's arguments, replacing the image's. */
        public Builder args(String... words) {
            Require.noNulls(words, "words");
            args.clear();
            args.addAll(List.of(words));
            return this;
        }

        /** Requests and limits. Default: {@link Resources#DEFAULT}. */
        public Builder resources(Resources resources) {
            Require.nonNull(resources, "resources");
            this.resources = resources;
            return this;
        }

        /**
         * The liveness probe: failing it restarts the container. Never make it the readiness probe.
         * {@code null} removes one set earlier (with no probe set at all, the default TCP probes apply;
         * see {@link #withoutDefaultProbes()}).
         */
        public Builder liveness(@Nullable Probe probe) {
            this.liveness = probe;
            return this;
        }

        /**
         * The readiness probe: failing it takes the pod out of its Service. {@code null} removes one set
         * earlier (with no probe set at all, the default TCP probes apply; see {@link #withoutDefaultProbes()}).
         */
        public Builder readiness(@Nullable Probe probe) {
            this.readiness = probe;
            return this;
        }

        /**
         * The startup probe: liveness and readiness wait until it passes. {@code null} removes one set
         * earlier (with no probe set at all, the default TCP probes apply; see {@link #withoutDefaultProbes()}).
         */
        public Builder startup(@Nullable Probe probe) {
            this.startup = probe;
            return this;
        }

        /**
         * No probes unless set explicitly. By default a long-running tier (not a Job or CronJob) with a
         * TCP port gets TCP probes on the first TCP port: readiness every 5 s, liveness every 10 s, and a
         * startup probe that allows 150 s.
         */
        public Builder withoutDefaultProbes() {
            this.defaultProbes = false;
            return this;
        }

        /** The replica count. Default: 2. Autoscaling features replace it with a range. */
        public Builder replicas(int count) {
            this.replicas = count;
            return this;
        }

        /** The rollout limits. Default: {@link RollingUpdate#DEFAULT}. */
        public Builder rollingUpdate(RollingUpdate update) {
            Require.nonNull(update, "update");
            this.rollingUpdate = update;
            return this;
        }

        /** How pods spread. Default: {@link Spread#DEFAULT}. */
        public Builder spread(Spread spread) {
            Require.nonNull(spread, "spread");
            this.spread = spread;
            return this;
        }

        /** Exposure at {@code host}, path {@code /}, first port, TLS from the platform's issuer. */
        public Builder exposedAt(String host) {
            Require.nonNull(host, "host");
            return exposedAt(Exposure.host(host));
        }

        /** Exposure through an NGINX Ingress. */
        public Builder exposedAt(Exposure exposure) {
            Require.nonNull(exposure, "exposure");
            this.exposure = exposure;
            return this;
        }

        /**
         * Calls to every port of the named tiers. A tier may name itself: the peers of a cluster
         * ({@code Tier.named("cache").talksTo("cache")}) call each other through its Service, and
         * network policies and mesh authorization then admit the tier's own pods.
         */
        public Builder talksTo(String... tiers) {
            Require.noNulls(tiers, "tiers");
            for (String t : tiers) {
                connections.add(Connection.to(t));
            }
            return this;
        }

        /** A call to a tier (another one, or this one), limited to ports, methods or paths. */
        public Builder talksTo(Connection connection) {
            Require.nonNull(connection, "connection");
            connections.add(connection);
            return this;
        }

        /** A call to an in-cluster service or an external endpoint. */
        public Builder dependsOn(Dependency dependency) {
            Require.nonNull(dependency, "dependency");
            dependencies.add(dependency);
            return this;
        }

        /** Prometheus metrics served on the named port at {@code /metrics}. */
        public Builder metrics(String portName) {
            Require.nonNull(portName, "portName");
            return metrics(portName, "/metrics");
        }

        /** Prometheus metrics served on the named port at {@code path}. */
        public Builder metrics(String portName, String path) {
            Require.nonNull(portName, "portName");
            Require.nonNull(path, "path");
            this.metrics = new Metrics(portName, path);
            return this;
        }

        /** Prometheus metrics on a port of their own, which is declared too. */
        public Builder metrics(Port port) {
            Require.nonNull(port, "port");
            port(port);
            return metrics(port.name());
        }

        /** A directory the container may write to: an {@code emptyDir} mounted there. {@code /tmp} always is. */
        public Builder writablePath(String directory) {
            Require.nonNull(directory, "directory");
            writablePaths.add(directory);
            return this;
        }

        /**
         * The numeric user and group the pod runs as (also its fsGroup). Default: 65532. Pick one the
         * image owns its files as; never 0, and not 1337 under Istio.
         */
        public Builder runAs(long user, long group) {
            this.runAsUser = user;
            this.runAsGroup = group;
            this.fsGroup = group;
            return this;
        }

        /**
         * Leaves user, group and fsGroup unset so the platform assigns them (OpenShift's security
         * context constraints do). {@code runAsNonRoot} stays on.
         */
        public Builder platformAssignedIds() {
            this.runAsUser = null;
            this.runAsGroup = null;
            this.fsGroup = null;
            return this;
        }

        /** Lets the container write to its image's filesystem. A weakening that baselines report. */
        public Builder writableRootFilesystem() {
            this.readOnlyRootFilesystem = false;
            return this;
        }

        /** Adds a Linux capability after dropping ALL (the restricted profile allows only NET_BIND_SERVICE). */
        public Builder addCapability(String capability) {
            Require.nonNull(capability, "capability");
            addedCapabilities.add(capability);
            return this;
        }

        /** An annotation on the pod template. */
        public Builder podAnnotation(String key, String value) {
            Require.nonNull(key, "key");
            Require.nonNull(value, "value");
            podAnnotations.put(key, value);
            return this;
        }

        /** A feature of a module (scaling, mesh traffic, RBAC, ...), applied in the order given. */
        public Builder with(TierFeature feature) {
            Require.nonNull(feature, "feature");
            features.add(feature);
            return this;
        }

        /**
         * Runs the tier as a StatefulSet whose pods each get these volumes ({@link Stateful#of}): a
         * stable identity ({@code <tier>-0}, {@code <tier>-1}, ...), a headless Service, peers that may
         * call each other. Default: a Deployment.
         */
        public Builder stateful(Storage... storage) {
            Require.noNulls(storage, "storage");
            return stateful(Stateful.of(storage));
        }

        /** Runs the tier as a StatefulSet with these settings. Default: a Deployment. */
        public Builder stateful(Stateful stateful) {
            Require.nonNull(stateful, "stateful");
            this.workload = stateful;
            return this;
        }

        /** Runs the tier once to completion, as a Job with {@link Batch#DEFAULT}'s settings. Default: a Deployment. */
        public Builder job() {
            return job(Batch.DEFAULT);
        }

        /** Runs the tier once to completion, as a Job with these settings. Default: a Deployment. */
        public Builder job(Batch batch) {
            Require.nonNull(batch, "batch");
            this.workload = batch;
            return this;
        }

        /** Runs the tier to completion on a schedule, as a CronJob. Default: a Deployment. */
        public Builder cronJob(Schedule schedule) {
            Require.nonNull(schedule, "schedule");
            this.workload = schedule;
            return this;
        }

        /** Runs one pod of the tier on every node, as a DaemonSet with nothing of the node's ({@link NodeAgent#NONE}). */
        public Builder daemonSet() {
            return daemonSet(NodeAgent.NONE);
        }

        /** Runs one pod of the tier on every node, as a DaemonSet with the node access declared in {@code agent}. */
        public Builder daemonSet(NodeAgent agent) {
            Require.nonNull(agent, "agent");
            this.workload = agent;
            return this;
        }

        /**
         * This Job must finish before the named tiers roll out (a database migration before the API):
         * {@code apply} applies it in a wave before theirs ({@link KindOrder}). Only a {@link #job()}
         * tier runs before others, and only before long-running tiers (KEE-KIND-005, 006).
         */
        public Builder runsBefore(String... tiers) {
            Require.noNulls(tiers, "tiers");
            runsBefore.addAll(List.of(tiers));
            return this;
        }

        /** The tier. Nothing is checked here; a missing image is reported with the platform's problems. */
        public Tier build() {
            Probe live = liveness;
            Probe ready = readiness;
            Probe start = startup;
            Port firstTcp = ports.stream().filter(p -> p.protocol() == Protocol.TCP).findFirst().orElse(null);
            // a Job's pod is never probed for readiness: nothing waits for it, and it has no Service
            if (defaultProbes && workload.kind().longRunning() && firstTcp != null && live == null && ready == null && start == null) {
                Probe tcp = Probe.tcp().onPort(firstTcp.name());
                ready = tcp.every(5);
                live = tcp.every(10).failAfter(3);
                start = tcp.every(5).failAfter(30);
            }
            return new Tier(this, live, ready, start);
        }
    }
}

package dev.keelson.apply;

import dev.keelson.apply.internal.ApplySets;
import dev.keelson.apply.internal.Engine;
import dev.keelson.apply.internal.Options;
import dev.keelson.apply.internal.Progress;
import dev.keelson.apply.internal.Reachability;
import dev.keelson.apply.internal.Retrier;
import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Require;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One apply of a platform's environment to a cluster, configured fluently; immutable (every option
 * returns a new {@code Apply}). {@link #run()} applies, {@link #diff()} shows what would change.
 *
 * <p>Objects are applied with server-side apply under the field manager {@code keelson}, in
 * Keelson's kind order (Namespaces, ServiceAccounts and RBAC, config, Services, workloads,
 * autoscaling, policies, mesh), the objects of one kind rank concurrently. Before anything is
 * written, the kinds that need a CustomResourceDefinition (Istio, VPA, Prometheus Operator,
 * cert-manager, KEDA, Cilium, ...) are checked; if one is missing nothing is written. Every object
 * is labelled as a member of one ApplySet per platform and environment (KEP-3659, as
 * {@code kubectl apply --applyset} writes it), whose parent is the Secret
 * {@code keelson-applyset-<platform>-<environment>} in the environment's namespace.
 *
 * <pre>{@code
 * ApplyReport report = Cluster.of(client).apply(platform)
 *     .environment("prod")
 *     .prune()                                // delete what was applied before and is gone now
 *     .waitFor(Duration.ofMinutes(5))         // until workloads are rolled out
 *     .run();
 * DiffReport diff = Cluster.of(client).apply(platform).environment("prod").diff();
 * }</pre>
 */
public final class Apply {

    /** The default number of requests in flight at once. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 8;

    private final Cluster cluster;
    private final Platform platform;
    private final String environment;
    private final boolean dryRun;
    private final boolean prune;
    private final Duration waitTimeout;
    private final boolean forceConflicts;
    private final int maxInFlight;
    private final Retry retry;
    private final Progress progress;

    Apply(Cluster cluster, Platform platform) {
        this(cluster, platform, null, false, false, null, false, DEFAULT_MAX_IN_FLIGHT, Retry.defaults(), Progress.NONE);
    }

    private Apply(Cluster cluster, Platform platform, String environment, boolean dryRun, boolean prune,
                  Duration waitTimeout, boolean forceConflicts, int maxInFlight, Retry retry, Progress progress) {
        this.cluster = cluster;
        this.platform = platform;
        this.environment = environment;
        this.dryRun = dryRun;
        this.prune = prune;
        this.waitTimeout = waitTimeout;
        this.forceConflicts = forceConflicts;
        this.maxInFlight = maxInFlight;
        this.retry = retry;
        this.progress = progress;
    }

    /**
     * The environment to apply. Default: the platform's only environment; required when it has several.
     *
     * @throws IllegalArgumentException naming the unknown environment and the known ones
     */
    public Apply environment(String name) {
        Require.nonNull(name, "name");
        if (platform.environment(name).isEmpty()) {
            throw new IllegalArgumentException("unknown environment '" + name + "' in platform '" + platform.name()
                    + "'; it has " + platform.environments().stream().map(Environment::name).toList());
        }
        return new Apply(cluster, platform, name, dryRun, prune, waitTimeout, forceConflicts, maxInFlight, retry, progress);
    }

    /**
     * Server-side dry run: the API server validates and computes every object (admission included)
     * but stores nothing, and nothing is pruned. Default: off.
     */
    public Apply dryRun() {
        return new Apply(cluster, platform, environment, true, prune, waitTimeout, forceConflicts, maxInFlight, retry, progress);
    }

    /**
     * Deletes the objects of this platform's environment that an earlier apply created and the
     * platform no longer has (members of its ApplySet only: objects Keelson did not apply are never
     * touched). Runs only when every object applied cleanly. Default: off; the objects are kept and
     * listed as orphans.
     */
    public Apply prune() {
        return new Apply(cluster, platform, environment, dryRun, true, waitTimeout, forceConflicts, maxInFlight, retry, progress);
    }

    /**
     * Waits until every Deployment is rolled out and available (observed generation, updated and
     * available replicas), and every StatefulSet (updated, ready, current revision) and DaemonSet
     * (scheduled pods updated and available) among the objects, at most {@code timeout}; the report
     * gives each one's status. Default: no waiting.
     */
    public Apply waitFor(Duration timeout) {
        Require.nonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("wait timeout must be positive, not " + timeout);
        }
        return new Apply(cluster, platform, environment, dryRun, prune, timeout, forceConflicts, maxInFlight, retry, progress);
    }

    /**
     * Takes over fields another field manager owns (kubectl edits, an operator, an HPA's replicas),
     * instead of stopping with a conflict. Default: off, so a change someone made by hand is
     * reported, not silently overwritten.
     */
    public Apply forceConflicts() {
        return new Apply(cluster, platform, environment, dryRun, prune, waitTimeout, true, maxInFlight, retry, progress);
    }

    /** The most requests in flight at once (objects of the same rank are applied concurrently). Default: 8. */
    public Apply maxInFlight(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, not " + requests);
        }
        return new Apply(cluster, platform, environment, dryRun, prune, waitTimeout, forceConflicts, requests, retry, progress);
    }

    /** How transient failures (429, 5xx, timeouts, dropped connections) are retried. Default: {@link Retry#defaults()}. */
    public Apply retry(Retry policy) {
        Require.nonNull(policy, "policy");
        return new Apply(cluster, platform, environment, dryRun, prune, waitTimeout, forceConflicts, maxInFlight,
                policy, progress);
    }

    /**
     * Applies the environment (or dry-runs it) and reports per object. Cluster-side failures are in
     * the report, not thrown.
     *
     * @throws dev.keelson.core.ValidationException when the platform does not synthesize
     * @throws IllegalStateException when no environment was chosen and the platform has several
     */
    public ApplyReport run() {
        String unreachable = probe();
        if (!unreachable.isEmpty()) {
            return new ApplyReport(platform.name(), environmentOf(platform, environment), cluster.server(), dryRun,
                    applySetId(), List.of(), List.of(), List.of(), List.of(), unreachable);
        }
        return engine().run();
    }

    /** The one-line problem of a cluster that cannot be used, found before synthesis; {@code ""} when it answers. */
    private String probe() {
        environmentOf(platform, environment);   // a usage error first: it needs no cluster
        String refused = cluster.viaProxy() ? "" : Reachability.tcp(cluster.server(), cluster.origin());
        return refused.isEmpty() ? Reachability.problem(cluster.client(), cluster.origin(), new Retrier(retry)) : refused;
    }

    /**
     * What {@link #run()} would change, as unified diffs of YAML per object; computed with reads
     * and server-side dry runs only. With {@link #prune()}, lists what would be deleted.
     *
     * @throws dev.keelson.core.ValidationException when the platform does not synthesize
     */
    public DiffReport diff() {
        String unreachable = probe();
        if (!unreachable.isEmpty()) {
            return new DiffReport(new ApplyReport(platform.name(), environmentOf(platform, environment), cluster.server(),
                    true, applySetId(), List.of(), List.of(), List.of(), List.of(), unreachable), List.of());
        }
        return engine().diff();
    }

    /** Reports each object as it completes and what waiting waits for (the commands' live output). */
    Apply progress(Progress listener) {
        return new Apply(cluster, platform, environment, dryRun, prune, waitTimeout, forceConflicts, maxInFlight, retry,
                Objects.requireNonNull(listener, "progress"));
    }

    /**
     * Deletes the environment from the cluster: every member of its ApplySet, dependants first (the
     * reverse of the apply order) and Namespaces last, waiting (bounded by {@link #waitFor}, default
     * 2 minutes) until each step's objects are gone, then the ApplySet's parent Secret. Objects
     * without this ApplySet's part-of label (including other ApplySets' members) are never touched.
     * With {@link #dryRun()}, lists what would be deleted and deletes nothing.
     *
     * @throws dev.keelson.core.ValidationException when the platform does not synthesize
     */
    public DestroyReport destroy() {
        String unreachable = probe();
        if (!unreachable.isEmpty()) {
            String env = environmentOf(platform, environment);
            return new DestroyReport(platform.name(), env, cluster.server(), dryRun, applySetId(),
                    platform.environment(env).orElseThrow().namespaceIn(platform.name()) + "/"
                            + ApplySets.parentName(platform.name(), env), List.of(), unreachable);
        }
        return engine().destroy();
    }

    /** The first line of the apply report, known before the run (the commands print it as the run starts). */
    String header() {
        return (dryRun ? "dry run: apply " : "apply ") + target() + " to " + cluster.server() + " (ApplySet " + applySetId()
                + ")\n";
    }

    /** The first line of the destroy report, known before the run. */
    String destroyHeader() {
        return (dryRun ? "dry run: destroy " : "destroy ") + target() + " on " + cluster.server() + " (ApplySet "
                + applySetId() + ")\n";
    }

    private String target() {
        return platform.name() + "/" + environmentOf(platform, environment);
    }

    private String applySetId() {
        String env = environmentOf(platform, environment);
        String namespace = platform.environment(env).orElseThrow().namespaceIn(platform.name());
        return ApplySets.id(ApplySets.parentName(platform.name(), env), namespace, "Secret", "");
    }

    /**
     * {@code name} when the platform has it, or the platform's only environment when {@code name}
     * is null.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     * @throws IllegalStateException when {@code name} is null and there are several
     */
    static String environmentOf(Platform platform, String name) {
        if (name != null) {
            if (platform.environment(name).isEmpty()) {
                throw new IllegalArgumentException("unknown environment '" + name + "' in platform '" + platform.name()
                        + "'; it has " + platform.environments().stream().map(Environment::name).toList());
            }
            return name;
        }
        if (platform.environments().size() != 1) {
            throw new IllegalStateException("platform '" + platform.name() + "' has environments "
                    + platform.environments().stream().map(Environment::name).toList()
                    + "; choose one. Fix: .environment(\"<name>\") (or --env <name>)");
        }
        return platform.environments().get(0).name();
    }

    private Engine engine() {
        String env = environmentOf(platform, environment);
        Manifest manifest = Keelson.synth(platform).manifest(env);
        Map<String, String> environments = new LinkedHashMap<>();
        for (Environment e : platform.environments()) {
            environments.put(e.name(), e.namespaceIn(platform.name()));
        }
        return new Engine(cluster.client(), cluster.origin(), platform.name(), environments, manifest,
                new Options(dryRun, prune, waitTimeout, forceConflicts, maxInFlight, retry, progress));
    }
}

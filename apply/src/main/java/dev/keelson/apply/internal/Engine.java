package dev.keelson.apply.internal;

import dev.keelson.apply.ApplyReport;
import dev.keelson.apply.DestroyReport;
import dev.keelson.apply.DiffReport;
import dev.keelson.apply.MissingDefinition;
import dev.keelson.apply.ObjectDiff;
import dev.keelson.apply.ObjectRef;
import dev.keelson.apply.ObjectResult;
import dev.keelson.apply.ObjectResult.Outcome;
import dev.keelson.apply.Rollout;
import dev.keelson.core.KindOrder;
import dev.keelson.core.Manifest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Applies one environment's manifest with server-side apply, in steps that each have their class:
 * the CRD check ({@link Crds}), the ApplySet parent ({@link ApplySetParent}), the objects rank by
 * rank, concurrently within a rank ({@link Applier}), the prune ({@link Pruner}) and the wait
 * ({@link RolloutWaiter}). A step that cannot go on returns a {@link Stop}, which ends the run
 * with its reason in the report. Internal.
 */
public final class Engine {

    /** The field manager Keelson applies with. */
    public static final String FIELD_MANAGER = "keelson";

    private final KubernetesClient client;
    private final String platform;
    /** The platform's environments now, each with its namespace. */
    private final Map<String, String> environments;
    private final Manifest manifest;
    private final Options options;
    private final Retrier retrier;
    private final ApplySetParent parent;
    private final Applier applier;
    private final Pruner pruner;
    private final RolloutWaiter waiter;

    /**
     * @param client the cluster's client
     * @param origin where the connection comes from, for messages ({@code context 'x' of kubeconfig /path})
     * @param platform the platform's name
     * @param environments every environment of the platform now, with its namespace
     * @param manifest the environment's manifest
     * @param options how to run
     */
    public Engine(KubernetesClient client, String origin, String platform, Map<String, String> environments,
                  Manifest manifest, Options options) {
        this.client = client;
        this.platform = platform;
        this.environments = Map.copyOf(environments);
        this.manifest = manifest;
        this.options = options;
        this.retrier = new Retrier(options.retry());
        Trees trees = new Trees(client.getKubernetesSerialization());
        this.parent = new ApplySetParent(client, retrier, platform, manifest.environment(), manifest.namespace());
        this.applier = new Applier(client, retrier, trees, options.forceConflicts());
        this.pruner = new Pruner(client, retrier, trees, options.progress(), parent, platform, this.environments);
        this.waiter = new RolloutWaiter(client, retrier, options.progress());
    }

    /** The ApplySet id of this platform's environment. */
    public String applySetId() {
        return parent.id();
    }

    /** Applies (or dry-runs) the manifest. */
    public ApplyReport run() {
        return execute(false, null);
    }

    /** Dry-runs the manifest and diffs every object. */
    public DiffReport diff() {
        List<ObjectDiff> diffs = Collections.synchronizedList(new ArrayList<>());
        ApplyReport report = execute(true, diffs);
        return new DiffReport(report, diffs);
    }

    /** Deletes the environment's ApplySet: its members (dependants first, Namespaces last), then its parent. */
    public DestroyReport destroy() {
        boolean dryRun = options.dryRun();
        List<ObjectResult> results = new ArrayList<>();
        ApplySetParent.Recorded recorded;
        try {
            recorded = ApplySetParent.read(client, retrier, parent.namespace(), parent.name(), parent.id());
        } catch (IllegalStateException e) {
            return destroyReport(dryRun, results, Optional.of(new Stop(e.getMessage())));
        } catch (KubernetesClientException e) {
            return destroyReport(dryRun, results, Stop.because("cannot read the ApplySet parent Secret " + parent.where() + ": "
                    + ApiErrors.explain(e)));
        }
        if (recorded == null) {
            return destroyReport(dryRun, results, Optional.empty());
        }
        Map<String, HasMetadata> samples = new LinkedHashMap<>();
        for (HasMetadata o : manifest.objects()) {
            ObjectRef ref = ObjectRef.of(o);
            samples.putIfAbsent(ApplySets.groupKind(ref.kind(), ref.group()), o);
        }
        return destroyReport(dryRun, results, pruner.destroy(recorded, samples, dryRun, results,
                options.waitTimeout() == null ? Options.DEFAULT_DELETE_TIMEOUT : options.waitTimeout()));
    }

    /** {@code diffs}: where each object's diff goes, or {@code null} for an apply. */
    private ApplyReport execute(boolean withDiffs, List<ObjectDiff> diffs) {
        boolean dryRun = options.dryRun() || withDiffs;
        List<HasMetadata> members = new ArrayList<>(manifest.size());
        for (HasMetadata o : manifest.objects()) {
            members.add(applier.member(o, parent.id()));
        }
        List<ObjectResult> results = new ArrayList<>();
        List<ObjectRef> orphans = new ArrayList<>();
        List<Rollout> rollouts = new ArrayList<>();

        List<MissingDefinition> missing;
        try {
            missing = Crds.missing(client, retrier, members, options.maxInFlight());
        } catch (KubernetesClientException e) {
            // nothing was written: one line says why, not one per object
            return report(dryRun, List.of(), results, orphans, rollouts, Stop.because("stopped before any write: cannot check "
                    + "the CustomResourceDefinitions the manifest's kinds need: " + ApiErrors.explain(e)
                    + ". Fix: allow this identity to read the API discovery (kubectl api-resources must work)"));
        }
        if (!missing.isEmpty()) {
            return report(dryRun, missing, results, orphans, rollouts, Optional.empty());
        }

        ApplySetParent.Recorded recorded;
        try {
            recorded = parent.read();
        } catch (IllegalStateException | KubernetesClientException e) {
            String why = e instanceof KubernetesClientException k ? "cannot read the ApplySet parent Secret "
                    + parent.where() + ": " + ApiErrors.explain(k) : e.getMessage();
            return report(dryRun, missing, results, orphans, rollouts, Stop.because("stopped before any write: " + why));
        }
        Set<String> groupKinds = new TreeSet<>(recorded.groupKinds());
        Set<String> namespaces = new TreeSet<>(recorded.namespaces());
        parent.versions().putAll(recorded.versions());
        parent.knownEnvironments().putAll(recorded.environments());
        parent.knownEnvironments().putAll(environments);
        for (HasMetadata m : members) {
            ObjectRef ref = ObjectRef.of(m);
            groupKinds.add(ApplySets.groupKind(ref.kind(), ref.group()));
            parent.versions().put(ApplySets.groupKind(ref.kind(), ref.group()), ref.apiVersion());
            if (!ref.namespace().isEmpty()) {
                namespaces.add(ref.namespace());
            }
        }

        Optional<Stop> stop;
        // Jobs that run before other tiers' rollouts (KindOrder.RUNS_BEFORE): with --wait, awaited after their wave
        Set<HasMetadata> waitedFirst = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.maxInFlight(), members.size())), r -> {
            Thread t = new Thread(r, "keelson-apply");
            t.setDaemon(true);
            return t;
        });
        try {
            stop = applyInWaves(members, groupKinds, namespaces, dryRun, withDiffs, diffs, results, rollouts, waitedFirst, pool);
            if (stop.isEmpty()) {
                stop = pruner.prune(members, groupKinds, namespaces, options.prune(), dryRun, withDiffs ? diffs : null, results,
                        orphans, pool);
            }
        } finally {
            pool.shutdownNow();
        }
        if (stop.isEmpty() && !dryRun && options.waitTimeout() != null) {
            stop = waiter.waitFor(members.stream().filter(m -> !waitedFirst.contains(m)).toList(), options.waitTimeout(), rollouts);
        }
        return report(dryRun, missing, results, orphans, rollouts, stop);
    }

    /**
     * Applies {@code members} wave by wave, writing the parent before the first wave after the
     * Namespaces (or at the end, if there is none); stops after a wave with a failure, marking the
     * rest as not attempted. With {@code --wait}, a wave of Jobs that run before other tiers
     * ({@link KindOrder#RUNS_BEFORE}, a migration) is awaited before the next wave: a Job that fails
     * or does not complete in time stops the run there, with the failed pod's reason, and the
     * workloads it runs before are not applied.
     */
    private Optional<Stop> applyInWaves(List<HasMetadata> members, Set<String> groupKinds, Set<String> namespaces,
                                        boolean dryRun, boolean withDiffs, List<ObjectDiff> diffs, List<ObjectResult> results,
                                        List<Rollout> rollouts, Set<HasMetadata> waitedFirst, ExecutorService pool) {
        boolean parentWritten = false;
        int index = 0;
        while (index < members.size()) {
            int rank = wave(members.get(index), dryRun);
            int end = index;
            while (end < members.size() && wave(members.get(end), dryRun) == rank) {
                end++;
            }
            if (!parentWritten && rank > 0 && !dryRun) {
                try {
                    parent.write(groupKinds, namespaces);
                    parentWritten = true;
                } catch (KubernetesClientException e) {
                    results.addAll(notAttempted(members, index));
                    return Stop.because("cannot write the ApplySet parent Secret " + parent.where() + ": "
                            + ApiErrors.explain(e) + "; nothing after the namespaces was applied");
                }
            }
            List<Future<Applier.Step>> futures = new ArrayList<>();
            for (HasMetadata m : members.subList(index, end)) {
                futures.add(pool.submit(() -> applier.apply(m, dryRun, withDiffs)));
            }
            boolean failed = false;
            for (Future<Applier.Step> f : futures) {
                Applier.Step step = await(f);
                results.add(step.result());
                options.progress().object(step.result());
                if (step.diff() != null) {
                    diffs.add(step.diff());
                }
                failed |= step.result().outcome().error();
            }
            List<HasMetadata> wave = members.subList(index, end);
            index = end;
            if (failed) {
                // the objects' own results say what failed; the run stops here without a reason of its own
                results.addAll(notAttempted(members, index));
                return Optional.of(FAILED_OBJECTS);
            }
            List<HasMetadata> first = dryRun || options.waitTimeout() == null ? List.of() : wave.stream().filter(Engine::runsBefore).toList();
            if (!first.isEmpty()) {
                waitedFirst.addAll(first);
                Optional<Stop> stop = waiter.waitFor(first, options.waitTimeout(), rollouts);
                if (stop.isPresent()) {
                    results.addAll(notAttempted(members, index));
                    return Stop.because(String.join(", ", first.stream().map(j -> "Job " + j.getMetadata().getName()
                                    + " runs before " + j.getMetadata().getAnnotations().get(KindOrder.RUNS_BEFORE)).toList())
                            + ", so nothing after it was applied: " + stop.get().reason());
                }
            }
        }
        if (!parentWritten && !dryRun) {
            try {
                parent.write(groupKinds, namespaces);
            } catch (KubernetesClientException e) {
                return Stop.because("cannot write the ApplySet parent Secret " + parent.where() + ": " + ApiErrors.explain(e));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code o} is a Job that runs before other tiers' rollouts. */
    private static boolean runsBefore(HasMetadata o) {
        return "Job".equals(o.getKind()) && o.getMetadata().getAnnotations() != null
                && o.getMetadata().getAnnotations().containsKey(KindOrder.RUNS_BEFORE);
    }

    /** The stop after objects failed: their results carry the reasons, the report no sentence of its own. */
    private static final Stop FAILED_OBJECTS = new Stop("objects failed");

    /**
     * Which wave an object is applied in: its kind's rank, since a later rank may need an earlier
     * one in place (a Namespace, a ServiceAccount, a CRD). A dry run writes nothing, so only
     * Namespaces and CRDs go first (to learn which namespaces are absent) and everything else goes
     * at once: a diff costs two rounds of requests instead of one per rank.
     */
    private static int wave(HasMetadata object, boolean dryRun) {
        int rank = KindOrder.rank(object);
        return dryRun ? Math.min(rank, 1) : rank;
    }

    private ApplyReport report(boolean dryRun, List<MissingDefinition> missing, List<ObjectResult> results,
                               List<ObjectRef> orphans, List<Rollout> rollouts, Optional<Stop> stop) {
        String error = stop.filter(s -> s != FAILED_OBJECTS).map(Stop::reason).orElse("");
        return new ApplyReport(platform, manifest.environment(), String.valueOf(client.getMasterUrl()), dryRun, parent.id(),
                missing, results, orphans, rollouts, error);
    }

    private DestroyReport destroyReport(boolean dryRun, List<ObjectResult> results, Optional<Stop> stop) {
        return new DestroyReport(platform, manifest.environment(), String.valueOf(client.getMasterUrl()), dryRun, parent.id(),
                parent.where(), results, stop.map(Stop::reason).orElse(""));
    }

    /** The value of {@code f}, rethrowing what the task threw. */
    static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static List<ObjectResult> notAttempted(List<HasMetadata> members, int from) {
        List<ObjectResult> list = new ArrayList<>();
        for (HasMetadata m : members.subList(from, members.size())) {
            list.add(new ObjectResult(ObjectRef.of(m), Outcome.NOT_ATTEMPTED, List.of(), List.of(), "", 0));
        }
        return list;
    }
}

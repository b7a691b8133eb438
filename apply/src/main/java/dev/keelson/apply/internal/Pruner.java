package dev.keelson.apply.internal;

import dev.keelson.apply.ObjectDiff;
import dev.keelson.apply.ObjectRef;
import dev.keelson.apply.ObjectResult;
import dev.keelson.apply.ObjectResult.Outcome;
import dev.keelson.core.KindOrder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Removes what an ApplySet no longer holds: members of this environment's set that the manifest
 * dropped ({@code --prune}; listed as orphans without it), the whole sets of environments that
 * left the platform, and a whole set on {@code destroy}. Only objects carrying the set's part-of
 * label are ever deleted, dependants first and Namespaces last. Internal.
 */
final class Pruner {

    private final KubernetesClient client;
    private final Retrier retrier;
    private final Trees trees;
    private final Progress progress;
    private final Members members;
    private final ApplySetParent parent;
    private final String platform;
    /** The platform's environments now, each with its namespace. */
    private final Map<String, String> environments;

    Pruner(KubernetesClient client, Retrier retrier, Trees trees, Progress progress, ApplySetParent parent, String platform,
           Map<String, String> environments) {
        this.client = client;
        this.retrier = retrier;
        this.trees = trees;
        this.progress = progress;
        this.members = new Members(client, retrier);
        this.parent = parent;
        this.platform = platform;
        this.environments = environments;
    }

    /**
     * Finds the live members of this environment's ApplySet that {@code wanted} no longer holds;
     * with {@code prune} deletes them (dependants first) and the sets of removed environments, then
     * narrows the parent; without, adds them to {@code orphans}. {@code diffs}, when not null,
     * receives a PRUNE diff per object. Empty when done, else what stopped it.
     */
    Optional<Stop> prune(List<HasMetadata> wanted, Set<String> groupKinds, Set<String> namespaces, boolean prune,
                         boolean dryRun, List<ObjectDiff> diffs, List<ObjectResult> results, List<ObjectRef> orphans,
                         ExecutorService pool) {
        Set<String> identities = new HashSet<>();
        Map<String, HasMetadata> sampleByGroupKind = new LinkedHashMap<>();
        for (HasMetadata m : wanted) {
            ObjectRef ref = ObjectRef.of(m);
            identities.add(Members.identity(ref));
            sampleByGroupKind.putIfAbsent(ApplySets.groupKind(ref.kind(), ref.group()), m);
        }
        List<HasMetadata> found = new ArrayList<>();
        try {
            // one list per group kind, concurrently: they are independent reads
            List<Future<List<HasMetadata>>> lists = new ArrayList<>();
            for (String groupKind : groupKinds) {
                lists.add(pool.submit(() -> members.list(groupKind, sampleByGroupKind.get(groupKind), namespaces, parent.id(),
                        parent.versions())));
            }
            for (Future<List<HasMetadata>> f : lists) {
                found.addAll(Engine.await(f));
            }
        } catch (KubernetesClientException e) {
            return Stop.because("cannot list the ApplySet's members to find what to prune: " + ApiErrors.explain(e));
        }
        List<HasMetadata> stale = new ArrayList<>();
        for (HasMetadata o : found) {
            Map<String, String> labels = o.getMetadata().getLabels();
            // only what carries our ApplySet's label is ever a candidate, whatever the server's filtering did
            if (labels != null && parent.id().equals(labels.get(ApplySets.PART_OF))
                    && !identities.contains(Members.identity(ObjectRef.of(o)))) {
                stale.add(o);
            }
        }
        // delete dependants first: the reverse of the apply order
        stale.sort((a, b) -> Integer.compare(KindOrder.rank(b), KindOrder.rank(a)));
        if (!prune) {
            for (HasMetadata o : stale) {
                orphans.add(ObjectRef.of(o));
            }
            return Optional.empty();
        }
        boolean allDeleted = true;
        for (HasMetadata o : stale) {
            ObjectRef ref = ObjectRef.of(o);
            if (diffs != null) {
                diffs.add(pruneDiff(ref, o));
            }
            ObjectResult r = dryRun ? new ObjectResult(ref, Outcome.PRUNED, List.of(), List.of(), "", 0)
                    : delete(o, Outcome.PRUNED);
            if (r.outcome() == Outcome.FAILED) {
                allDeleted = false;
                r = new ObjectResult(ref, Outcome.FAILED, List.of(), List.of(), "prune: " + r.message().replaceFirst("^delete: ", ""),
                        r.attempts());
            }
            results.add(r);
            progress.object(r);
        }
        boolean environmentsPruned = false;
        if (allDeleted) {
            int known = parent.knownEnvironments().size();
            Optional<Stop> stop = pruneRemovedEnvironments(dryRun, diffs, results);
            if (stop.isPresent()) {
                return stop;
            }
            environmentsPruned = parent.knownEnvironments().size() != known;
        }
        if (allDeleted && !dryRun) {
            Set<String> now = new TreeSet<>();
            Set<String> nowNamespaces = new TreeSet<>();
            for (HasMetadata m : wanted) {
                ObjectRef ref = ObjectRef.of(m);
                now.add(ApplySets.groupKind(ref.kind(), ref.group()));
                if (!ref.namespace().isEmpty()) {
                    nowNamespaces.add(ref.namespace());
                }
            }
            if (!now.equals(groupKinds) || !nowNamespaces.equals(namespaces) || environmentsPruned) {
                try {
                    parent.write(now, nowNamespaces);
                } catch (KubernetesClientException e) {
                    return Stop.because("pruned, but cannot narrow the ApplySet parent's group kinds: " + ApiErrors.explain(e)
                            + "; run again");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code destroy}: deletes this environment's whole ApplySet as its parent records it (nothing
     * when there is no parent), waiting up to {@code waitGone} for each step's objects to go.
     */
    Optional<Stop> destroy(ApplySetParent.Recorded recorded, Map<String, HasMetadata> samples, boolean dryRun,
                           List<ObjectResult> results, Duration waitGone) {
        return deleteApplySet(parent.id(), parent.namespace(), parent.name(), recorded, samples, dryRun, null, results,
                Outcome.DELETED, waitGone);
    }

    /**
     * With prune: the ApplySets of environments that a parent of this platform recorded and that
     * the platform no longer has. Their members and parents are deleted (previewed in a dry run).
     */
    private Optional<Stop> pruneRemovedEnvironments(boolean dryRun, List<ObjectDiff> diffs, List<ObjectResult> results) {
        for (Map.Entry<String, String> e : new ArrayList<>(parent.knownEnvironments().entrySet())) {
            String env = e.getKey();
            if (environments.containsKey(env)) {
                continue;
            }
            String namespace = e.getValue();
            String name = ApplySets.parentName(platform, env);
            String id = ApplySets.id(name, namespace, "Secret", "");
            ApplySetParent.Recorded removed;
            try {
                removed = ApplySetParent.read(client, retrier, namespace, name, id);
            } catch (IllegalStateException ex) {
                return Stop.because("environment '" + env + "' left the platform, but " + ex.getMessage());
            } catch (KubernetesClientException ex) {
                return Stop.because("environment '" + env + "' left the platform; cannot read its ApplySet parent Secret "
                        + namespace + "/" + name + ": " + ApiErrors.explain(ex));
            }
            if (removed != null) {
                Optional<Stop> stop = deleteApplySet(id, namespace, name, removed, Map.of(), dryRun, diffs, results,
                        Outcome.PRUNED, null);
                if (stop.isPresent()) {
                    return Stop.because("environment '" + env + "' left the platform; pruning its ApplySet: " + stop.get().reason());
                }
            }
            if (!dryRun) {
                parent.knownEnvironments().remove(env);
            }
        }
        return Optional.empty();
    }

    /**
     * Deletes the members of the ApplySet {@code id} (parent {@code namespace/name}), dependants
     * first, Namespaces after everything else, then the parent; with {@code waitGone}, waits
     * (bounded) until each step's objects are gone before the next. Only objects carrying the
     * set's part-of label are touched.
     */
    private Optional<Stop> deleteApplySet(String id, String namespace, String name, ApplySetParent.Recorded recorded,
                                          Map<String, HasMetadata> samples, boolean dryRun, List<ObjectDiff> diffs,
                                          List<ObjectResult> results, Outcome outcome, Duration waitGone) {
        Set<String> namespaces = new TreeSet<>(recorded.namespaces());
        namespaces.add(namespace);
        List<HasMetadata> found = new ArrayList<>();
        try {
            for (String groupKind : recorded.groupKinds()) {
                found.addAll(members.list(groupKind, samples.get(groupKind), namespaces, id, recorded.versions()));
            }
        } catch (KubernetesClientException e) {
            return Stop.because("cannot list the members of ApplySet " + id + ": " + ApiErrors.explain(e));
        }
        List<HasMetadata> first = new ArrayList<>();
        List<HasMetadata> last = new ArrayList<>();
        for (HasMetadata o : found) {
            Map<String, String> labels = o.getMetadata().getLabels();
            if (labels == null || !id.equals(labels.get(ApplySets.PART_OF))) {
                continue;   // whatever the server's filtering did, only our members are deleted
            }
            (o.getKind().equals("Namespace") ? last : first).add(o);
        }
        first.sort((a, b) -> Integer.compare(KindOrder.rank(b), KindOrder.rank(a)));
        Secret parentSecret = new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .build();
        for (List<HasMetadata> step : List.of(first, last)) {
            List<HasMetadata> deleted = new ArrayList<>();
            for (HasMetadata o : step) {
                ObjectRef ref = ObjectRef.of(o);
                if (diffs != null) {
                    diffs.add(pruneDiff(ref, o));
                }
                ObjectResult r = dryRun ? new ObjectResult(ref, outcome, List.of(), List.of(), "", 0) : delete(o, outcome);
                results.add(r);
                progress.object(r);
                if (r.outcome() == outcome) {
                    deleted.add(o);
                }
            }
            if (deleted.size() < step.size()) {
                return Stop.because("not every member could be deleted; the rest" + (step == first ? ", the Namespaces" : "")
                        + " and the ApplySet parent Secret " + namespace + "/" + name + " are kept. Fix: see the failures above, "
                        + "then run again");
            }
            if (!dryRun && waitGone != null) {
                Optional<Stop> late = waitUntilGone(deleted, waitGone, results);
                if (late.isPresent()) {
                    return late;
                }
            }
        }
        ObjectRef parentRef = ObjectRef.of(parentSecret);
        ObjectResult r = dryRun ? new ObjectResult(parentRef, outcome, List.of(), List.of(), "", 0) : delete(parentSecret, outcome);
        results.add(r);
        progress.object(r);
        return r.outcome() == outcome ? Optional.empty()
                : Stop.because("the members are gone but the ApplySet parent Secret is not; run again");
    }

    private ObjectDiff pruneDiff(ObjectRef ref, HasMetadata o) {
        return new ObjectDiff(ref, ObjectDiff.Change.PRUNE, List.of(),
                UnifiedDiff.of("cluster: " + ref, trees.yaml(trees.normalized(o)), "/dev/null", ""));
    }

    private ObjectResult delete(HasMetadata o, Outcome outcome) {
        ObjectRef ref = ObjectRef.of(o);
        AtomicInteger attempts = new AtomicInteger();
        try {
            retrier.call(() -> client.resource(o).delete(), attempts);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                return new ObjectResult(ref, Outcome.FAILED, List.of(), List.of(), "delete: " + ApiErrors.explain(e), attempts.get());
            }
            // already gone: what was wanted
        }
        return new ObjectResult(ref, outcome, List.of(), List.of(), "", attempts.get());
    }

    /** Polls until every object is gone; empty when they are, else what is still there and why it may be. */
    private Optional<Stop> waitUntilGone(List<HasMetadata> objects, Duration timeout, List<ObjectResult> results) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pollMillis = Math.max(20, Math.min(1000, timeout.toMillis() / 20));
        List<HasMetadata> left = new ArrayList<>(objects);
        while (true) {
            List<String> pending = new ArrayList<>();
            for (HasMetadata o : new ArrayList<>(left)) {
                HasMetadata live;
                try {
                    live = retrier.call(() -> client.resource(o).get(), new AtomicInteger());
                } catch (KubernetesClientException e) {
                    live = e.getCode() == 404 ? null : o;
                }
                if (live == null) {
                    left.remove(o);
                } else {
                    pending.add(o.getKind() + " " + o.getMetadata().getName() + " terminating");
                }
            }
            progress.waiting(objects.size() - left.size(), objects.size(), pending);
            if (left.isEmpty()) {
                return Optional.empty();
            }
            if (System.nanoTime() >= deadline) {
                HasMetadata o = left.get(0);
                ObjectRef ref = ObjectRef.of(o);
                for (HasMetadata still : left) {
                    ObjectRef sr = ObjectRef.of(still);
                    results.replaceAll(r -> r.object().equals(sr) ? new ObjectResult(sr, Outcome.FAILED, List.of(), List.of(),
                            "deleted, but still there after " + Stop.format(timeout) + " (finalizers, or pods still stopping)",
                            r.attempts()) : r);
                }
                return Stop.because(left.size() + " deleted object" + (left.size() == 1 ? " is" : "s are") + " still there after "
                        + Stop.format(timeout) + "; what depends on them is kept. Fix: look at what holds them "
                        + "(kubectl get " + ref.kind().toLowerCase(Locale.ROOT) + (ref.namespace().isEmpty() ? "" : " -n "
                        + ref.namespace()) + " " + ref.name() + " -o yaml: finalizers, status), or wait longer with --wait=<duration>");
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Stop.because("interrupted while waiting for deleted objects to go");
            }
        }
    }
}

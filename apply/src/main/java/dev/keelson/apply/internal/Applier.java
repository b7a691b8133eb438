package dev.keelson.apply.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.apply.Conflict;
import dev.keelson.apply.ObjectDiff;
import dev.keelson.apply.ObjectRef;
import dev.keelson.apply.ObjectResult;
import dev.keelson.apply.ObjectResult.Outcome;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies (or dry-runs) one object with server-side apply and says what changed: created,
 * unchanged, the changed fields, a conflict with another field manager, or why it failed. Safe to
 * call from several threads at once. Internal.
 */
final class Applier {

    /** One object's result, and its diff when asked for ({@code null} otherwise). */
    record Step(ObjectResult result, ObjectDiff diff) {
    }

    private final KubernetesClient client;
    private final Retrier retrier;
    private final Trees trees;
    private final boolean forceConflicts;
    /** Namespaces found absent during a dry run: the server cannot dry-run objects in them. */
    private final Set<String> absentNamespaces = ConcurrentHashMap.newKeySet();

    Applier(KubernetesClient client, Retrier retrier, Trees trees, boolean forceConflicts) {
        this.client = client;
        this.retrier = retrier;
        this.trees = trees;
        this.forceConflicts = forceConflicts;
    }

    /** A copy of {@code object} labelled as a member of the ApplySet {@code applySetId}. */
    HasMetadata member(HasMetadata object, String applySetId) {
        HasMetadata copy = client.getKubernetesSerialization().clone(object);
        Map<String, String> labels = copy.getMetadata().getLabels() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(copy.getMetadata().getLabels());
        labels.put(ApplySets.PART_OF, applySetId);
        copy.getMetadata().setLabels(labels);
        return copy;
    }

    /** Applies {@code desired}; with {@code withDiffs}, also the unified diff of what the server would keep. */
    Step apply(HasMetadata desired, boolean dryRun, boolean withDiffs) {
        ObjectRef ref = ObjectRef.of(desired);
        AtomicInteger attempts = new AtomicInteger();
        try {
            boolean inAbsentNamespace = dryRun && !ref.namespace().isEmpty() && absentNamespaces.contains(ref.namespace());
            HasMetadata live = inAbsentNamespace ? null : retrier.call(() -> client.resource(desired).get(), new AtomicInteger());
            if (live == null && desired.getKind().equals("Namespace")) {
                absentNamespaces.add(desired.getMetadata().getName());
            }
            HasMetadata after;
            if (dryRun && inAbsentNamespace) {
                // the namespace does not exist yet, so the server cannot dry-run objects in it: show them as written
                after = desired;
            } else {
                after = retrier.call(() -> operation(desired, dryRun).serverSideApply(), attempts);
            }
            ObjectNode before = live == null ? null : trees.normalized(live);
            ObjectNode predicted = trees.normalized(after);
            if (live == null) {
                ObjectDiff diff = withDiffs ? new ObjectDiff(ref, ObjectDiff.Change.CREATE, List.of(),
                        UnifiedDiff.of("/dev/null", "", "keelson: " + ref, trees.yaml(predicted))) : null;
                return new Step(new ObjectResult(ref, Outcome.CREATED, List.of(), List.of(), "", attempts.get()), diff);
            }
            boolean sameVersion = !dryRun && live.getMetadata().getResourceVersion() != null
                    && live.getMetadata().getResourceVersion().equals(after.getMetadata().getResourceVersion());
            List<String> fields = sameVersion ? List.of() : Trees.changedFields(before, predicted);
            if (fields.isEmpty()) {
                ObjectDiff diff = withDiffs ? new ObjectDiff(ref, ObjectDiff.Change.UNCHANGED, List.of(), "") : null;
                return new Step(new ObjectResult(ref, Outcome.UNCHANGED, List.of(), List.of(), "", attempts.get()), diff);
            }
            ObjectDiff diff = withDiffs ? new ObjectDiff(ref, ObjectDiff.Change.CHANGE, fields,
                    UnifiedDiff.of("cluster: " + ref, trees.yaml(before), "keelson: " + ref, trees.yaml(predicted))) : null;
            return new Step(new ObjectResult(ref, Outcome.CHANGED, fields, List.of(), "", attempts.get()), diff);
        } catch (KubernetesClientException e) {
            List<Conflict> conflicts = ApiErrors.conflicts(e);
            if (!conflicts.isEmpty()) {
                return new Step(new ObjectResult(ref, Outcome.CONFLICT, List.of(), conflicts,
                        "Fix: let Keelson own these fields with --force-conflicts (Apply.forceConflicts()), or stop the other "
                                + "manager from setting them (e.g. remove spec.replicas from what kubectl or an HPA manages)",
                        attempts.get()), null);
            }
            String tries = attempts.get() > 1 ? " (after " + attempts.get() + " attempts)" : "";
            return new Step(new ObjectResult(ref, Outcome.FAILED, List.of(), List.of(), ApiErrors.explain(e) + tries,
                    attempts.get()), null);
        } catch (RuntimeException e) {
            // e.g. the client cannot map a kind to a resource: report it with the rest instead of losing the report
            return new Step(new ObjectResult(ref, Outcome.FAILED, List.of(), List.of(),
                    e.getClass().getSimpleName() + ": " + e.getMessage(), attempts.get()), null);
        }
    }

    private ServerSideApplicable<HasMetadata> operation(HasMetadata desired, boolean dryRun) {
        ServerSideApplicable<HasMetadata> op = dryRun ? client.resource(desired).dryRun().fieldManager(Engine.FIELD_MANAGER)
                : client.resource(desired).fieldManager(Engine.FIELD_MANAGER);
        return forceConflicts ? op.forceConflicts() : op;
    }
}

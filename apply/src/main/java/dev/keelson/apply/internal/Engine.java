package dev.keelson.apply.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.apply.ApplyReport;
import dev.keelson.apply.Conflict;
import dev.keelson.apply.DiffReport;
import dev.keelson.apply.MissingDefinition;
import dev.keelson.apply.ObjectDiff;
import dev.keelson.apply.ObjectRef;
import dev.keelson.apply.ObjectResult.Outcome;
import dev.keelson.apply.ObjectResult;
import dev.keelson.apply.Rollout;
import dev.keelson.core.Manifest;
import dev.keelson.core.internal.KindOrder;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies one environment's manifest with server-side apply: CRD check, ApplySet parent, objects
 * rank by rank (concurrently within a rank), prune, wait. Internal.
 */
public final class Engine {

    /** The field manager Keelson applies with. */
    public static final String FIELD_MANAGER = "keelson";

    private static final Pattern CONFLICT_MANAGER = Pattern.compile("conflict with \"([^\"]*)\"");

    private final KubernetesClient client;
    private final String platform;
    private final Manifest manifest;
    private final Options options;
    private final Retrier retrier;
    private final Trees trees;
    private final String parentName;
    private final String applySetId;
    private final Set<String> absentNamespaces = ConcurrentHashMap.newKeySet();
    /** Group kind to the API version it was last applied with, as recorded on the parent. */
    private final Map<String, String> versions = new TreeMap<>();

    public Engine(KubernetesClient client, String platform, Manifest manifest, Options options) {
        this.client = client;
        this.platform = platform;
        this.manifest = manifest;
        this.options = options;
        this.retrier = new Retrier(options.retry());
        this.trees = new Trees(client.getKubernetesSerialization());
        this.parentName = ApplySets.parentName(platform, manifest.environment());
        this.applySetId = ApplySets.id(parentName, manifest.namespace(), "Secret", "");
    }

    /** The ApplySet id of this platform's environment. */
    public String applySetId() {
        return applySetId;
    }

    /** Applies (or dry-runs) the manifest. */
    public ApplyReport run() {
        return execute(false).report;
    }

    /** Dry-runs the manifest and diffs every object. */
    public DiffReport diff() {
        Execution e = execute(true);
        return new DiffReport(e.report, e.diffs);
    }

    private static final class Execution {
        ApplyReport report;
        final List<ObjectDiff> diffs = Collections.synchronizedList(new ArrayList<>());
    }

    /** One object's result, and its diff when asked for. */
    private record Step(ObjectResult result, ObjectDiff diff) {
    }

    private Execution execute(boolean withDiffs) {
        boolean dryRun = options.dryRun() || withDiffs;
        Execution execution = new Execution();
        List<HasMetadata> members = new ArrayList<>(manifest.size());
        for (HasMetadata o : manifest.objects()) {
            members.add(member(o));
        }
        List<ObjectResult> results = new ArrayList<>();
        List<ObjectRef> orphans = new ArrayList<>();
        List<Rollout> rollouts = new ArrayList<>();
        String error = "";

        List<MissingDefinition> missing;
        try {
            missing = Crds.missing(client, retrier, members);
        } catch (KubernetesClientException e) {
            execution.report = report(dryRun, List.of(), notAttempted(members, 0), orphans, rollouts,
                    "cannot list CustomResourceDefinitions to check the manifest's kinds: " + explain(e)
                            + ". Fix: allow 'list' on customresourcedefinitions.apiextensions.k8s.io for this identity");
            return execution;
        }
        if (!missing.isEmpty()) {
            execution.report = report(dryRun, missing, List.of(), orphans, rollouts, "");
            return execution;
        }

        Parent parent;
        try {
            parent = readParent();
        } catch (IllegalStateException | KubernetesClientException e) {
            String why = e instanceof KubernetesClientException k ? "cannot read the ApplySet parent Secret "
                    + manifest.namespace() + "/" + parentName + ": " + explain(k) : e.getMessage();
            execution.report = report(dryRun, missing, notAttempted(members, 0), orphans, rollouts, why);
            return execution;
        }
        Set<String> groupKinds = new TreeSet<>(parent.groupKinds);
        Set<String> namespaces = new TreeSet<>(parent.namespaces);
        versions.putAll(parent.versions);
        for (HasMetadata m : members) {
            ObjectRef ref = ObjectRef.of(m);
            groupKinds.add(ApplySets.groupKind(ref.kind(), ref.group()));
            versions.put(ApplySets.groupKind(ref.kind(), ref.group()), ref.apiVersion());
            if (!ref.namespace().isEmpty()) {
                namespaces.add(ref.namespace());
            }
        }

        boolean parentWritten = false;
        boolean failed = false;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.maxInFlight(), members.size())), r -> {
            Thread t = new Thread(r, "keelson-apply");
            t.setDaemon(true);
            return t;
        });
        try {
            int index = 0;
            while (index < members.size()) {
                int rank = KindOrder.rank(members.get(index));
                int end = index;
                while (end < members.size() && KindOrder.rank(members.get(end)) == rank) {
                    end++;
                }
                if (!parentWritten && rank > 0 && !dryRun) {
                    try {
                        writeParent(groupKinds, namespaces);
                        parentWritten = true;
                    } catch (KubernetesClientException e) {
                        error = "cannot write the ApplySet parent Secret " + manifest.namespace() + "/" + parentName + ": "
                                + explain(e) + "; nothing after the namespaces was applied";
                        results.addAll(notAttempted(members, index));
                        failed = true;
                        break;
                    }
                }
                List<Future<Step>> futures = new ArrayList<>();
                for (HasMetadata m : members.subList(index, end)) {
                    futures.add(pool.submit(() -> applyOne(m, dryRun, withDiffs)));
                }
                for (Future<Step> f : futures) {
                    Step step = await(f);
                    results.add(step.result());
                    if (step.diff() != null) {
                        execution.diffs.add(step.diff());
                    }
                    failed |= step.result().outcome().error();
                }
                index = end;
                if (failed && index < members.size()) {
                    results.addAll(notAttempted(members, index));
                    break;
                }
            }
            if (!failed && !parentWritten && !dryRun) {
                try {
                    writeParent(groupKinds, namespaces);
                } catch (KubernetesClientException e) {
                    error = "cannot write the ApplySet parent Secret " + manifest.namespace() + "/" + parentName + ": "
                            + explain(e);
                    failed = true;
                }
            }
            if (!failed) {
                error = prune(members, parent, groupKinds, namespaces, dryRun, withDiffs, results, orphans, execution);
                failed = !error.isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        if (!failed && !dryRun && options.waitTimeout() != null) {
            error = waitForRollouts(members, rollouts);
        }
        execution.report = report(dryRun, missing, results, orphans, rollouts, error);
        return execution;
    }

    private ApplyReport report(boolean dryRun, List<MissingDefinition> missing, List<ObjectResult> results,
                               List<ObjectRef> orphans, List<Rollout> rollouts, String error) {
        return new ApplyReport(platform, manifest.environment(), String.valueOf(client.getMasterUrl()), dryRun, applySetId,
                missing, results, orphans, rollouts, error);
    }

    private static Step await(Future<Step> f) {
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

    /** A copy of the object labelled as a member of this ApplySet. */
    private HasMetadata member(HasMetadata object) {
        HasMetadata copy = client.getKubernetesSerialization().clone(object);
        Map<String, String> labels = copy.getMetadata().getLabels() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(copy.getMetadata().getLabels());
        labels.put(ApplySets.PART_OF, applySetId);
        copy.getMetadata().setLabels(labels);
        return copy;
    }

    // ---- one object ----

    private Step applyOne(HasMetadata desired, boolean dryRun, boolean withDiffs) {
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
                after = retrier.call(() -> applier(desired, dryRun).serverSideApply(), attempts);
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
            List<Conflict> conflicts = conflicts(e);
            if (!conflicts.isEmpty()) {
                return new Step(new ObjectResult(ref, Outcome.CONFLICT, List.of(), conflicts,
                        "Fix: let Keelson own these fields with --force-conflicts (Apply.forceConflicts()), or stop the other "
                                + "manager from setting them (e.g. remove spec.replicas from what kubectl or an HPA manages)",
                        attempts.get()), null);
            }
            String tries = attempts.get() > 1 ? " (after " + attempts.get() + " attempts)" : "";
            return new Step(new ObjectResult(ref, Outcome.FAILED, List.of(), List.of(), explain(e) + tries, attempts.get()),
                    null);
        } catch (RuntimeException e) {
            // e.g. the client cannot map a kind to a resource: report it with the rest instead of losing the report
            return new Step(new ObjectResult(ref, Outcome.FAILED, List.of(), List.of(),
                    e.getClass().getSimpleName() + ": " + e.getMessage(), attempts.get()), null);
        }
    }

    private ServerSideApplicable<HasMetadata> applier(HasMetadata desired, boolean dryRun) {
        ServerSideApplicable<HasMetadata> op = dryRun ? client.resource(desired).dryRun().fieldManager(FIELD_MANAGER)
                : client.resource(desired).fieldManager(FIELD_MANAGER);
        return options.forceConflicts() ? op.forceConflicts() : op;
    }

    /** The field-manager conflicts of a 409 from server-side apply; empty for any other failure. */
    static List<Conflict> conflicts(KubernetesClientException e) {
        Status status = e.getStatus();
        if (e.getCode() != 409 || status == null) {
            return List.of();
        }
        List<Conflict> conflicts = new ArrayList<>();
        if (status.getDetails() != null && status.getDetails().getCauses() != null) {
            for (StatusCause cause : status.getDetails().getCauses()) {
                if (!"FieldManagerConflict".equals(cause.getReason())) {
                    continue;
                }
                String message = cause.getMessage() == null ? "" : cause.getMessage();
                Matcher m = CONFLICT_MANAGER.matcher(message);
                conflicts.add(new Conflict(cause.getField() == null ? "" : cause.getField(), m.find() ? m.group(1) : "",
                        message));
            }
        }
        if (conflicts.isEmpty() && "Conflict".equals(status.getReason()) && status.getMessage() != null
                && status.getMessage().contains("conflict")) {
            Matcher m = CONFLICT_MANAGER.matcher(status.getMessage());
            conflicts.add(new Conflict("", m.find() ? m.group(1) : "", status.getMessage()));
        }
        return conflicts;
    }

    /** A failure in words, with how to fix it where we know. */
    static String explain(KubernetesClientException e) {
        Status status = e.getStatus();
        String message = status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
        int code = e.getCode();
        return switch (code) {
            case 0 -> "no answer from the API server: " + rootCause(e) + ". Fix: check the server URL and network, then run again";
            case 401 -> "HTTP 401 unauthorized: " + message + ". Fix: refresh the credentials of your kubeconfig context";
            case 403 -> "HTTP 403 forbidden: " + message
                    + ". Fix: grant this identity get, patch and (for --prune) list and delete on the resource";
            case 404 -> "HTTP 404 not found: " + message;
            case 422 -> "HTTP 422 invalid: " + message + ". Fix: correct the object in the platform (customize(...))";
            default -> "HTTP " + code + ": " + message;
        };
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    // ---- ApplySet parent ----

    private record Parent(Set<String> groupKinds, Set<String> namespaces, Map<String, String> versions) {
    }

    private Parent readParent() {
        Secret secret = retrier.call(() -> client.secrets().inNamespace(manifest.namespace()).withName(parentName).get(),
                new AtomicInteger());
        if (secret == null) {
            return new Parent(Set.of(), Set.of(), Map.of());
        }
        Map<String, String> labels = secret.getMetadata().getLabels() == null ? Map.of() : secret.getMetadata().getLabels();
        Map<String, String> annotations = secret.getMetadata().getAnnotations() == null ? Map.of()
                : secret.getMetadata().getAnnotations();
        String where = "Secret " + manifest.namespace() + "/" + parentName;
        String tooling = annotations.getOrDefault(ApplySets.TOOLING, "");
        if (!applySetId.equals(labels.get(ApplySets.ID)) || !tooling.startsWith(ApplySets.TOOLING_PREFIX)) {
            throw new IllegalStateException(where + " exists but is not Keelson's ApplySet parent (label "
                    + ApplySets.ID + "=" + labels.get(ApplySets.ID) + ", tooling '" + tooling + "'); Keelson will not adopt "
                    + "another tool's ApplySet. Fix: delete or rename that Secret, or use another environment name");
        }
        Map<String, String> recorded = new TreeMap<>();
        for (String entry : split(annotations.get(ApplySets.GROUP_VERSIONS))) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                recorded.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return new Parent(split(annotations.get(ApplySets.CONTAINS_GROUP_KINDS)),
                split(annotations.get(ApplySets.ADDITIONAL_NAMESPACES)), recorded);
    }

    private static Set<String> split(String value) {
        Set<String> set = new TreeSet<>();
        if (value != null) {
            for (String s : value.split(",")) {
                if (!s.isBlank()) {
                    set.add(s.trim());
                }
            }
        }
        return set;
    }

    private void writeParent(Set<String> groupKinds, Set<String> namespaces) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ApplySets.TOOLING, ApplySets.TOOLING_VALUE);
        annotations.put(ApplySets.CONTAINS_GROUP_KINDS, String.join(",", groupKinds));
        List<String> recorded = new ArrayList<>();
        for (String groupKind : groupKinds) {
            if (versions.containsKey(groupKind)) {
                recorded.add(groupKind + "=" + versions.get(groupKind));
            }
        }
        annotations.put(ApplySets.GROUP_VERSIONS, String.join(",", recorded));
        Set<String> others = new TreeSet<>(namespaces);
        others.remove(manifest.namespace());
        if (!others.isEmpty()) {
            annotations.put(ApplySets.ADDITIONAL_NAMESPACES, String.join(",", others));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ApplySets.ID, applySetId);
        labels.put("app.kubernetes.io/part-of", platform);
        labels.put("app.kubernetes.io/managed-by", "keelson");
        labels.put("keelson.dev/environment", manifest.environment());
        Secret secret = new SecretBuilder().withNewMetadata().withName(parentName).withNamespace(manifest.namespace())
                .withLabels(labels).withAnnotations(annotations).endMetadata().build();
        retrier.call(() -> client.resource(secret).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply(),
                new AtomicInteger());
    }

    // ---- prune ----

    private String prune(List<HasMetadata> members, Parent parent, Set<String> groupKinds, Set<String> namespaces,
                         boolean dryRun, boolean withDiffs, List<ObjectResult> results, List<ObjectRef> orphans,
                         Execution execution) {
        Set<String> wanted = new HashSet<>();
        Map<String, HasMetadata> sampleByGroupKind = new LinkedHashMap<>();
        for (HasMetadata m : members) {
            ObjectRef ref = ObjectRef.of(m);
            wanted.add(identity(ref));
            sampleByGroupKind.putIfAbsent(ApplySets.groupKind(ref.kind(), ref.group()), m);
        }
        List<HasMetadata> found = new ArrayList<>();
        try {
            for (String groupKind : groupKinds) {
                found.addAll(listMembers(groupKind, sampleByGroupKind.get(groupKind), namespaces));
            }
        } catch (KubernetesClientException e) {
            return "cannot list the ApplySet's members to find what to prune: " + explain(e);
        }
        List<HasMetadata> stale = new ArrayList<>();
        for (HasMetadata o : found) {
            Map<String, String> labels = o.getMetadata().getLabels();
            // only what carries our ApplySet's label is ever a candidate, whatever the server's filtering did
            if (labels != null && applySetId.equals(labels.get(ApplySets.PART_OF)) && !wanted.contains(identity(ObjectRef.of(o)))) {
                stale.add(o);
            }
        }
        // delete dependants first: the reverse of the apply order
        stale.sort((a, b) -> Integer.compare(KindOrder.rank(b), KindOrder.rank(a)));
        if (!options.prune()) {
            for (HasMetadata o : stale) {
                orphans.add(ObjectRef.of(o));
            }
            return "";
        }
        boolean allDeleted = true;
        for (HasMetadata o : stale) {
            ObjectRef ref = ObjectRef.of(o);
            if (withDiffs) {
                execution.diffs.add(new ObjectDiff(ref, ObjectDiff.Change.PRUNE, List.of(),
                        UnifiedDiff.of("cluster: " + ref, trees.yaml(trees.normalized(o)), "/dev/null", "")));
            }
            if (dryRun) {
                results.add(new ObjectResult(ref, Outcome.PRUNED, List.of(), List.of(), "", 0));
                continue;
            }
            AtomicInteger attempts = new AtomicInteger();
            try {
                retrier.call(() -> client.resource(o).delete(), attempts);
                results.add(new ObjectResult(ref, Outcome.PRUNED, List.of(), List.of(), "", attempts.get()));
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    // already gone (deleted by someone else, or by an attempt whose answer was lost): what prune wanted
                    results.add(new ObjectResult(ref, Outcome.PRUNED, List.of(), List.of(), "", attempts.get()));
                    continue;
                }
                allDeleted = false;
                results.add(new ObjectResult(ref, Outcome.FAILED, List.of(), List.of(), "prune: " + explain(e), attempts.get()));
            }
        }
        if (allDeleted && !dryRun) {
            Set<String> now = new TreeSet<>();
            Set<String> nowNamespaces = new TreeSet<>();
            for (HasMetadata m : members) {
                ObjectRef ref = ObjectRef.of(m);
                now.add(ApplySets.groupKind(ref.kind(), ref.group()));
                if (!ref.namespace().isEmpty()) {
                    nowNamespaces.add(ref.namespace());
                }
            }
            if (!now.equals(groupKinds) || !nowNamespaces.equals(namespaces)) {
                try {
                    writeParent(now, nowNamespaces);
                } catch (KubernetesClientException e) {
                    return "pruned, but cannot narrow the ApplySet parent's group kinds: " + explain(e) + "; run again";
                }
            }
        }
        return "";
    }

    private static String identity(ObjectRef ref) {
        return ApplySets.groupKind(ref.kind(), ref.group()) + "/" + ref.namespace() + "/" + ref.name();
    }

    private List<HasMetadata> listMembers(String groupKind, HasMetadata sample, Set<String> namespaces) {
        List<HasMetadata> found = new ArrayList<>();
        if (sample != null && !(sample instanceof GenericKubernetesResource)) {
            if (sample instanceof Namespaced) {
                for (String ns : namespaces) {
                    found.addAll(retrier.call(() -> listTyped(sample.getClass(), ns), new AtomicInteger()));
                }
            } else {
                found.addAll(retrier.call(() -> listTyped(sample.getClass(), null), new AtomicInteger()));
            }
            return found;
        }
        String kind = groupKind.contains(".") ? groupKind.substring(0, groupKind.indexOf('.')) : groupKind;
        String apiVersion = sample != null ? sample.getApiVersion() : versions.get(groupKind);
        List<GenericKubernetesResource> listed = null;
        if (apiVersion != null) {
            try {
                listed = listGeneric(apiVersion, kind);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
                // the recorded version is no longer served: ask discovery for the group's preferred one
            }
        }
        if (listed == null) {
            String preferred = preferredVersion(groupKind);
            if (preferred == null) {
                return found;   // the group is not served any more: no object of it can remain
            }
            listed = listGeneric(preferred, kind);
        }
        for (GenericKubernetesResource r : listed) {
            String ns = r.getMetadata().getNamespace();
            if (ns == null || ns.isEmpty() || namespaces.contains(ns)) {
                found.add(r);
            }
        }
        return found;
    }

    private <T extends HasMetadata> List<HasMetadata> listTyped(Class<T> type, String namespace) {
        var all = client.resources(type);
        List<T> items = namespace == null ? all.withLabel(ApplySets.PART_OF, applySetId).list().getItems()
                : all.inNamespace(namespace).withLabel(ApplySets.PART_OF, applySetId).list().getItems();
        return new ArrayList<>(items);
    }

    private List<GenericKubernetesResource> listGeneric(String apiVersion, String kind) {
        return retrier.call(() -> client.genericKubernetesResources(apiVersion, kind).inAnyNamespace()
                .withLabel(ApplySets.PART_OF, applySetId).list().getItems(), new AtomicInteger());
    }

    private String preferredVersion(String groupKind) {
        int dot = groupKind.indexOf('.');
        if (dot < 0) {
            return "v1";
        }
        String group = groupKind.substring(dot + 1);
        APIGroup apiGroup = retrier.call(() -> client.getApiGroup(group), new AtomicInteger());
        return apiGroup == null || apiGroup.getPreferredVersion() == null ? null
                : apiGroup.getPreferredVersion().getGroupVersion();
    }

    // ---- wait ----

    private String waitForRollouts(List<HasMetadata> members, List<Rollout> rollouts) {
        // Keelson's own workloads are Deployments; StatefulSets and DaemonSets come from raw objects
        List<ObjectRef> workloads = new ArrayList<>();
        for (HasMetadata m : members) {
            if (m instanceof Deployment || m instanceof StatefulSet || m instanceof DaemonSet) {
                workloads.add(ObjectRef.of(m));
            }
        }
        Duration timeout = options.waitTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        long pollMillis = Math.max(20, Math.min(2000, timeout.toMillis() / 20));
        Map<ObjectRef, Rollout> latest = new LinkedHashMap<>();
        Set<ObjectRef> pending = new LinkedHashSet<>(workloads);
        while (true) {
            for (ObjectRef ref : new ArrayList<>(pending)) {
                Rollout r;
                try {
                    r = retrier.call(() -> readRollout(ref), new AtomicInteger());
                } catch (KubernetesClientException e) {
                    r = new Rollout(ref, false, "cannot read: " + explain(e));
                }
                latest.put(ref, r);
                if (r.ready()) {
                    pending.remove(ref);
                }
            }
            if (pending.isEmpty() || System.nanoTime() >= deadline) {
                break;
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (ObjectRef ref : workloads) {
            rollouts.add(latest.get(ref));
        }
        if (pending.isEmpty()) {
            return "";
        }
        boolean onlyDeployments = workloads.stream().allMatch(r -> r.kind().equals("Deployment"));
        String what = onlyDeployments ? "Deployment" + (workloads.size() == 1 ? "" : "s")
                : "workload" + (workloads.size() == 1 ? "" : "s");
        ObjectRef first = pending.iterator().next();
        return pending.size() + " of " + workloads.size() + " " + what + " not rolled out within " + format(timeout)
                + ". Fix: look at their pods (kubectl describe " + first.kind().toLowerCase(Locale.ROOT) + " -n "
                + first.namespace() + " " + first.name() + "), or wait longer with --wait=<duration>";
    }

    /** The rollout of one workload as the server reports it now. */
    private Rollout readRollout(ObjectRef ref) {
        var apps = client.apps();
        switch (ref.kind()) {
            case "StatefulSet" -> {
                StatefulSet s = apps.statefulSets().inNamespace(ref.namespace()).withName(ref.name()).get();
                return s == null ? new Rollout(ref, false, "not found") : rollout(ref, s);
            }
            case "DaemonSet" -> {
                DaemonSet d = apps.daemonSets().inNamespace(ref.namespace()).withName(ref.name()).get();
                return d == null ? new Rollout(ref, false, "not found") : rollout(ref, d);
            }
            default -> {
                Deployment d = apps.deployments().inNamespace(ref.namespace()).withName(ref.name()).get();
                return d == null ? new Rollout(ref, false, "not found") : rollout(ref, d);
            }
        }
    }

    /**
     * Ready when the controller saw the latest generation and every desired replica runs the
     * update revision and is ready ({@code kubectl rollout status} for a StatefulSet).
     */
    static Rollout rollout(ObjectRef ref, StatefulSet st) {
        long generation = st.getMetadata().getGeneration() == null ? 0 : st.getMetadata().getGeneration();
        int desired = st.getSpec() == null || st.getSpec().getReplicas() == null ? 1 : st.getSpec().getReplicas();
        StatefulSetStatus s = st.getStatus();
        long observed = s == null || s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
        int updated = s == null || s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas();
        int ready = s == null || s.getReadyReplicas() == null ? 0 : s.getReadyReplicas();
        boolean revision = s != null && s.getUpdateRevision() != null && s.getUpdateRevision().equals(s.getCurrentRevision());
        boolean done = observed >= generation && updated >= desired && ready >= desired && revision;
        String status = String.format(Locale.ROOT, "generation %d observed %d, %d/%d updated, %d/%d ready, revision %s",
                generation, observed, updated, desired, ready, desired, revision ? "current" : "updating");
        return new Rollout(ref, done, status);
    }

    /** Ready when the controller saw the latest generation and every scheduled pod is updated and available. */
    static Rollout rollout(ObjectRef ref, DaemonSet ds) {
        long generation = ds.getMetadata().getGeneration() == null ? 0 : ds.getMetadata().getGeneration();
        DaemonSetStatus s = ds.getStatus();
        long observed = s == null || s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
        int desired = s == null || s.getDesiredNumberScheduled() == null ? 0 : s.getDesiredNumberScheduled();
        int updated = s == null || s.getUpdatedNumberScheduled() == null ? 0 : s.getUpdatedNumberScheduled();
        int available = s == null || s.getNumberAvailable() == null ? 0 : s.getNumberAvailable();
        boolean done = s != null && observed >= generation && updated >= desired && available >= desired;
        String status = String.format(Locale.ROOT, "generation %d observed %d, %d/%d updated, %d/%d available",
                generation, observed, updated, desired, available, desired);
        return new Rollout(ref, done, status);
    }

    /** Ready when the controller saw the latest generation and every desired replica is updated and available. */
    static Rollout rollout(ObjectRef ref, Deployment d) {
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        int desired = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        DeploymentStatus s = d.getStatus();
        long observed = s == null || s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
        int updated = s == null || s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas();
        int available = s == null || s.getAvailableReplicas() == null ? 0 : s.getAvailableReplicas();
        int total = s == null || s.getReplicas() == null ? 0 : s.getReplicas();
        boolean ready = observed >= generation && updated >= desired && available >= desired && total <= updated;
        String status = String.format(Locale.ROOT, "generation %d observed %d, %d/%d updated, %d/%d available, %d total",
                generation, observed, updated, desired, available, desired, total);
        return new Rollout(ref, ready, status);
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

}

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
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import dev.keelson.apply.DestroyReport;
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
    private final String origin;
    private final String platform;
    /** The platform's environments now, each with its namespace. */
    private final Map<String, String> environments;
    private final Manifest manifest;
    private final Options options;
    private final Retrier retrier;
    private final Trees trees;
    private final String parentName;
    private final String applySetId;
    private final Set<String> absentNamespaces = ConcurrentHashMap.newKeySet();
    /** Group kind to the API version it was last applied with, as recorded on the parent. */
    private final Map<String, String> versions = new TreeMap<>();
    /**
     * The environments the parent records: the platform's now, plus those an earlier parent recorded
     * and that were not pruned yet (so a removed environment stays known until it is pruned).
     */
    private final Map<String, String> knownEnvironments = new TreeMap<>();
    private boolean environmentsPruned;

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
        this.origin = origin;
        this.platform = platform;
        this.environments = Map.copyOf(environments);
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
            missing = Crds.missing(client, retrier, members, options.maxInFlight());
        } catch (KubernetesClientException e) {
            // nothing was written: one line says why, not one per object
            execution.report = report(dryRun, List.of(), List.of(), orphans, rollouts,
                    "stopped before any write: cannot check the CustomResourceDefinitions the manifest's kinds need: " + explain(e)
                            + ". Fix: allow this identity to read the API discovery (kubectl api-resources must work)");
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
            execution.report = report(dryRun, missing, List.of(), orphans, rollouts, "stopped before any write: " + why);
            return execution;
        }
        Set<String> groupKinds = new TreeSet<>(parent.groupKinds);
        Set<String> namespaces = new TreeSet<>(parent.namespaces);
        versions.putAll(parent.versions);
        knownEnvironments.putAll(parent.environments);
        knownEnvironments.putAll(environments);
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
                int rank = wave(members.get(index), dryRun);
                int end = index;
                while (end < members.size() && wave(members.get(end), dryRun) == rank) {
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
                    options.progress().object(step.result());
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
                error = prune(members, parent, groupKinds, namespaces, dryRun, withDiffs, results, orphans, execution, pool);
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
                               List<ObjectRef> orphans, List<Rollout> rollouts, String error) {
        return new ApplyReport(platform, manifest.environment(), String.valueOf(client.getMasterUrl()), dryRun, applySetId,
                missing, results, orphans, rollouts, error);
    }

    private static <T> T await(Future<T> f) {
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
        int code = Math.max(0, e.getCode());
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

    /**
     * What an ApplySet parent records: its members' group kinds, their namespaces other than the
     * parent's, the API version of each group kind, and the platform's environments (name to
     * namespace) known when it was written.
     */
    private record Parent(Set<String> groupKinds, Set<String> namespaces, Map<String, String> versions,
                          Map<String, String> environments) {
        static final Parent NONE = new Parent(Set.of(), Set.of(), Map.of(), Map.of());
    }

    private Parent readParent() {
        Parent parent = readParent(manifest.namespace(), parentName, applySetId);
        return parent == null ? Parent.NONE : parent;
    }

    /** The parent Secret {@code namespace/name}, {@code null} when there is none; throws when it is not Keelson's. */
    private Parent readParent(String namespace, String name, String id) {
        Secret secret = retrier.call(() -> client.secrets().inNamespace(namespace).withName(name).get(),
                new AtomicInteger());
        if (secret == null) {
            return null;
        }
        Map<String, String> labels = secret.getMetadata().getLabels() == null ? Map.of() : secret.getMetadata().getLabels();
        Map<String, String> annotations = secret.getMetadata().getAnnotations() == null ? Map.of()
                : secret.getMetadata().getAnnotations();
        String where = "Secret " + namespace + "/" + name;
        String tooling = annotations.getOrDefault(ApplySets.TOOLING, "");
        if (!id.equals(labels.get(ApplySets.ID)) || !tooling.startsWith(ApplySets.TOOLING_PREFIX)) {
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
        Map<String, String> envs = new TreeMap<>();
        for (String entry : split(annotations.get(ApplySets.ENVIRONMENTS))) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                envs.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return new Parent(split(annotations.get(ApplySets.CONTAINS_GROUP_KINDS)),
                split(annotations.get(ApplySets.ADDITIONAL_NAMESPACES)), recorded, envs);
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
        List<String> envs = new ArrayList<>();
        knownEnvironments.forEach((env, ns) -> envs.add(env + "=" + ns));
        annotations.put(ApplySets.ENVIRONMENTS, String.join(",", envs));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ApplySets.ID, applySetId);
        labels.put("app.kubernetes.io/part-of", platform);
        labels.put("app.kubernetes.io/managed-by", "keelson");
        labels.put(ApplySets.ENVIRONMENT, manifest.environment());
        labels.put(ApplySets.PLATFORM, platform);
        Secret secret = new SecretBuilder().withNewMetadata().withName(parentName).withNamespace(manifest.namespace())
                .withLabels(labels).withAnnotations(annotations).endMetadata().build();
        retrier.call(() -> client.resource(secret).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply(),
                new AtomicInteger());
    }

    // ---- prune ----

    private String prune(List<HasMetadata> members, Parent parent, Set<String> groupKinds, Set<String> namespaces,
                         boolean dryRun, boolean withDiffs, List<ObjectResult> results, List<ObjectRef> orphans,
                         Execution execution, ExecutorService pool) {
        Set<String> wanted = new HashSet<>();
        Map<String, HasMetadata> sampleByGroupKind = new LinkedHashMap<>();
        for (HasMetadata m : members) {
            ObjectRef ref = ObjectRef.of(m);
            wanted.add(identity(ref));
            sampleByGroupKind.putIfAbsent(ApplySets.groupKind(ref.kind(), ref.group()), m);
        }
        List<HasMetadata> found = new ArrayList<>();
        try {
            // one list per group kind, concurrently: they are independent reads
            List<Future<List<HasMetadata>>> lists = new ArrayList<>();
            for (String groupKind : groupKinds) {
                lists.add(pool.submit(() -> listMembers(groupKind, sampleByGroupKind.get(groupKind), namespaces)));
            }
            for (Future<List<HasMetadata>> f : lists) {
                found.addAll(await(f));
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
            ObjectResult r = dryRun ? new ObjectResult(ref, Outcome.PRUNED, List.of(), List.of(), "", 0)
                    : delete(o, Outcome.PRUNED);
            if (r.outcome() == Outcome.FAILED) {
                allDeleted = false;
                r = new ObjectResult(ref, Outcome.FAILED, List.of(), List.of(), "prune: " + r.message().replaceFirst("^delete: ", ""),
                        r.attempts());
            }
            results.add(r);
            options.progress().object(r);
        }
        if (allDeleted) {
            int known = knownEnvironments.size();
            String error = pruneRemovedEnvironments(dryRun, withDiffs ? execution : null, results);
            if (!error.isEmpty()) {
                return error;
            }
            environmentsPruned = knownEnvironments.size() != known;
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
            if (!now.equals(groupKinds) || !nowNamespaces.equals(namespaces) || environmentsPruned) {
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
        return listMembers(groupKind, sample, namespaces, applySetId, versions);
    }

    private List<HasMetadata> listMembers(String groupKind, HasMetadata sample, Set<String> namespaces, String id,
                                          Map<String, String> recordedVersions) {
        List<HasMetadata> found = new ArrayList<>();
        if (sample != null && !(sample instanceof GenericKubernetesResource)) {
            if (sample instanceof Namespaced) {
                for (String ns : namespaces) {
                    found.addAll(retrier.call(() -> listTyped(sample.getClass(), ns, id), new AtomicInteger()));
                }
            } else {
                found.addAll(retrier.call(() -> listTyped(sample.getClass(), null, id), new AtomicInteger()));
            }
            return found;
        }
        String kind = groupKind.contains(".") ? groupKind.substring(0, groupKind.indexOf('.')) : groupKind;
        String apiVersion = sample != null ? sample.getApiVersion() : recordedVersions.get(groupKind);
        List<GenericKubernetesResource> listed = null;
        if (apiVersion != null) {
            try {
                listed = listGeneric(apiVersion, kind, id);
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
            listed = listGeneric(preferred, kind, id);
        }
        for (GenericKubernetesResource r : listed) {
            String ns = r.getMetadata().getNamespace();
            if (ns == null || ns.isEmpty() || namespaces.contains(ns)) {
                found.add(r);
            }
        }
        return found;
    }

    private <T extends HasMetadata> List<HasMetadata> listTyped(Class<T> type, String namespace, String id) {
        var all = client.resources(type);
        List<T> items = namespace == null ? all.withLabel(ApplySets.PART_OF, id).list().getItems()
                : all.inNamespace(namespace).withLabel(ApplySets.PART_OF, id).list().getItems();
        return new ArrayList<>(items);
    }

    private List<GenericKubernetesResource> listGeneric(String apiVersion, String kind, String id) {
        return retrier.call(() -> client.genericKubernetesResources(apiVersion, kind).inAnyNamespace()
                .withLabel(ApplySets.PART_OF, id).list().getItems(), new AtomicInteger());
    }

    // ---- delete a whole ApplySet: destroy, and prune of environments that left the platform ----

    /**
     * Deletes the members of the ApplySet {@code id} (parent {@code namespace/name}), dependants
     * first, Namespaces after everything else, then the parent; with {@code waitGone}, waits
     * (bounded) until each step's objects are gone before the next. Only objects carrying the
     * set's part-of label are touched. Returns {@code ""} or what stopped it.
     */
    private String deleteApplySet(String id, String namespace, String name, Parent parent, Map<String, HasMetadata> samples,
                                  boolean dryRun, Execution diffsTo, List<ObjectResult> results, Outcome outcome,
                                  Duration waitGone) {
        Set<String> namespaces = new TreeSet<>(parent.namespaces());
        namespaces.add(namespace);
        List<HasMetadata> found = new ArrayList<>();
        try {
            for (String groupKind : parent.groupKinds()) {
                found.addAll(listMembers(groupKind, samples.get(groupKind), namespaces, id, parent.versions()));
            }
        } catch (KubernetesClientException e) {
            return "cannot list the members of ApplySet " + id + ": " + explain(e);
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
                if (diffsTo != null) {
                    diffsTo.diffs.add(new ObjectDiff(ref, ObjectDiff.Change.PRUNE, List.of(),
                            UnifiedDiff.of("cluster: " + ref, trees.yaml(trees.normalized(o)), "/dev/null", "")));
                }
                ObjectResult r = dryRun ? new ObjectResult(ref, outcome, List.of(), List.of(), "", 0) : delete(o, outcome);
                results.add(r);
                options.progress().object(r);
                if (r.outcome() == outcome) {
                    deleted.add(o);
                }
            }
            if (deleted.size() < step.size()) {
                return "not every member could be deleted; the rest" + (step == first ? ", the Namespaces" : "")
                        + " and the ApplySet parent Secret " + namespace + "/" + name + " are kept. Fix: see the failures above, "
                        + "then run again";
            }
            if (!dryRun && waitGone != null) {
                String late = waitUntilGone(deleted, waitGone, results);
                if (!late.isEmpty()) {
                    return late;
                }
            }
        }
        ObjectRef parentRef = ObjectRef.of(parentSecret);
        ObjectResult r = dryRun ? new ObjectResult(parentRef, outcome, List.of(), List.of(), "", 0) : delete(parentSecret, outcome);
        results.add(r);
        options.progress().object(r);
        return r.outcome() == outcome ? "" : "the members are gone but the ApplySet parent Secret is not; run again";
    }

    private ObjectResult delete(HasMetadata o, Outcome outcome) {
        ObjectRef ref = ObjectRef.of(o);
        AtomicInteger attempts = new AtomicInteger();
        try {
            retrier.call(() -> client.resource(o).delete(), attempts);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                return new ObjectResult(ref, Outcome.FAILED, List.of(), List.of(), "delete: " + explain(e), attempts.get());
            }
            // already gone: what was wanted
        }
        return new ObjectResult(ref, outcome, List.of(), List.of(), "", attempts.get());
    }

    /** Polls until every object is gone; "" when they are, else what is still there and why it may be. */
    private String waitUntilGone(List<HasMetadata> objects, Duration timeout, List<ObjectResult> results) {
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
            options.progress().waiting(objects.size() - left.size(), objects.size(), pending);
            if (left.isEmpty()) {
                return "";
            }
            if (System.nanoTime() >= deadline) {
                HasMetadata o = left.get(0);
                ObjectRef ref = ObjectRef.of(o);
                for (HasMetadata still : left) {
                    ObjectRef sr = ObjectRef.of(still);
                    results.replaceAll(r -> r.object().equals(sr) ? new ObjectResult(sr, Outcome.FAILED, List.of(), List.of(),
                            "deleted, but still there after " + format(timeout) + " (finalizers, or pods still stopping)",
                            r.attempts()) : r);
                }
                return left.size() + " deleted object" + (left.size() == 1 ? " is" : "s are") + " still there after "
                        + format(timeout) + "; what depends on them is kept. Fix: look at what holds them "
                        + "(kubectl get " + ref.kind().toLowerCase(Locale.ROOT) + (ref.namespace().isEmpty() ? "" : " -n "
                        + ref.namespace()) + " " + ref.name() + " -o yaml: finalizers, status), or wait longer with --wait=<duration>";
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting for deleted objects to go";
            }
        }
    }

    /** Deletes the environment's ApplySet: its members (dependants first, Namespaces last), then its parent. */
    public DestroyReport destroy() {
        boolean dryRun = options.dryRun();
        List<ObjectResult> results = new ArrayList<>();
        Parent parent;
        try {
            parent = readParent(manifest.namespace(), parentName, applySetId);
        } catch (IllegalStateException e) {
            return destroyReport(dryRun, results, e.getMessage());
        } catch (KubernetesClientException e) {
            return destroyReport(dryRun, results, "cannot read the ApplySet parent Secret " + manifest.namespace() + "/"
                    + parentName + ": " + explain(e));
        }
        if (parent == null) {
            return destroyReport(dryRun, results, "");
        }
        Map<String, HasMetadata> samples = new LinkedHashMap<>();
        for (HasMetadata o : manifest.objects()) {
            ObjectRef ref = ObjectRef.of(o);
            samples.putIfAbsent(ApplySets.groupKind(ref.kind(), ref.group()), o);
        }
        Duration timeout = options.waitTimeout() == null ? Options.DEFAULT_DELETE_TIMEOUT : options.waitTimeout();
        String error = deleteApplySet(applySetId, manifest.namespace(), parentName, parent, samples, dryRun, null, results,
                Outcome.DELETED, timeout);
        return destroyReport(dryRun, results, error);
    }

    private DestroyReport destroyReport(boolean dryRun, List<ObjectResult> results, String error) {
        return new DestroyReport(platform, manifest.environment(), String.valueOf(client.getMasterUrl()), dryRun, applySetId,
                manifest.namespace() + "/" + parentName, results, error);
    }

    /**
     * With prune: the ApplySets of environments that a parent of this platform recorded and that
     * the platform no longer has. Their members and parents are deleted (previewed in a dry run).
     */
    private String pruneRemovedEnvironments(boolean dryRun, Execution diffsTo, List<ObjectResult> results) {
        for (Map.Entry<String, String> e : new ArrayList<>(knownEnvironments.entrySet())) {
            String env = e.getKey();
            if (environments.containsKey(env)) {
                continue;
            }
            String namespace = e.getValue();
            String name = ApplySets.parentName(platform, env);
            String id = ApplySets.id(name, namespace, "Secret", "");
            Parent removed;
            try {
                removed = readParent(namespace, name, id);
            } catch (IllegalStateException ex) {
                return "environment '" + env + "' left the platform, but " + ex.getMessage();
            } catch (KubernetesClientException ex) {
                return "environment '" + env + "' left the platform; cannot read its ApplySet parent Secret " + namespace + "/"
                        + name + ": " + explain(ex);
            }
            if (removed != null) {
                String error = deleteApplySet(id, namespace, name, removed, Map.of(), dryRun, diffsTo, results,
                        Outcome.PRUNED, null);
                if (!error.isEmpty()) {
                    return "environment '" + env + "' left the platform; pruning its ApplySet: " + error;
                }
            }
            if (!dryRun) {
                knownEnvironments.remove(env);
            }
        }
        return "";
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
        // Keelson's own workloads are Deployments; StatefulSets, DaemonSets and Jobs come from raw objects
        List<ObjectRef> workloads = new ArrayList<>();
        for (HasMetadata m : members) {
            if (m instanceof Deployment || m instanceof StatefulSet || m instanceof DaemonSet || m instanceof Job) {
                workloads.add(ObjectRef.of(m));
            }
        }
        Duration timeout = options.waitTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        long pollMillis = Math.max(20, Math.min(2000, timeout.toMillis() / 20));
        Map<ObjectRef, Rollout> latest = new LinkedHashMap<>();
        Map<ObjectRef, String> shortStatus = new LinkedHashMap<>();
        Set<ObjectRef> pending = new LinkedHashSet<>(workloads);
        Set<ObjectRef> failed = new LinkedHashSet<>();
        while (true) {
            for (ObjectRef ref : new ArrayList<>(pending)) {
                Rollout r;
                try {
                    r = retrier.call(() -> readRollout(ref), new AtomicInteger());
                } catch (KubernetesClientException e) {
                    r = new Rollout(ref, false, "cannot read: " + explain(e));
                }
                latest.put(ref, r);
                shortStatus.put(ref, shortStatus(r));
                if (r.ready()) {
                    pending.remove(ref);
                } else if (r.status().startsWith(FAILED_PREFIX)) {
                    // a failed Job does not recover by waiting
                    pending.remove(ref);
                    failed.add(ref);
                }
            }
            List<String> waitingFor = new ArrayList<>();
            for (ObjectRef ref : pending) {
                waitingFor.add(shortStatus.get(ref));
            }
            for (ObjectRef ref : failed) {
                waitingFor.add(shortStatus.get(ref));
            }
            options.progress().waiting(workloads.size() - pending.size() - failed.size(), workloads.size(), waitingFor);
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
        if (pending.isEmpty() && failed.isEmpty()) {
            return "";
        }
        String error = "";
        if (!failed.isEmpty()) {
            ObjectRef first = failed.iterator().next();
            error = failed.size() + " of " + workloads.size() + " " + noun(workloads) + " failed: " + first + " ("
                    + latest.get(first).status() + "). Fix: kubectl logs -n " + first.namespace() + " job/" + first.name()
                    + " shows its output; correct it in the platform and apply again";
        }
        if (!pending.isEmpty()) {
            ObjectRef first = pending.iterator().next();
            error += (error.isEmpty() ? "" : "; ") + pending.size() + " of " + workloads.size() + " " + noun(workloads)
                    + " not " + (workloads.stream().allMatch(r -> r.kind().equals("Job")) ? "complete" : "rolled out")
                    + " within " + format(timeout) + ". Fix: look at their pods (kubectl describe "
                    + first.kind().toLowerCase(Locale.ROOT) + " -n " + first.namespace() + " " + first.name()
                    + "), or wait longer with --wait=<duration>";
        }
        return error;
    }

    private static String noun(List<ObjectRef> workloads) {
        boolean onlyDeployments = workloads.stream().allMatch(r -> r.kind().equals("Deployment"));
        return onlyDeployments ? "Deployment" + (workloads.size() == 1 ? "" : "s") : "workload" + (workloads.size() == 1 ? "" : "s");
    }

    /** What a live progress line shows of a workload: {@code api 1/2 available}, {@code migrate running}. */
    private static String shortStatus(Rollout r) {
        String name = r.object().name();
        if (r.ready()) {
            return name + " ready";
        }
        if (r.status().startsWith(FAILED_PREFIX)) {
            return name + " failed";
        }
        Matcher m = AVAILABLE.matcher(r.status());
        if (m.find()) {
            return name + " " + m.group(1) + " available";
        }
        m = READY.matcher(r.status());
        if (m.find()) {
            return name + " " + m.group(1) + " ready";
        }
        return name + " " + (r.object().kind().equals("Job") ? "running" : "rolling out");
    }

    private static final Pattern AVAILABLE = Pattern.compile("(\\d+/\\d+) available");
    private static final Pattern READY = Pattern.compile("(\\d+/\\d+) ready");
    /** How a Job's status starts when it failed for good. */
    static final String FAILED_PREFIX = "failed";

    /**
     * Complete when the Job has the condition Complete; failed for good with the condition Failed,
     * then the status names the reason and the failed pod's reason or its container's termination.
     */
    Rollout rollout(ObjectRef ref, Job job) {
        JobStatus s = job.getStatus();
        int completions = job.getSpec() == null || job.getSpec().getCompletions() == null ? 1 : job.getSpec().getCompletions();
        int succeeded = s == null || s.getSucceeded() == null ? 0 : s.getSucceeded();
        int active = s == null || s.getActive() == null ? 0 : s.getActive();
        int failedPods = s == null || s.getFailed() == null ? 0 : s.getFailed();
        JobCondition failedCondition = null;
        boolean complete = false;
        if (s != null && s.getConditions() != null) {
            for (JobCondition c : s.getConditions()) {
                if ("True".equals(c.getStatus()) && "Complete".equals(c.getType())) {
                    complete = true;
                } else if ("True".equals(c.getStatus()) && "Failed".equals(c.getType())) {
                    failedCondition = c;
                }
            }
        }
        if (failedCondition != null) {
            String why = FAILED_PREFIX + ": " + (failedCondition.getReason() == null ? "Failed" : failedCondition.getReason())
                    + (failedCondition.getMessage() == null ? "" : " (" + failedCondition.getMessage() + ")");
            String pod = failedPod(ref);
            return new Rollout(ref, false, why + (pod.isEmpty() ? "" : "; " + pod));
        }
        String status = String.format(Locale.ROOT, "%d/%d succeeded, %d active, %d failed pods", succeeded, completions,
                active, failedPods);
        return new Rollout(ref, complete || succeeded >= completions, status);
    }

    /** The first failed pod of a Job: its reason and message, or its container's termination. */
    private String failedPod(ObjectRef job) {
        List<Pod> pods;
        try {
            pods = retrier.call(() -> client.pods().inNamespace(job.namespace()).withLabel("job-name", job.name()).list()
                    .getItems(), new AtomicInteger());
        } catch (KubernetesClientException e) {
            return "";
        }
        for (Pod pod : pods) {
            PodStatus ps = pod.getStatus();
            if (ps == null || !"Failed".equals(ps.getPhase())) {
                continue;
            }
            StringBuilder out = new StringBuilder("pod ").append(pod.getMetadata().getName());
            if (ps.getReason() != null) {
                out.append(": ").append(ps.getReason()).append(ps.getMessage() == null ? "" : " (" + ps.getMessage() + ")");
            }
            if (ps.getContainerStatuses() != null) {
                for (ContainerStatus cs : ps.getContainerStatuses()) {
                    ContainerStateTerminated t = cs.getState() == null ? null : cs.getState().getTerminated();
                    if (t == null && cs.getLastState() != null) {
                        t = cs.getLastState().getTerminated();
                    }
                    if (t != null && (t.getExitCode() == null || t.getExitCode() != 0)) {
                        out.append(": container ").append(cs.getName()).append(" terminated ")
                                .append(t.getReason() == null ? "" : t.getReason()).append(", exit code ").append(t.getExitCode())
                                .append(t.getMessage() == null || t.getMessage().isBlank() ? "" : " (" + t.getMessage().strip() + ")");
                        break;
                    }
                }
            }
            return out.toString();
        }
        return "";
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
            case "Job" -> {
                Job j = client.batch().v1().jobs().inNamespace(ref.namespace()).withName(ref.name()).get();
                return j == null ? new Rollout(ref, false, "not found") : rollout(ref, j);
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

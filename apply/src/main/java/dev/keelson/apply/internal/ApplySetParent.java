package dev.keelson.apply.internal;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ApplySet parent Secret of one environment: what an earlier apply recorded (read), and what
 * this one records (written before the first object after the Namespaces, and narrowed after a
 * prune). Besides the ApplySet annotations it keeps the API version of each group kind (so a
 * prune can list a kind the manifest no longer has) and the platform's environments (so a removed
 * environment can be pruned). Internal.
 */
final class ApplySetParent {

    /**
     * What a parent records: its members' group kinds, their namespaces other than the parent's, the
     * API version of each group kind, and the platform's environments (name to namespace).
     */
    record Recorded(Set<String> groupKinds, Set<String> namespaces, Map<String, String> versions,
                    Map<String, String> environments) {
        static final Recorded NONE = new Recorded(Set.of(), Set.of(), Map.of(), Map.of());
    }

    private final KubernetesClient client;
    private final Retrier retrier;
    private final String platform;
    private final String environment;
    private final String namespace;
    private final String name;
    private final String id;
    /** Group kind to the API version it was last applied with. */
    private final Map<String, String> versions = new TreeMap<>();
    /**
     * The environments the parent records: the platform's now, plus those an earlier parent recorded
     * and that were not pruned yet (so a removed environment stays known until it is pruned).
     */
    private final Map<String, String> knownEnvironments = new TreeMap<>();

    ApplySetParent(KubernetesClient client, Retrier retrier, String platform, String environment, String namespace) {
        this.client = client;
        this.retrier = retrier;
        this.platform = platform;
        this.environment = environment;
        this.namespace = namespace;
        this.name = ApplySets.parentName(platform, environment);
        this.id = ApplySets.id(name, namespace, "Secret", "");
    }

    /** The ApplySet's id: the value of every member's part-of label. */
    String id() {
        return id;
    }

    /** {@code namespace/name}, for messages. */
    String where() {
        return namespace + "/" + name;
    }

    String namespace() {
        return namespace;
    }

    String name() {
        return name;
    }

    /** Group kind to API version, as recorded and as applied now. */
    Map<String, String> versions() {
        return versions;
    }

    /** The environments this parent will record. */
    Map<String, String> knownEnvironments() {
        return knownEnvironments;
    }

    /** This environment's parent as an earlier apply wrote it ({@link Recorded#NONE} when there is none). */
    Recorded read() {
        Recorded recorded = read(client, retrier, namespace, name, id);
        return recorded == null ? Recorded.NONE : recorded;
    }

    /**
     * The parent Secret {@code namespace/name} of the ApplySet {@code id}, {@code null} when there is
     * none; throws {@link IllegalStateException} when the Secret is not Keelson's.
     */
    static Recorded read(KubernetesClient client, Retrier retrier, String namespace, String name, String id) {
        Secret secret = retrier.call(() -> client.secrets().inNamespace(namespace).withName(name).get(), new AtomicInteger());
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
        return new Recorded(split(annotations.get(ApplySets.CONTAINS_GROUP_KINDS)),
                split(annotations.get(ApplySets.ADDITIONAL_NAMESPACES)), pairs(annotations.get(ApplySets.GROUP_VERSIONS)),
                pairs(annotations.get(ApplySets.ENVIRONMENTS)));
    }

    /** Writes (server-side apply, forced: the parent is Keelson's alone) the parent for {@code groupKinds} in {@code namespaces}. */
    void write(Set<String> groupKinds, Set<String> namespaces) {
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
        others.remove(namespace);
        if (!others.isEmpty()) {
            annotations.put(ApplySets.ADDITIONAL_NAMESPACES, String.join(",", others));
        }
        List<String> envs = new ArrayList<>();
        knownEnvironments.forEach((env, ns) -> envs.add(env + "=" + ns));
        annotations.put(ApplySets.ENVIRONMENTS, String.join(",", envs));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ApplySets.ID, id);
        labels.put("app.kubernetes.io/part-of", platform);
        labels.put("app.kubernetes.io/managed-by", "keelson");
        labels.put(ApplySets.ENVIRONMENT, environment);
        labels.put(ApplySets.PLATFORM, platform);
        Secret secret = new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(labels).withAnnotations(annotations).endMetadata().build();
        retrier.call(() -> client.resource(secret).fieldManager(Engine.FIELD_MANAGER).forceConflicts().serverSideApply(),
                new AtomicInteger());
    }

    private static Map<String, String> pairs(String value) {
        Map<String, String> out = new TreeMap<>();
        for (String entry : split(value)) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                out.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return out;
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
}

package dev.keelson.core.internal;

import dev.keelson.core.Environment;
import dev.keelson.core.Flow;
import dev.keelson.core.Flows;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Problem;
import dev.keelson.core.Require;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.TierObjects;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The state of one environment's synthesis. Internal. */
final class DefaultFeatureContext implements FeatureContext {

    private final Platform platform;
    private final Environment environment;
    private final String namespaceName;
    private final Map<String, String> labels;
    private final List<HasMetadata> objects = new ArrayList<>();
    private final List<HasMetadata> objectsView = Collections.unmodifiableList(objects);
    /** Every object present, by identity: remove() is O(1), the list is compacted on the next read. */
    private final Set<HasMetadata> present = Collections.newSetFromMap(new IdentityHashMap<>());
    private int removedSinceCompaction;
    private final Map<String, HasMetadata> byKindAndName = new HashMap<>();
    private final List<TierObjects> tiers = new ArrayList<>();
    private final List<TierObjects> tiersView = Collections.unmodifiableList(tiers);
    private final Map<String, TierObjects> tiersByName = new HashMap<>();
    private final FlowGraph flows = new FlowGraph();
    private final List<Problem> problems;
    private Namespace namespace;
    /** Who adds objects now, and who added each object (by identity). */
    private Writer writer;
    private final Map<HasMetadata, Writer> writers = new IdentityHashMap<>();
    /** {@link #memo}'s values, dropped when an object is added or removed. */
    private final Map<Object, Object> memos = new HashMap<>();

    DefaultFeatureContext(Platform platform, Environment environment, List<Problem> problems) {
        this.platform = platform;
        this.environment = environment;
        this.namespaceName = environment.namespaceIn(platform.name());
        this.labels = Labels.environment(platform.name(), environment.name());
        this.problems = problems;
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public Environment environment() {
        return environment;
    }

    @Override
    public String namespaceName() {
        return namespaceName;
    }

    @Override
    public Namespace namespace() {
        return namespace;
    }

    void namespace(Namespace ns) {
        this.namespace = ns;
    }

    @Override
    public Flows flows() {
        return flows;
    }

    FlowGraph graph() {
        return flows;
    }

    @Override
    public List<TierObjects> tiers() {
        return tiersView;
    }

    void addTier(TierObjects tier) {
        tiers.add(tier);
        tiersByName.put(tier.tier().name(), tier);
    }

    @Override
    public Optional<TierObjects> tier(String name) {
        Require.nonNullIn("FeatureContext.tier", name, "name");
        return Optional.ofNullable(tiersByName.get(name));
    }

    @Override
    public List<HasMetadata> objects() {
        compact();
        return objectsView;
    }

    @Override
    public <T extends HasMetadata> List<T> objects(Class<T> kind) {
        Require.nonNullIn("FeatureContext.objects", kind, "kind");
        compact();
        List<T> found = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (o.getClass() == kind) {
                found.add(kind.cast(o));
            }
        }
        return found;
    }

    @Override
    public <T extends HasMetadata> Optional<T> object(Class<T> kind, String name) {
        Require.nonNullIn("FeatureContext.object", kind, "kind");
        Require.nonNullIn("FeatureContext.object", name, "name");
        compact();
        HasMetadata o = byKindAndName.get(key(kind, name));
        if (o != null && o.getClass() == kind && name.equals(o.getMetadata().getName())) {
            return Optional.of(kind.cast(o));
        }
        for (HasMetadata candidate : objects) {
            if (candidate.getClass() == kind && name.equals(candidate.getMetadata().getName())) {
                return Optional.of(kind.cast(candidate));
            }
        }
        return Optional.empty();
    }

    @Override
    public <T extends HasMetadata> T add(T object) {
        Require.nonNullIn("FeatureContext.add", object, "object");
        ObjectMeta meta = object.getMetadata();
        if (meta == null) {
            meta = new ObjectMeta();
            object.setMetadata(meta);
        }
        // a GenericKubernetesResource (e.g. a CRD object without a typed model) cannot say whether its
        // kind is namespaced; the API server drops a namespace given to a cluster-scoped kind, while a
        // namespaced kind without one would land in whatever namespace kubectl's context names
        if ((object instanceof Namespaced || object instanceof GenericKubernetesResource && !OutputCheck.clusterScoped(object))
                && meta.getNamespace() == null) {
            meta.setNamespace(namespaceName);
        }
        Map<String, String> objectLabels = meta.getLabels();
        if (objectLabels == null || objectLabels.isEmpty()) {
            meta.setLabels(new LinkedHashMap<>(labels));
        } else {
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (!e.getKey().equals(Labels.NAME)) {
                    objectLabels.putIfAbsent(e.getKey(), e.getValue());
                }
            }
            objectLabels.putIfAbsent(Labels.NAME, platform.name());
        }
        if (!present.add(object)) {
            throw new IllegalArgumentException("the same " + object.getKind() + " object '" + meta.getName()
                    + "' was added twice; add a new object (or change the one already added)");
        }
        objects.add(object);
        memos.clear();
        writers.putIfAbsent(object, writer);
        if (meta.getName() != null) {
            byKindAndName.putIfAbsent(key(object.getClass(), meta.getName()), object);
        }
        return object;
    }

    @Override
    public boolean remove(HasMetadata object) {
        Require.nonNullIn("FeatureContext.remove", object, "object");
        boolean removed = present.remove(object);
        if (removed) {
            removedSinceCompaction++;
            memos.clear();
        }
        if (removed && object.getMetadata() != null && object.getMetadata().getName() != null) {
            byKindAndName.remove(key(object.getClass(), object.getMetadata().getName()), object);
        }
        return removed;
    }

    @Override
    public <T> T memo(Object key, Function<FeatureContext, T> compute) {
        Require.nonNullIn("FeatureContext.memo", key, "key");
        Require.nonNullIn("FeatureContext.memo", compute, "compute");
        Object value = memos.get(key);
        if (value == null) {
            value = Require.nonNullIn("FeatureContext.memo", compute.apply(this), "compute's value");
            memos.put(key, value);
        }
        @SuppressWarnings("unchecked")
        T t = (T) value;
        return t;
    }

    /** Whether {@code object} is among the objects (added, and not removed since). */
    boolean contains(HasMetadata object) {
        return present.contains(object);
    }

    /** Drops removed objects from the ordered list: one pass however many were removed. */
    private void compact() {
        if (removedSinceCompaction > 0) {
            objects.removeIf(o -> !present.contains(o));
            removedSinceCompaction = 0;
        }
    }

    @Override
    public Map<String, String> labels() {
        return new LinkedHashMap<>(labels);
    }

    @Override
    public void report(Problem problem) {
        Require.nonNullIn("FeatureContext.report", problem, "problem");
        RuleIds.require(problem);
        problems.add(new Problem(problem.at(), "in " + environment.name() + ": " + problem.message(), problem.fix(),
                problem.severity(), problem.rule()));
    }

    /** Attributes the objects added from now on to {@code w}. */
    void writer(Writer w) {
        this.writer = w;
    }

    /** Who added {@code object}. */
    Writer writerOf(HasMetadata object) {
        Writer w = writers.get(object);
        return w != null ? w : new Writer("a feature", ModelPath.root(platform.name()), false);
    }

    /**
     * Who writes objects, for problems that name them.
     *
     * @param who e.g. {@code add(...) #2}, {@code tier 'api'}, {@code KubernetesApi #2 on tier 'api'}
     * @param path where the call is, e.g. {@code shop/add/2}
     * @param raw whether the object came from {@code add(...)}
     */
    record Writer(String who, ModelPath path, boolean raw) {
    }

    private static String key(Class<?> kind, String name) {
        return kind.getName() + '/' + name;
    }

    /** The flow graph; frozen when rendering starts. */
    static final class FlowGraph implements Flows {
        private final List<Flow> flows = new ArrayList<>();
        private final List<Flow> view = Collections.unmodifiableList(flows);
        private boolean frozen;

        @Override
        public Flows add(Flow flow) {
            Require.nonNullIn("Flows.add", flow, "flow");
            requireOpen("add");
            flows.add(flow);
            return this;
        }

        @Override
        public boolean remove(Flow flow) {
            Require.nonNullIn("Flows.remove", flow, "flow");
            requireOpen("remove");
            return flows.remove(flow);
        }

        private void requireOpen(String verb) {
            if (frozen) {
                throw new IllegalStateException("flows are rendered from a final graph: " + verb
                        + " flows in contribute(), not in render() or check()");
            }
        }

        @Override
        public List<Flow> all() {
            return view;
        }

        void freeze() {
            frozen = true;
        }
    }
}

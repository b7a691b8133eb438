package dev.keelson.core.spi;

import dev.keelson.core.Environment;
import dev.keelson.core.Flows;
import dev.keelson.core.Platform;
import dev.keelson.core.Problem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a feature sees while one environment is synthesized: the model, the objects so far, the
 * graph of flows, and where to report problems. Objects are fabric8 models; features never parse
 * YAML.
 *
 * <pre>{@code
 * public void contribute(FeatureContext s) {
 *     for (TierObjects t : s.tiers()) {
 *         if (s.environment().production()) {
 *             t.podTemplates().forEach(pod -> pod.getSpec().setPriorityClassName("business-critical"));
 *         }
 *     }
 *     s.add(new ConfigMapBuilder().withNewMetadata().withName("audit").endMetadata().build());
 * }
 * }</pre>
 */
public interface FeatureContext extends Problems {

    /** The platform being synthesized. */
    Platform platform();

    /** The environment being synthesized. */
    Environment environment();

    /** The environment's namespace name. */
    String namespaceName();

    /** The environment's Namespace object. */
    Namespace namespace();

    /** The graph of allowed flows of this environment. */
    Flows flows();

    /** The tiers' objects, in declaration order. */
    List<TierObjects> tiers();

    /** The objects of tier {@code name}, if it exists. */
    Optional<TierObjects> tier(String name);

    /** Every object so far, in the order added. */
    List<HasMetadata> objects();

    /** The objects of one kind (exact class), in the order added. */
    <T extends HasMetadata> List<T> objects(Class<T> kind);

    /** The object of one kind with this name, if any. */
    <T extends HasMetadata> Optional<T> object(Class<T> kind, String name);

    /**
     * Adds an object. Namespaced objects without a namespace are put in the environment's namespace;
     * objects without the standard labels get the platform's.
     */
    <T extends HasMetadata> T add(T object);

    /** Removes an object (e.g. a feature that replaces core's Service). */
    boolean remove(HasMetadata object);

    /**
     * A value computed once and shared by every call that asks for {@code key} while this environment is
     * synthesized: an index a per-tier check would otherwise rebuild for every tier, which makes it quadratic in
     * the number of tiers (as JUnit's {@code ExtensionContext.Store}). Dropped whenever an object is added or
     * removed, so an index over {@link #objects()} never misses one; a change inside an object is not seen, so
     * compute from what the phase leaves alone ({@code check} runs on the final objects).
     *
     * <pre>{@code
     * record Scaled(Set<String> names) {
     *     static Scaled of(FeatureContext s) {
     *         return new Scaled(s.objects(HorizontalPodAutoscaler.class).stream()
     *                 .map(h -> h.getSpec().getScaleTargetRef().getName()).collect(Collectors.toSet()));
     *     }
     * }
     * Set<String> scaled = s.memo(Scaled.class, Scaled::of).names();
     * }</pre>
     *
     * @param key what identifies the value, e.g. the class of the index (compared with {@code equals})
     * @param compute makes the value from this context, the first time it is asked for
     * @param <T> the value's type
     */
    <T> T memo(Object key, Function<FeatureContext, T> compute);

    /** The standard labels of objects that belong to the whole environment (a fresh copy). */
    Map<String, String> labels();

    /**
     * Reports a problem, which carries its rule ID ({@link Problem#withRule}); {@link #error} and
     * {@link #warning} are the short forms. Problems of every phase are collected; an error fails the
     * synthesis after the last check, with every problem listed.
     *
     * @throws IllegalArgumentException when the problem has no rule ID
     */
    @Override
    void report(Problem problem);
}

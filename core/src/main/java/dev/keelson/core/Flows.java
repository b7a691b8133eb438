package dev.keelson.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The graph of allowed flows of one environment, in the order they were added. Core adds the flows
 * the model declares ({@code talksTo}, exposure, metrics, DNS, dependencies); features add theirs
 * during {@link dev.keelson.core.spi.PlatformExtension#contribute} and render the whole graph during
 * {@link dev.keelson.core.spi.PlatformExtension#render}, when it can no longer change.
 */
public interface Flows {

    /**
     * Adds a flow.
     *
     * @throws IllegalStateException once rendering has started: every renderer must see the same graph
     */
    Flows add(Flow flow);

    /**
     * Removes a flow another part of the synthesis added, when a feature replaces it (the mesh's
     * ingress gateway replaces the cluster's ingress controller, for one): what a renderer must no
     * longer allow. Flows are compared with {@code equals}.
     *
     * <pre>{@code
     * for (Flow f : s.flows().into("web")) {
     *     if (f.kind() == Flow.Kind.INGRESS && f.from().equals(nginx)) {
     *         s.flows().remove(f);
     *     }
     * }
     * }</pre>
     *
     * @return whether the flow was there
     * @throws IllegalStateException once rendering has started
     * @throws UnsupportedOperationException from a graph that cannot remove flows (this default)
     */
    default boolean remove(Flow flow) {
        Require.nonNull(flow, "flow");
        throw new UnsupportedOperationException("this flow graph cannot remove flows");
    }

    /** Every flow, in the order added. */
    List<Flow> all();

    /** The flows that arrive at {@code tier} (including those to every pod of the namespace). */
    default List<Flow> into(String tier) {
        Require.nonNull(tier, "tier");
        List<Flow> found = new ArrayList<>();
        for (Flow f : all()) {
            if (f.reaches(tier)) {
                found.add(f);
            }
        }
        return found;
    }

    /** The flows that leave {@code tier} (including those from every pod of the namespace). */
    default List<Flow> outOf(String tier) {
        Require.nonNull(tier, "tier");
        List<Flow> found = new ArrayList<>();
        for (Flow f : all()) {
            if (f.leaves(tier)) {
                found.add(f);
            }
        }
        return found;
    }

    /** The flows of one kind. */
    default List<Flow> ofKind(Flow.Kind kind) {
        Require.nonNull(kind, "kind");
        List<Flow> found = new ArrayList<>();
        for (Flow f : all()) {
            if (f.kind() == kind) {
                found.add(f);
            }
        }
        return found;
    }
}

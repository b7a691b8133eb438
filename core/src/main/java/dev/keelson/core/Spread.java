package dev.keelson.core;

/**
 * How a tier's pods are spread: topology spread constraints over nodes
 * ({@code kubernetes.io/hostname}) and zones ({@code topology.kubernetes.io/zone}), each with a
 * skew of at most one pod.
 *
 * <p>Default ({@link #DEFAULT}): over nodes and zones, {@code ScheduleAnyway}, so a single-zone
 * dev cluster still schedules. {@link #required()} turns that into {@code DoNotSchedule}.
 *
 * @param nodes spread over nodes
 * @param zones spread over zones
 * @param doNotSchedule {@code DoNotSchedule} rather than {@code ScheduleAnyway}
 */
public record Spread(boolean nodes, boolean zones, boolean doNotSchedule) {

    /** Over nodes and zones, best effort. */
    public static final Spread DEFAULT = new Spread(true, true, false);

    /** No spreading constraints. */
    public static Spread none() {
        return new Spread(false, false, false);
    }

    /** This spread, but pods stay pending rather than break it. */
    public Spread required() {
        return new Spread(nodes, zones, true);
    }
}

package dev.keelson.data;

/**
 * How a data service's instances are kept apart across zones ({@code topology.kubernetes.io/zone}), so that
 * losing one zone loses at most one instance.
 *
 * <pre>{@code
 * DataServices.postgres("orders-db").zoneSpread(ZoneSpread.PREFERRED)
 * }</pre>
 */
public enum ZoneSpread {
    /** No anti-affinity: instances may share a zone (and a node). The development default. */
    NONE,
    /** Pod anti-affinity the scheduler tries to honour, but breaks when no other zone has room. The staging default. */
    PREFERRED,
    /**
     * Pod anti-affinity the scheduler must honour: an instance stays pending until a zone without one has room.
     * The production default; it needs at least as many zones as instances.
     */
    REQUIRED
}

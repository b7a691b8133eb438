package dev.keelson.autoscaling;

/**
 * When a vertical autoscaler applies its recommendations ({@code updatePolicy.updateMode}; the
 * values VPA 1.7's CRD allows).
 *
 * <pre>{@code
 * VerticalScaling.mode(UpdateMode.INITIAL)
 * }</pre>
 */
public enum UpdateMode {
    /** Recommendations only; pods are never changed. Safe next to any HPA. */
    OFF("Off"),
    /** Requests are set when a pod is created, never on running pods. */
    INITIAL("Initial"),
    /** Running pods are evicted and recreated with new requests (needs 2+ replicas to evict). */
    RECREATE("Recreate"),
    /** Requests are resized in place where the node allows, else the pod is recreated (in-place resize: Kubernetes 1.33+). */
    IN_PLACE_OR_RECREATE("InPlaceOrRecreate"),
    /** Requests are only ever resized in place, never by eviction (new in VPA 1.7; check your VPA version). */
    IN_PLACE("InPlace"),
    /** Deprecated since VPA 1.4: the same as {@link #RECREATE}; reported as a warning. */
    AUTO("Auto");

    private final String wireName;

    UpdateMode(String wireName) {
        this.wireName = wireName;
    }

    /** The value the VPA expects, e.g. {@code Off}. */
    public String wireName() {
        return wireName;
    }
}

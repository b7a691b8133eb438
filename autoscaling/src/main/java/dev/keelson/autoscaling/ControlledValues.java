package dev.keelson.autoscaling;

/**
 * Which values a vertical autoscaler changes ({@code controlledValues}).
 *
 * <pre>{@code
 * ContainerPolicy.app().controlledValues(ControlledValues.REQUESTS_ONLY)
 * }</pre>
 */
public enum ControlledValues {
    /** Requests, and limits in proportion to them (the VPA's default). */
    REQUESTS_AND_LIMITS("RequestsAndLimits"),
    /** Requests only; limits stay as written. */
    REQUESTS_ONLY("RequestsOnly");

    private final String wireName;

    ControlledValues(String wireName) {
        this.wireName = wireName;
    }

    /** The value the VPA expects. */
    public String wireName() {
        return wireName;
    }
}

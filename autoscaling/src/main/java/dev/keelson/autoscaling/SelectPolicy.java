package dev.keelson.autoscaling;

/**
 * Which of a direction's policies wins when several apply ({@code selectPolicy}).
 *
 * <pre>{@code
 * ScalingRules.of(ScalingPolicy.percent(50, MINUTE), ScalingPolicy.pods(2, MINUTE)).select(SelectPolicy.MAX)
 * }</pre>
 */
public enum SelectPolicy {
    /** The policy allowing the largest change (Kubernetes' default). */
    MAX("Max"),
    /** The policy allowing the smallest change: every policy is a cap. */
    MIN("Min"),
    /** No scaling in this direction at all. */
    DISABLED("Disabled");

    private final String wireName;

    SelectPolicy(String wireName) {
        this.wireName = wireName;
    }

    /** The value Kubernetes expects, e.g. {@code Max}. */
    public String wireName() {
        return wireName;
    }
}

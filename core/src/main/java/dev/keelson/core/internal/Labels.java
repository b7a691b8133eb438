package dev.keelson.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** The label keys Keelson writes and how they are composed. Internal. */
public final class Labels {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String ENVIRONMENT = "keelson.dev/environment";
    public static final String TIER = "keelson.dev/tier";
    /** Istio's telemetry labels. */
    public static final String APP = "app";
    public static final String VERSION = "version";
    /** The version label of a tier's main Deployment. */
    public static final String STABLE = "stable";

    private Labels() {
    }

    /** Labels of objects that belong to the whole environment. */
    public static Map<String, String> environment(String platform, String environment) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, platform);
        labels.put(PART_OF, platform);
        labels.put(MANAGED_BY, "keelson");
        labels.put(ENVIRONMENT, environment);
        return labels;
    }

    /** Labels of a tier's objects. */
    public static Map<String, String> tier(String platform, String environment, String tier) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, tier);
        labels.put(INSTANCE, tier);
        labels.put(PART_OF, platform);
        labels.put(MANAGED_BY, "keelson");
        labels.put(ENVIRONMENT, environment);
        labels.put(TIER, tier);
        return labels;
    }

    /** The labels a tier's Service selects its pods by (all versions). */
    public static Map<String, String> selector(String platform, String tier) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, tier);
        labels.put(PART_OF, platform);
        return labels;
    }
}

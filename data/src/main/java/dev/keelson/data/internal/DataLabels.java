package dev.keelson.data.internal;

import dev.keelson.core.spi.FeatureContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels of a data service's objects. Internal. */
public final class DataLabels {

    private DataLabels() {
    }

    /** The standard labels, naming the service as the app and {@code component} (database, cache) as its role. */
    public static Map<String, String> of(FeatureContext ctx, String service, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", service);
        labels.put("app.kubernetes.io/instance", service);
        labels.put("app.kubernetes.io/component", component);
        labels.put("app.kubernetes.io/part-of", ctx.platform().name());
        labels.put("app.kubernetes.io/managed-by", "keelson");
        labels.put("keelson.dev/environment", ctx.environment().name());
        return labels;
    }
}

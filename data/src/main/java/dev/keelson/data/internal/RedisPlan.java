package dev.keelson.data.internal;

import dev.keelson.core.Resources;
import dev.keelson.core.Stage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Redis's settings resolved for one environment. Internal.
 *
 * @param name the Redis's name
 * @param platform the platform's name
 * @param namespace its namespace
 * @param stage the environment's stage
 * @param image the image
 * @param replicas pods: one primary, the others read replicas
 * @param storage the volume size of each pod
 * @param storageClass the storage class, or {@code null}
 * @param resources requests and limits of each pod
 * @param zoneSpread NONE, PREFERRED or REQUIRED
 * @param auth the Secret with {@code users.acl} (and {@code replication.conf} with replicas)
 */
public record RedisPlan(String name, String platform, String namespace, Stage stage, String image, int replicas, String storage,
                        @Nullable String storageClass, Resources resources, String zoneSpread, String auth) {

    /** The labels the Services and policies select the pods by. */
    public Map<String, String> podLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", name);
        labels.put("app.kubernetes.io/part-of", platform);
        return labels;
    }

    /** The headless Service that gives every pod its DNS name. */
    public String headless() {
        return name + "-headless";
    }

    /** The primary's DNS name (pod 0 of the StatefulSet). */
    public String primaryHost() {
        return name + "-0." + headless() + "." + namespace + ".svc";
    }
}

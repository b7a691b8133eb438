package dev.keelson.data.internal;

import dev.keelson.core.Resources;
import dev.keelson.core.Stage;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL cluster's settings resolved for one environment (the stage's defaults, the settings,
 * the environment's override). Internal.
 *
 * @param name the cluster's name
 * @param namespace its namespace
 * @param stage the environment's stage
 * @param instances how many instances
 * @param storage the volume size of each
 * @param storageClass the storage class, or {@code null} for the cluster's default
 * @param resources requests and limits of each instance
 * @param zoneSpread NONE, PREFERRED or REQUIRED
 * @param imageName the PostgreSQL image, or {@code null} for the operator's default
 * @param database the application database
 * @param owner the application user
 * @param credentials the application user's Secret, or {@code null} for the one the operator generates
 * @param backups the object store, when backups are on here
 * @param apiServerCidr the API server's range, or {@code null}
 * @param apiServerPort the API server's port
 * @param operatorNamespace the operator's namespace
 * @param operatorLabels the operator's pod labels
 * @param release the {@code release} label of the PodMonitor
 */
public record PostgresPlan(String name, String namespace, Stage stage, int instances, String storage,
                           @Nullable String storageClass, Resources resources, String zoneSpread, @Nullable String imageName,
                           String database, String owner, @Nullable String credentials, @Nullable BackupPlan backups,
                           @Nullable String apiServerCidr, int apiServerPort, String operatorNamespace,
                           Map<String, String> operatorLabels, String release) {

    /** The metrics port of CloudNativePG's instances. */
    public static final int METRICS_PORT = 9187;
    /** The instance manager's status port, which the operator calls. */
    public static final int STATUS_PORT = 8000;
    /** The Barman Cloud plugin's name. */
    public static final String BARMAN_PLUGIN = "barman-cloud.cloudnative-pg.io";

    /** The labels of the cluster's pods (set by the operator). */
    public Map<String, String> podLabels() {
        return Map.of("cnpg.io/cluster", name);
    }

    /** The Secret the application user's credentials are in: the given one, else the operator's {@code <name>-app}. */
    public String appSecret() {
        return credentials != null ? credentials : name + "-app";
    }

    /**
     * Backups as resolved.
     *
     * @param destinationPath the store's path
     * @param secret the Secret with the keys
     * @param accessKeyIdKey the key id's key
     * @param secretAccessKeyKey the secret key's key
     * @param endpointUrl the endpoint, or {@code null}
     * @param retention the retention
     * @param schedule the schedule
     * @param cidrs the ranges egress is allowed to
     */
    public record BackupPlan(String destinationPath, String secret, String accessKeyIdKey, String secretAccessKeyKey,
                             @Nullable String endpointUrl, String retention, String schedule, java.util.List<String> cidrs) {
    }
}

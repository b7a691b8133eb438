package dev.keelson.data;

import dev.keelson.core.Require;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where and when a PostgreSQL cluster is backed up: continuous WAL archiving and scheduled base
 * backups to an S3-compatible object store, through CloudNativePG's Barman Cloud plugin. The
 * credentials come from a Secret you name (in the data namespace); they never appear in the output.
 *
 * <pre>{@code
 * Backups.s3("s3://shop-backups/orders-db", "orders-db-s3")            // keys ACCESS_KEY_ID, ACCESS_SECRET_KEY
 *     .endpoint("https://minio.storage.example.com")                    // default: AWS S3
 *     .retention("30d").schedule("0 0 2 * * *")                         // CNPG cron: seconds first
 *     .cidr("203.0.113.0/24")                                           // default: anywhere but the metadata address
 * }</pre>
 *
 * @param destinationPath the object store path, e.g. {@code s3://bucket/prefix}
 * @param secret the Secret holding the access keys (in the data namespace)
 * @param accessKeyIdKey the Secret's key of the access key id. Default {@code ACCESS_KEY_ID}
 * @param secretAccessKeyKey the Secret's key of the secret access key. Default {@code ACCESS_SECRET_KEY}
 * @param endpointUrl the S3 endpoint of a non-AWS store, or {@code null} for AWS
 * @param retention how long backups and WAL are kept ({@code 30d}, {@code 4w}, {@code 6m}). Default {@code 30d}
 * @param schedule when base backups run, a six-field cron with seconds first. Default {@code 0 0 2 * * *} (02:00 daily)
 * @param cidrs the address ranges egress to the store is allowed to; empty for anywhere (the cloud
 *              metadata address excepted). Default: empty
 */
public record Backups(String destinationPath, String secret, String accessKeyIdKey, String secretAccessKeyKey,
                      @Nullable String endpointUrl, String retention, String schedule, List<String> cidrs) {

    /** The base backup schedule unless told otherwise: 02:00 every day. */
    public static final String DEFAULT_SCHEDULE = "0 0 2 * * *";
    /** The retention unless told otherwise. */
    public static final String DEFAULT_RETENTION = "30d";

    /**
     * Checks every argument at once, naming the argument and the call when one is invalid. Copies the list, so the
     * value stays immutable.
     *
     * @param destinationPath the object store path, e.g. {@code s3://bucket/prefix}
     * @param secret the Secret holding the access keys (in the data namespace)
     * @param accessKeyIdKey the Secret's key of the access key id
     * @param secretAccessKeyKey the Secret's key of the secret access key
     * @param endpointUrl the S3 endpoint of a non-AWS store, or {@code null} for AWS
     * @param retention how long backups and WAL are kept
     * @param schedule when base backups run, a six-field cron with seconds first
     * @param cidrs the address ranges egress to the store is allowed to; empty for anywhere
     */
    public Backups {
        Require.nonNull(destinationPath, "destinationPath");
        Require.nonNull(secret, "secret");
        Require.nonNull(accessKeyIdKey, "accessKeyIdKey");
        Require.nonNull(secretAccessKeyKey, "secretAccessKeyKey");
        Require.nonNull(retention, "retention");
        Require.nonNull(schedule, "schedule");
        Require.noNulls(cidrs, "cidrs");
        cidrs = List.copyOf(cidrs);
    }

    /** Backups to {@code destinationPath} ({@code s3://bucket/prefix}) with the access keys of Secret {@code secret}. */
    public static Backups s3(String destinationPath, String secret) {
        Require.nonNull(destinationPath, "destinationPath");
        Require.nonNull(secret, "secret");
        return new Backups(destinationPath, secret, "ACCESS_KEY_ID", "ACCESS_SECRET_KEY", null, DEFAULT_RETENTION,
                DEFAULT_SCHEDULE, List.of());
    }

    /** These backups reading the access keys from other keys of the Secret. */
    public Backups keys(String newAccessKeyIdKey, String newSecretAccessKeyKey) {
        Require.nonNull(newAccessKeyIdKey, "newAccessKeyIdKey");
        Require.nonNull(newSecretAccessKeyKey, "newSecretAccessKeyKey");
        return new Backups(destinationPath, secret, newAccessKeyIdKey, newSecretAccessKeyKey, endpointUrl, retention, schedule, cidrs);
    }

    /** These backups to a non-AWS S3 endpoint (MinIO, Ceph, a cloud's S3 API). Default: AWS S3. */
    public Backups endpoint(String url) {
        Require.nonNull(url, "url");
        return new Backups(destinationPath, secret, accessKeyIdKey, secretAccessKeyKey, url, retention, schedule, cidrs);
    }

    /** These backups kept for {@code newRetention} ({@code 30d}, {@code 4w}, {@code 6m}). Default {@code 30d}. */
    public Backups retention(String newRetention) {
        Require.nonNull(newRetention, "newRetention");
        return new Backups(destinationPath, secret, accessKeyIdKey, secretAccessKeyKey, endpointUrl, newRetention, schedule, cidrs);
    }

    /**
     * These backups taken on {@code cron}, CloudNativePG's six-field form with seconds first
     * ({@code 0 0 2 * * *} is 02:00 daily, the default).
     */
    public Backups schedule(String cron) {
        Require.nonNull(cron, "cron");
        return new Backups(destinationPath, secret, accessKeyIdKey, secretAccessKeyKey, endpointUrl, retention, cron, cidrs);
    }

    /**
     * These backups with egress allowed to {@code cidr} only (add one call per range). Default: anywhere but
     * the cloud metadata address, since network policies cannot match the store's host name.
     */
    public Backups cidr(String cidr) {
        Require.nonNull(cidr, "cidr");
        List<String> copy = new ArrayList<>(cidrs);
        copy.add(cidr);
        return new Backups(destinationPath, secret, accessKeyIdKey, secretAccessKeyKey, endpointUrl, retention, schedule, copy);
    }
}

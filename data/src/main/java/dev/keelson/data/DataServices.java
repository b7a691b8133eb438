package dev.keelson.data;

import dev.keelson.core.Require;

/**
 * Where the data services start: {@link #postgres(String)} and {@link #redis(String)}, each given to the
 * platform with {@code Platform.Builder.with(...)}, and {@link #access(String...)} for the tiers that call them.
 *
 * <pre>{@code
 * Platform.named("shop")
 *     .with(DataServices.postgres("orders-db").storage("20Gi").apiServer("10.0.0.1/32", 443)
 *         .backups(Backups.s3("s3://shop-backups/orders-db", "orders-db-s3")))
 *     .with(DataServices.redis("cache").auth("cache-acl"))
 *     .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080))
 *         .with(DataServices.access("orders-db", "cache")))
 *     .build();
 * }</pre>
 */
public final class DataServices {

    private DataServices() {
    }

    /** A PostgreSQL cluster run by CloudNativePG: {@link Postgres#named(String)}. */
    public static Postgres postgres(String name) {
        Require.nonNull(name, "name");
        return Postgres.named(name);
    }

    /** A Redis run as a StatefulSet: {@link Redis#named(String)}. */
    public static Redis redis(String name) {
        Require.nonNull(name, "name");
        return Redis.named(name);
    }

    /** A tier's access to the named data services: {@link DataAccess#to(String...)}. */
    public static DataAccess access(String... services) {
        Require.noNulls(services, "services");
        return DataAccess.to(services);
    }
}

package dev.keelson.data;

import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.security.SecurityBaseline;

/** Platforms the tests share. */
final class Fixtures {

    private Fixtures() {
    }

    static Postgres ordersDb() {
        return DataServices.postgres("orders-db").storage("20Gi").apiServer("10.0.0.1/32", 443)
                .backups(Backups.s3("s3://shop-backups/orders-db", "orders-db-s3"));
    }

    static Redis cache() {
        return DataServices.redis("cache").auth("cache-acl");
    }

    /** A web tier and an API that calls a PostgreSQL and a Redis; dev, staging and prod; restricted security. */
    static Platform.Builder shop() {
        return shop(SecurityBaseline.restricted());
    }

    /** The same, with another security baseline. */
    static Platform.Builder shop(SecurityBaseline baseline) {
        return Platform.named("shop")
                .environments(Environment.dev(), Environment.staging(), Environment.prod())
                .with(baseline)
                .with(ordersDb())
                .with(cache())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080))
                        .exposedAt("shop.example.com").talksTo("api"))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080))
                        .with(DataAccess.to("orders-db", "cache")));
    }
}

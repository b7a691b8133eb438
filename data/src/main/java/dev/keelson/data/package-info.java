/**
 * Keelson data services: PostgreSQL through the CloudNativePG operator and Redis as a StatefulSet,
 * deployed by the platform in a namespace of their own per environment, with the flows, network
 * policies, backups and monitoring they need.
 *
 * <pre>{@code
 * Platform.named("shop")
 *     .with(DataServices.postgres("orders-db").storage("20Gi").apiServer("10.0.0.1/32", 443)
 *         .backups(ObjectStore.s3("s3://shop-backups/orders-db", "orders-db-s3")))
 *     .with(DataServices.redis("cache").auth("cache-acl"))
 *     .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080))
 *         .with(DataAccess.to("orders-db", "cache")))
 *     .build();
 * }</pre>
 *
 * <p>Only this package is API; {@code dev.keelson.data.internal} is not.
 */
@NullMarked
package dev.keelson.data;

import org.jspecify.annotations.NullMarked;

/**
 * Keelson mesh: a typed, high-level Istio layer. {@link dev.keelson.mesh.MeshPolicy} (a platform
 * feature) turns on zero-trust mTLS, renders authorization from core's graph of flows, and composes
 * the Istio objects; tier features ({@link dev.keelson.mesh.Traffic}, {@link dev.keelson.mesh.Jwt},
 * the {@link dev.keelson.mesh.TrafficSplit}s) tune traffic per tier. Everything in
 * {@code dev.keelson.mesh.internal} is implementation, exported nowhere.
 *
 * <pre>{@code
 * Platform.named("shop")
 *     .with(MeshPolicy.strictMtls().withCni())
 *     .tier(Tier.named("api").image("ghcr.io/acme/api:2.4.0").port(Port.grpc(9090))
 *         .with(Traffic.defaults().timeout(Duration.ofSeconds(5)))
 *         .with(Canary.of("ghcr.io/acme/api:2.5.0", 10)))
 *     .build();
 * }</pre>
 */
@NullMarked
package dev.keelson.mesh;

import org.jspecify.annotations.NullMarked;

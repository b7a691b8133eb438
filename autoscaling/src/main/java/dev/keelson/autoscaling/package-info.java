/**
 * Keelson autoscaling: {@link dev.keelson.autoscaling.ScalingProfile}, a tier feature that writes
 * an {@code autoscaling/v2} HorizontalPodAutoscaler (or a KEDA ScaledObject), a VerticalPodAutoscaler
 * and a PodDisruptionBudget for a tier, with the platform report's figures as defaults.
 *
 * <pre>{@code
 * Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080))
 *     .with(ScalingProfile.cpu(70).memory(80).replicas(2, 20));
 * }</pre>
 *
 * <p>The public API is this package; {@code dev.keelson.autoscaling.internal} is implementation
 * and may change without notice.
 */
@NullMarked
package dev.keelson.autoscaling;

import org.jspecify.annotations.NullMarked;

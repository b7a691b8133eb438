/**
 * Keelson security: {@link dev.keelson.security.SecurityBaseline} (Pod Security Admission labels,
 * network micro-segmentation rendered from the flow graph, resource quotas, and a policy check that
 * fails unsafe output), and {@link dev.keelson.security.KubernetesApi} (least-privilege RBAC for a
 * tier that calls the Kubernetes API).
 *
 * <pre>{@code
 * Platform.named("shop")
 *     .environments(Environment.dev(), Environment.staging(), Environment.prod())
 *     .with(SecurityBaseline.byStage())          // dev baseline, staging and prod restricted
 *     .tier(Tier.named("operator").image("ghcr.io/acme/op:1.0.0")
 *         .with(KubernetesApi.access("configmaps").verbs("get", "list", "watch")))
 *     .build();
 * }</pre>
 *
 * <p>Everything under {@code dev.keelson.security.internal} is implementation, exported nowhere.
 */
@NullMarked
package dev.keelson.security;

import org.jspecify.annotations.NullMarked;

package dev.keelson.core.spi;

import dev.keelson.core.Tier;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects core composed for one tier in one environment, for features to read and adjust.
 *
 * <p>A tier runs its pods in one or more workloads: core's {@link #deployment()}, and those features
 * add with {@link #addWorkload} (the mesh's second Deployment of a canary, say). What changes the
 * tier's pods (containers, environment variables, security contexts, pod annotations) goes to every
 * one of {@link #podTemplates()}, so it reaches a workload whether it was added before or after the
 * feature ran; what belongs to core's Deployment alone (its replicas, which an autoscaler takes
 * over) goes to {@link #deployment()}.
 *
 * <pre>{@code
 * public void contribute(FeatureContext s, TierObjects tier) {
 *     tier.deployment().getSpec().setReplicas(null);            // an autoscaler owns the count
 *     for (PodTemplateSpec pod : tier.podTemplates()) {         // every pod of the tier
 *         pod.getSpec().getContainers().get(0).getEnv().add(new EnvVar("TIER", tier.tier().name(), null));
 *     }
 * }
 * }</pre>
 */
public interface TierObjects {

    /** The tier as this environment sees it (overrides applied). */
    Tier tier();

    /**
     * The tier's own Deployment, the one core wrote (named after the tier, {@code version: stable}).
     * Change here what belongs to it alone, e.g. its replicas; to change the tier's pods, use
     * {@link #podTemplates()}.
     */
    Deployment deployment();

    /**
     * Every workload running the tier's pods that is still among the environment's objects:
     * {@link #deployment()} first, then those added with {@link #addWorkload}, in the order added (a
     * fresh, unmodifiable list; a workload a feature removed with {@link FeatureContext#remove} is left out).
     */
    List<Deployment> workloads();

    /**
     * The pod template of every one of {@link #workloads()}, in the same order: change the tier's
     * pods here, so that a workload added before this feature ran (a canary's Deployment) gets the
     * change too. One added after it is its adder's to build: the mesh copies the tier's Deployment as
     * it is then, with the change.
     */
    default List<PodTemplateSpec> podTemplates() {
        return workloads().stream().map(d -> d.getSpec().getTemplate()).toList();
    }

    /**
     * Adds {@code deployment} to the environment's objects (as {@link FeatureContext#add} does) and to
     * this tier's {@link #workloads()}, so that features that contribute after this call change its
     * pods as they change the tier's. Call it in {@code contribute()}, so that what renders from the
     * objects (quotas, policies) counts it. Its pods usually carry the tier's selector, so the tier's
     * Service and policies cover them.
     *
     * <pre>{@code
     * Deployment canary = copyOf(tier.deployment());   // renamed, its own version label and image
     * tier.addWorkload(canary);
     * }</pre>
     *
     * @param deployment a Deployment with a pod template ({@code spec.template.spec}), not yet added
     * @return {@code deployment}, as added
     * @throws IllegalArgumentException if it has no pod template or is already among the objects
     */
    Deployment addWorkload(Deployment deployment);

    /**
     * The pod spec of {@link #deployment()}'s template only; to change every pod of the tier, use
     * {@link #podTemplates()}.
     */
    default PodSpec podSpec() {
        return deployment().getSpec().getTemplate().getSpec();
    }

    /**
     * The tier's own container (the first of the pod) in {@link #deployment()} only; to change it in
     * every pod of the tier, use {@link #podTemplates()}.
     */
    default Container container() {
        return podSpec().getContainers().get(0);
    }

    /** The tier's ServiceAccount. */
    ServiceAccount serviceAccount();

    /** The tier's Service, if it declares ports. */
    Optional<Service> service();

    /** The tier's ConfigMap, if it has configuration. */
    Optional<ConfigMap> configMap();

    /** The tier's Ingress, if it is exposed. */
    Optional<Ingress> ingress();

    /** The labels every object of the tier carries (a fresh copy to add to). */
    Map<String, String> labels();

    /** The labels the Service selects the tier's pods by (a fresh copy). */
    Map<String, String> selector();
}

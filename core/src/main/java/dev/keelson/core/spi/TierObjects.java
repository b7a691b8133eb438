package dev.keelson.core.spi;

import dev.keelson.core.Tier;
import dev.keelson.core.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
 * <p>A tier runs its pods in one or more workloads: core's {@link #workload()} (a Deployment unless
 * the tier is another {@link #kind()}), and those features add with {@link #addWorkload} (the mesh's
 * second Deployment of a canary, say). What changes the
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

    /** The kind of the tier's own workload: {@code tier().kind()}. */
    default Workload.Kind kind() {
        return tier().kind();
    }

    /**
     * The tier's own workload, the one core wrote (named after the tier, pods labelled
     * {@code version: stable}): a Deployment, StatefulSet, Job, CronJob or DaemonSet, as
     * {@link #kind()} says. Its pod template is {@code PodTemplates.of(workload())}.
     */
    HasMetadata workload();

    /**
     * The tier's own Deployment, the one core wrote (named after the tier, {@code version: stable}).
     * Change here what belongs to it alone, e.g. its replicas; to change the tier's pods, use
     * {@link #podTemplates()}.
     *
     * @throws IllegalStateException if the tier is not a Deployment ({@link #kind()}); use {@link #workload()}
     */
    Deployment deployment();

    /**
     * Every workload running the tier's pods that is still among the environment's objects:
     * {@link #workload()} first, then those added with {@link #addWorkload}, in the order added (a
     * fresh, unmodifiable list; a workload a feature removed with {@link FeatureContext#remove} is left out).
     */
    List<HasMetadata> workloads();

    /**
     * The pod template of every one of {@link #workloads()}, in the same order: change the tier's
     * pods here, so that a workload added before this feature ran (a canary's Deployment) gets the
     * change too. One added after it is its adder's to build: the mesh copies the tier's Deployment as
     * it is then, with the change.
     */
    default List<PodTemplateSpec> podTemplates() {
        return workloads().stream().map(w -> PodTemplates.of(w).orElseThrow()).toList();
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
     * The pod spec of {@link #workload()}'s template only; to change every pod of the tier, use
     * {@link #podTemplates()}.
     */
    default PodSpec podSpec() {
        return PodTemplates.of(workload()).orElseThrow().getSpec();
    }

    /**
     * The tier's own container (the first of the pod) in {@link #workload()} only; to change it in
     * every pod of the tier, use {@link #podTemplates()}.
     */
    default Container container() {
        return podSpec().getContainers().get(0);
    }

    /** The tier's ServiceAccount. */
    ServiceAccount serviceAccount();

    /** The tier's Service, if it declares ports (a Job or CronJob has none). */
    Optional<Service> service();

    /** The label ({@code "true"}) that tells a stateful tier's headless Service from its Service, which select the same pods. */
    String HEADLESS = "keelson.dev/headless";

    /** A stateful tier's headless Service {@code <tier>-headless}, which gives each pod its DNS name; empty for other kinds. */
    Optional<Service> headlessService();

    /** The tier's ConfigMap, if it has configuration. */
    Optional<ConfigMap> configMap();

    /** The tier's Ingress, if it is exposed. */
    Optional<Ingress> ingress();

    /** The labels every object of the tier carries (a fresh copy to add to). */
    Map<String, String> labels();

    /** The labels the Service selects the tier's pods by (a fresh copy). */
    Map<String, String> selector();
}

package dev.keelson.core;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.Map;
import java.util.Optional;

/**
 * The objects core composed for one tier in one environment, for features to read and adjust.
 *
 * <pre>{@code
 * public void contribute(Synthesis s, TierObjects tier) {
 *     tier.deployment().getSpec().setReplicas(null);            // an autoscaler owns the count
 *     tier.container().getEnv().add(new EnvVar("TIER", tier.tier().name(), null));
 * }
 * }</pre>
 */
public interface TierObjects {

    /** The tier as this environment sees it (overrides applied). */
    Tier tier();

    /** The tier's Deployment. */
    Deployment deployment();

    /** The pod spec of the Deployment's template. */
    default PodSpec podSpec() {
        return deployment().getSpec().getTemplate().getSpec();
    }

    /** The tier's own container (the first of the pod). */
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

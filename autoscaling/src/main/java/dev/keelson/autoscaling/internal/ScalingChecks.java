package dev.keelson.autoscaling.internal;

import dev.keelson.autoscaling.ContainerPolicy;
import dev.keelson.autoscaling.ScalingProfile;
import dev.keelson.autoscaling.VerticalScaling;
import dev.keelson.core.Problem;
import dev.keelson.core.Synthesis;
import dev.keelson.core.TierObjects;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks a {@link ScalingProfile} runs on the final objects, after customizations and other features. Internal. */
public final class ScalingChecks {

    /** The workload targeted by an HPA must omit spec.replicas. */
    public static final String HPA_REPLICAS = "SEC-HPA-004";
    /** Utilization targets need a request on every container. */
    public static final String HPA_REQUESTS = "SEC-HPA-006";

    private ScalingChecks() {
    }

    /** A policy naming no container of the pod is a typo or a stale name; istio-proxy is injected at admission, so never seen here. */
    private static void policiesMatchContainers(VerticalScaling v, Deployment d, Synthesis synthesis, String path) {
        List<String> names = d.getSpec().getTemplate().getSpec().getContainers().stream().map(Container::getName).toList();
        for (ContainerPolicy p : v.containers()) {
            String name = p.container();
            if (name != null && !name.equals(ContainerPolicy.ALL_OTHERS) && !name.equals(ContainerPolicy.ISTIO_PROXY)
                    && !names.contains(name)) {
                synthesis.warning(path + "/containers/" + name, "the VPA has a policy for container '" + name
                                + "', which the pod does not have, so it applies to nothing",
                        "name one of the pod's containers: " + String.join(", ", names));
            }
        }
    }

    /** Checks {@code tier}'s final objects against {@code profile} (the one in effect); {@code path} is the profile's. */
    public static void check(ScalingProfile profile, Synthesis synthesis, TierObjects tier, String path) {
        Deployment d = tier.deployment();
        profile.vertical().ifPresent(v -> policiesMatchContainers(v, d, synthesis, path + "/vertical"));
        if (!profile.horizontal()) {
            return;
        }
        Integer replicas = d.getSpec().getReplicas();
        if (replicas != null) {
            synthesis.report(Problem.error(path, "Deployment '" + d.getMetadata().getName() + "' sets spec.replicas ("
                            + replicas + ") but its replicas are owned by an autoscaler: every apply would reset the count it chose",
                    "do not set replicas in a customization of a scaled tier; set the range with ScalingProfile...replicas(min, max)")
                    .withRule(HPA_REPLICAS));
        }
        Set<String> resources = Conflicts.utilizationResources(profile);
        if (resources.isEmpty()) {
            return;
        }
        for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
            Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
            for (String resource : resources) {
                if (requests == null || requests.get(resource) == null) {
                    synthesis.report(Problem.error(path, "container '" + c.getName() + "' has no " + resource
                                    + " request, but the tier scales on " + resource + " utilization, a percentage of the "
                                    + "requests: without one the autoscaler cannot compute it and stops scaling",
                            "set resources.requests." + resource + " on container '" + c.getName()
                                    + "' (in the customization or feature that adds it), or scale on an average value "
                                    + "instead: Metric." + resource + "Average(\"<quantity>\")")
                            .withRule(HPA_REQUESTS));
                }
            }
        }
    }
}

package dev.keelson.autoscaling.internal;

import dev.keelson.autoscaling.ScalingProfile;
import dev.keelson.core.Problem;
import dev.keelson.core.Synthesis;
import dev.keelson.core.TierObjects;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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

    /** Checks {@code tier}'s final objects against {@code profile} (the one in effect); {@code path} is the profile's. */
    public static void check(ScalingProfile profile, Synthesis synthesis, TierObjects tier, String path) {
        if (!profile.horizontal()) {
            return;
        }
        Deployment d = tier.deployment();
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

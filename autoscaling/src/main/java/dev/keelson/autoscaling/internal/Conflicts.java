package dev.keelson.autoscaling.internal;

import dev.keelson.autoscaling.ComputeResource;
import dev.keelson.autoscaling.ContainerPolicy;
import dev.keelson.autoscaling.Metric;
import dev.keelson.autoscaling.ScalingProfile;
import dev.keelson.autoscaling.Target;
import dev.keelson.autoscaling.UpdateMode;
import dev.keelson.autoscaling.VerticalScaling;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** Which resources a profile's horizontal and vertical autoscalers act on, and where they meet. Internal. */
public final class Conflicts {

    private Conflicts() {
    }

    /** The resources both the HPA (or KEDA) and a VPA that changes pods act on, in enum order; empty when they are compatible. */
    public static Set<ComputeResource> shared(ScalingProfile profile, String appContainer) {
        Set<ComputeResource> shared = EnumSet.noneOf(ComputeResource.class);
        VerticalScaling vpa = profile.vertical().orElse(null);
        if (!profile.horizontal() || vpa == null || vpa.mode() == UpdateMode.OFF) {
            return shared;
        }
        for (Metric m : profile.metrics()) {
            if (m instanceof Metric.ResourceMetric r) {
                ComputeResource resource = ComputeResource.fromWireName(r.resource());
                if (resource != null && vpaControls(vpa, appContainer, r.podWide()).contains(resource)) {
                    shared.add(resource);
                }
            }
        }
        return shared;
    }

    /**
     * The resources the VPA changes on the tier's own container, or, for a pod-wide metric, on any
     * container (sidecars without a policy follow the {@code *} policy, or the VPA's default: both).
     */
    static Set<ComputeResource> vpaControls(VerticalScaling vpa, String appContainer, boolean wholePod) {
        Set<ComputeResource> result = new LinkedHashSet<>(forContainer(vpa, appContainer));
        if (wholePod) {
            for (ContainerPolicy p : vpa.containers()) {
                result.addAll(p.effectiveResources());
            }
            result.addAll(defaultPolicy(vpa));
        }
        return result;
    }

    private static Set<ComputeResource> forContainer(VerticalScaling vpa, String appContainer) {
        for (ContainerPolicy p : vpa.containers()) {
            if (p.container() == null || Objects.equals(p.container(), appContainer)) {
                return p.effectiveResources();
            }
        }
        return defaultPolicy(vpa);
    }

    private static Set<ComputeResource> defaultPolicy(VerticalScaling vpa) {
        return vpa.policyFor(ContainerPolicy.ALL_OTHERS).map(ContainerPolicy::effectiveResources)
                .orElse(EnumSet.allOf(ComputeResource.class));
    }

    /** The resources scaled by utilization (a percentage of the requests), in order. */
    public static Set<String> utilizationResources(ScalingProfile profile) {
        Set<String> result = new LinkedHashSet<>();
        for (Metric m : profile.metrics()) {
            if (m instanceof Metric.ResourceMetric r && r.target() instanceof Target.Utilization) {
                result.add(r.resource());
            }
        }
        return result;
    }
}

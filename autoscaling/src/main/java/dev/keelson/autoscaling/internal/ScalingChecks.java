package dev.keelson.autoscaling.internal;

import dev.keelson.autoscaling.ComputeResource;
import dev.keelson.autoscaling.ContainerPolicy;
import dev.keelson.autoscaling.ControlledValues;
import dev.keelson.autoscaling.Metric;
import dev.keelson.autoscaling.ScalingProfile;
import dev.keelson.autoscaling.UpdateMode;
import dev.keelson.autoscaling.VerticalScaling;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Problem;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.TierObjects;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks a {@link ScalingProfile} runs on the final objects, after customizations and other features. Internal. */
public final class ScalingChecks {

    /** The workload targeted by an HPA must omit spec.replicas. */
    public static final String HPA_REPLICAS = "SEC-HPA-004";
    /** Utilization targets need a request on every container. */
    public static final String HPA_REQUESTS = "SEC-HPA-006";

    /** The label naming the application, the tier's name on every version of it. */
    private static final String NAME = "app.kubernetes.io/name";

    private ScalingChecks() {
    }

    /** A policy naming no container of the pod is a typo or a stale name; istio-proxy is injected at admission, so never seen here. */
    private static void policiesMatchContainers(VerticalScaling v, PodSpec pod, FeatureContext synthesis, ModelPath path) {
        List<String> names = pod.getContainers().stream().map(Container::getName).toList();
        for (ContainerPolicy p : v.containers()) {
            String name = p.container();
            if (name != null && !name.equals(ContainerPolicy.ALL_OTHERS) && !name.equals(ContainerPolicy.ISTIO_PROXY)
                    && !names.contains(name)) {
                synthesis.report(Problem.warning(path.child("containers", name), "the VPA has a policy for container '" + name
                                + "', which the pod does not have, so it applies to nothing",
                        "name one of the pod's containers: " + String.join(", ", names)).withRule("KEE-SCALE-022"));
            }
        }
    }

    /** Checks {@code tier}'s final objects against {@code profile} (the one in effect); {@code path} is the profile's. */
    public static void check(ScalingProfile profile, FeatureContext synthesis, TierObjects tier, ModelPath path) {
        HasMetadata d = tier.workload();
        PodSpec pod = tier.podSpec();
        profile.vertical().ifPresent(v -> {
            policiesMatchContainers(v, pod, synthesis, path.child("vertical"));
            requestsOnlyBelowLimits(v, pod, tier.tier().name(), synthesis, path.child("vertical"));
        });
        if (!profile.horizontal()) {
            return;
        }
        objectTargetsExist(profile, synthesis, path);
        if (d instanceof Deployment deployment) {
            splitsScaled(profile, deployment, synthesis, path);
        }
        Integer replicas = ScalingObjects.replicas(d);
        if (replicas != null) {
            synthesis.report(Problem.error(path, d.getKind() + " '" + d.getMetadata().getName() + "' sets spec.replicas ("
                            + replicas + ") but its replicas are owned by an autoscaler: every apply would reset the count it chose",
                    "do not set replicas in a customization of a scaled tier; set the range with ScalingProfile...replicas(min, max)")
                    .withRule(HPA_REPLICAS));
        }
        Set<String> resources = Conflicts.utilizationResources(profile);
        if (resources.isEmpty()) {
            return;
        }
        for (Container c : pod.getContainers()) {
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

    /** The kinds an Object metric may describe that Keelson writes itself, so a name it did not write is a mistake. */
    private static final Set<String> PLATFORM_KINDS = Set.of("Service", "Ingress", "Deployment");

    /**
     * An Object metric describes one object of the namespace; one of a kind the platform writes
     * (Service, Ingress, Deployment, or any kind among the final objects) but with a name it does not
     * write has no metric to read. A kind the platform never writes is taken to be managed elsewhere.
     */
    private static void objectTargetsExist(ScalingProfile profile, FeatureContext synthesis, ModelPath path) {
        for (Metric m : profile.metrics()) {
            if (!(m instanceof Metric.ObjectMetric om)) {
                continue;
            }
            String kind = om.object().kind();
            List<String> names = synthesis.objects().stream().filter(o -> kind.equals(o.getKind()))
                    .map(o -> o.getMetadata().getName()).toList();
            if (names.contains(om.object().name()) || (names.isEmpty() && !PLATFORM_KINDS.contains(kind))) {
                continue;
            }
            synthesis.report(Problem.warning(path.child("metrics", m.key()), "the Object metric '" + om.name() + "' describes "
                            + kind + " '" + om.object().name() + "', which the platform does not write in this environment, "
                            + "so the adapter has no value for it, and while the metric is missing the HPA does not scale in",
                    names.isEmpty() ? "describe an object the platform writes (the platform writes no " + kind
                            + "), or add it with add(...)"
                            : "describe one of the platform's " + kind + " objects: " + String.join(", ", names)
                            + " (e.g. Metric.DescribedObject." + (kind.equals("Service") ? "service" : kind.equals("Ingress")
                            ? "ingress" : "<kind>") + "(\"" + names.get(0) + "\")), or add the object with add(...)")
                    .withRule("KEE-SCALE-024"));
        }
    }

    /**
     * Another Deployment of the same application (a traffic split's {@code <tier>-canary},
     * {@code -green}, {@code -b}, {@code -mirror}) is not scaled by the tier's HPA, which targets
     * {@code <tier>} only: it runs its fixed count whatever the load. Reported when that count is below
     * its share of the traffic (the VirtualService's weight or mirror percentage for its subset) at the
     * autoscaler's maximum, or when the share cannot be read (a header match).
     */
    private static void splitsScaled(ScalingProfile profile, Deployment target, FeatureContext synthesis, ModelPath path) {
        String app = label(target, NAME);
        if (app == null) {
            return;
        }
        SplitIndex index = synthesis.memo(SplitIndex.class, SplitIndex::new);
        List<Deployment> sameApp = index.byApp.getOrDefault(app, List.of());
        if (sameApp.size() < 2) {
            return;   // the tier's own Deployment only: nothing else runs it
        }
        Set<String> scaled = index.scaled;
        int max = profile.replicas().orElseThrow().max();
        for (Deployment other : sameApp) {
            String name = other.getMetadata().getName();
            if (other == target || name.equals(target.getMetadata().getName()) || !app.equals(label(other, NAME))
                    || scaled.contains(name)) {
                continue;
            }
            Integer replicas = other.getSpec() == null ? null : other.getSpec().getReplicas();
            String version = other.getSpec() == null || other.getSpec().getTemplate() == null ? null
                    : label(other.getSpec().getTemplate(), "version");
            Integer share = version == null ? null : TrafficShares.of(synthesis, app, version);
            int needed = share == null ? -1 : (max * share + 99) / 100;
            if (share != null && replicas != null && replicas >= needed) {
                continue;
            }
            String sizing = share != null
                    ? "size it for its share of the peak, " + share + " % of " + max + " pods: " + ("canary".equals(version)
                            ? "Canary.of(image, " + share + ").replicas(" + needed + ")" : "the traffic split's replicas(" + needed + ")")
                    : "size it for its share of the peak with the traffic split's replicas(n), n = maxReplicas (" + max
                            + ") x its share of the traffic / 100, rounded up";
            synthesis.report(Problem.warning(path, "Deployment '" + name + "' runs tier '" + app + "' too (" + (version == null
                            ? "another version" : "version '" + version + "'") + "), but the " + (profile.keda().isPresent()
                            ? "ScaledObject" : "HPA") + " scales only Deployment '" + target.getMetadata().getName() + "': '"
                            + name + "' keeps " + (replicas == null ? "its default count" : replicas + (replicas == 1 ? " replica" : " replicas"))
                            + " whatever the load" + (share == null ? "" : ", while at " + max + " replicas of the tier its "
                            + share + " % of the traffic needs " + needed),
                    sizing + "; or add an HPA for Deployment '" + name + "' with add(...)").withRule("KEE-SCALE-025"));
        }
    }

    private static String label(HasMetadata o, String key) {
        return o.getMetadata() == null || o.getMetadata().getLabels() == null ? null : o.getMetadata().getLabels().get(key);
    }

    private static String label(PodTemplateSpec t, String key) {
        return t.getMetadata() == null || t.getMetadata().getLabels() == null ? null : t.getMetadata().getLabels().get(key);
    }

    /**
     * With {@code controlledValues: RequestsOnly} the limits stay as written, and the VPA caps the
     * requests it sets at them (a request above its limit would be refused): a maxAllowed above the
     * limit, or none, promises more than the container can get.
     */
    private static void requestsOnlyBelowLimits(VerticalScaling v, PodSpec pod, String app, FeatureContext synthesis, ModelPath path) {
        if (v.mode() == UpdateMode.OFF) {
            return;
        }
        for (Container c : pod.getContainers()) {
            ContainerPolicy p = v.containers().stream().filter(x -> c.getName().equals(x.container() == null ? app : x.container()))
                    .findFirst().or(() -> v.policyFor(ContainerPolicy.ALL_OTHERS)).orElse(null);
            if (p == null || p.values() != ControlledValues.REQUESTS_ONLY) {
                continue;
            }
            Map<String, Quantity> limits = c.getResources() == null ? null : c.getResources().getLimits();
            for (ComputeResource r : p.effectiveResources()) {
                Quantity limit = limits == null ? null : limits.get(r.wireName());
                if (limit == null) {
                    continue;
                }
                String limitText = limit.toString();
                String max = r == ComputeResource.MEMORY ? p.maxMemory() : p.maxCpu();
                BigDecimal limitValue = Quantities.value(limitText);
                if (limitValue == null || (max != null && Quantities.value(max).compareTo(limitValue) <= 0)) {
                    continue;
                }
                String res = r.wireName();
                synthesis.report(Problem.warning(path.child("containers", c.getName()), "the VPA sets only the " + res
                                + " request of container '" + c.getName() + "' (controlledValues RequestsOnly) and may recommend "
                                + (max == null ? "any amount (no maxAllowed " + res + ")" : "up to " + max + " (maxAllowed)")
                                + ", but the container's " + res + " limit " + limitText + " stays: the VPA caps the request at "
                                + "the limit, so the container never gets more than " + limitText,
                        "let limits follow the requests with .controlledValues(ControlledValues.REQUESTS_AND_LIMITS), raise the "
                                + res + " limit to at least " + (max == null ? "the most it may need" : max) + ", or set "
                                + "maxAllowed " + res + " to at most " + limitText + " (" + (r == ComputeResource.MEMORY
                                ? "maxAllowed(cpu, \"" + limitText + "\")" : "maxAllowed(\"" + limitText + "\", memory)") + ")")
                        .withRule("KEE-SCALE-026"));
            }
        }
    }

    /**
     * What {@link #splitsScaled} needs of the whole output, read once per synthesis instead of once
     * per tier (which made the check quadratic: 80 s at 10,000 tiers). Valid for the check phase,
     * where features change nothing but annotations.
     */
    private static final class SplitIndex {
        final Set<String> scaled = new HashSet<>();
        final Map<String, List<Deployment>> byApp = new HashMap<>();

        private SplitIndex(FeatureContext synthesis) {
            for (HasMetadata o : synthesis.objects()) {
                if (o instanceof HorizontalPodAutoscaler h && h.getSpec() != null && h.getSpec().getScaleTargetRef() != null) {
                    scaled.add(h.getSpec().getScaleTargetRef().getName());
                } else if (o instanceof GenericKubernetesResource g && "ScaledObject".equals(g.getKind())
                        && g.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                        && spec.get("scaleTargetRef") instanceof Map<?, ?> ref && ref.get("name") instanceof String name) {
                    scaled.add(name);
                } else if (o instanceof Deployment d) {
                    String app = label(d, NAME);
                    if (app != null) {
                        byApp.computeIfAbsent(app, a -> new ArrayList<>()).add(d);
                    }
                }
            }
        }
    }
}

package dev.keelson.autoscaling.internal;

import dev.keelson.autoscaling.Behavior;
import dev.keelson.autoscaling.ComputeResource;
import dev.keelson.autoscaling.ContainerPolicy;
import dev.keelson.autoscaling.Keda;
import dev.keelson.autoscaling.KedaTrigger;
import dev.keelson.autoscaling.Metric;
import dev.keelson.autoscaling.Replicas;
import dev.keelson.autoscaling.ScalingPolicy;
import dev.keelson.autoscaling.ScalingProfile;
import dev.keelson.autoscaling.ScalingRules;
import dev.keelson.autoscaling.Target;
import dev.keelson.autoscaling.VerticalScaling;
import dev.keelson.core.Workload;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.TierObjects;
import io.fabric8.autoscaling.api.model.v1.ContainerResourcePolicy;
import io.fabric8.autoscaling.api.model.v1.PodResourcePolicy;
import io.fabric8.autoscaling.api.model.v1.PodUpdatePolicy;
import io.fabric8.autoscaling.api.model.v1.VerticalPodAutoscaler;
import io.fabric8.autoscaling.api.model.v1.VerticalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ContainerResourceMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ExternalMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricIdentifier;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ObjectMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.PodsMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricSource;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Makes a tier's HPA or ScaledObject, VPA and PodDisruptionBudget in one environment. Internal. */
public final class ScalingObjects {

    /** The policy that lets a drain evict a pod that is not ready, so a crash-looping pod cannot block it. */
    static final String ALWAYS_ALLOW = "AlwaysAllow";

    private ScalingObjects() {
    }

    /** Adds the objects of {@code profile} (already the one in effect) for {@code tier}, and adjusts its Deployment. */
    public static void contribute(ScalingProfile profile, FeatureContext synthesis, TierObjects tier) {
        String name = tier.tier().name();
        int minimum;
        if (profile.horizontal()) {
            Replicas r = profile.replicas().orElseThrow();
            minimum = r.min();
            // the autoscaler owns the count; a spec.replicas would be reapplied on every apply (G-16)
            setReplicas(tier.workload(), null);
            if (profile.keda().isPresent()) {
                synthesis.add(scaledObject(profile, profile.keda().get(), synthesis.namespaceName(), tier));
            } else {
                synthesis.add(hpa(profile, synthesis.namespaceName(), tier));
            }
        } else if (profile.fixedReplicas().isPresent()) {
            minimum = profile.fixedReplicas().getAsInt();
            setReplicas(tier.workload(), minimum);
        } else {
            Integer current = replicas(tier.workload());
            minimum = current == null ? 1 : current;
        }
        profile.vertical().ifPresent(v -> synthesis.add(vpa(v, synthesis.namespaceName(), tier)));
        if (profile.disruptionBudget().isPresent() && minimum >= 2) {
            // a stateful tier's own budget (core's) gives way to the profile's
            if (tier.kind() == Workload.Kind.STATEFUL_SET) {
                // only a stateful tier has one; a lookup that misses scans every object, once per tier
                synthesis.object(PodDisruptionBudget.class, name).ifPresent(synthesis::remove);
            }
            synthesis.add(pdb(profile.disruptionBudget().getAsInt(), synthesis.namespaceName(), tier));
        }
    }

    /** The replicas of a Deployment or StatefulSet, or {@code null} (unset, or another kind). */
    static Integer replicas(HasMetadata workload) {
        if (workload instanceof Deployment d && d.getSpec() != null) {
            return d.getSpec().getReplicas();
        }
        if (workload instanceof StatefulSet s && s.getSpec() != null) {
            return s.getSpec().getReplicas();
        }
        return null;
    }

    /** Sets the replicas of a Deployment or StatefulSet (the only kinds a profile scales; the validator refuses the others). */
    static void setReplicas(HasMetadata workload, Integer replicas) {
        if (workload instanceof Deployment d) {
            d.getSpec().setReplicas(replicas);
        } else if (workload instanceof StatefulSet s) {
            s.getSpec().setReplicas(replicas);
        }
    }

    private static ObjectMeta meta(String name, String namespace, Map<String, String> labels) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(namespace);
        meta.setLabels(labels);
        return meta;
    }

    static HorizontalPodAutoscaler hpa(ScalingProfile profile, String namespace, TierObjects tier) {
        String name = tier.tier().name();
        Replicas r = profile.replicas().orElseThrow();
        List<MetricSpec> metrics = new ArrayList<>();
        for (Metric m : profile.metrics()) {
            metrics.add(metric(m, name));
        }
        HorizontalPodAutoscalerSpec spec = new HorizontalPodAutoscalerSpec();
        spec.setScaleTargetRef(new CrossVersionObjectReference("apps/v1", tier.kind().apiKind(), name));
        spec.setMinReplicas(r.min());
        spec.setMaxReplicas(r.max());
        spec.setMetrics(metrics);
        spec.setBehavior(behavior(profile.behavior()));
        HorizontalPodAutoscaler hpa = new HorizontalPodAutoscaler();
        hpa.setMetadata(meta(name, namespace, tier.labels()));
        hpa.setSpec(spec);
        return hpa;
    }

    private static MetricSpec metric(Metric m, String tierName) {
        MetricSpec spec = new MetricSpec();
        if (m instanceof Metric.ResourceMetric r) {
            if (r.podWide()) {
                spec.setType("Resource");
                spec.setResource(new ResourceMetricSource(r.resource(), target(r.target())));
            } else {
                spec.setType("ContainerResource");
                spec.setContainerResource(new ContainerResourceMetricSource(tierName, r.resource(), target(r.target())));
            }
        } else if (m instanceof Metric.PodsMetric p) {
            spec.setType("Pods");
            spec.setPods(new PodsMetricSource(identifier(p.name(), p.selector(), tierName), target(p.target())));
        } else if (m instanceof Metric.ObjectMetric o) {
            spec.setType("Object");
            spec.setObject(new ObjectMetricSource(
                    new CrossVersionObjectReference(o.object().apiVersion(), o.object().kind(), o.object().name()),
                    identifier(o.name(), Map.of(), tierName), target(o.target())));
        } else if (m instanceof Metric.ExternalMetric e) {
            spec.setType("External");
            spec.setExternal(new ExternalMetricSource(identifier(e.name(), e.selector(), tierName), target(e.target())));
        }
        return spec;
    }

    private static MetricIdentifier identifier(String name, Map<String, String> selector, String tierName) {
        MetricIdentifier id = new MetricIdentifier();
        id.setName(name);
        if (!selector.isEmpty()) {
            id.setSelector(new LabelSelector(null, resolve(selector, tierName)));
        }
        return id;
    }

    static Map<String, String> resolve(Map<String, String> selector, String tierName) {
        Map<String, String> resolved = new LinkedHashMap<>();
        selector.forEach((k, v) -> resolved.put(k, Metric.TIER.equals(v) ? tierName : v));
        return resolved;
    }

    private static MetricTarget target(Target t) {
        MetricTarget target = new MetricTarget();
        if (t instanceof Target.Utilization u) {
            target.setType("Utilization");
            target.setAverageUtilization(u.percent().intValueExact());
        } else if (t instanceof Target.AverageValue a) {
            target.setType("AverageValue");
            target.setAverageValue(new Quantity(a.quantity()));
        } else if (t instanceof Target.Value v) {
            target.setType("Value");
            target.setValue(new Quantity(v.quantity()));
        }
        return target;
    }

    static HorizontalPodAutoscalerBehavior behavior(Behavior b) {
        return new HorizontalPodAutoscalerBehavior(rules(b.scaleDown()), rules(b.scaleUp()));
    }

    private static HPAScalingRules rules(ScalingRules r) {
        List<HPAScalingPolicy> policies = new ArrayList<>();
        for (ScalingPolicy p : r.policies()) {
            policies.add(new HPAScalingPolicy((int) p.period().getSeconds(), p.type().wireName(), p.value()));
        }
        HPAScalingRules rules = new HPAScalingRules();
        rules.setPolicies(policies.isEmpty() ? null : policies);
        rules.setSelectPolicy(r.select().wireName());
        rules.setStabilizationWindowSeconds((int) r.stabilization().getSeconds());
        return rules;
    }

    static VerticalPodAutoscaler vpa(VerticalScaling v, String namespace, TierObjects tier) {
        String name = tier.tier().name();
        VerticalPodAutoscalerSpec spec = new VerticalPodAutoscalerSpec();
        spec.setTargetRef(new io.fabric8.kubernetes.api.model.autoscaling.v1.CrossVersionObjectReference("apps/v1", tier.kind().apiKind(), name));
        PodUpdatePolicy update = new PodUpdatePolicy();
        update.setUpdateMode(v.mode().wireName());
        update.setMinReplicas(v.minReplicas());
        spec.setUpdatePolicy(update);
        if (!v.containers().isEmpty()) {
            List<ContainerResourcePolicy> policies = new ArrayList<>();
            for (ContainerPolicy c : v.containers()) {
                policies.add(containerPolicy(c, name));
            }
            spec.setResourcePolicy(new PodResourcePolicy(policies));
        }
        VerticalPodAutoscaler vpa = new VerticalPodAutoscaler();
        vpa.setMetadata(meta(name, namespace, tier.labels()));
        vpa.setSpec(spec);
        return vpa;
    }

    private static ContainerResourcePolicy containerPolicy(ContainerPolicy c, String tierName) {
        ContainerResourcePolicy p = new ContainerResourcePolicy();
        p.setContainerName(c.container() == null ? tierName : c.container());
        if (!c.enabled()) {
            p.setMode("Off");
            return p;
        }
        p.setControlledResources(c.controlled().stream().map(ComputeResource::wireName).toList());
        if (c.values() != null) {
            p.setControlledValues(c.values().wireName());
        }
        // bounds of a resource the VPA does not control would be dead configuration
        boolean cpu = c.controlled().contains(ComputeResource.CPU);
        boolean memory = c.controlled().contains(ComputeResource.MEMORY);
        p.setMinAllowed(bounds(cpu ? c.minCpu() : null, memory ? c.minMemory() : null));
        p.setMaxAllowed(bounds(cpu ? c.maxCpu() : null, memory ? c.maxMemory() : null));
        return p;
    }

    private static Map<String, Quantity> bounds(String cpu, String memory) {
        Map<String, Quantity> m = new LinkedHashMap<>();
        if (cpu != null) {
            m.put("cpu", new Quantity(cpu));
        }
        if (memory != null) {
            m.put("memory", new Quantity(memory));
        }
        return m.isEmpty() ? null : m;
    }

    static PodDisruptionBudget pdb(int maxUnavailable, String namespace, TierObjects tier) {
        // every version of the tier (the Service's selector), so a canary's pods count against the budget too
        Map<String, String> selector = tier.selector();
        PodDisruptionBudget pdb = new PodDisruptionBudget();
        pdb.setMetadata(meta(tier.tier().name(), namespace, tier.labels()));
        pdb.setSpec(new PodDisruptionBudgetSpec(new IntOrString(maxUnavailable), null, new LabelSelector(null, selector),
                ALWAYS_ALLOW));
        return pdb;
    }

    static GenericKubernetesResource scaledObject(ScalingProfile profile, Keda keda, String namespace, TierObjects tier) {
        String name = tier.tier().name();
        Replicas r = profile.replicas().orElseThrow();
        Map<String, Object> spec = new LinkedHashMap<>();
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("apiVersion", "apps/v1");
        target.put("kind", tier.kind().apiKind());
        target.put("name", name);
        spec.put("scaleTargetRef", target);
        spec.put("pollingInterval", (int) keda.pollingInterval().getSeconds());
        spec.put("cooldownPeriod", (int) keda.cooldown().getSeconds());
        spec.put("minReplicaCount", r.min());
        spec.put("maxReplicaCount", r.max());
        spec.put("advanced", Map.of("horizontalPodAutoscalerConfig", Map.of("behavior", behavior(profile.behavior()))));
        List<Object> triggers = new ArrayList<>();
        for (Metric m : profile.metrics()) {
            if (m instanceof Metric.ResourceMetric rm) {
                Map<String, Object> trigger = new LinkedHashMap<>();
                trigger.put("type", rm.resource());
                Map<String, String> metadata = new LinkedHashMap<>();
                if (rm.target() instanceof Target.Utilization u) {
                    trigger.put("metricType", "Utilization");
                    metadata.put("value", u.percent().text());
                } else if (rm.target() instanceof Target.AverageValue a) {
                    trigger.put("metricType", "AverageValue");
                    metadata.put("value", a.quantity());
                }
                if (!rm.podWide()) {
                    metadata.put("containerName", name);
                }
                trigger.put("metadata", metadata);
                triggers.add(trigger);
            }
        }
        for (KedaTrigger t : keda.triggers()) {
            Map<String, Object> trigger = new LinkedHashMap<>();
            trigger.put("type", t.type());
            trigger.put("metadata", new LinkedHashMap<>(t.metadata()));
            if (t.authenticationRef() != null) {
                trigger.put("authenticationRef", Map.of("name", t.authenticationRef()));
            }
            triggers.add(trigger);
        }
        spec.put("triggers", triggers);
        GenericKubernetesResource so = new GenericKubernetesResource();
        so.setApiVersion("keda.sh/v1alpha1");
        so.setKind("ScaledObject");
        so.setMetadata(meta(name, namespace, tier.labels()));
        so.setAdditionalProperties(new LinkedHashMap<>(Map.of("spec", spec)));
        return so;
    }
}

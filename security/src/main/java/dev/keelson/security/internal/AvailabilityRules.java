package dev.keelson.security.internal;

import static dev.keelson.security.internal.PolicyIndex.labels;
import static dev.keelson.security.internal.PolicyIndex.list;

import dev.keelson.core.Stage;
import dev.keelson.security.SecurityRule;
import dev.keelson.security.internal.PolicyIndex.Workload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The availability rules: SEC-AVL-001, 002, 003, 004, 006, 007, 008, 010, 011 and 012 (replicas,
 * PodDisruptionBudgets, spreading, rollout, selectors, API versions, labels, Job cleanup). Internal.
 */
final class AvailabilityRules {

    private static final Set<String> DEPRECATED_APIS = Set.of("extensions/v1beta1", "apps/v1beta1", "apps/v1beta2",
            "policy/v1beta1", "autoscaling/v2beta1", "autoscaling/v2beta2", "networking.k8s.io/v1beta1",
            "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1", "batch/v1beta1",
            "security.istio.io/v1beta1", "networking.istio.io/v1beta1", "networking.istio.io/v1alpha3");

    private AvailabilityRules() {
    }

    /** SEC-AVL-010 on any object. */
    static void checkApiVersion(HasMetadata o, Findings out) {
        String apiVersion = o.getApiVersion();
        if (apiVersion != null && DEPRECATED_APIS.contains(apiVersion)) {
            out.add(SecurityRule.AVL_010, o, "apiVersion", "uses the deprecated API version " + apiVersion,
                    "use the stable version (apps/v1, policy/v1, autoscaling/v2, networking.k8s.io/v1, Istio v1)");
        }
    }

    /** SEC-AVL-003 and 004 on every PodDisruptionBudget. */
    static void checkPdbs(PolicyIndex index, Findings out) {
        for (PodDisruptionBudget pdb : index.pdbs()) {
            checkPdb(pdb, index.selectedBy(pdb), index, out);
        }
    }

    /** Checks the workload {@code w} (its pod spec not null) of an environment of stage {@code stage}. */
    static void checkWorkload(Workload w, PolicyIndex index, Stage stage, Findings out) {
        HasMetadata o = w.object();
        PodSpec spec = w.spec();
        String p = w.prefix();
        if (o instanceof Deployment || o instanceof StatefulSet) {
            Integer replicas = o instanceof Deployment d ? d.getSpec().getReplicas() : ((StatefulSet) o).getSpec().getReplicas();
            HorizontalPodAutoscaler hpa = index.autoscalerOf(o);
            int least = hpa != null && hpa.getSpec().getMinReplicas() != null ? hpa.getSpec().getMinReplicas()
                    : hpa != null ? 1 : replicas == null ? 1 : replicas;
            if (stage == Stage.PRODUCTION && least < 2) {
                out.add(SecurityRule.AVL_001, o, hpa != null ? "HorizontalPodAutoscaler.spec.minReplicas" : "spec.replicas",
                        "runs " + least + " replica in production, so one node failure takes it down", replicasFix(o, hpa != null));
            }
            if (least >= 2 && !index.disrupted(w)) {
                out.add(SecurityRule.AVL_002, o, "metadata.name", "has " + least + " replicas but no PodDisruptionBudget",
                        "add a PodDisruptionBudget with maxUnavailable: 1 (the autoscaling module emits one)");
            }
            boolean spread = list(spec.getTopologySpreadConstraints()).stream()
                    .anyMatch(t -> "kubernetes.io/hostname".equals(t.getTopologyKey()))
                    || (spec.getAffinity() != null && spec.getAffinity().getPodAntiAffinity() != null);
            if (least >= 2 && !spread) {
                out.add(SecurityRule.AVL_006, o, p + ".topologySpreadConstraints", "does not spread its pods over nodes",
                        "keep Spread.DEFAULT (over nodes and zones)");
            }
            LabelSelector selector = o instanceof Deployment d ? d.getSpec().getSelector() : ((StatefulSet) o).getSpec().getSelector();
            if (selector != null && selector.getMatchLabels() != null) {
                selector.getMatchLabels().forEach((k, v) -> {
                    if (!v.equals(w.podLabels().get(k))) {
                        out.add(SecurityRule.AVL_008, o, "spec.selector.matchLabels[" + k + "]",
                                "selects " + k + "=" + v + ", which the pod template's labels do not carry",
                                "keep the selector's labels on the pod template");
                    }
                });
            }
        }
        Map<String, String> objectLabels = labels(o.getMetadata());
        String instance = objectLabels.get("app.kubernetes.io/instance");
        if (!objectLabels.containsKey("app.kubernetes.io/name")) {
            out.add(SecurityRule.AVL_011, o, "metadata.labels", "has no app.kubernetes.io/name label",
                    "label it with the recommended app.kubernetes.io/* labels (Keelson's own objects carry them)");
        } else if (instance != null && !instance.equals(o.getMetadata().getName())) {
            out.add(SecurityRule.AVL_011, o, "metadata.labels[app.kubernetes.io/instance]",
                    "is labelled instance '" + instance + "' but named '" + o.getMetadata().getName() + "'",
                    "set app.kubernetes.io/instance to the object's name");
        }
        if (o instanceof Job j && j.getSpec().getTtlSecondsAfterFinished() == null) {
            out.add(SecurityRule.AVL_012, o, "spec.ttlSecondsAfterFinished", "is never cleaned up after it finishes",
                    "set ttlSecondsAfterFinished, e.g. 86400");
        }
        if (o instanceof CronJob c && c.getSpec().getStartingDeadlineSeconds() == null) {
            out.add(SecurityRule.AVL_012, o, "spec.startingDeadlineSeconds", "has no starting deadline, so missed runs pile up",
                    "set startingDeadlineSeconds, e.g. 300");
        }
        if (o instanceof Deployment d && d.getSpec().getStrategy() != null && "Recreate".equals(d.getSpec().getStrategy().getType())) {
            out.add(SecurityRule.AVL_007, o, "spec.strategy.type", "replaces all pods at once (Recreate)",
                    "use RollingUpdate (the default)");
        }
    }

    /**
     * The setting that raises a workload's replicas: a tier's, an autoscaler's minimum, or, for the
     * second version of a traffic split ({@code <tier>-<version>}, pod label {@code version}), the
     * split's own replica count, which {@code Tier.replicas} does not change.
     */
    private static String replicasFix(HasMetadata o, boolean autoscaled) {
        Map<String, String> labels = labels(o.getMetadata());
        String tier = labels.get("keelson.dev/tier");
        String name = o.getMetadata().getName();
        if (tier != null && name.startsWith(tier + "-") && !autoscaled) {
            String version = name.substring(tier.length() + 1);
            String split = switch (version) {
                case "canary" -> "Canary.of(...).replicas(2)";
                case "green" -> "BlueGreen.green(...).replicas(2)";
                default -> "the traffic split's replicas(2), e.g. AbTest.header(...).replicas(2)";
            };
            return "run at least 2 replicas of version '" + version + "' of tier '" + tier + "': " + split
                    + " (Tier.replicas(...) sets the stable version only)";
        }
        if (autoscaled) {
            return "raise the autoscaler's minimum to 2 (e.g. ScalingProfile...replicas(2, max))";
        }
        return "run at least 2 replicas: Tier.replicas(2) (or TierOverride.replicas(2) for this environment)";
    }

    private static void checkPdb(PodDisruptionBudget pdb, List<Workload> selected, PolicyIndex index, Findings out) {
        var spec = pdb.getSpec();
        if (spec == null) {
            return;
        }
        IntOrString max = spec.getMaxUnavailable();
        IntOrString min = spec.getMinAvailable();
        if ((max == null) == (min == null)) {
            out.add(SecurityRule.AVL_003, pdb, "spec", "sets " + (max == null ? "neither" : "both") + " minAvailable and maxUnavailable",
                    "set exactly one: maxUnavailable: 1");
        } else if (max != null && (Integer.valueOf(0).equals(max.getIntVal()) || "0%".equals(max.getStrVal()))) {
            out.add(SecurityRule.AVL_003, pdb, "spec.maxUnavailable", "allows no disruption, so node drains block forever",
                    "set maxUnavailable: 1");
        } else if (min != null) {
            int least = Integer.MAX_VALUE;
            for (Workload w : selected) {
                least = Math.min(least, replicasOf(w, index));
            }
            boolean blocks = "100%".equals(min.getStrVal())
                    || (min.getIntVal() != null && least != Integer.MAX_VALUE && min.getIntVal() >= least);
            if (blocks) {
                out.add(SecurityRule.AVL_003, pdb, "spec.minAvailable", "requires " + (min.getStrVal() != null ? min.getStrVal() : min.getIntVal())
                        + " available pods, so no pod may ever be evicted", "set maxUnavailable: 1 instead");
            }
        }
        if (!"AlwaysAllow".equals(spec.getUnhealthyPodEvictionPolicy())) {
            out.add(SecurityRule.AVL_004, pdb, "spec.unhealthyPodEvictionPolicy", "keeps unhealthy pods from being evicted",
                    "set unhealthyPodEvictionPolicy: AlwaysAllow");
        }
    }

    private static int replicasOf(Workload w, PolicyIndex index) {
        HasMetadata o = w.object();
        HorizontalPodAutoscaler hpa = index.autoscalerOf(o);
        if (hpa != null && hpa.getSpec().getMinReplicas() != null) {
            return hpa.getSpec().getMinReplicas();
        }
        Integer r = o instanceof Deployment d ? d.getSpec().getReplicas() : o instanceof StatefulSet s ? s.getSpec().getReplicas() : null;
        return r == null ? 1 : r;
    }
}

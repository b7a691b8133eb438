package dev.keelson.core.internal;

import dev.keelson.core.KubernetesVersion;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Problem;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PodTemplates;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;

/**
 * Rules KEE-VER-*: fields and APIs in the final objects (customizations and raw objects included)
 * that the platform's target Kubernetes version does not serve, or serves only behind a feature
 * gate that is off by default. Each rule names the first minor release where the field works on a
 * default cluster (beta on by default, or GA). Internal.
 */
public final class TargetVersionCheck {

    /** One version-gated field: the rule id, what it is, and the first release where it works by default. */
    public record Rule(String id, String what, KubernetesVersion since, String fix) {
    }

    public static final Rule CONTAINER_RESOURCE = new Rule("KEE-VER-001",
            "an HPA metric of type ContainerResource", new KubernetesVersion(27),
            "use a Resource metric (pod-wide) instead, or target Kubernetes 1.27 or later");
    public static final Rule NATIVE_SIDECAR = new Rule("KEE-VER-002",
            "a native sidecar (an init container with restartPolicy: Always)", new KubernetesVersion(29),
            "run the sidecar as a regular container, or target Kubernetes 1.29 or later");
    public static final Rule TRAFFIC_DISTRIBUTION = new Rule("KEE-VER-003",
            "Service spec.trafficDistribution", new KubernetesVersion(31),
            "remove trafficDistribution (topology-aware routing annotations work before 1.31), or target Kubernetes 1.31 or later");
    public static final Rule UNHEALTHY_POD_EVICTION = new Rule("KEE-VER-004",
            "PodDisruptionBudget spec.unhealthyPodEvictionPolicy", new KubernetesVersion(27),
            "remove unhealthyPodEvictionPolicy, or target Kubernetes 1.27 or later");
    public static final Rule MATCH_LABEL_KEYS = new Rule("KEE-VER-005",
            "topologySpreadConstraints[].matchLabelKeys", new KubernetesVersion(27),
            "remove matchLabelKeys, or target Kubernetes 1.27 or later");
    public static final Rule SLEEP_ACTION = new Rule("KEE-VER-006",
            "a lifecycle sleep action (preStop/postStart sleep)", new KubernetesVersion(30),
            "use an exec preStop hook instead, or target Kubernetes 1.30 or later");
    public static final Rule JOB_POD_REPLACEMENT = new Rule("KEE-VER-007",
            "Job spec.podReplacementPolicy or spec.backoffLimitPerIndex", new KubernetesVersion(29),
            "remove them, or target Kubernetes 1.29 or later");
    public static final Rule JOB_SUCCESS_POLICY = new Rule("KEE-VER-008",
            "Job spec.successPolicy", new KubernetesVersion(31),
            "remove successPolicy, or target Kubernetes 1.31 or later");
    public static final Rule APP_ARMOR_FIELD = new Rule("KEE-VER-009",
            "securityContext.appArmorProfile (the field; before it, an annotation)", new KubernetesVersion(30),
            "use the container.apparmor.security.beta.kubernetes.io annotation, or target Kubernetes 1.30 or later");
    public static final Rule ADMISSION_POLICY_V1 = new Rule("KEE-VER-010",
            "admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy and its binding", new KubernetesVersion(30),
            "use admissionregistration.k8s.io/v1beta1 on 1.28 and 1.29 (with the feature gate and API enabled), or target Kubernetes 1.30 or later");

    public static final Rule CLAIM_RETENTION = new Rule("KEE-VER-011",
            "StatefulSet spec.persistentVolumeClaimRetentionPolicy", new KubernetesVersion(27),
            "drop Stateful...claimRetention(...) (claims are then retained), or target Kubernetes 1.27 or later");

    /** Every rule, in id order (the docs list them from here). */
    public static final List<Rule> RULES = List.of(CONTAINER_RESOURCE, NATIVE_SIDECAR, TRAFFIC_DISTRIBUTION,
            UNHEALTHY_POD_EVICTION, MATCH_LABEL_KEYS, SLEEP_ACTION, JOB_POD_REPLACEMENT, JOB_SUCCESS_POLICY,
            APP_ARMOR_FIELD, ADMISSION_POLICY_V1, CLAIM_RETENTION);

    private TargetVersionCheck() {
    }

    /** Reports, as errors, every version-gated field in {@code objects} that {@code target} does not serve. */
    public static void check(FeatureContext synthesis, KubernetesVersion target, List<HasMetadata> objects) {
        for (HasMetadata o : objects) {
            new Visit(synthesis, target, o).run();
        }
    }

    private record Visit(FeatureContext synthesis, KubernetesVersion target, HasMetadata object) {

        void run() {
            if (object instanceof HorizontalPodAutoscaler hpa && hpa.getSpec() != null && hpa.getSpec().getMetrics() != null) {
                for (MetricSpec m : hpa.getSpec().getMetrics()) {
                    if ("ContainerResource".equals(m.getType()) || m.getContainerResource() != null) {
                        report(CONTAINER_RESOURCE);
                    }
                }
            } else if (object instanceof Service s && s.getSpec() != null && s.getSpec().getTrafficDistribution() != null) {
                report(TRAFFIC_DISTRIBUTION);
            } else if (object instanceof PodDisruptionBudget pdb && pdb.getSpec() != null
                    && pdb.getSpec().getUnhealthyPodEvictionPolicy() != null) {
                report(UNHEALTHY_POD_EVICTION);
            } else if (object instanceof StatefulSet set && set.getSpec() != null
                    && set.getSpec().getPersistentVolumeClaimRetentionPolicy() != null) {
                report(CLAIM_RETENTION);
            } else if ("admissionregistration.k8s.io/v1".equals(object.getApiVersion())
                    && object.getKind() != null && object.getKind().startsWith("ValidatingAdmissionPolicy")) {
                report(ADMISSION_POLICY_V1);
            }
            JobSpec job = object instanceof Job j ? j.getSpec()
                    : object instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null
                    ? c.getSpec().getJobTemplate().getSpec() : null;
            if (job != null) {
                job(job);
            }
            if (object instanceof Pod p) {
                pod(p.getSpec());
            } else {
                pod(PodTemplates.of(object).map(PodTemplateSpec::getSpec).orElse(null));
            }
        }

        private void job(JobSpec spec) {
            if (spec.getPodReplacementPolicy() != null || spec.getBackoffLimitPerIndex() != null) {
                report(JOB_POD_REPLACEMENT);
            }
            if (spec.getSuccessPolicy() != null) {
                report(JOB_SUCCESS_POLICY);
            }
        }

        private void pod(PodSpec spec) {
            if (spec == null) {
                return;
            }
            if (spec.getInitContainers() != null) {
                for (Container c : spec.getInitContainers()) {
                    if ("Always".equals(c.getRestartPolicy())) {
                        report(NATIVE_SIDECAR);
                    }
                }
            }
            if (spec.getTopologySpreadConstraints() != null) {
                for (TopologySpreadConstraint t : spec.getTopologySpreadConstraints()) {
                    if (t.getMatchLabelKeys() != null && !t.getMatchLabelKeys().isEmpty()) {
                        report(MATCH_LABEL_KEYS);
                    }
                }
            }
            if (spec.getSecurityContext() != null && spec.getSecurityContext().getAppArmorProfile() != null) {
                report(APP_ARMOR_FIELD);
            }
            for (List<Container> list : java.util.Arrays.asList(spec.getContainers(), spec.getInitContainers())) {
                if (list == null) {
                    continue;
                }
                for (Container c : list) {
                    if (c.getSecurityContext() != null && c.getSecurityContext().getAppArmorProfile() != null) {
                        report(APP_ARMOR_FIELD);
                    }
                    Lifecycle l = c.getLifecycle();
                    if (l != null && (sleeps(l.getPreStop()) || sleeps(l.getPostStart()))) {
                        report(SLEEP_ACTION);
                    }
                }
            }
        }

        private static boolean sleeps(LifecycleHandler handler) {
            return handler != null && handler.getSleep() != null;
        }

        private void report(Rule rule) {
            if (target.atLeast(rule.since())) {
                return;
            }
            synthesis.report(new Problem(path(), object.getKind() + " " + object.getMetadata().getName() + " uses "
                    + rule.what() + ", which Kubernetes " + target + " (the platform's target) does not serve; it works from "
                    + rule.since() + " on", rule.fix(), Problem.Severity.ERROR, rule.id()));
        }

        private ModelPath path() {
            Map<String, String> labels = object.getMetadata().getLabels();
            String tier = labels == null ? null : labels.get(Labels.TIER);
            ModelPath platform = ModelPath.root(synthesis.platform().name());
            // a raw object may lack its kind or name (KEE-RAW-001 reports it): the path then shows "null", as the message does
            return tier != null ? platform.tier(tier)
                    : platform.child("objects", String.valueOf(object.getKind())).key(String.valueOf(object.getMetadata().getName()));
        }
    }
}

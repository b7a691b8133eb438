package dev.keelson.security.internal;

import dev.keelson.core.spi.PodTemplates;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the rule families of the policy check look up, built in one pass over the final objects of
 * one environment: the pod templates of the workloads (by label too), the ServiceAccounts and those
 * bound to a role, autoscalers by target, Services, Ingresses, NetworkPolicies and
 * PodDisruptionBudgets with the pods each selects, and whether the namespace has a ResourceQuota and
 * a LimitRange. Also the null-safe readers the families share. Holds no rules. Internal.
 */
final class PolicyIndex {

    /** A pod template and where it is. */
    record Workload(HasMetadata object, PodSpec spec, Map<String, String> podLabels,
                    Map<String, String> podAnnotations, String prefix, boolean longRunning) {

        /** The pod's security context, empty if it sets none. */
        PodSecurityContext securityContext() {
            return spec.getSecurityContext() != null ? spec.getSecurityContext() : new PodSecurityContext();
        }
    }

    private final List<Workload> workloads = new ArrayList<>();
    private final Map<String, ServiceAccount> serviceAccounts = new HashMap<>();
    private final Set<String> boundAccounts = new HashSet<>();
    private final Map<String, HorizontalPodAutoscaler> hpas = new HashMap<>();
    private final Set<String> serviceNames = new HashSet<>();
    private final List<Service> services = new ArrayList<>();
    private final List<Ingress> ingresses = new ArrayList<>();
    private final Map<String, io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway> gateways = new HashMap<>();
    private final List<io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute> httpRoutes = new ArrayList<>();
    private final List<NetworkPolicy> policies = new ArrayList<>();
    private final List<PodDisruptionBudget> pdbs = new ArrayList<>();
    private boolean quota;
    private boolean limitRange;
    private final Map<String, List<Workload>> byLabel = new HashMap<>();
    private final Map<HasMetadata, List<Workload>> selected = new IdentityHashMap<>();
    private final Set<Workload> isolated = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Workload> disrupted = Collections.newSetFromMap(new IdentityHashMap<>());

    PolicyIndex(List<HasMetadata> objects) {
        for (HasMetadata o : objects) {
            Workload w = workload(o);
            if (w != null) {
                workloads.add(w);
            } else if (o instanceof ServiceAccount sa) {
                serviceAccounts.put(sa.getMetadata().getName(), sa);
            } else if (o instanceof RoleBinding rb) {
                bound(rb.getSubjects());
            } else if (o instanceof ClusterRoleBinding crb) {
                bound(crb.getSubjects());
            } else if (o instanceof HorizontalPodAutoscaler h && h.getSpec() != null && h.getSpec().getScaleTargetRef() != null) {
                hpas.put(h.getSpec().getScaleTargetRef().getKind() + "/" + h.getSpec().getScaleTargetRef().getName(), h);
            } else if (o instanceof Service s) {
                serviceNames.add(s.getMetadata().getName());
                services.add(s);
            } else if (o instanceof Ingress i) {
                ingresses.add(i);
            } else if ("Gateway".equals(o.getKind()) && o instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway g) {
                gateways.put(g.getMetadata().getName(), g);
            } else if ("HTTPRoute".equals(o.getKind()) && o instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute r) {
                httpRoutes.add(r);
            } else if (o instanceof NetworkPolicy np) {
                policies.add(np);
            } else if (o instanceof PodDisruptionBudget pdb) {
                pdbs.add(pdb);
            } else if (o instanceof ResourceQuota) {
                quota = true;
            } else if (o instanceof LimitRange) {
                limitRange = true;
            }
        }
        for (Workload w : workloads) {
            w.podLabels().forEach((k, v) -> byLabel.computeIfAbsent(k + "=" + v, x -> new ArrayList<>()).add(w));
        }
        for (NetworkPolicy np : policies) {
            List<Workload> pods = select(np.getSpec() == null ? null : np.getSpec().getPodSelector(),
                    np.getMetadata().getNamespace());
            selected.put(np, pods);
            List<String> types = np.getSpec() == null ? List.of() : list(np.getSpec().getPolicyTypes());
            if (types.contains("Ingress") && types.contains("Egress")) {
                isolated.addAll(pods);
            }
        }
        for (PodDisruptionBudget pdb : pdbs) {
            List<Workload> pods = select(pdb.getSpec() == null ? null : pdb.getSpec().getSelector(),
                    pdb.getMetadata().getNamespace());
            selected.put(pdb, pods);
            disrupted.addAll(pods);
        }
    }

    /** The pod template of {@code o} and where it is, or {@code null} if {@code o} has none. */
    private static Workload workload(HasMetadata o) {
        if (o instanceof Pod p) {
            return new Workload(o, p.getSpec(), labels(p.getMetadata()), annotations(p.getMetadata()), "spec", true);
        }
        PodTemplateSpec t = PodTemplates.of(o).orElse(null);
        if (t == null) {
            return null;
        }
        String prefix = o instanceof CronJob ? "spec.jobTemplate.spec.template.spec" : "spec.template.spec";
        boolean longRunning = !(o instanceof Job || o instanceof CronJob);
        return new Workload(o, t.getSpec(), labels(t.getMetadata()), annotations(t.getMetadata()), prefix, longRunning);
    }

    private void bound(List<Subject> subjects) {
        for (Subject s : list(subjects)) {
            if ("ServiceAccount".equals(s.getKind())) {
                boundAccounts.add(s.getName());
            }
        }
    }

    /** The workloads, in the order of the objects. */
    List<Workload> workloads() {
        return workloads;
    }

    /** The ServiceAccount named {@code name}, or {@code null}. */
    ServiceAccount serviceAccount(String name) {
        return serviceAccounts.get(name);
    }

    /** Whether a RoleBinding or ClusterRoleBinding names the ServiceAccount {@code name}. */
    boolean bound(String name) {
        return boundAccounts.contains(name);
    }

    /** The autoscaler that scales {@code o}, or {@code null}. */
    HorizontalPodAutoscaler autoscalerOf(HasMetadata o) {
        return hpas.get(o.getKind() + "/" + o.getMetadata().getName());
    }

    /** Whether a Service named {@code name} exists. */
    boolean hasService(String name) {
        return serviceNames.contains(name);
    }

    /** The Services, in the order of the objects. */
    List<Service> services() {
        return services;
    }

    /** The Gateway API Gateways of the namespace, by name. */
    Map<String, io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway> gateways() {
        return gateways;
    }

    /** The HTTPRoutes, in the order of the objects. */
    List<io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute> httpRoutes() {
        return httpRoutes;
    }

    /** The Ingresses, in the order of the objects. */
    List<Ingress> ingresses() {
        return ingresses;
    }

    /** The NetworkPolicies, in the order of the objects. */
    List<NetworkPolicy> policies() {
        return policies;
    }

    /** The PodDisruptionBudgets, in the order of the objects. */
    List<PodDisruptionBudget> pdbs() {
        return pdbs;
    }

    /** Whether the objects include a ResourceQuota. */
    boolean hasQuota() {
        return quota;
    }

    /** Whether the objects include a LimitRange. */
    boolean hasLimitRange() {
        return limitRange;
    }

    /** The workloads a NetworkPolicy or PodDisruptionBudget of the objects selects. */
    List<Workload> selectedBy(HasMetadata policyOrBudget) {
        return selected.get(policyOrBudget);
    }

    /** Whether a NetworkPolicy selects {@code w}'s pods for both Ingress and Egress. */
    boolean isolated(Workload w) {
        return isolated.contains(w);
    }

    /** Whether a PodDisruptionBudget selects {@code w}'s pods. */
    boolean disrupted(Workload w) {
        return disrupted.contains(w);
    }

    /** The workloads of namespace {@code namespace} whose pods {@code selector} selects. */
    List<Workload> select(LabelSelector selector, String namespace) {
        List<Workload> candidates;
        Map<String, String> match = selector == null || selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        if (match.isEmpty()) {
            candidates = workloads;
        } else {
            var first = match.entrySet().iterator().next();
            candidates = byLabel.getOrDefault(first.getKey() + "=" + first.getValue(), List.of());
        }
        List<Workload> found = new ArrayList<>();
        for (Workload w : candidates) {
            if (Objects.equals(namespace, w.object().getMetadata().getNamespace()) && matches(selector, w.podLabels())) {
                found.add(w);
            }
        }
        return found;
    }

    /** Whether {@code selector} selects {@code labels} ({@code null} selects everything). */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null) {
            for (var e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        for (LabelSelectorRequirement r : list(selector.getMatchExpressions())) {
            String v = labels.get(r.getKey());
            boolean ok = switch (r.getOperator()) {
                case "In" -> v != null && list(r.getValues()).contains(v);
                case "NotIn" -> v == null || !list(r.getValues()).contains(v);
                case "Exists" -> v != null;
                case "DoesNotExist" -> v == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code selector} requires nothing, so it selects every pod of the namespace. */
    static boolean selectsAll(LabelSelector selector) {
        return selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
    }

    static Map<String, String> labels(ObjectMeta meta) {
        return meta == null || meta.getLabels() == null ? Map.of() : meta.getLabels();
    }

    static Map<String, String> annotations(ObjectMeta meta) {
        return meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    }

    static boolean isTrue(Boolean b) {
        return Boolean.TRUE.equals(b);
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}

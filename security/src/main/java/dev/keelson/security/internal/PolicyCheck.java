package dev.keelson.security.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.core.Image;
import dev.keelson.core.Stage;
import dev.keelson.core.Synthesis;
import dev.keelson.security.PodSecurityLevel;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The policy check: runs every {@link Rule} over the final objects of one environment (after every
 * feature and customization) in one pass, and returns what it finds. Internal.
 */
public final class PolicyCheck {

    /**
     * One finding.
     *
     * @param rule the rule
     * @param object the object it is about
     * @param field the field path inside the object, e.g. {@code spec.template.spec.containers[web].securityContext.privileged}
     * @param message what is wrong
     * @param fix how to fix it
     */
    public record Finding(Rule rule, HasMetadata object, String field, String message, String fix) {
    }

    /** Jackson, loaded only for ephemeral containers (rare in generated objects). */
    private static final class Jackson {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Volume's properties as its JSON names, read once: which volume sources a volume sets. */
    private static final List<Map.Entry<String, Field>> VOLUME_PROPERTIES = volumeProperties();
    private static final Set<String> BASELINE_CAPS = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID",
            "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
    private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");
    private static final Set<String> SELINUX_TYPES = Set.of("container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");
    private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "image", "persistentVolumeClaim", "projected", "secret");
    private static final Set<String> DEPRECATED_APIS = Set.of("extensions/v1beta1", "apps/v1beta1", "apps/v1beta2",
            "policy/v1beta1", "autoscaling/v2beta1", "autoscaling/v2beta2", "networking.k8s.io/v1beta1",
            "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1", "batch/v1beta1",
            "security.istio.io/v1beta1", "networking.istio.io/v1beta1", "networking.istio.io/v1alpha3");
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential).*");
    private static final String PSA = "pod-security.kubernetes.io/";

    private final Synthesis ctx;
    private final PodSecurityLevel level;
    private final List<Finding> findings = new ArrayList<>();
    private final List<Workload> workloads = new ArrayList<>();
    private final Map<String, ServiceAccount> serviceAccounts = new HashMap<>();
    private final Set<String> boundAccounts = new HashSet<>();
    private final Map<String, HorizontalPodAutoscaler> hpas = new HashMap<>();
    private final Set<String> services = new HashSet<>();

    /** A pod template and where it is. */
    private record Workload(HasMetadata object, PodSpec spec, Map<String, String> podLabels,
                            Map<String, String> podAnnotations, String prefix, boolean longRunning) {
    }

    private PolicyCheck(Synthesis ctx, PodSecurityLevel level) {
        this.ctx = ctx;
        this.level = level;
    }

    /** Every finding in the environment {@code ctx}, which runs at {@code level}. */
    public static List<Finding> run(Synthesis ctx, PodSecurityLevel level) {
        PolicyCheck check = new PolicyCheck(ctx, level);
        check.run();
        return check.findings;
    }

    private void find(Rule rule, HasMetadata object, String field, String message, String fix) {
        findings.add(new Finding(rule, object, field, message, fix));
    }

    private void run() {
        List<NetworkPolicy> policies = new ArrayList<>();
        List<PodDisruptionBudget> pdbs = new ArrayList<>();
        boolean quota = false;
        boolean limitRange = false;
        for (HasMetadata o : ctx.objects()) {
            String apiVersion = o.getApiVersion();
            if (apiVersion != null && DEPRECATED_APIS.contains(apiVersion)) {
                find(Rule.AVL_010, o, "apiVersion", "uses the deprecated API version " + apiVersion,
                        "use the stable version (apps/v1, policy/v1, autoscaling/v2, networking.k8s.io/v1, Istio v1)");
            }
            Workload w = workload(o);
            if (w != null) {
                workloads.add(w);
            } else if (o instanceof ServiceAccount sa) {
                serviceAccounts.put(sa.getMetadata().getName(), sa);
            } else if (o instanceof RoleBinding rb) {
                bound(rb.getSubjects());
                checkBinding(rb, rb.getRoleRef(), rb.getSubjects());
            } else if (o instanceof ClusterRoleBinding crb) {
                bound(crb.getSubjects());
                checkBinding(crb, crb.getRoleRef(), crb.getSubjects());
                find(Rule.RBAC_008, crb, "kind", "is a cluster-wide binding",
                        "bind a namespaced Role with a RoleBinding, e.g. KubernetesApi.access(...)");
            } else if (o instanceof Role r) {
                checkRules(r, r.getRules());
            } else if (o instanceof ClusterRole cr) {
                checkRules(cr, cr.getRules());
                find(Rule.RBAC_008, cr, "kind", "is a cluster-wide role",
                        "use a namespaced Role, e.g. KubernetesApi.access(...)");
            } else if (o instanceof HorizontalPodAutoscaler h && h.getSpec() != null && h.getSpec().getScaleTargetRef() != null) {
                hpas.put(h.getSpec().getScaleTargetRef().getKind() + "/" + h.getSpec().getScaleTargetRef().getName(), h);
            } else if (o instanceof Service s) {
                services.add(s.getMetadata().getName());
                checkService(s);
            } else if (o instanceof NetworkPolicy np) {
                policies.add(np);
            } else if (o instanceof PodDisruptionBudget pdb) {
                pdbs.add(pdb);
            } else if (o instanceof ConfigMap cm) {
                checkConfigMap(cm);
            } else if (o instanceof ResourceQuota) {
                quota = true;
            } else if (o instanceof LimitRange) {
                limitRange = true;
            }
        }
        Namespace ns = ctx.namespace();
        checkNamespace(ns, quota, limitRange);
        checkNetwork(ns, policies);
        checkFlows(ns);
        for (HasMetadata o : ctx.objects()) {
            if (o instanceof Ingress i) {
                checkIngress(i);
            }
        }
        Map<String, List<Workload>> index = index();
        Set<Workload> isolated = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (NetworkPolicy np : policies) {
            List<String> types = np.getSpec() == null || np.getSpec().getPolicyTypes() == null ? List.of()
                    : np.getSpec().getPolicyTypes();
            List<Workload> selected = select(index, np.getSpec() == null ? null : np.getSpec().getPodSelector(),
                    np.getMetadata().getNamespace());
            if (types.contains("Ingress") && types.contains("Egress")) {
                isolated.addAll(selected);
            }
            LabelSelector sel = np.getSpec() == null ? null : np.getSpec().getPodSelector();
            boolean selectsAll = sel == null || ((sel.getMatchLabels() == null || sel.getMatchLabels().isEmpty())
                    && (sel.getMatchExpressions() == null || sel.getMatchExpressions().isEmpty()));
            if (selected.isEmpty() && !selectsAll) {
                find(Rule.NET_004, np, "spec.podSelector", "selects no pod of the namespace",
                        "select the labels of a workload, or remove the policy");
            }
        }
        for (HasMetadata o : ctx.objects()) {
            if (o instanceof Service s && s.getSpec() != null && s.getSpec().getSelector() != null
                    && !s.getSpec().getSelector().isEmpty()) {
                checkServiceTargets(s, index);
            }
        }
        Set<Workload> disrupted = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (PodDisruptionBudget pdb : pdbs) {
            List<Workload> selected = select(index, pdb.getSpec() == null ? null : pdb.getSpec().getSelector(),
                    pdb.getMetadata().getNamespace());
            disrupted.addAll(selected);
            checkPdb(pdb, selected);
        }
        for (Workload w : workloads) {
            checkWorkload(w, isolated.contains(w), disrupted.contains(w));
        }
    }

    // ---- workloads -------------------------------------------------------------------------

    /**
     * The setting that raises a workload's replicas: a tier's, an autoscaler's minimum, or, for the
     * second version of a traffic split ({@code <tier>-<version>}, pod label {@code version}), the
     * split's own replica count, which {@code Tier.replicas} does not change.
     */
    private static String replicasFix(HasMetadata o, boolean autoscaled) {
        Map<String, String> labels = o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels();
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

    private static Workload workload(HasMetadata o) {
        if (o instanceof Deployment d && d.getSpec() != null && d.getSpec().getTemplate() != null) {
            return new Workload(o, d.getSpec().getTemplate().getSpec(), labels(d.getSpec().getTemplate().getMetadata()),
                    annotations(d.getSpec().getTemplate().getMetadata()), "spec.template.spec", true);
        }
        if (o instanceof StatefulSet s && s.getSpec() != null && s.getSpec().getTemplate() != null) {
            return new Workload(o, s.getSpec().getTemplate().getSpec(), labels(s.getSpec().getTemplate().getMetadata()),
                    annotations(s.getSpec().getTemplate().getMetadata()), "spec.template.spec", true);
        }
        if (o instanceof DaemonSet s && s.getSpec() != null && s.getSpec().getTemplate() != null) {
            return new Workload(o, s.getSpec().getTemplate().getSpec(), labels(s.getSpec().getTemplate().getMetadata()),
                    annotations(s.getSpec().getTemplate().getMetadata()), "spec.template.spec", true);
        }
        if (o instanceof ReplicaSet s && s.getSpec() != null && s.getSpec().getTemplate() != null) {
            return new Workload(o, s.getSpec().getTemplate().getSpec(), labels(s.getSpec().getTemplate().getMetadata()),
                    annotations(s.getSpec().getTemplate().getMetadata()), "spec.template.spec", true);
        }
        if (o instanceof Job j && j.getSpec() != null && j.getSpec().getTemplate() != null) {
            return new Workload(o, j.getSpec().getTemplate().getSpec(), labels(j.getSpec().getTemplate().getMetadata()),
                    annotations(j.getSpec().getTemplate().getMetadata()), "spec.template.spec", false);
        }
        if (o instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null
                && c.getSpec().getJobTemplate().getSpec() != null && c.getSpec().getJobTemplate().getSpec().getTemplate() != null) {
            var t = c.getSpec().getJobTemplate().getSpec().getTemplate();
            return new Workload(o, t.getSpec(), labels(t.getMetadata()), annotations(t.getMetadata()),
                    "spec.jobTemplate.spec.template.spec", false);
        }
        if (o instanceof Pod p) {
            return new Workload(o, p.getSpec(), labels(p.getMetadata()), annotations(p.getMetadata()), "spec", true);
        }
        return null;
    }

    private static Map<String, String> labels(io.fabric8.kubernetes.api.model.ObjectMeta meta) {
        return meta == null || meta.getLabels() == null ? Map.of() : meta.getLabels();
    }

    private static Map<String, String> annotations(io.fabric8.kubernetes.api.model.ObjectMeta meta) {
        return meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    }

    private void checkWorkload(Workload w, boolean isolated, boolean disrupted) {
        HasMetadata o = w.object();
        PodSpec spec = w.spec();
        if (spec == null) {
            return;
        }
        String p = w.prefix();
        PodSecurityContext psc = spec.getSecurityContext() != null ? spec.getSecurityContext() : new PodSecurityContext();
        boolean windows = spec.getOs() != null && "windows".equals(spec.getOs().getName());

        if (isTrue(spec.getHostNetwork()) || isTrue(spec.getHostPID()) || isTrue(spec.getHostIPC())) {
            String which = isTrue(spec.getHostNetwork()) ? "hostNetwork" : isTrue(spec.getHostPID()) ? "hostPID" : "hostIPC";
            find(Rule.PSS_001, o, p + "." + which, "shares the node's " + which.substring(4) + " namespace (" + which + ": true)",
                    "remove " + which + "; expose ports through a Service");
        }
        for (Volume v : list(spec.getVolumes())) {
            String vpath = p + ".volumes[" + v.getName() + "]";
            if (v.getHostPath() != null) {
                find(Rule.PSS_004, o, vpath + ".hostPath", "mounts the node's path " + v.getHostPath().getPath(),
                        "use an emptyDir, a PersistentVolumeClaim or a projected volume");
            }
            for (String key : volumeSources(v)) {
                if (!key.equals("name") && !RESTRICTED_VOLUMES.contains(key)) {
                    find(Rule.PSS_101, o, vpath + "." + key, "uses a '" + key + "' volume, which the restricted level forbids",
                            "use one of: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret");
                }
            }
        }
        if (psc.getAppArmorProfile() != null && "Unconfined".equals(psc.getAppArmorProfile().getType())) {
            find(Rule.PSS_006, o, p + ".securityContext.appArmorProfile.type", "runs without AppArmor (Unconfined)",
                    "use RuntimeDefault or Localhost, or leave it unset");
        }
        w.podAnnotations().forEach((k, v) -> {
            if (k.startsWith("container.apparmor.security.beta.kubernetes.io/") && !v.isEmpty()
                    && !v.equals("runtime/default") && !v.startsWith("localhost/")) {
                find(Rule.PSS_006, o, "metadata.annotations[" + k + "]", "sets AppArmor profile '" + v + "'",
                        "use runtime/default or localhost/<profile>");
            }
        });
        checkSeLinux(o, psc.getSeLinuxOptions(), p + ".securityContext.seLinuxOptions");
        if (psc.getSeccompProfile() != null && "Unconfined".equals(psc.getSeccompProfile().getType())) {
            find(Rule.PSS_009, o, p + ".securityContext.seccompProfile.type", "runs without seccomp (Unconfined)",
                    "use seccompProfile type RuntimeDefault");
        }
        Integer unprivilegedPortStart = null;
        for (Sysctl s : list(psc.getSysctls())) {
            if (!SAFE_SYSCTLS.contains(s.getName())) {
                find(Rule.PSS_010, o, p + ".securityContext.sysctls[" + s.getName() + "]",
                        "sets the unsafe sysctl " + s.getName(), "remove it; only namespaced, safe sysctls are allowed");
            }
            if ("net.ipv4.ip_unprivileged_port_start".equals(s.getName())) {
                try {
                    unprivilegedPortStart = Integer.parseInt(s.getValue());
                } catch (NumberFormatException e) {
                    unprivilegedPortStart = null;
                }
            }
        }
        if (psc.getWindowsOptions() != null && isTrue(psc.getWindowsOptions().getHostProcess())) {
            find(Rule.PSS_011, o, p + ".securityContext.windowsOptions.hostProcess", "runs as a Windows HostProcess",
                    "remove hostProcess");
        }
        if (psc.getRunAsUser() != null && psc.getRunAsUser() == 0) {
            find(Rule.PSS_104, o, p + ".securityContext.runAsUser", "runs as user 0 (root)", "run as a non-root user, e.g. 65532");
        }
        if (Long.valueOf(0).equals(psc.getRunAsGroup()) || Long.valueOf(0).equals(psc.getFsGroup())
                || list(psc.getSupplementalGroups()).contains(0L)) {
            find(Rule.POD_003, o, p + ".securityContext", "uses the root group 0 (runAsGroup, fsGroup or supplementalGroups)",
                    "use a non-zero group such as 65532");
        }
        if (!list(spec.getHostAliases()).isEmpty()) {
            find(Rule.POD_009, o, p + ".hostAliases", "overrides name resolution with hostAliases",
                    "use DNS, or a Dependency with its host");
        }
        String namespace = o.getMetadata().getNamespace();
        if ("default".equals(namespace)) {
            find(Rule.POD_010, o, "metadata.namespace", "runs in the default namespace",
                    "give the environment its own namespace");
        }
        String sa = spec.getServiceAccountName();
        if (spec.getServiceAccount() != null && !spec.getServiceAccount().isEmpty()) {
            find(Rule.POD_005, o, p + ".serviceAccount", "uses the deprecated field serviceAccount",
                    "use serviceAccountName");
        }
        if (sa == null || sa.isEmpty() || sa.equals("default")) {
            find(Rule.POD_005, o, p + ".serviceAccountName", "runs as the namespace's default ServiceAccount",
                    "give the workload its own ServiceAccount (tiers get one named after them)");
        }
        String account = sa == null || sa.isEmpty() ? "default" : sa;
        Boolean automount = spec.getAutomountServiceAccountToken();
        if (automount == null) {
            ServiceAccount acc = serviceAccounts.get(account);
            automount = acc == null || acc.getAutomountServiceAccountToken() == null || acc.getAutomountServiceAccountToken();
        }
        if (automount && !boundAccounts.contains(account)) {
            find(Rule.POD_004, o, p + ".automountServiceAccountToken",
                    "mounts a ServiceAccount token although no Role is bound to '" + account + "'",
                    "set automountServiceAccountToken: false, or declare the access with KubernetesApi.access(...)");
        }

        List<String> containerNames = new ArrayList<>();
        List<Container> all = new ArrayList<>(list(spec.getInitContainers()));
        all.addAll(list(spec.getContainers()));
        for (EphemeralContainer e : list(spec.getEphemeralContainers())) {
            all.add(Jackson.MAPPER.convertValue(e, Container.class));
        }
        int inits = list(spec.getInitContainers()).size();
        int mains = list(spec.getContainers()).size();
        for (int i = 0; i < all.size(); i++) {
            Container c = all.get(i);
            String kind = i < inits ? "initContainers" : i < inits + mains ? "containers" : "ephemeralContainers";
            containerNames.add(c.getName());
            checkContainer(w, psc, c, p + "." + kind + "[" + c.getName() + "]", windows, i >= inits && i < inits + mains,
                    unprivilegedPortStart);
        }

        if (o instanceof Deployment || o instanceof StatefulSet) {
            Integer replicas = o instanceof Deployment d ? d.getSpec().getReplicas() : ((StatefulSet) o).getSpec().getReplicas();
            HorizontalPodAutoscaler hpa = hpas.get(o.getKind() + "/" + o.getMetadata().getName());
            int least = hpa != null && hpa.getSpec().getMinReplicas() != null ? hpa.getSpec().getMinReplicas()
                    : hpa != null ? 1 : replicas == null ? 1 : replicas;
            if (ctx.environment().stage() == Stage.PRODUCTION && least < 2) {
                find(Rule.AVL_001, o, hpa != null ? "HorizontalPodAutoscaler.spec.minReplicas" : "spec.replicas",
                        "runs " + least + " replica in production, so one node failure takes it down", replicasFix(o, hpa != null));
            }
            if (least >= 2 && !disrupted) {
                find(Rule.AVL_002, o, "metadata.name", "has " + least + " replicas but no PodDisruptionBudget",
                        "add a PodDisruptionBudget with maxUnavailable: 1 (the autoscaling module emits one)");
            }
            boolean spread = list(spec.getTopologySpreadConstraints()).stream()
                    .anyMatch(t -> "kubernetes.io/hostname".equals(t.getTopologyKey()))
                    || (spec.getAffinity() != null && spec.getAffinity().getPodAntiAffinity() != null);
            if (least >= 2 && !spread) {
                find(Rule.AVL_006, o, p + ".topologySpreadConstraints", "does not spread its pods over nodes",
                        "keep Spread.DEFAULT (over nodes and zones)");
            }
            LabelSelector selector = o instanceof Deployment d ? d.getSpec().getSelector() : ((StatefulSet) o).getSpec().getSelector();
            if (selector != null && selector.getMatchLabels() != null) {
                selector.getMatchLabels().forEach((k, v) -> {
                    if (!v.equals(w.podLabels().get(k))) {
                        find(Rule.AVL_008, o, "spec.selector.matchLabels[" + k + "]",
                                "selects " + k + "=" + v + ", which the pod template's labels do not carry",
                                "keep the selector's labels on the pod template");
                    }
                });
            }
        }
        Map<String, String> objectLabels = labels(o.getMetadata());
        String instance = objectLabels.get("app.kubernetes.io/instance");
        if (!objectLabels.containsKey("app.kubernetes.io/name")) {
            find(Rule.AVL_011, o, "metadata.labels", "has no app.kubernetes.io/name label",
                    "label it with the recommended app.kubernetes.io/* labels (Keelson's own objects carry them)");
        } else if (instance != null && !instance.equals(o.getMetadata().getName())) {
            find(Rule.AVL_011, o, "metadata.labels[app.kubernetes.io/instance]",
                    "is labelled instance '" + instance + "' but named '" + o.getMetadata().getName() + "'",
                    "set app.kubernetes.io/instance to the object's name");
        }
        if (o instanceof Job j && j.getSpec().getTtlSecondsAfterFinished() == null) {
            find(Rule.AVL_012, o, "spec.ttlSecondsAfterFinished", "is never cleaned up after it finishes",
                    "set ttlSecondsAfterFinished, e.g. 86400");
        }
        if (o instanceof CronJob c && c.getSpec().getStartingDeadlineSeconds() == null) {
            find(Rule.AVL_012, o, "spec.startingDeadlineSeconds", "has no starting deadline, so missed runs pile up",
                    "set startingDeadlineSeconds, e.g. 300");
        }
        if (o instanceof Deployment d && d.getSpec().getStrategy() != null && "Recreate".equals(d.getSpec().getStrategy().getType())) {
            find(Rule.AVL_007, o, "spec.strategy.type", "replaces all pods at once (Recreate)",
                    "use RollingUpdate (the default)");
        }
        if (!isolated) {
            find(Rule.NET_001, o, "spec.template.metadata.labels",
                    "no NetworkPolicy selects its pods for both Ingress and Egress",
                    "keep the namespace's default-deny policy (SecurityBaseline renders it)");
        }
    }

    private void checkContainer(Workload w, PodSecurityContext psc, Container c, String cp, boolean windows,
                                boolean main, Integer unprivilegedPortStart) {
        HasMetadata o = w.object();
        String what = "container '" + c.getName() + "'";
        SecurityContext sc = c.getSecurityContext() != null ? c.getSecurityContext() : new SecurityContext();
        String scp = cp + ".securityContext";
        if (isTrue(sc.getPrivileged())) {
            find(Rule.PSS_002, o, scp + ".privileged", what + " is privileged (full access to the node)",
                    "remove privileged: true; add only the capability the container needs");
        }
        List<String> added = sc.getCapabilities() == null ? List.of() : list(sc.getCapabilities().getAdd());
        List<String> dropped = sc.getCapabilities() == null ? List.of() : list(sc.getCapabilities().getDrop());
        for (String cap : added) {
            if (!BASELINE_CAPS.contains(cap)) {
                find(Rule.PSS_003, o, scp + ".capabilities.add", what + " adds the capability " + cap,
                        "remove " + cap + "; the baseline level allows only " + String.join(", ", new java.util.TreeSet<>(BASELINE_CAPS)));
            } else if (!cap.equals("NET_BIND_SERVICE")) {
                find(Rule.PSS_105, o, scp + ".capabilities.add", what + " adds the capability " + cap,
                        "add at most NET_BIND_SERVICE under the restricted level");
            }
        }
        if (!dropped.contains("ALL") && !windows) {
            find(Rule.PSS_105, o, scp + ".capabilities.drop", what + " does not drop ALL capabilities",
                    "set capabilities.drop: [ALL]");
        }
        for (ContainerPort port : list(c.getPorts())) {
            if (port.getHostPort() != null && port.getHostPort() != 0) {
                find(Rule.PSS_005, o, cp + ".ports[" + port.getContainerPort() + "].hostPort",
                        what + " binds the node's port " + port.getHostPort(), "remove hostPort; use a Service");
            }
            Integer n = port.getContainerPort();
            if (n != null && n == 22) {
                find(Rule.POD_011, o, cp + ".ports[22]", what + " exposes SSH (port 22)", "remove SSH; use kubectl debug");
            }
            if (n != null && n < 1024 && (unprivilegedPortStart == null || unprivilegedPortStart > n)) {
                find(Rule.POD_013, o, cp + ".ports[" + n + "]", what + " listens on port " + n
                                + ", which a non-root process without capabilities cannot bind",
                        "listen on 1024 or above and keep the Service port, or set the pod sysctl net.ipv4.ip_unprivileged_port_start");
            }
        }
        if (sc.getAppArmorProfile() != null && "Unconfined".equals(sc.getAppArmorProfile().getType())) {
            find(Rule.PSS_006, o, scp + ".appArmorProfile.type", what + " runs without AppArmor (Unconfined)",
                    "use RuntimeDefault or Localhost, or leave it unset");
        }
        checkSeLinux(o, sc.getSeLinuxOptions(), scp + ".seLinuxOptions");
        if (sc.getProcMount() != null && !"Default".equals(sc.getProcMount())) {
            find(Rule.PSS_008, o, scp + ".procMount", what + " unmasks /proc (procMount: " + sc.getProcMount() + ")",
                    "remove procMount or set it to Default");
        }
        if (sc.getSeccompProfile() != null && "Unconfined".equals(sc.getSeccompProfile().getType())) {
            find(Rule.PSS_009, o, scp + ".seccompProfile.type", what + " runs without seccomp (Unconfined)",
                    "use seccompProfile type RuntimeDefault");
        }
        if (sc.getWindowsOptions() != null && isTrue(sc.getWindowsOptions().getHostProcess())) {
            find(Rule.PSS_011, o, scp + ".windowsOptions.hostProcess", what + " runs as a Windows HostProcess", "remove hostProcess");
        }
        checkHost(o, c.getLivenessProbe(), cp + ".livenessProbe", what);
        checkHost(o, c.getReadinessProbe(), cp + ".readinessProbe", what);
        checkHost(o, c.getStartupProbe(), cp + ".startupProbe", what);
        if (c.getLifecycle() != null) {
            checkHost(o, c.getLifecycle().getPostStart(), cp + ".lifecycle.postStart", what);
            checkHost(o, c.getLifecycle().getPreStop(), cp + ".lifecycle.preStop", what);
        }
        if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()) && !windows) {
            find(Rule.PSS_102, o, scp + ".allowPrivilegeEscalation", what + " may gain privileges (allowPrivilegeEscalation is not false)",
                    "set allowPrivilegeEscalation: false");
        }
        if (Boolean.FALSE.equals(sc.getRunAsNonRoot()) || (sc.getRunAsNonRoot() == null && !isTrue(psc.getRunAsNonRoot()))) {
            find(Rule.PSS_103, o, scp + ".runAsNonRoot", what + " may run as root (runAsNonRoot is not true)",
                    "set runAsNonRoot: true on the pod");
        }
        if (sc.getRunAsUser() != null && sc.getRunAsUser() == 0) {
            find(Rule.PSS_104, o, scp + ".runAsUser", what + " runs as user 0 (root)", "run as a non-root user, e.g. 65532");
        }
        if (Long.valueOf(0).equals(sc.getRunAsGroup())) {
            find(Rule.POD_003, o, scp + ".runAsGroup", what + " runs with group 0 (root)", "use a non-zero group such as 65532");
        }
        String podSeccomp = psc.getSeccompProfile() == null ? null : psc.getSeccompProfile().getType();
        String seccomp = sc.getSeccompProfile() == null ? podSeccomp : sc.getSeccompProfile().getType();
        if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
            find(Rule.PSS_106, o, scp + ".seccompProfile", what + " has no seccomp profile",
                    "set seccompProfile type RuntimeDefault on the pod");
        }
        if (!isTrue(sc.getReadOnlyRootFilesystem())) {
            find(Rule.POD_001, o, scp + ".readOnlyRootFilesystem", what + " can write to its image's filesystem",
                    "set readOnlyRootFilesystem: true and declare writable directories with Tier.writablePath(...)");
        }
        Long user = sc.getRunAsUser() != null ? sc.getRunAsUser() : psc.getRunAsUser();
        Long group = sc.getRunAsGroup() != null ? sc.getRunAsGroup() : psc.getRunAsGroup();
        if (user == null || group == null || user < 10000 || group < 10000) {
            find(Rule.POD_002, o, scp + ".runAsUser", what + (user == null || group == null
                            ? " sets no numeric user or group, so the image's USER decides (the kubelet refuses a non-numeric one under runAsNonRoot)"
                            : " runs as user " + user + " and group " + group
                            + "; a numeric user and group of at least 10000 cannot collide with the node's accounts"),
                    "Tier.runAs(65532, 65532), unless the platform assigns IDs (OpenShift)");
        }
        Set<String> names = new HashSet<>();
        for (EnvVar e : list(c.getEnv())) {
            if (!names.add(e.getName())) {
                find(Rule.POD_012, o, cp + ".env[" + e.getName() + "]", what + " sets " + e.getName() + " twice",
                        "set each variable once");
            }
            if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                find(Rule.POD_006, o, cp + ".env[" + e.getName() + "]", what + " reads Secret '"
                                + e.getValueFrom().getSecretKeyRef().getName() + "' into an environment variable",
                        "mount it as files: Tier.secretFiles(\"" + e.getValueFrom().getSecretKeyRef().getName() + "\", \"/var/run/secrets/app\")");
            } else if (e.getValue() != null && !e.getValue().isEmpty() && SECRET_NAME.matcher(e.getName()).matches()) {
                find(Rule.POD_006, o, cp + ".env[" + e.getName() + "]", what + " has a literal value in the secret-like variable " + e.getName(),
                        "keep secrets in a Secret and mount it as files");
            }
        }
        for (EnvFromSource ef : list(c.getEnvFrom())) {
            if (ef.getSecretRef() != null) {
                find(Rule.POD_006, o, cp + ".envFrom", what + " reads Secret '" + ef.getSecretRef().getName()
                        + "' into environment variables", "mount it as files");
            }
        }
        Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
        Map<String, Quantity> limits = c.getResources() == null ? null : c.getResources().getLimits();
        if (requests == null || requests.get("cpu") == null || requests.get("memory") == null) {
            find(Rule.RES_001, o, cp + ".resources.requests", what + " does not request both CPU and memory",
                    "set requests, e.g. Tier.resources(Resources.requests(\"250m\", \"256Mi\"))");
        }
        if (limits == null || limits.get("memory") == null) {
            find(Rule.RES_002, o, cp + ".resources.limits.memory", what + " has no memory limit",
                    "set a memory limit equal to the request (Resources.requests(...) does)");
        }
        Image image = Image.parse(c.getImage() == null ? "" : c.getImage());
        if (c.getImage() == null || image.problem() != null) {
            find(Rule.IMG_001, o, cp + ".image", what + " uses image '" + c.getImage() + "'"
                            + (image.problem() == null ? "" : ": " + image.problem()),
                    "use a fixed version tag (e.g. ':1.4.2') or a digest ('@sha256:...')");
        } else if (!image.pinned() && !"Always".equals(c.getImagePullPolicy())) {
            find(Rule.IMG_003, o, cp + ".imagePullPolicy", what + " may run a stale cached image (imagePullPolicy "
                    + c.getImagePullPolicy() + ", image not pinned by digest)", "pin the image by digest, or use imagePullPolicy: Always");
        }
        if (main && w.longRunning()) {
            if (!list(c.getPorts()).isEmpty() && c.getReadinessProbe() == null) {
                find(Rule.PRB_001, o, cp + ".readinessProbe", what + " serves ports but has no readiness probe",
                        "Tier.readiness(Probe.http(\"/ready\")), or keep the default TCP probes");
            }
            if (c.getLivenessProbe() == null) {
                find(Rule.PRB_002, o, cp + ".livenessProbe", what + " has no liveness probe", list(c.getPorts()).isEmpty()
                        ? "Tier.liveness(Probe.exec(\"/app/healthcheck\")) with a command of the image that fails when the process hangs"
                        + " (a worker without ports has nothing to connect to)"
                        : "Tier.liveness(Probe.http(\"/healthz\").every(20)), or Probe.tcp() for a port that does not speak HTTP");
            } else if (c.getLivenessProbe().equals(c.getReadinessProbe())) {
                find(Rule.PRB_002, o, cp + ".livenessProbe", what + " has a liveness probe identical to its readiness probe",
                        "probe liveness less often or on another endpoint");
            }
        }
        checkProbePort(o, c, c.getLivenessProbe(), cp + ".livenessProbe", what);
        checkProbePort(o, c, c.getReadinessProbe(), cp + ".readinessProbe", what);
        checkProbePort(o, c, c.getStartupProbe(), cp + ".startupProbe", what);
    }

    private void checkSeLinux(HasMetadata o, io.fabric8.kubernetes.api.model.SELinuxOptions se, String field) {
        if (se == null) {
            return;
        }
        if ((se.getType() != null && !se.getType().isEmpty() && !SELINUX_TYPES.contains(se.getType()))
                || (se.getUser() != null && !se.getUser().isEmpty()) || (se.getRole() != null && !se.getRole().isEmpty())) {
            find(Rule.PSS_007, o, field, "sets SELinux options beyond a container type (type " + se.getType()
                    + ", user " + se.getUser() + ", role " + se.getRole() + ")", "remove seLinuxOptions, or use type container_t only");
        }
    }

    private void checkHost(HasMetadata o, Probe probe, String field, String what) {
        if (probe == null) {
            return;
        }
        if (probe.getHttpGet() != null && probe.getHttpGet().getHost() != null && !probe.getHttpGet().getHost().isEmpty()) {
            find(Rule.PSS_012, o, field + ".httpGet.host", what + " probes another host (" + probe.getHttpGet().getHost() + ")",
                    "remove host: probes go to the pod");
        }
        if (probe.getTcpSocket() != null && probe.getTcpSocket().getHost() != null && !probe.getTcpSocket().getHost().isEmpty()) {
            find(Rule.PSS_012, o, field + ".tcpSocket.host", what + " probes another host (" + probe.getTcpSocket().getHost() + ")",
                    "remove host: probes go to the pod");
        }
    }

    private void checkHost(HasMetadata o, LifecycleHandler h, String field, String what) {
        if (h == null) {
            return;
        }
        if ((h.getHttpGet() != null && h.getHttpGet().getHost() != null && !h.getHttpGet().getHost().isEmpty())
                || (h.getTcpSocket() != null && h.getTcpSocket().getHost() != null && !h.getTcpSocket().getHost().isEmpty())) {
            find(Rule.PSS_012, o, field, what + " has a lifecycle hook aimed at another host", "remove host from the hook");
        }
    }

    private void checkProbePort(HasMetadata o, Container c, Probe probe, String field, String what) {
        if (probe == null) {
            return;
        }
        IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort()
                : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort()
                : probe.getGrpc() != null ? new IntOrString(probe.getGrpc().getPort()) : null;
        if (port == null) {
            return;
        }
        boolean declared = false;
        for (ContainerPort cp : list(c.getPorts())) {
            if (port.getStrVal() != null ? port.getStrVal().equals(cp.getName()) : Objects.equals(port.getIntVal(), cp.getContainerPort())) {
                declared = true;
            }
        }
        if (!declared) {
            String shown = port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal());
            find(Rule.PRB_003, o, field + ".port", what + " probes port " + shown + ", which it does not declare",
                    "probe one of the container's declared ports");
        }
    }

    // ---- namespace and network ---------------------------------------------------------------

    private void checkNamespace(Namespace ns, boolean quota, boolean limitRange) {
        Map<String, String> labels = labels(ns.getMetadata());
        String enforce = labels.get(PSA + "enforce");
        PodSecurityLevel enforced = null;
        for (PodSecurityLevel l : PodSecurityLevel.values()) {
            if (l.label().equals(enforce)) {
                enforced = l;
            }
        }
        if (enforced == null || !enforced.atLeast(level)) {
            find(Rule.NS_001, ns, "metadata.labels[" + PSA + "enforce]",
                    "enforces Pod Security level " + (enforce == null ? "(none)" : "'" + enforce + "'") + ", below the chosen '" + level.label() + "'",
                    "keep the label pod-security.kubernetes.io/enforce: " + level.label() + " that SecurityBaseline sets");
        } else if (labels.get(PSA + "enforce-version") == null) {
            find(Rule.NS_001, ns, "metadata.labels[" + PSA + "enforce-version]", "does not pin the Pod Security version",
                    "keep the label pod-security.kubernetes.io/enforce-version that SecurityBaseline sets");
        }
        if (!quota || !limitRange) {
            find(Rule.RES_005, ns, "ResourceQuota", "has no " + (!quota ? "ResourceQuota" : "LimitRange"),
                    "keep SecurityBaseline's derived quota (Quota.derived()), or set fixed values with Quota.derived().requests(...)");
        }
    }

    /** Compares what the NetworkPolicies and AuthorizationPolicies allow with the declared flows (SEC-NET-010..013). */
    private void checkFlows(Namespace ns) {
        Map<String, Map<String, String>> selectors = new java.util.LinkedHashMap<>();
        for (var t : ctx.tiers()) {
            selectors.put(t.tier().name(), t.selector());
        }
        Map<String, String> nsLabels = ns.getMetadata() == null ? Map.of() : ns.getMetadata().getLabels();
        FlowEvaluator.Result result = FlowEvaluator.evaluate(ctx.namespaceName(), nsLabels, ctx.objects(),
                ctx.flows().all(), selectors);
        for (FlowEvaluator.Blocked b : result.blocked()) {
            dev.keelson.core.Flow f = b.flow();
            String flow = "the declared " + f.kind() + " flow " + b.from() + " -> " + b.to() + " on " + b.port();
            if (b.layer() == FlowEvaluator.Layer.NETWORK_POLICY) {
                find(Rule.NET_010, ns, "NetworkPolicy", flow + " is blocked by NetworkPolicy: " + b.reason(),
                        "keep the allow SecurityBaseline renders for this flow (a customize(...) or raw NetworkPolicy must not"
                                + " narrow or replace it), or stop declaring the flow");
            } else {
                find(Rule.NET_012, ns, "AuthorizationPolicy", flow + " (" + b.request() + ") is blocked by the mesh: " + b.reason(),
                        "add an ALLOW AuthorizationPolicy that selects " + b.to() + " for " + b.from() + " on port "
                                + b.port().replaceAll("\\D+", "") + " (MeshPolicy renders one from every flow into the namespace),"
                                + " or stop declaring the flow");
            }
        }
        for (FlowEvaluator.Undeclared u : result.undeclared()) {
            String kind = u.policy().getKind() + "/" + u.policy().getMetadata().getName();
            String what = u.from() + " -> " + u.to() + " on " + String.join(", ", u.ports());
            if (u.layer() == FlowEvaluator.Layer.NETWORK_POLICY) {
                find(Rule.NET_011, u.policy(), u.field(), "allows " + what + ", which no declared flow covers",
                        "declare the flow (talksTo, dependsOn, metrics, exposedAt), or narrow or remove " + u.field() + " of " + kind);
            } else {
                find(Rule.NET_013, u.policy(), u.field(), "allows " + what + ", which no declared flow covers",
                        "declare the flow (talksTo, dependsOn, metrics, exposedAt), or narrow or remove " + u.field() + " of " + kind);
            }
        }
    }

    private void checkNetwork(Namespace ns, List<NetworkPolicy> policies) {
        boolean defaultDeny = false;
        boolean udp53 = false;
        boolean tcp53 = false;
        for (NetworkPolicy np : policies) {
            var spec = np.getSpec();
            if (spec == null) {
                continue;
            }
            LabelSelector sel = spec.getPodSelector();
            boolean all = sel == null || ((sel.getMatchLabels() == null || sel.getMatchLabels().isEmpty())
                    && (sel.getMatchExpressions() == null || sel.getMatchExpressions().isEmpty()));
            List<String> types = list(spec.getPolicyTypes());
            if (all && types.contains("Ingress") && types.contains("Egress") && list(spec.getIngress()).isEmpty()
                    && list(spec.getEgress()).isEmpty()) {
                defaultDeny = true;
            }
            int i = 0;
            for (NetworkPolicyEgressRule rule : list(spec.getEgress())) {
                if (all) {
                    List<NetworkPolicyPort> ports = list(rule.getPorts());
                    if (ports.isEmpty()) {
                        udp53 = true;
                        tcp53 = true;
                    }
                    for (NetworkPolicyPort port : ports) {
                        boolean is53 = port.getPort() != null && Integer.valueOf(53).equals(port.getPort().getIntVal());
                        if (is53 && "UDP".equals(port.getProtocol())) {
                            udp53 = true;
                        }
                        if (is53 && (port.getProtocol() == null || "TCP".equals(port.getProtocol()))) {
                            tcp53 = true;
                        }
                    }
                }
                for (NetworkPolicyPeer peer : list(rule.getTo())) {
                    if (peer.getIpBlock() != null && NetworkRenderer.containsMetadata(peer.getIpBlock().getCidr())
                            && !list(peer.getIpBlock().getExcept()).contains(NetworkRenderer.METADATA)) {
                        find(Rule.NET_009, np, "spec.egress[" + i + "].to.ipBlock", "allows egress to "
                                        + peer.getIpBlock().getCidr() + ", which includes the cloud metadata address 169.254.169.254",
                                "add except: [169.254.169.254/32] to the ipBlock");
                    }
                }
                i++;
            }
        }
        if (!defaultDeny) {
            find(Rule.NET_002, ns, "NetworkPolicy", "has no default-deny NetworkPolicy (podSelector {}, Ingress and Egress, no rules)",
                    "keep SecurityBaseline's default-deny policy");
        }
        if (defaultDeny && (!udp53 || !tcp53)) {
            find(Rule.NET_003, ns, "NetworkPolicy", "denies egress but does not allow DNS on " + (!udp53 ? "UDP" : "TCP")
                            + " 53 for every pod, so names do not resolve",
                    "keep SecurityBaseline's all-pods-dns policy (UDP and TCP 53 to kube-dns)");
        }
    }

    private void checkService(Service s) {
        if (s.getSpec() == null) {
            return;
        }
        String type = s.getSpec().getType();
        if ("NodePort".equals(type) || "LoadBalancer".equals(type) || !list(s.getSpec().getExternalIPs()).isEmpty()) {
            find(Rule.NET_005, s, "spec.type", "is reachable from outside the cluster (" + (type == null ? "externalIPs" : type) + ")",
                    "use type ClusterIP and expose it with Tier.exposedAt(...) through the ingress controller");
        }
    }

    private void checkServiceTargets(Service s, Map<String, List<Workload>> index) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(s.getSpec().getSelector());
        List<Workload> selected = select(index, selector, s.getMetadata().getNamespace());
        if (selected.isEmpty()) {
            find(Rule.NET_006, s, "spec.selector", "selects no pod of the namespace, so it has no endpoints",
                    "select the labels of the tier's pods (app.kubernetes.io/name and app.kubernetes.io/part-of)");
            return;
        }
        for (var port : list(s.getSpec().getPorts())) {
            String target = port.getTargetPort() == null ? null : port.getTargetPort().getStrVal();
            if (target == null) {
                continue;
            }
            boolean declared = false;
            for (Workload w : selected) {
                for (Container c : list(w.spec() == null ? null : w.spec().getContainers())) {
                    for (ContainerPort cp : list(c.getPorts())) {
                        declared |= target.equals(cp.getName());
                    }
                }
            }
            if (!declared) {
                find(Rule.NET_006, s, "spec.ports[" + port.getName() + "].targetPort",
                        "targets the port name '" + target + "', which no selected container declares",
                        "target a port the tier declares");
            }
        }
    }

    private void checkIngress(Ingress i) {
        if (i.getSpec() == null) {
            return;
        }
        if (list(i.getSpec().getTls()).isEmpty()) {
            find(Rule.NET_007, i, "spec.tls", "serves plain HTTP (no TLS)", "use the platform's certificate issuer, not Tls.none()");
        }
        for (IngressRule r : list(i.getSpec().getRules())) {
            if (r.getHttp() == null) {
                continue;
            }
            for (var path : list(r.getHttp().getPaths())) {
                if (path.getBackend() != null && path.getBackend().getService() != null
                        && !services.contains(path.getBackend().getService().getName())) {
                    find(Rule.NET_007, i, "spec.rules[" + r.getHost() + "].http.paths[" + path.getPath() + "].backend",
                            "routes to Service '" + path.getBackend().getService().getName() + "', which does not exist",
                            "route to a tier's Service");
                }
            }
        }
        annotations(i.getMetadata()).forEach((k, v) -> {
            if (k.startsWith("nginx.ingress.kubernetes.io/") && k.endsWith("-snippet")) {
                find(Rule.NET_008, i, "metadata.annotations[" + k + "]", "injects NGINX configuration (" + k + ")",
                        "remove the snippet annotation (CVE-2021-25742); use the controller's typed annotations");
            }
        });
    }

    private void checkConfigMap(ConfigMap cm) {
        if (cm.getData() == null) {
            return;
        }
        cm.getData().forEach((k, v) -> {
            if (SECRET_NAME.matcher(k).matches() || (v != null && v.contains("PRIVATE KEY-----"))) {
                find(Rule.POD_007, cm, "data[" + k + "]", "holds the secret-like entry '" + k + "'",
                        "keep it in a Secret and mount it with Tier.secretFiles(...)");
            }
        });
    }

    // ---- RBAC and availability -------------------------------------------------------------

    private void bound(List<Subject> subjects) {
        for (Subject s : list(subjects)) {
            if ("ServiceAccount".equals(s.getKind())) {
                boundAccounts.add(s.getName());
            }
        }
    }

    private void checkBinding(HasMetadata binding, RoleRef ref, List<Subject> subjects) {
        if (ref != null && "cluster-admin".equals(ref.getName())) {
            find(Rule.RBAC_002, binding, "roleRef.name", "binds cluster-admin, which controls the whole cluster",
                    "bind a namespaced Role with exactly the needed verbs: KubernetesApi.access(...)");
        }
        for (Subject s : list(subjects)) {
            if ("system:anonymous".equals(s.getName()) || "system:unauthenticated".equals(s.getName())) {
                find(Rule.RBAC_007, binding, "subjects[" + s.getName() + "]", "grants a role to " + s.getName(),
                        "bind only ServiceAccounts of the platform");
            }
        }
    }

    private void checkRules(HasMetadata role, List<PolicyRule> rules) {
        int i = 0;
        for (PolicyRule r : list(rules)) {
            for (RbacRules.Issue issue : RbacRules.issues(list(r.getApiGroups()), list(r.getResources()),
                    list(r.getVerbs()), list(r.getResourceNames()))) {
                find(issue.rule(), role, "rules[" + i + "]", issue.message(), issue.fix());
            }
            i++;
        }
    }

    private void checkPdb(PodDisruptionBudget pdb, List<Workload> selected) {
        var spec = pdb.getSpec();
        if (spec == null) {
            return;
        }
        IntOrString max = spec.getMaxUnavailable();
        IntOrString min = spec.getMinAvailable();
        if ((max == null) == (min == null)) {
            find(Rule.AVL_003, pdb, "spec", "sets " + (max == null ? "neither" : "both") + " minAvailable and maxUnavailable",
                    "set exactly one: maxUnavailable: 1");
        } else if (max != null && (Integer.valueOf(0).equals(max.getIntVal()) || "0%".equals(max.getStrVal()))) {
            find(Rule.AVL_003, pdb, "spec.maxUnavailable", "allows no disruption, so node drains block forever",
                    "set maxUnavailable: 1");
        } else if (min != null) {
            int least = Integer.MAX_VALUE;
            for (Workload w : selected) {
                least = Math.min(least, replicasOf(w));
            }
            boolean blocks = "100%".equals(min.getStrVal())
                    || (min.getIntVal() != null && least != Integer.MAX_VALUE && min.getIntVal() >= least);
            if (blocks) {
                find(Rule.AVL_003, pdb, "spec.minAvailable", "requires " + (min.getStrVal() != null ? min.getStrVal() : min.getIntVal())
                        + " available pods, so no pod may ever be evicted", "set maxUnavailable: 1 instead");
            }
        }
        if (!"AlwaysAllow".equals(spec.getUnhealthyPodEvictionPolicy())) {
            find(Rule.AVL_004, pdb, "spec.unhealthyPodEvictionPolicy", "keeps unhealthy pods from being evicted",
                    "set unhealthyPodEvictionPolicy: AlwaysAllow");
        }
    }

    private int replicasOf(Workload w) {
        HasMetadata o = w.object();
        HorizontalPodAutoscaler hpa = hpas.get(o.getKind() + "/" + o.getMetadata().getName());
        if (hpa != null && hpa.getSpec().getMinReplicas() != null) {
            return hpa.getSpec().getMinReplicas();
        }
        Integer r = o instanceof Deployment d ? d.getSpec().getReplicas() : o instanceof StatefulSet s ? s.getSpec().getReplicas() : null;
        return r == null ? 1 : r;
    }

    // ---- label selection ---------------------------------------------------------------------

    private Map<String, List<Workload>> index() {
        Map<String, List<Workload>> index = new HashMap<>();
        for (Workload w : workloads) {
            w.podLabels().forEach((k, v) -> index.computeIfAbsent(k + "=" + v, x -> new ArrayList<>()).add(w));
        }
        return index;
    }

    private List<Workload> select(Map<String, List<Workload>> index, LabelSelector selector, String namespace) {
        List<Workload> candidates;
        Map<String, String> match = selector == null || selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        if (match.isEmpty()) {
            candidates = workloads;
        } else {
            var first = match.entrySet().iterator().next();
            candidates = index.getOrDefault(first.getKey() + "=" + first.getValue(), List.of());
        }
        List<Workload> selected = new ArrayList<>();
        for (Workload w : candidates) {
            if (Objects.equals(namespace, w.object().getMetadata().getNamespace()) && matches(selector, w.podLabels())) {
                selected.add(w);
            }
        }
        return selected;
    }

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

    private static boolean isTrue(Boolean b) {
        return Boolean.TRUE.equals(b);
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static List<Map.Entry<String, Field>> volumeProperties() {
        List<Map.Entry<String, Field>> properties = new ArrayList<>();
        for (Field f : Volume.class.getDeclaredFields()) {
            JsonProperty json = f.getAnnotation(JsonProperty.class);
            if (json != null && !Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                properties.add(Map.entry(json.value().isEmpty() ? f.getName() : json.value(), f));
            }
        }
        return List.copyOf(properties);
    }

    /**
     * The JSON names of the sources {@code v} sets (every property but {@code name} that is not
     * null, and any additional property), as its YAML would show them, without serializing it.
     */
    static List<String> volumeSources(Volume v) {
        List<String> keys = new ArrayList<>(2);
        try {
            for (Map.Entry<String, Field> p : VOLUME_PROPERTIES) {
                if (!p.getKey().equals("name") && p.getValue().get(v) != null) {
                    keys.add(p.getKey());
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read a fabric8 Volume: " + e, e);
        }
        if (v.getAdditionalProperties() != null) {
            keys.addAll(v.getAdditionalProperties().keySet());
        }
        return keys;
    }
}

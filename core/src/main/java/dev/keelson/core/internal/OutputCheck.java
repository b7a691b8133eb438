package dev.keelson.core.internal;

import dev.keelson.core.Customization;
import dev.keelson.core.KubernetesSyntax;
import dev.keelson.core.Problem;
import dev.keelson.core.spi.PodTemplates;
import dev.keelson.core.spi.Problems;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The limits the API server enforces on every object, checked on the final objects of one
 * environment (after every feature and customization, before the features' checks): names,
 * label keys and values, annotation size, the fields without which an object is refused, scope,
 * and two writers of one object. Problems name who wrote the object. Internal.
 */
final class OutputCheck {

    /** Cluster-scoped kinds a {@link GenericKubernetesResource} may carry (typed fabric8 kinds say it themselves). */
    static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace", "Node", "PersistentVolume", "StorageClass", "PriorityClass", "ClusterRole",
            "ClusterRoleBinding", "CustomResourceDefinition", "IngressClass", "RuntimeClass", "CSIDriver", "CSINode",
            "VolumeAttachment", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
            "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "APIService", "CertificateSigningRequest",
            "FlowSchema", "PriorityLevelConfiguration", "GatewayClass", "ClusterIssuer", "ClusterSecretStore",
            "ClusterPolicy", "ClusterServingRuntime", "ClusterImagePolicy");

    /** Kinds whose names must be DNS labels of at most 63 characters. */
    private static final Set<String> LABEL_NAMED = Set.of("Namespace", "Service");

    /** Kinds named by a path segment (RBAC and custom resources): anything but '/' and '%', not '.' or '..'. */
    private static final Set<String> SEGMENT_NAMED = Set.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");

    private final DefaultFeatureContext ctx;

    private OutputCheck(DefaultFeatureContext ctx) {
        this.ctx = ctx;
    }

    static void run(DefaultFeatureContext ctx) {
        new OutputCheck(ctx).check();
    }

    private void check() {
        Map<String, HasMetadata> seen = new LinkedHashMap<>();
        for (HasMetadata o : ctx.objects()) {
            DefaultFeatureContext.Writer w = ctx.writerOf(o);
            ObjectMeta meta = o.getMetadata();
            String kind = o.getKind();
            if (kind == null || kind.isEmpty() || o.getApiVersion() == null || o.getApiVersion().isEmpty()) {
                error(w, "KEE-RAW-001", w.who() + " writes an object without " + (kind == null || kind.isEmpty() ? "kind" : "apiVersion"),
                        "set apiVersion and kind, e.g. apiVersion 'v1' and kind 'ConfigMap'");
                continue;
            }
            String name = meta.getName();
            if (name == null || name.isEmpty()) {
                error(w, "KEE-RAW-001", w.who() + " writes a " + kind + " without metadata.name", "give it a name with withName(\"...\")");
                continue;
            }
            boolean clusterScoped = clusterScoped(o);
            String namespace = meta.getNamespace();
            String id = kind + " " + (namespace == null ? "" : namespace + "/") + name;
            if (clusterScoped && namespace != null && !namespace.isEmpty()) {
                error(w, "KEE-RAW-002", w.who() + " writes the cluster-scoped " + kind + " '" + name
                                + "' with metadata.namespace '" + namespace + "', which the API server refuses",
                        "drop metadata.namespace: a " + kind + " belongs to no namespace");
            } else if (w.raw() && !clusterScoped && namespace != null && !namespace.equals(ctx.namespaceName())) {
                ctx.report(Problem.warning(w.path(), w.who() + " writes " + id + " into namespace '" + namespace
                                + "', outside this environment's '" + ctx.namespaceName() + "'",
                        "keep a platform's objects in its namespace, or manage that namespace elsewhere").withRule("KEE-RAW-003"));
            }
            HasMetadata other = seen.putIfAbsent(group(o.getApiVersion()) + "/" + kind + "/" + (clusterScoped ? "" : namespace) + "/" + name, o);
            if (other != null) {
                DefaultFeatureContext.Writer first = ctx.writerOf(other);
                String who = first.who().equals(w.who()) ? w.who() + " twice" : first.who() + " and " + w.who() + " both";
                // at the user's call when one writer is add(...), else at the second writer
                error(w.raw() || !first.raw() ? w : first, "KEE-DUP-001", who + " write " + id + "; the API server keeps one, so the other is lost",
                        w.raw() || first.raw() ? "give the added object another name, or change the generated one with customize("
                                + kind + ".class, \"" + name + "\", ...)"
                                : "declare it once (one feature per object), or give one of them another name");
            }
            checkName(w, kind, name, o instanceof GenericKubernetesResource);
            checkMeta(w, id, "metadata", meta);
            PodTemplateSpec template = PodTemplates.of(o).orElse(null);
            if (template != null && template.getMetadata() != null) {
                checkMeta(w, id, "spec.template.metadata", template.getMetadata());
            }
            String missing = missing(o);
            if (missing != null) {
                List<String> changes = new ArrayList<>();
                for (Customization<?> c : ctx.platform().customizations()) {
                    if (c.kind() == o.getClass() && c.name().equals(name)
                            && (c.environment() == null || c.environment().equals(ctx.environment().name()))) {
                        changes.add("customize(" + c.kind().getSimpleName() + ", \"" + c.name() + "\")");
                    }
                }
                String by = changes.isEmpty() ? w.who() + " writes" : String.join(" and ", changes) + " leave" + (changes.size() == 1 ? "s" : "");
                error(w, "KEE-REQ-001", by + " " + id + " without " + missing + ", which the API server requires",
                        changes.isEmpty() ? "set " + missing : "change " + missing + " in the customization instead of removing it");
            }
        }
    }

    private void checkName(DefaultFeatureContext.Writer w, String kind, String name, boolean custom) {
        String rule;
        boolean ok;
        if (LABEL_NAMED.contains(kind)) {
            rule = "a DNS label of at most " + KubernetesSyntax.DNS_LABEL_MAX + " lower-case letters, digits and inner dashes"
                    + (kind.equals("Service") ? ", starting with a letter" : "");
            ok = kind.equals("Service") ? KubernetesSyntax.dns1035Label(name) : KubernetesSyntax.dnsLabel(name);
        } else if (custom || SEGMENT_NAMED.contains(kind)) {
            rule = "at most " + KubernetesSyntax.DNS_SUBDOMAIN_MAX + " characters without '/' or '%', not '.' or '..'";
            ok = name.length() <= KubernetesSyntax.DNS_SUBDOMAIN_MAX && name.indexOf('/') < 0 && name.indexOf('%') < 0
                    && !name.equals(".") && !name.equals("..") && KubernetesSyntax.controlCharacterOrLineBreak(name) < 0;
        } else {
            rule = "a DNS subdomain of at most " + KubernetesSyntax.DNS_SUBDOMAIN_MAX + " lower-case letters, digits, '-' and '.'";
            ok = KubernetesSyntax.dnsSubdomain(name);
        }
        if (!ok) {
            error(w, "KEE-NAME-002", w.who() + " writes " + kind + " '" + name + "' (" + name.length()
                            + " characters), but a " + kind + " name must be " + rule,
                    w.raw() ? "rename it" : "shorten the name it is derived from");
        }
    }

    private void checkMeta(DefaultFeatureContext.Writer w, String id, String where, ObjectMeta meta) {
        if (meta.getLabels() != null) {
            meta.getLabels().forEach((k, v) -> {
                if (!KubernetesSyntax.labelKey(k)) {
                    error(w, "KEE-NAME-003", w.who() + " writes " + id + " with the label key '" + k + "' in " + where,
                            "use an optional DNS prefix of at most 253 characters, '/', and a name of at most 63 letters,"
                                    + " digits, '-', '_' and '.'");
                }
                if (v == null || !KubernetesSyntax.labelValue(v)) {
                    error(w, "KEE-NAME-003", w.who() + " writes " + id + " with the label " + k + "='" + v + "' ("
                                    + (v == null ? 0 : v.length()) + " characters) in " + where,
                            "a label value has at most 63 letters, digits, '-', '_' and '.', alphanumeric at both ends:"
                                    + " shorten the name it comes from");
                }
            });
        }
        if (meta.getAnnotations() != null) {
            long bytes = 0;
            for (Map.Entry<String, String> e : meta.getAnnotations().entrySet()) {
                if (!KubernetesSyntax.labelKey(e.getKey())) {
                    error(w, "KEE-NAME-003", w.who() + " writes " + id + " with the annotation key '" + e.getKey() + "' in " + where,
                            "use an optional DNS prefix of at most 253 characters, '/', and a name of at most 63 letters,"
                                    + " digits, '-', '_' and '.'");
                }
                bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length
                        + (e.getValue() == null ? 0 : e.getValue().getBytes(StandardCharsets.UTF_8).length);
            }
            if (bytes > KubernetesSyntax.ANNOTATIONS_MAX_BYTES) {
                error(w, "KEE-SIZE-001", w.who() + " writes " + id + " with annotations of " + bytes + " bytes in " + where
                                + ", more than the " + KubernetesSyntax.ANNOTATIONS_MAX_BYTES + " the API server accepts",
                        "keep large data in a ConfigMap, not in annotations");
            }
        }
    }

    /** The first required field {@code o} lacks, or {@code null}: the fields the API server refuses an object without. */
    private static String missing(HasMetadata o) {
        if (o instanceof Deployment d) {
            return d.getSpec() == null ? "spec" : d.getSpec().getSelector() == null ? "spec.selector" : pod(d.getSpec().getTemplate());
        }
        if (o instanceof StatefulSet s) {
            return s.getSpec() == null ? "spec" : s.getSpec().getSelector() == null ? "spec.selector" : pod(s.getSpec().getTemplate());
        }
        if (o instanceof DaemonSet s) {
            return s.getSpec() == null ? "spec" : s.getSpec().getSelector() == null ? "spec.selector" : pod(s.getSpec().getTemplate());
        }
        if (o instanceof Service s && s.getSpec() != null && !"ExternalName".equals(s.getSpec().getType())
                && !"None".equals(s.getSpec().getClusterIP())) {
            List<ServicePort> ports = s.getSpec().getPorts();
            if (ports == null || ports.isEmpty()) {
                return "spec.ports";
            }
            for (int i = 0; i < ports.size(); i++) {
                if (ports.get(i).getPort() == null) {
                    return "spec.ports[" + i + "].port";
                }
            }
        }
        if (o instanceof io.fabric8.kubernetes.api.model.rbac.Role r && r.getRules() != null) {
            return rules(r.getRules());
        }
        if (o instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRole r && r.getRules() != null) {
            return rules(r.getRules());
        }
        if (o instanceof RoleBinding b) {
            return binding(b.getRoleRef(), b.getSubjects());
        }
        if (o instanceof ClusterRoleBinding b) {
            return binding(b.getRoleRef(), b.getSubjects());
        }
        if (o instanceof HorizontalPodAutoscaler h) {
            if (h.getSpec() == null) {
                return "spec";
            }
            var ref = h.getSpec().getScaleTargetRef();
            return ref == null || ref.getKind() == null || ref.getName() == null ? "spec.scaleTargetRef (kind and name)"
                    : h.getSpec().getMaxReplicas() == null ? "spec.maxReplicas" : null;
        }
        if (o instanceof NetworkPolicy n) {
            return n.getSpec() == null ? "spec" : n.getSpec().getPodSelector() == null ? "spec.podSelector" : null;
        }
        return null;
    }

    private static String pod(PodTemplateSpec template) {
        if (template == null || template.getSpec() == null) {
            return "spec.template.spec";
        }
        List<Container> containers = template.getSpec().getContainers();
        if (containers == null || containers.isEmpty()) {
            return "spec.template.spec.containers";
        }
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            if (c.getName() == null || c.getName().isEmpty()) {
                return "spec.template.spec.containers[" + i + "].name";
            }
            if (c.getImage() == null || c.getImage().isEmpty()) {
                return "spec.template.spec.containers[" + i + "].image";
            }
        }
        return null;
    }

    private static String rules(List<PolicyRule> rules) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).getVerbs() == null || rules.get(i).getVerbs().isEmpty()) {
                return "rules[" + i + "].verbs";
            }
        }
        return null;
    }

    private static String binding(RoleRef ref, List<Subject> subjects) {
        if (ref == null || ref.getKind() == null || ref.getName() == null) {
            return "roleRef (kind and name)";
        }
        if (subjects != null) {
            for (int i = 0; i < subjects.size(); i++) {
                if (subjects.get(i).getKind() == null || subjects.get(i).getName() == null) {
                    return "subjects[" + i + "] (kind and name)";
                }
            }
        }
        return null;
    }

    /** Whether the API server stores {@code o} outside any namespace. */
    static boolean clusterScoped(HasMetadata o) {
        if (o instanceof GenericKubernetesResource) {
            return CLUSTER_SCOPED.contains(o.getKind());
        }
        return !(o instanceof Namespaced);
    }

    private static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private void error(DefaultFeatureContext.Writer w, String rule, String message, String fix) {
        ctx.report(Problem.error(w.path(), message, fix).withRule(rule));
    }
}

package dev.keelson.security.internal;

import static dev.keelson.security.internal.PolicyIndex.list;

import dev.keelson.security.SecurityRule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The RBAC rules: SEC-RBAC-001 to 008. What is wrong with one RBAC rule ({@link #issues}) is
 * shared by the validation of {@code KubernetesApi} and the policy check of Role and ClusterRole
 * objects; the policy check also checks the bindings. Internal.
 */
public final class RbacRules {

    /** The verbs of the Kubernetes API a Role may grant. */
    public static final Set<String> VERBS = Set.of("get", "list", "watch", "create", "update", "patch", "delete",
            "deletecollection");

    private static final Set<String> READ = Set.of("get", "list", "watch");
    private static final Set<String> EXEC = Set.of("pods/exec", "pods/attach", "pods/portforward", "nodes/proxy",
            "pods/ephemeralcontainers");
    private static final Set<String> ADMISSION = Set.of("validatingwebhookconfigurations",
            "mutatingwebhookconfigurations", "validatingadmissionpolicies", "validatingadmissionpolicybindings",
            "certificatesigningrequests/approval", "services/status", "serviceaccounts/token");
    private static final Set<String> ESCALATING_VERBS = Set.of("escalate", "bind", "impersonate", "approve");
    private static final Set<String> WORKLOADS = Set.of("pods", "deployments", "replicasets", "statefulsets",
            "daemonsets", "jobs", "cronjobs", "replicationcontrollers");
    private static final Set<String> WRITE = Set.of("create", "update", "patch");

    private RbacRules() {
    }

    /** One problem with a rule. */
    public record Issue(SecurityRule rule, String message, String fix) {
    }

    /** Every problem with a rule granting {@code verbs} on {@code resources} (possibly {@code names} only). */
    public static List<Issue> issues(List<String> apiGroups, List<String> resources, List<String> verbs,
                                     List<String> names) {
        List<Issue> found = new ArrayList<>();
        if (apiGroups.contains("*") || resources.contains("*") || verbs.contains("*")
                || resources.stream().anyMatch(r -> r.endsWith("/*"))) {
            found.add(new Issue(SecurityRule.RBAC_001, "grants a wildcard ('*') in apiGroups, resources or verbs",
                    "name the exact API groups, resources and verbs the workload uses"));
        }
        for (String r : resources) {
            if (EXEC.contains(r)) {
                found.add(new Issue(SecurityRule.RBAC_003, "grants '" + r + "', which runs commands in or tunnels into pods",
                        "remove '" + r + "'; debug with a human's short-lived credentials instead"));
            }
            if (ADMISSION.contains(r) && verbs.stream().anyMatch(v -> !READ.contains(v))) {
                found.add(new Issue(SecurityRule.RBAC_006, "grants writes to '" + r + "', which controls admission or identity",
                        "remove '" + r + "' from the workload's role"));
            }
        }
        for (String v : verbs) {
            if (ESCALATING_VERBS.contains(v)) {
                found.add(new Issue(SecurityRule.RBAC_006, "grants the verb '" + v + "', which escalates privileges",
                        "remove '" + v + "'"));
            }
        }
        if (resources.contains("secrets")) {
            boolean listOrWatch = verbs.contains("list") || verbs.contains("watch");
            boolean get = verbs.contains("get");
            if (listOrWatch || (get && names.isEmpty())) {
                found.add(new Issue(SecurityRule.RBAC_004, listOrWatch
                        ? "grants list or watch on secrets, which reads every Secret of the namespace"
                        : "grants get on every Secret of the namespace",
                        "grant only 'get' on named Secrets: resourceNames(\"<secret>\"), or mount the Secret as files"));
            }
        }
        for (String r : resources) {
            if (WORKLOADS.contains(r) && verbs.stream().anyMatch(WRITE::contains)) {
                found.add(new Issue(SecurityRule.RBAC_005, "grants creating or changing '" + r
                        + "', which can run any image under any ServiceAccount of the namespace",
                        "remove the write verbs on '" + r + "', or waive SEC-RBAC-005 for this role with a reason"));
                break;
            }
        }
        return found;
    }

    /**
     * The policy check of {@code o}, if it is a Role, ClusterRole, RoleBinding or ClusterRoleBinding:
     * {@link #issues} of each rule, and SEC-RBAC-002, 007 and 008.
     */
    static void check(HasMetadata o, Findings out) {
        if (o instanceof RoleBinding rb) {
            checkBinding(rb, rb.getRoleRef(), rb.getSubjects(), out);
        } else if (o instanceof ClusterRoleBinding crb) {
            checkBinding(crb, crb.getRoleRef(), crb.getSubjects(), out);
            out.add(SecurityRule.RBAC_008, crb, "kind", "is a cluster-wide binding",
                    "bind a namespaced Role with a RoleBinding, e.g. KubernetesApi.access(...)");
        } else if (o instanceof Role r) {
            checkRules(r, r.getRules(), out);
        } else if (o instanceof ClusterRole cr) {
            checkRules(cr, cr.getRules(), out);
            out.add(SecurityRule.RBAC_008, cr, "kind", "is a cluster-wide role",
                    "use a namespaced Role, e.g. KubernetesApi.access(...)");
        }
    }

    private static void checkBinding(HasMetadata binding, RoleRef ref, List<Subject> subjects, Findings out) {
        if (ref != null && "cluster-admin".equals(ref.getName())) {
            out.add(SecurityRule.RBAC_002, binding, "roleRef.name", "binds cluster-admin, which controls the whole cluster",
                    "bind a namespaced Role with exactly the needed verbs: KubernetesApi.access(...)");
        }
        for (Subject s : list(subjects)) {
            if ("system:anonymous".equals(s.getName()) || "system:unauthenticated".equals(s.getName())) {
                out.add(SecurityRule.RBAC_007, binding, "subjects[" + s.getName() + "]", "grants a role to " + s.getName(),
                        "bind only ServiceAccounts of the platform");
            }
        }
    }

    private static void checkRules(HasMetadata role, List<PolicyRule> rules, Findings out) {
        int i = 0;
        for (PolicyRule r : list(rules)) {
            for (Issue issue : issues(list(r.getApiGroups()), list(r.getResources()),
                    list(r.getVerbs()), list(r.getResourceNames()))) {
                out.add(issue.rule(), role, "rules[" + i + "]", issue.message(), issue.fix());
            }
            i++;
        }
    }
}

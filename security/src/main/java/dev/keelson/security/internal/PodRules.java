package dev.keelson.security.internal;

import static dev.keelson.security.internal.PolicyIndex.list;

import dev.keelson.security.SecurityRule;
import dev.keelson.security.internal.PolicyIndex.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.regex.Pattern;

/**
 * The pod rules on the pod spec and on ConfigMaps: SEC-POD-003 (the pod's groups), 004, 005, 007,
 * 009 and 010 (the pod rules on each container are {@link ContainerRules}'). Internal.
 */
final class PodRules {

    /** A name that looks like it holds a secret (SEC-POD-006 and 007). */
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential).*");

    private PodRules() {
    }

    /** Checks the pod spec of {@code w} (not null). */
    static void check(Workload w, PolicyIndex index, Findings out) {
        HasMetadata o = w.object();
        PodSpec spec = w.spec();
        String p = w.prefix();
        PodSecurityContext psc = w.securityContext();
        if (Long.valueOf(0).equals(psc.getRunAsGroup()) || Long.valueOf(0).equals(psc.getFsGroup())
                || list(psc.getSupplementalGroups()).contains(0L)) {
            out.add(SecurityRule.POD_003, o, p + ".securityContext", "uses the root group 0 (runAsGroup, fsGroup or supplementalGroups)",
                    "use a non-zero group such as 65532");
        }
        if (!list(spec.getHostAliases()).isEmpty()) {
            out.add(SecurityRule.POD_009, o, p + ".hostAliases", "overrides name resolution with hostAliases",
                    "use DNS, or a Dependency with its host");
        }
        String namespace = o.getMetadata().getNamespace();
        if ("default".equals(namespace)) {
            out.add(SecurityRule.POD_010, o, "metadata.namespace", "runs in the default namespace",
                    "give the environment its own namespace");
        }
        String sa = spec.getServiceAccountName();
        if (spec.getServiceAccount() != null && !spec.getServiceAccount().isEmpty()) {
            out.add(SecurityRule.POD_005, o, p + ".serviceAccount", "uses the deprecated field serviceAccount",
                    "use serviceAccountName");
        }
        if (sa == null || sa.isEmpty() || sa.equals("default")) {
            out.add(SecurityRule.POD_005, o, p + ".serviceAccountName", "runs as the namespace's default ServiceAccount",
                    "give the workload its own ServiceAccount (tiers get one named after them)");
        }
        String account = sa == null || sa.isEmpty() ? "default" : sa;
        Boolean automount = spec.getAutomountServiceAccountToken();
        if (automount == null) {
            ServiceAccount acc = index.serviceAccount(account);
            automount = acc == null || acc.getAutomountServiceAccountToken() == null || acc.getAutomountServiceAccountToken();
        }
        if (automount && !index.bound(account)) {
            out.add(SecurityRule.POD_004, o, p + ".automountServiceAccountToken",
                    "mounts a ServiceAccount token although no Role is bound to '" + account + "'",
                    "set automountServiceAccountToken: false, or declare the access with KubernetesApi.access(...)");
        }
    }

    /** SEC-POD-007 on {@code o}, if it is a ConfigMap. */
    static void checkConfigMap(HasMetadata o, Findings out) {
        if (!(o instanceof ConfigMap cm) || cm.getData() == null) {
            return;
        }
        cm.getData().forEach((k, v) -> {
            if (SECRET_NAME.matcher(k).matches() || (v != null && v.contains("PRIVATE KEY-----"))) {
                out.add(SecurityRule.POD_007, cm, "data[" + k + "]", "holds the secret-like entry '" + k + "'",
                        "keep it in a Secret and mount it with Tier.secretFiles(...)");
            }
        });
    }
}

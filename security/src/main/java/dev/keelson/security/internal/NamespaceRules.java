package dev.keelson.security.internal;

import static dev.keelson.security.internal.PolicyIndex.labels;

import dev.keelson.security.PodSecurityLevel;
import dev.keelson.security.SecurityRule;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Map;

/**
 * The namespace rules: SEC-NS-001 (the Pod Security labels) and SEC-RES-005 (a ResourceQuota and a
 * LimitRange). Internal.
 */
final class NamespaceRules {

    private static final String PSA = "pod-security.kubernetes.io/";

    private NamespaceRules() {
    }

    /** Checks the namespace {@code ns} of an environment that runs at {@code level}. */
    static void check(Namespace ns, PodSecurityLevel level, PolicyIndex index, Findings out) {
        boolean quota = index.hasQuota();
        boolean limitRange = index.hasLimitRange();
        Map<String, String> labels = labels(ns.getMetadata());
        String enforce = labels.get(PSA + "enforce");
        PodSecurityLevel enforced = null;
        for (PodSecurityLevel l : PodSecurityLevel.values()) {
            if (l.label().equals(enforce)) {
                enforced = l;
            }
        }
        if (enforced == null || !enforced.atLeast(level)) {
            out.add(SecurityRule.NS_001, ns, "metadata.labels[" + PSA + "enforce]",
                    "enforces Pod Security level " + (enforce == null ? "(none)" : "'" + enforce + "'") + ", below the chosen '" + level.label() + "'",
                    "keep the label pod-security.kubernetes.io/enforce: " + level.label() + " that SecurityBaseline sets");
        } else if (labels.get(PSA + "enforce-version") == null) {
            out.add(SecurityRule.NS_001, ns, "metadata.labels[" + PSA + "enforce-version]", "does not pin the Pod Security version",
                    "keep the label pod-security.kubernetes.io/enforce-version that SecurityBaseline sets");
        }
        if (!quota || !limitRange) {
            out.add(SecurityRule.RES_005, ns, "ResourceQuota", "has no " + (!quota ? "ResourceQuota" : "LimitRange"),
                    "keep SecurityBaseline's derived quota (Quota.derived()), or set fixed values with Quota.derived().requests(...)");
        }
    }
}

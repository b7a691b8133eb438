package dev.keelson.security.internal;

import dev.keelson.core.KubernetesSyntax;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Problem;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.security.Quota;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * KEE-SEC-030: every ResourceQuota of an environment's namespace (the derived one, a customized
 * one, a raw one) leaves room for the platform's own workloads, counted by {@link QuotaNeed} on
 * the final objects. A quota below the need refuses pods the platform declares: an HPA cannot
 * scale up, a rollout with {@code maxUnavailable: 0} never finishes, a workload never starts.
 * Quotas with {@code scopes} or a {@code scopeSelector} charge only some pods and are not checked.
 * Internal.
 */
public final class QuotaCheck {

    /** The rule ID. */
    public static final String RULE = "KEE-SEC-030";

    private QuotaCheck() {
    }

    /** Reports every hard limit of every quota of the namespace that is below the platform's need. */
    public static void check(FeatureContext s, Quota quota) {
        List<HasMetadata> objects = s.objects();
        QuotaNeed need = QuotaNeed.of(objects, s.namespaceName(), s.namespace().getMetadata().getLabels());
        ModelPath base = ModelPath.root(s.platform().name()).environment(s.environment().name()).child("ResourceQuota");
        for (HasMetadata o : objects) {
            if (!(o instanceof ResourceQuota q) || o.getMetadata() == null
                    || !s.namespaceName().equals(o.getMetadata().getNamespace()) || q.getSpec() == null
                    || q.getSpec().getHard() == null) {
                continue;
            }
            if ((q.getSpec().getScopes() != null && !q.getSpec().getScopes().isEmpty()) || q.getSpec().getScopeSelector() != null) {
                continue;
            }
            String name = o.getMetadata().getName();
            for (Map.Entry<String, Quantity> hard : q.getSpec().getHard().entrySet()) {
                String key = hard.getKey();
                BigDecimal peak = need.peak(key);
                BigDecimal limit = hard.getValue() == null ? null : KubernetesSyntax.quantity(hard.getValue().toString());
                if (peak == null || limit == null || limit.compareTo(peak) >= 0) {
                    continue;
                }
                BigDecimal steady = need.steady(key);
                String normalized = QuotaNeed.normalize(key);
                String neededPeak = QuotaNeed.format(normalized, peak);
                List<String> who = need.contributors(key);
                String message = "ResourceQuota '" + name + "' allows " + key + " " + hard.getValue() + ", but the platform's workloads need "
                        + neededPeak + (steady.compareTo(peak) < 0
                                ? " during a rollout (" + QuotaNeed.format(normalized, steady) + " steady, plus the largest rollout's surge)"
                                : "")
                        + (limit.compareTo(steady) < 0
                                ? ": the namespace cannot run them"
                                : ": a rollout cannot start its new pods, so it never finishes")
                        + (who.isEmpty() ? "" : " (" + String.join(", ", who.stream().limit(3).toList())
                                + (who.size() > 3 ? ", and " + (who.size() - 3) + " more" : "") + ")");
                s.report(Problem.error(base.key(String.valueOf(name)).key("spec.hard." + key), message, fix(quota, q, need, normalized, neededPeak))
                        .withRule(RULE));
            }
        }
    }

    private static String fix(Quota quota, ResourceQuota q, QuotaNeed need, String key, String needed) {
        String name = q.getMetadata().getName();
        boolean own = quota.enabled() && QuotaRenderer.QUOTA.equals(name);
        String raise = "raise " + key + " to at least " + needed;
        if (!own) {
            return raise + " in ResourceQuota '" + name + "', or lower the workloads' replicas or resources";
        }
        String call = switch (key) {
            case "requests.cpu" -> "requests(\"" + needed + "\", \"" + partner(quota.memoryRequests(), q, need, "requests.memory") + "\")";
            case "requests.memory" -> "requests(\"" + partner(quota.cpuRequests(), q, need, "requests.cpu") + "\", \"" + needed + "\")";
            case "limits.memory" -> "memoryLimit(\"" + needed + "\")";
            case "pods" -> "pods(" + needed + ")";
            default -> null;
        };
        boolean fixed = switch (key) {
            case "requests.cpu" -> quota.cpuRequests() != null;
            case "requests.memory" -> quota.memoryRequests() != null;
            case "limits.memory" -> quota.memoryLimits() != null;
            case "pods" -> quota.pods() != null;
            default -> false;
        };
        if (call == null) {
            return raise + " where a customization sets it on ResourceQuota '" + name + "', or remove it there";
        }
        if (fixed) {
            return raise + ": " + call + " on the SecurityBaseline's Quota";
        }
        return raise + ": the derived value no longer covers the final objects (a customization changed the workloads or "
                + "the quota after it was derived); set it with " + call
                + " on the SecurityBaseline's Quota, or make the change in the tier instead of a customization";
    }

    /** The other amount of {@code Quota.requests(cpu, memory)}: the fixed one, else what the quota holds, at least the need. */
    private static String partner(String fixed, ResourceQuota q, QuotaNeed need, String key) {
        if (fixed != null) {
            return fixed;
        }
        Quantity current = q.getSpec().getHard().get(key);
        BigDecimal amount = current == null ? null : KubernetesSyntax.quantity(current.toString());
        BigDecimal wanted = need.peak(key);
        return QuotaNeed.format(key, amount == null ? wanted : amount.max(wanted));
    }
}

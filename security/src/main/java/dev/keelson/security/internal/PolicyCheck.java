package dev.keelson.security.internal;

import dev.keelson.core.spi.FeatureContext;
import dev.keelson.security.ImagePolicy;
import dev.keelson.security.PodSecurityLevel;
import dev.keelson.security.SecurityRule;
import dev.keelson.security.internal.PolicyIndex.Workload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The policy check: runs every {@link SecurityRule} over the final objects of one environment (after every
 * feature and customization) and returns what it finds. It builds a {@link PolicyIndex} in one pass,
 * then runs the rule families ({@link AvailabilityRules}, {@link RbacRules}, {@link NetworkRules},
 * {@link PodRules}, {@link NamespaceRules}, {@link PodSecurityRules}, {@link ContainerRules}) in a
 * fixed order, so the findings come out in the same order on every run: each object's own rules in
 * the order of the objects, then the namespace's, the network's and the PodDisruptionBudgets', then
 * each workload's. Internal.
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
    public record Finding(SecurityRule rule, HasMetadata object, String field, String message, String fix) {
    }

    private PolicyCheck() {
    }

    /** Every finding in the environment {@code ctx}, which runs at {@code level}. */
    public static List<Finding> run(FeatureContext ctx, PodSecurityLevel level) {
        return run(ctx, level, null);
    }

    /** Every finding in the environment {@code ctx}, which runs at {@code level}, with the image policy's rules when there is one. */
    public static List<Finding> run(FeatureContext ctx, PodSecurityLevel level, @Nullable ImagePolicy images) {
        PolicyIndex index = new PolicyIndex(ctx.objects());
        Findings out = new Findings();
        for (HasMetadata o : ctx.objects()) {
            AvailabilityRules.checkApiVersion(o, out);
            RbacRules.check(o, out);
            NetworkRules.checkService(o, out);
            PodRules.checkConfigMap(o, out);
        }
        Namespace ns = ctx.namespace();
        NamespaceRules.check(ns, level, index, out);
        NetworkRules.checkNamespace(ns, index, out);
        NetworkRules.checkFlows(ctx, ns, out);
        NetworkRules.checkIngresses(index, out);
        NetworkRules.checkHttpRoutes(index, out);
        NetworkRules.checkPolicySelection(index, out);
        NetworkRules.checkServiceTargets(index, out);
        AvailabilityRules.checkPdbs(index, out);
        for (Workload w : index.workloads()) {
            if (w.spec() == null) {
                continue;
            }
            PodSecurityRules.check(w, out);
            PodRules.check(w, index, out);
            ContainerRules.check(w, out);
            // the image policy governs the environment's namespace, as its admission policies do;
            // another namespace a feature writes (the data module's) keeps its own images
            if (images != null && ctx.namespaceName().equals(w.object().getMetadata().getNamespace())) {
                ImageRules.check(w, images, ctx.environment(), out);
            }
            AvailabilityRules.checkWorkload(w, index, ctx.environment().stage(), out);
            NetworkRules.checkIsolation(w, index, out);
        }
        return out.list();
    }

    /** The JSON names of the volume sources {@code v} sets: {@link PodSecurityRules#volumeSources}. */
    static List<String> volumeSources(Volume v) {
        return PodSecurityRules.volumeSources(v);
    }
}

package dev.keelson.autoscaling.internal;

import dev.keelson.autoscaling.ComputeResource;
import dev.keelson.autoscaling.ContainerPolicy;
import dev.keelson.autoscaling.KedaTrigger;
import dev.keelson.autoscaling.Metric;
import dev.keelson.autoscaling.Replicas;
import dev.keelson.autoscaling.ScalingProfile;
import dev.keelson.autoscaling.UpdateMode;
import dev.keelson.autoscaling.VerticalScaling;
import dev.keelson.core.Environment;
import dev.keelson.core.KubernetesSyntax;
import dev.keelson.core.Platform;
import dev.keelson.core.Problems;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.core.TierOverride;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The checks a {@link ScalingProfile} runs when the platform is built. Internal. */
public final class ScalingValidator {

    private static final Pattern CONTAINER_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private ScalingValidator() {
    }

    /** Validates {@code profile} of {@code tier}; {@code path} is the profile's, e.g. {@code shop/tiers/api/scaling}. */
    public static void validate(ScalingProfile profile, Platform platform, Tier tier, String path, Problems problems) {
        List<ScalingProfile> all = tier.features(ScalingProfile.class);
        if (all.size() > 1) {
            if (all.get(0) == profile) {
                problems.error(path, "tier '" + tier.name() + "' has " + all.size() + " scaling profiles",
                        "give it one; vary it by stage with ScalingProfile...in(Stage.DEVELOPMENT, ScalingProfile.fixed(1))");
            }
            return;
        }
        if (!profile.stages().isEmpty()) {
            validateOne(profile, tier, path, problems);
        }
        for (Map.Entry<Stage, ScalingProfile> e : profile.perStage().entrySet()) {
            validateOne(e.getValue(), tier, path + "/" + e.getKey().name().toLowerCase(Locale.ROOT), problems);
        }
        for (Environment env : platform.environments()) {
            TierOverride o = env.overrideFor(tier.name());
            ScalingProfile p = profile.in(env).orElse(null);
            if (o.replicas() != null && p != null && (p.horizontal() || p.fixedReplicas().isPresent())) {
                problems.warning(platform.name() + "/environments/" + env.name() + "/overrides/" + tier.name() + "/replicas",
                        "TierOverride.replicas(" + o.replicas() + ") has no effect: tier '" + tier.name() + "' is scaled by its "
                                + "ScalingProfile in '" + env.name() + "'",
                        "drop the override and set the count in the profile for stage " + env.stage()
                                + ", e.g. .in(Stage." + env.stage() + ", ScalingProfile." + (p.horizontal()
                                ? "standard().replicas(" + o.replicas() + ", " + Math.max(o.replicas(), p.replicas().orElseThrow().max()) + ")"
                                : "fixed(" + o.replicas() + ")") + ")");
            }
        }
    }

    private static void validateOne(ScalingProfile p, Tier tier, String path, Problems problems) {
        String app = tier.name();
        Replicas r = p.replicas().orElse(null);
        if (r != null) {
            replicas(p, r, path + "/replicas", problems);
            metrics(p, app, path, problems);
        }
        p.vertical().ifPresent(v -> vertical(p, v, app, tier, path + "/vertical", problems));
    }

    private static void replicas(ScalingProfile p, Replicas r, String path, Problems problems) {
        if (r.min() > r.max()) {
            problems.error(path, "minReplicas (" + r.min() + ") exceeds maxReplicas (" + r.max() + ")",
                    "replicas(min, max) with min <= max");
        } else if (r.min() == r.max()) {
            problems.warning(path, "minReplicas equals maxReplicas (" + r.min() + "), so the autoscaler can never change the count",
                    "use ScalingProfile.fixed(" + r.min() + "), or widen the range");
        }
        if (r.min() == 0 && p.keda().isEmpty()) {
            problems.error(path, "minReplicas 0: an HPA cannot scale to zero (the HPAScaleToZero feature gate is alpha and off by default)",
                    "use replicas(1 or more, max), or scale to zero with KEDA: .keda(Keda.with(...))");
        }
        if (r.min() == 1) {
            problems.warning(path, "minReplicas 1: at its minimum the tier runs a single pod, which every node drain or "
                            + "rollout of that node takes down, and it gets no PodDisruptionBudget (one would block drains)",
                    "replicas(2, " + Math.max(2, r.max()) + ") for a tier that must stay available");
        }
    }

    private static void selector(Map<String, String> selector, String path, Problems problems) {
        selector.forEach((k, v) -> {
            if (!KubernetesSyntax.labelKey(k)) {
                problems.error(path + "/selector/" + k, "selector key '" + k + "' is not a label key",
                        "use an optional DNS prefix and a name of at most 63 letters, digits, '-', '_' and '.', e.g. 'queue'");
            }
            if (!KubernetesSyntax.labelValue(v)) {
                problems.error(path + "/selector/" + k, "selector value '" + v + "' is not a label value",
                        "use at most 63 letters, digits, '-', '_' and '.', alphanumeric at both ends");
            }
        });
    }

    private static void metrics(ScalingProfile p, String tierName, String path, Problems problems) {
        boolean keda = p.keda().isPresent();
        if (p.metrics().isEmpty() && (!keda || p.keda().get().triggers().isEmpty())) {
            problems.error(path + "/metrics", "the profile has no metric to scale on",
                    "add one, e.g. .metric(Metric.cpu(70)), or start from ScalingProfile.standard()");
        }
        boolean onlyResources = true;
        for (Metric m : p.metrics()) {
            String mpath = path + "/metrics/" + m.key();
            if (m instanceof Metric.ResourceMetric rm) {
                if (rm.resource().equals("ephemeral-storage")) {
                    problems.error(mpath, "ephemeral-storage cannot drive an autoscaler: the resource metrics API "
                                    + "(metrics-server) serves only cpu and memory, so the HPA would never get a value "
                                    + "(the report's 'ephemeral storage: 85%' cannot be built as written)",
                            "drop it; bound disk use with an ephemeral-storage request and limit (the kubelet evicts a pod "
                                    + "over its limit), or export disk usage as a custom metric and scale on "
                                    + "Metric.pods(\"<metric>\", Target.averageValue(..))");
                } else if (ComputeResource.fromWireName(rm.resource()) == null) {
                    problems.error(mpath, "resource '" + rm.resource() + "' cannot drive an autoscaler: the resource "
                                    + "metrics API serves only cpu and memory",
                            "use Metric.cpu(..) or Metric.memory(..), or a Pods or External metric for anything else");
                }
            } else {
                onlyResources = false;
                Map<String, String> selector = m instanceof Metric.PodsMetric pm ? pm.selector()
                        : m instanceof Metric.ExternalMetric em ? em.selector() : Map.of();
                selector(ScalingObjects.resolve(selector, tierName), mpath, problems);
                if (keda) {
                    problems.error(mpath, "KEDA replaces the HPA and cannot carry the HPA metric '" + m.key() + "'",
                            "express it as a KEDA trigger (e.g. KedaTrigger.prometheus(server, query, threshold)) and remove it "
                                    + "with .withoutMetric(\"" + m.key() + "\")");
                }
            }
        }
        if (keda) {
            int max = p.replicas().orElseThrow().max();
            List<KedaTrigger> triggers = p.keda().get().triggers();
            for (int i = 0; i < triggers.size(); i++) {
                KedaTrigger t = triggers.get(i);
                String desired = t.type().equals("cron") ? t.metadata().get("desiredReplicas") : null;
                if (desired != null && desired.matches("[0-9]{1,9}") && Integer.parseInt(desired) > max) {
                    problems.error(path + "/keda/triggers/" + i, "the cron trigger asks for " + desired
                                    + " replicas, above maxReplicas " + max + ", so KEDA never reaches it",
                            "raise the range to replicas(min, " + desired + ") or ask the trigger for at most " + max);
                }
            }
        }
        if (keda && p.replicas().orElseThrow().min() == 0 && onlyResources && p.keda().get().triggers().isEmpty()) {
            problems.error(path + "/replicas", "minReplicas 0 with only cpu or memory to scale on: with no pod running "
                            + "there is no usage to measure, so KEDA could never scale up again",
                    "add an event trigger (a queue, a cron window) to the Keda setup, or use replicas(1 or more, max)");
        }
    }

    private static void vertical(ScalingProfile p, VerticalScaling v, String app, Tier tier, String path, Problems problems) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ContainerPolicy c : v.containers()) {
            String name = c.container() == null ? app : c.container();
            String cpath = path + "/containers/" + name;
            if (!seen.add(name)) {
                problems.error(cpath, "the VPA has two policies for container '" + name + "'"
                                + (name.equals(app) ? " (ContainerPolicy.app() is the tier's container)" : ""),
                        "give each container one policy");
            }
            if (!name.equals(ContainerPolicy.ALL_OTHERS) && !CONTAINER_NAME.matcher(name).matches()) {
                problems.error(cpath, "container name '" + name + "' is not a DNS label",
                        "name a container of the pod, e.g. '" + app + "' or 'istio-proxy', or '*' for all others");
            }
            bounds(c.minCpu(), c.maxCpu(), "cpu", cpath, problems);
            bounds(c.minMemory(), c.maxMemory(), "memory", cpath, problems);
        }
        if (v.mode() == UpdateMode.AUTO) {
            problems.warning(path, "update mode Auto is deprecated since VPA 1.4; it means Recreate",
                    "VerticalScaling.mode(UpdateMode.RECREATE), or IN_PLACE_OR_RECREATE to resize without restarts where possible");
        }
        Set<ComputeResource> shared = Conflicts.shared(p, app);
        if (!shared.isEmpty()) {
            String names = shared.stream().map(ComputeResource::wireName).collect(Collectors.joining(" and "));
            ComputeResource other = shared.size() == 1 && shared.contains(ComputeResource.CPU) ? ComputeResource.MEMORY
                    : shared.size() == 1 ? ComputeResource.CPU : null;
            problems.error(path, "the HPA scales on " + names + " while the VPA (mode " + v.mode().wireName()
                            + ") also changes the " + names + " requests: they fight (the VPA raises requests, utilization "
                            + "drops, the HPA scales in, and round again)",
                    "pick one of the compatible setups: "
                            + (other != null ? "let the VPA control only " + other.wireName() + " (ContainerPolicy.app().controls(ComputeResource."
                            + other.name() + ")); " : "let the VPA control only the resource the HPA does not scale on; ")
                            + "run the VPA for recommendations only (VerticalScaling.recommendOnly()); "
                            + "or scale the HPA on custom or external metrics instead (e.g. ScalingProfile.on(Metric.requestsPerSecond(100)))");
        }
        if (evicts(v.mode())) {
            int live = p.replicas().map(Replicas::min).orElse(p.fixedReplicas().orElse(tier.replicas()));
            int needed = v.minReplicas() != null ? v.minReplicas() : 2;
            if (live < needed) {
                problems.warning(path, "update mode " + v.mode().wireName() + " evicts pods only while at least " + needed
                                + " replicas are live, and the tier can run " + live + ", so its requests are never updated",
                        "use VerticalScaling.mode(UpdateMode.INITIAL) (applied when pods start), run more replicas, "
                                + "or lower the VPA's minReplicas(..)");
            }
        }
    }

    private static boolean evicts(UpdateMode mode) {
        return mode == UpdateMode.RECREATE || mode == UpdateMode.AUTO || mode == UpdateMode.IN_PLACE_OR_RECREATE;
    }

    private static void bounds(String min, String max, String resource, String path, Problems problems) {
        if (min == null || max == null) {
            return;
        }
        BigDecimal lo = Quantities.value(min);
        BigDecimal hi = Quantities.value(max);
        if (lo.compareTo(hi) > 0) {
            problems.error(path, "minAllowed " + resource + " " + min + " exceeds maxAllowed " + resource + " " + max,
                    "minAllowed(..) at most maxAllowed(..)");
        }
    }
}

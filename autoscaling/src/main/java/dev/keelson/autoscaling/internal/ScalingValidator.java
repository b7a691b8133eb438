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
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.core.TierOverride;
import dev.keelson.core.Workload;
import dev.keelson.core.spi.Problems;
import java.math.BigDecimal;
import java.util.ArrayList;
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
    public static void validate(ScalingProfile profile, Platform platform, Tier tier, ModelPath path, Problems problems) {
        List<ScalingProfile> all = tier.features(ScalingProfile.class);
        if (all.size() > 1) {
            if (all.get(0) == profile) {
                problems.error("KEE-SCALE-013", path, "tier '" + tier.name() + "' has " + all.size() + " scaling profiles",
                        "give it one; vary it by stage with ScalingProfile...in(Stage.DEVELOPMENT, ScalingProfile.fixed(1))");
            }
            return;
        }
        if (!kindScaled(profile, tier, path, problems)) {
            return;
        }
        if (!profile.stages().isEmpty()) {
            validateOne(profile, tier, path, problems);
        }
        for (Map.Entry<Stage, ScalingProfile> e : profile.perStage().entrySet()) {
            validateOne(e.getValue(), tier, path.child(e.getKey().name().toLowerCase(Locale.ROOT)), problems);
        }
        for (Environment env : platform.environments()) {
            TierOverride o = env.overrideFor(tier.name());
            ScalingProfile p = profile.in(env).orElse(null);
            if (o.replicas() != null && p != null && (p.horizontal() || p.fixedReplicas().isPresent())) {
                // the profile wins (ScalingObjects drops or replaces spec.replicas), so the user's number would be lost
                problems.error("KEE-SCALE-014",
                        ModelPath.root(platform.name()).environment(env.name()).child("overrides", tier.name()).child("replicas"),
                        "TierOverride.replicas(" + o.replicas() + ") has no effect: tier '" + tier.name() + "' is scaled by its "
                                + "ScalingProfile in '" + env.name() + "', which wins (" + owner(p) + ")",
                        "drop the override and set the count in the profile for stage " + env.stage()
                                + ", e.g. .in(Stage." + env.stage() + ", ScalingProfile." + (p.horizontal()
                                ? "standard().replicas(" + o.replicas() + ", " + Math.max(o.replicas(), p.replicas().orElseThrow().max()) + ")"
                                : "fixed(" + o.replicas() + ")") + ")");
            }
        }
        tierReplicas(profile, platform, tier, problems);
    }

    /** Who sets the replica count under {@code p}, a horizontal or fixed profile, in words. */
    private static String owner(ScalingProfile p) {
        return p.horizontal() ? (p.keda().isPresent() ? "KEDA" : "the HPA") + " owns the count, "
                + p.replicas().orElseThrow() + " replicas" : "ScalingProfile.fixed(" + p.fixedReplicas().getAsInt() + ") sets it";
    }

    /**
     * {@code Tier.replicas(n)} that no environment uses: where the profile scales the tier it wins, and
     * where an override is set that wins. A count of 2 cannot be told from the default and is left alone.
     */
    private static void tierReplicas(ScalingProfile profile, Platform platform, Tier tier, Problems problems) {
        if (tier.replicas() == Tier.DEFAULT_REPLICAS) {
            return;
        }
        List<String> ignoredIn = new ArrayList<>();
        ScalingProfile first = null;
        for (Environment env : platform.environments()) {
            if (env.overrideFor(tier.name()).replicas() != null) {
                continue;
            }
            ScalingProfile p = profile.in(env).orElse(null);
            if (p == null || !(p.horizontal() || p.fixedReplicas().isPresent())) {
                return;
            }
            if (first == null) {
                first = p;
            }
            ignoredIn.add(env.name());
        }
        if (first == null) {
            return;
        }
        int n = tier.replicas();
        problems.error("KEE-SCALE-015", ModelPath.root(platform.name()).tier(tier.name()).child("replicas"),
                "Tier.replicas(" + n + ") has no effect: tier '" + tier.name() + "' is scaled by its ScalingProfile in "
                        + (ignoredIn.size() == 1 ? "'" + ignoredIn.get(0) + "'" : "every environment (" + String.join(", ", ignoredIn) + ")")
                        + ", which wins (" + owner(first) + ")",
                "drop .replicas(" + n + ") from tier '" + tier.name() + "' and set the count in the profile: "
                        + (first.horizontal() ? "ScalingProfile...replicas(" + n + ", " + Math.max(n, first.replicas().orElseThrow().max()) + ")"
                        : "ScalingProfile.fixed(" + n + ")")
                        + "; or limit the profile to some stages with onlyIn(..) so the tier's count applies in the others");
    }

    /**
     * KEE-SCALE-027: a profile scales a Deployment or a StatefulSet (its HPA, ScaledObject and VPA
     * target that kind); a DaemonSet runs one pod per node, so only a VPA applies to it; a Job or
     * CronJob is never scaled.
     */
    private static boolean kindScaled(ScalingProfile profile, Tier tier, ModelPath path, Problems problems) {
        Workload.Kind kind = tier.kind();
        if (kind == Workload.Kind.DEPLOYMENT || kind == Workload.Kind.STATEFUL_SET) {
            return true;
        }
        if (!kind.longRunning()) {
            problems.error("KEE-SCALE-027", path, "tier '" + tier.name() + "' is a " + kind.apiKind()
                    + ", which runs to completion: nothing scales it", "remove the ScalingProfile (a Job's pods are sized with resources(...))");
            return false;
        }
        List<ScalingProfile> all = new ArrayList<>();
        if (!profile.stages().isEmpty()) {
            all.add(profile);
        }
        all.addAll(profile.perStage().values());
        if (all.stream().anyMatch(p -> p.horizontal() || p.fixedReplicas().isPresent())) {
            problems.error("KEE-SCALE-027", path, "tier '" + tier.name() + "' is a DaemonSet, which runs one pod per node: "
                            + "replicas and a horizontal autoscaler do not apply",
                    "keep only the vertical part: ScalingProfile.verticalOnly(...)");
            return false;
        }
        return true;
    }

    private static void validateOne(ScalingProfile p, Tier tier, ModelPath path, Problems problems) {
        String app = tier.name();
        Replicas r = p.replicas().orElse(null);
        if (r != null) {
            replicas(p, r, path.child("replicas"), problems);
            metrics(p, app, path, problems);
            if (!tier.serves()) {
                needPorts(p, tier, path, problems);
            }
        }
        p.vertical().ifPresent(v -> vertical(p, v, app, tier, path.child("vertical"), problems));
    }

    private static void replicas(ScalingProfile p, Replicas r, ModelPath path, Problems problems) {
        if (r.min() > r.max()) {
            problems.error("KEE-SCALE-001", path, "minReplicas (" + r.min() + ") exceeds maxReplicas (" + r.max() + ")",
                    "replicas(min, max) with min <= max");
        } else if (r.min() == r.max()) {
            problems.warning("KEE-SCALE-002", path, "minReplicas equals maxReplicas (" + r.min() + "), so the autoscaler can never change the count",
                    "use ScalingProfile.fixed(" + r.min() + "), or widen the range");
        }
        if (r.min() == 0 && p.keda().isEmpty()) {
            problems.error("KEE-SCALE-003", path, "minReplicas 0: an HPA cannot scale to zero (the HPAScaleToZero feature gate is alpha and off by default)",
                    "use replicas(1 or more, max), or scale to zero with KEDA: .keda(Keda.with(...))");
        }
        if (r.min() == 1) {
            problems.warning("KEE-SCALE-004", path, "minReplicas 1: at its minimum the tier runs a single pod, which every node drain or "
                            + "rollout of that node takes down, and it gets no PodDisruptionBudget (one would block drains)",
                    "replicas(2, " + Math.max(2, r.max()) + ") for a tier that must stay available");
        }
    }

    private static void selector(Map<String, String> selector, ModelPath path, Problems problems) {
        selector.forEach((k, v) -> {
            if (!KubernetesSyntax.labelKey(k)) {
                problems.error("KEE-SCALE-005", path.child("selector", k), "selector key '" + k + "' is not a label key",
                        "use an optional DNS prefix and a name of at most 63 letters, digits, '-', '_' and '.', e.g. 'queue'");
            }
            if (!KubernetesSyntax.labelValue(v)) {
                problems.error("KEE-SCALE-006", path.child("selector", k), "selector value '" + v + "' is not a label value",
                        "use at most 63 letters, digits, '-', '_' and '.', alphanumeric at both ends");
            }
        });
    }

    private static void metrics(ScalingProfile p, String tierName, ModelPath path, Problems problems) {
        boolean keda = p.keda().isPresent();
        if (p.metrics().isEmpty() && (!keda || p.keda().get().triggers().isEmpty())) {
            problems.error("KEE-SCALE-007", path.child("metrics"), "the profile has no metric to scale on",
                    "add one, e.g. .metric(Metric.cpu(70)), or start from ScalingProfile.standard()");
        }
        boolean onlyResources = true;
        for (Metric m : p.metrics()) {
            ModelPath mpath = path.child("metrics", m.key());
            if (m instanceof Metric.ResourceMetric rm) {
                if (rm.resource().equals("ephemeral-storage")) {
                    problems.error("KEE-SCALE-008", mpath, "ephemeral-storage cannot drive an autoscaler: the resource metrics API "
                                    + "(metrics-server) serves only cpu and memory, so the HPA would never get a value "
                                    + "(the report's 'ephemeral storage: 85%' cannot be built as written)",
                            "drop it; bound disk use with an ephemeral-storage request and limit (the kubelet evicts a pod "
                                    + "over its limit), or export disk usage as a custom metric and scale on "
                                    + "Metric.pods(\"<metric>\", Target.averageValue(..))");
                } else if (ComputeResource.fromWireName(rm.resource()) == null) {
                    problems.error("KEE-SCALE-009", mpath, "resource '" + rm.resource() + "' cannot drive an autoscaler: the resource "
                                    + "metrics API serves only cpu and memory",
                            "use Metric.cpu(..) or Metric.memory(..), or a Pods or External metric for anything else");
                }
            } else {
                onlyResources = false;
                Map<String, String> selector = m instanceof Metric.PodsMetric pm ? pm.selector()
                        : m instanceof Metric.ExternalMetric em ? em.selector() : Map.of();
                selector(ScalingObjects.resolve(selector, tierName), mpath, problems);
                if (keda) {
                    problems.error("KEE-SCALE-010", mpath, "KEDA replaces the HPA and cannot carry the HPA metric '" + m.key() + "'",
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
                    problems.error("KEE-SCALE-011", path.child("keda").child("triggers", i), "the cron trigger asks for " + desired
                                    + " replicas, above maxReplicas " + max + ", so KEDA never reaches it",
                            "raise the range to replicas(min, " + desired + ") or ask the trigger for at most " + max);
                }
            }
        }
        if (keda && p.replicas().orElseThrow().min() == 0 && onlyResources && p.keda().get().triggers().isEmpty()) {
            problems.error("KEE-SCALE-012", path.child("replicas"), "minReplicas 0 with only cpu or memory to scale on: with no pod running "
                            + "there is no usage to measure, so KEDA could never scale up again",
                    "add an event trigger (a queue, a cron window) to the Keda setup, or use replicas(1 or more, max)");
        }
    }

    /**
     * Signals that come from the tier's own pods or traffic, on a tier that declares no port: a Pods
     * metric is a series per pod (scraped from the pod, or its sidecar's request metrics), and the
     * KEDA HTTP add-on counts requests routed to the tier's Service. Without a port there is neither.
     */
    private static void needPorts(ScalingProfile p, Tier tier, ModelPath path, Problems problems) {
        String fix = "declare the port the pods serve (Tier...port(Port.http(8080))) or the port they serve metrics on "
                + "(Tier...metrics(Port.metrics(9090))); or scale on a signal from outside the pods: an External metric "
                + "(e.g. Metric.queueDepth(\"<queue>\", 10)), a KEDA queue or cron trigger, or cpu";
        for (Metric m : p.metrics()) {
            if (m instanceof Metric.PodsMetric pm) {
                problems.warning("KEE-SCALE-023", path.child("metrics", m.key()), "the Pods metric '" + pm.name()
                                + "' is a series of each pod of tier '" + tier.name() + "', which declares no port: nothing "
                                + "scrapes the pods or sends them requests, so the adapter never serves it, and while it is "
                                + "missing the HPA does not scale in", fix);
            }
        }
        List<KedaTrigger> triggers = p.keda().map(k -> k.triggers()).orElse(List.of());
        for (int i = 0; i < triggers.size(); i++) {
            KedaTrigger t = triggers.get(i);
            String scaler = t.metadata().getOrDefault("scalerAddress", "");
            if ((t.type().equals("external") || t.type().equals("external-push")) && scaler.contains("keda-add-ons-http")) {
                problems.warning("KEE-SCALE-023", path.child("keda").child("triggers", i), "the KEDA HTTP add-on trigger ('" + scaler
                                + "') counts requests routed to the Service of tier '" + tier.name() + "', which declares no "
                                + "port and so has no Service: the count stays 0", fix);
            }
        }
    }

    private static void vertical(ScalingProfile p, VerticalScaling v, String app, Tier tier, ModelPath path, Problems problems) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ContainerPolicy c : v.containers()) {
            String name = c.container() == null ? app : c.container();
            ModelPath cpath = path.child("containers", name);
            if (!seen.add(name)) {
                problems.error("KEE-SCALE-016", cpath, "the VPA has two policies for container '" + name + "'"
                                + (name.equals(app) ? " (ContainerPolicy.app() is the tier's container)" : ""),
                        "give each container one policy");
            }
            if (!name.equals(ContainerPolicy.ALL_OTHERS) && !CONTAINER_NAME.matcher(name).matches()) {
                problems.error("KEE-SCALE-017", cpath, "container name '" + name + "' is not a DNS label",
                        "name a container of the pod, e.g. '" + app + "' or 'istio-proxy', or '*' for all others");
            }
            bounds(c.minCpu(), c.maxCpu(), "cpu", cpath, problems);
            bounds(c.minMemory(), c.maxMemory(), "memory", cpath, problems);
        }
        if (v.mode() == UpdateMode.AUTO) {
            problems.warning("KEE-SCALE-019", path, "update mode Auto is deprecated since VPA 1.4; it means Recreate",
                    "VerticalScaling.mode(UpdateMode.RECREATE), or IN_PLACE_OR_RECREATE to resize without restarts where possible");
        }
        Set<ComputeResource> shared = Conflicts.shared(p, app);
        if (!shared.isEmpty()) {
            String names = shared.stream().map(ComputeResource::wireName).collect(Collectors.joining(" and "));
            ComputeResource other = shared.size() == 1 && shared.contains(ComputeResource.CPU) ? ComputeResource.MEMORY
                    : shared.size() == 1 ? ComputeResource.CPU : null;
            problems.error("KEE-SCALE-020", path, "the HPA scales on " + names + " while the VPA (mode " + v.mode().wireName()
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
                problems.warning("KEE-SCALE-021", path, "update mode " + v.mode().wireName() + " evicts pods only while at least " + needed
                                + " replicas are live, and the tier can run " + live + ", so its requests are never updated",
                        "use VerticalScaling.mode(UpdateMode.INITIAL) (applied when pods start), run more replicas, "
                                + "or lower the VPA's minReplicas(..)");
            }
        }
    }

    private static boolean evicts(UpdateMode mode) {
        return mode == UpdateMode.RECREATE || mode == UpdateMode.AUTO || mode == UpdateMode.IN_PLACE_OR_RECREATE;
    }

    private static void bounds(String min, String max, String resource, ModelPath path, Problems problems) {
        if (min == null || max == null) {
            return;
        }
        BigDecimal lo = Quantities.value(min);
        BigDecimal hi = Quantities.value(max);
        if (lo.compareTo(hi) > 0) {
            problems.error("KEE-SCALE-018", path, "minAllowed " + resource + " " + min + " exceeds maxAllowed " + resource + " " + max,
                    "minAllowed(..) at most maxAllowed(..)");
        }
    }
}

package dev.keelson.autoscaling;

import dev.keelson.autoscaling.internal.ScalingChecks;
import dev.keelson.autoscaling.internal.ScalingObjects;
import dev.keelson.autoscaling.internal.ScalingValidator;
import dev.keelson.core.Environment;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Percent;
import dev.keelson.core.Platform;
import dev.keelson.core.Require;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.core.TierFeature;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.Problems;
import dev.keelson.core.spi.TierExtension;
import dev.keelson.core.spi.TierObjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a tier scales: a horizontal autoscaler ({@code autoscaling/v2} HPA) or KEDA, a vertical
 * autoscaler (VPA), and a PodDisruptionBudget, per environment stage. A {@link TierFeature}.
 *
 * <pre>{@code
 * Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080))
 *     .with(ScalingProfile.report());                                  // the report's full profile
 *
 * Tier.named("web")...
 *     .with(ScalingProfile.cpu(70).memory(80).replicas(2, 20)          // each figure overridable
 *         .vertical(VerticalScaling.recommendOnly())
 *         .in(Stage.DEVELOPMENT, ScalingProfile.fixed(1)));            // dev: one pod, no HPA
 * }</pre>
 *
 * <p>Presets: {@link #report()} is the platform report's full profile (CPU 70 %, memory 80 %,
 * requests per second 100, p95 response time 500 ms, active connections 1000, queue depth 10,
 * 2..20 replicas, {@link Behavior#DEFAULT}); {@link #standard()} is its resource part only (CPU
 * 70 %, memory 80 %, 2..20 replicas, the same behavior), which needs nothing but metrics-server.
 *
 * <p>Defaults of every profile unless changed: replicas 2..20 ({@link Replicas#DEFAULT});
 * {@link Behavior#DEFAULT}; no VPA; no KEDA; a PodDisruptionBudget with {@code maxUnavailable: 1}
 * and {@code unhealthyPodEvictionPolicy: AlwaysAllow}, so node drains always make progress and
 * never take down more than one pod (none for tiers that can run a single pod); active in every
 * stage. An HPA-scaled Deployment is written without {@code spec.replicas}, so applying the
 * output never resets the count the HPA chose.
 *
 * <p>What is refused when the platform is built (each with its path, e.g.
 * {@code shop/tiers/api/scaling}, and a fix): minimum above maximum; a minimum of 0 without KEDA;
 * resources other than cpu and memory (the resource metrics API serves no other); no metric at
 * all; an HPA and a VPA (mode other than Off) on the same resource; HPA
 * metrics KEDA cannot carry; two profiles on one tier; a replica count the profile would silently
 * override ({@code Tier.replicas(n)} that no environment uses, a {@code TierOverride.replicas(n)}
 * where the profile sets the count: the profile wins). At synthesis, a container without a
 * request for a resource scaled by utilization, and {@code spec.replicas} put back on an
 * HPA-scaled Deployment (by a customization), fail the build; warnings name a Pods metric on a
 * tier without ports, an Object metric on an object the platform does not write, a canary (or
 * other traffic split) the HPA does not scale and that is smaller than its share of the maximum,
 * and a {@code RequestsOnly} VPA that may recommend more than the container's limit. Every problem
 * carries a {@code KEE-SCALE-*} rule ID (docs/validation-rules.md).
 */
public final class ScalingProfile implements TierFeature {

    private final @Nullable Replicas replicas;
    private final @Nullable Integer fixedReplicas;
    private final List<Metric> metrics;
    private final Behavior behavior;
    private final @Nullable VerticalScaling vertical;
    private final @Nullable Keda keda;
    private final @Nullable Integer maxUnavailable;
    private final Set<Stage> stages;
    private final Map<Stage, ScalingProfile> perStage;

    private ScalingProfile(@Nullable Replicas replicas, @Nullable Integer fixedReplicas, List<Metric> metrics, Behavior behavior,
                           @Nullable VerticalScaling vertical, @Nullable Keda keda, @Nullable Integer maxUnavailable, Set<Stage> stages,
                           Map<Stage, ScalingProfile> perStage) {
        this.replicas = replicas;
        this.fixedReplicas = fixedReplicas;
        this.metrics = List.copyOf(metrics);
        this.behavior = behavior;
        this.vertical = vertical;
        this.keda = keda;
        this.maxUnavailable = maxUnavailable;
        this.stages = Collections.unmodifiableSet(stages.isEmpty() ? EnumSet.noneOf(Stage.class) : EnumSet.copyOf(stages));
        Map<Stage, ScalingProfile> copy = new EnumMap<>(Stage.class);
        copy.putAll(perStage);
        this.perStage = Collections.unmodifiableMap(copy);
    }

    private static ScalingProfile horizontal(List<Metric> metrics) {
        return new ScalingProfile(Replicas.DEFAULT, null, metrics, Behavior.DEFAULT, null, null, 1,
                EnumSet.allOf(Stage.class), Map.of());
    }

    /**
     * The platform report's full profile in one call: CPU 70 % and memory 80 % of the tier
     * container's requests, {@link Metric#requestsPerSecond} 100, {@link Metric#p95ResponseTime}
     * 500 ms, {@link Metric#activeConnections} 1000, {@link Metric#queueDepth} 10 on the queue named
     * after the tier; 2..20 replicas; {@link Behavior#DEFAULT}. The report's "ephemeral storage:
     * 85 %" is left out: the resource metrics API does not serve it.
     *
     * <p>The custom and external metrics need an adapter serving them under these names (e.g.
     * prometheus-adapter); while one cannot be read the HPA does not scale in. Without one, use
     * {@link #standard()}.
     */
    public static ScalingProfile report() {
        return horizontal(List.of(
                Metric.cpu(70),
                Metric.memory(80),
                Metric.requestsPerSecond(100),
                Metric.p95ResponseTime(Duration.ofMillis(500)),
                Metric.activeConnections(1000),
                Metric.queueDepth(Metric.TIER, 10)));
    }

    /** The report's resource profile: CPU 70 % and memory 80 %, 2..20 replicas, {@link Behavior#DEFAULT}. */
    public static ScalingProfile standard() {
        return horizontal(List.of(Metric.cpu(70), Metric.memory(80)));
    }

    /** A horizontal profile scaling on the tier container's CPU at {@code percent} % of its request, 2..20 replicas. */
    public static ScalingProfile cpu(int percent) {
        return cpu(Percent.of(percent));
    }

    /** A horizontal profile scaling on the tier container's CPU at {@code percent} of its request (whole, at least 1), 2..20 replicas. */
    public static ScalingProfile cpu(Percent percent) {
        Require.nonNull(percent, "percent");
        return horizontal(List.of(Metric.cpu(percent)));
    }

    /** A horizontal profile scaling on {@code metric} (add more with {@link #metric}), 2..20 replicas. */
    public static ScalingProfile on(Metric metric) {
        Require.nonNull(metric, "metric");
        return horizontal(List.of(metric));
    }

    /**
     * A fixed replica count: no HPA, {@code spec.replicas} set to {@code count}, a
     * PodDisruptionBudget when {@code count} is 2 or more. For development stages, e.g.
     * {@code report().in(Stage.DEVELOPMENT, ScalingProfile.fixed(1))}.
     */
    public static ScalingProfile fixed(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("fixed replicas must be 0 or more, was " + count);
        }
        return new ScalingProfile(null, count, List.of(), Behavior.DEFAULT, null, null, 1, EnumSet.allOf(Stage.class), Map.of());
    }

    /**
     * A vertical autoscaler only: the tier keeps its replica count ({@code Tier.replicas}, default
     * 2) and gets a PodDisruptionBudget when that is 2 or more.
     */
    public static ScalingProfile verticalOnly(VerticalScaling vertical) {
        Require.nonNull(vertical, "vertical");
        return new ScalingProfile(null, null, List.of(), Behavior.DEFAULT, vertical,
                null, 1, EnumSet.allOf(Stage.class), Map.of());
    }

    private ScalingProfile copy(@Nullable Replicas r, @Nullable Integer fixed, List<Metric> m, Behavior b, @Nullable VerticalScaling v,
                                @Nullable Keda k, @Nullable Integer mu, Set<Stage> s, Map<Stage, ScalingProfile> ps) {
        return new ScalingProfile(r, fixed, m, b, v, k, mu, s, ps);
    }

    private ScalingProfile requireHorizontal(String option) {
        if (replicas == null) {
            throw new IllegalStateException(option + " applies to a horizontal profile; start from ScalingProfile.standard(), "
                    + "report(), cpu(..) or on(..), not fixed(..) or verticalOnly(..)");
        }
        return this;
    }

    /** This profile with another metric; one with the same {@link Metric#key()} (e.g. {@code cpu}) is replaced in place. */
    public ScalingProfile metric(Metric metric) {
        Require.nonNull(metric, "metric");
        requireHorizontal("metric(..)");
        List<Metric> copy = new ArrayList<>(metrics);
        boolean replaced = false;
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).key().equals(metric.key())) {
                copy.set(i, metric);
                replaced = true;
            }
        }
        if (!replaced) {
            copy.add(metric);
        }
        return copy(replicas, fixedReplicas, copy, behavior, vertical, keda, maxUnavailable, stages, perStage);
    }

    /** This profile without the metric keyed {@code key} (e.g. {@code memory}, {@code pods/active_connections}). */
    public ScalingProfile withoutMetric(String key) {
        Require.nonNull(key, "key");
        List<Metric> copy = new ArrayList<>(metrics);
        if (!copy.removeIf(m -> m.key().equals(key))) {
            throw new IllegalArgumentException("no metric keyed '" + key + "'; the profile has: "
                    + String.join(", ", metrics.stream().map(Metric::key).toList()));
        }
        return copy(replicas, fixedReplicas, copy, behavior, vertical, keda, maxUnavailable, stages, perStage);
    }

    /** This profile with the tier container's CPU target at {@code percent} % of its request. Report: 70. */
    public ScalingProfile cpuUtilization(int percent) {
        return cpuUtilization(Percent.of(percent));
    }

    /** This profile with the tier container's CPU target at {@code percent} of its request (whole, at least 1). Report: 70. */
    public ScalingProfile cpuUtilization(Percent percent) {
        Require.nonNull(percent, "percent");
        return metric(Metric.cpu(percent));
    }

    /** This profile with the tier container's memory target at {@code percent} % of its request. Report: 80. */
    public ScalingProfile memory(int percent) {
        return memory(Percent.of(percent));
    }

    /** This profile with the tier container's memory target at {@code percent} of its request (whole, at least 1). Report: 80. */
    public ScalingProfile memory(Percent percent) {
        Require.nonNull(percent, "percent");
        return metric(Metric.memory(percent));
    }

    /** This profile with the replica range {@code min..max}. Default: 2..20. */
    public ScalingProfile replicas(int min, int max) {
        requireHorizontal("replicas(min, max)");
        return copy(Replicas.between(min, max), null, metrics, behavior, vertical, keda, maxUnavailable, stages, perStage);
    }

    /** This profile with another scaling behavior. Default: {@link Behavior#DEFAULT}. */
    public ScalingProfile behavior(Behavior newBehavior) {
        Require.nonNull(newBehavior, "newBehavior");
        requireHorizontal("behavior(..)");
        return copy(replicas, fixedReplicas, metrics, newBehavior, vertical, keda,
                maxUnavailable, stages, perStage);
    }

    /** This profile with other scale-up rules. Default: 50 % or 2 pods per 60 s, whichever is less; 60 s stabilization. */
    public ScalingProfile scaleUp(ScalingRules rules) {
        Require.nonNull(rules, "rules");
        return behavior(behavior.scaleUp(rules));
    }

    /** This profile with other scale-down rules. Default: 10 % or 1 pod per 60 s, whichever is less; 300 s stabilization. */
    public ScalingProfile scaleDown(ScalingRules rules) {
        Require.nonNull(rules, "rules");
        return behavior(behavior.scaleDown(rules));
    }

    /** This profile with a vertical autoscaler too. Default: none. Must not act on a resource the HPA scales on. */
    public ScalingProfile vertical(VerticalScaling newVertical) {
        Require.nonNull(newVertical, "newVertical");
        return copy(replicas, fixedReplicas, metrics, behavior, newVertical, keda,
                maxUnavailable, stages, perStage);
    }

    /** This profile scaled by KEDA instead of an HPA. Default: no KEDA. */
    public ScalingProfile keda(Keda newKeda) {
        Require.nonNull(newKeda, "newKeda");
        requireHorizontal("keda(..)");
        return copy(replicas, fixedReplicas, metrics, behavior, vertical, newKeda,
                maxUnavailable, stages, perStage);
    }

    /**
     * This profile's PodDisruptionBudget allowing {@code count} pods down at once. Default: 1. A
     * budget never uses {@code minAvailable}, which can block node drains for good.
     */
    public ScalingProfile disruptionBudget(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("maxUnavailable must be at least 1 (0 blocks every node drain), was " + count);
        }
        return copy(replicas, fixedReplicas, metrics, behavior, vertical, keda, count, stages, perStage);
    }

    /** This profile without a PodDisruptionBudget. Default: a budget with {@code maxUnavailable: 1}. */
    public ScalingProfile withoutDisruptionBudget() {
        return copy(replicas, fixedReplicas, metrics, behavior, vertical, keda, null, stages, perStage);
    }

    /**
     * This profile only in environments of these stages; elsewhere the tier is not autoscaled and
     * keeps its own replica count. Default: every stage.
     */
    @Override
    public ScalingProfile onlyIn(Stage... only) {
        Require.noNulls(only, "only");
        if (only.length == 0) {
            throw new IllegalArgumentException("onlyIn() needs at least one stage, e.g. onlyIn(Stage.PRODUCTION)");
        }
        return copy(replicas, fixedReplicas, metrics, behavior, vertical, keda, maxUnavailable, EnumSet.copyOf(List.of(only)), perStage);
    }

    /**
     * This profile, but {@code profile} in environments of stage {@code stage}, e.g.
     * {@code report().in(Stage.DEVELOPMENT, ScalingProfile.fixed(1))}. The replacement's own
     * {@link #onlyIn} and {@code in} settings are ignored.
     */
    public ScalingProfile in(Stage stage, ScalingProfile profile) {
        Require.nonNull(stage, "stage");
        Require.nonNull(profile, "profile");
        Map<Stage, ScalingProfile> copy = new EnumMap<>(Stage.class);
        copy.putAll(perStage);
        copy.put(stage, profile.copy(profile.replicas, profile.fixedReplicas, profile.metrics, profile.behavior,
                profile.vertical, profile.keda, profile.maxUnavailable, EnumSet.allOf(Stage.class), Map.of()));
        return copy(replicas, fixedReplicas, metrics, behavior, vertical, keda, maxUnavailable, stages, copy);
    }

    /** The profile in effect in {@code environment}, if the tier is scaled there at all. */
    public Optional<ScalingProfile> in(Environment environment) {
        Require.nonNull(environment, "environment");
        return forStage(environment.stage());
    }

    /** The profile in effect in environments of {@code stage}, if any. */
    public Optional<ScalingProfile> forStage(Stage stage) {
        Require.nonNull(stage, "stage");
        ScalingProfile override = perStage.get(stage);
        if (override != null) {
            return Optional.of(override);
        }
        return stages.contains(stage) ? Optional.of(this) : Optional.empty();
    }

    /** Whether this profile scales horizontally (an HPA, or KEDA). */
    public boolean horizontal() {
        return replicas != null;
    }

    /** The replica range of a horizontal profile, if it is one. */
    public Optional<Replicas> replicas() {
        return Optional.ofNullable(replicas);
    }

    /** The fixed replica count, if this is a {@link #fixed} profile. */
    public OptionalInt fixedReplicas() {
        return fixedReplicas == null ? OptionalInt.empty() : OptionalInt.of(fixedReplicas);
    }

    /** The metrics, in order. */
    public List<Metric> metrics() {
        return metrics;
    }

    /** The scaling behavior. */
    public Behavior behavior() {
        return behavior;
    }

    /** The vertical autoscaler, if any. */
    public Optional<VerticalScaling> vertical() {
        return Optional.ofNullable(vertical);
    }

    /** The KEDA setup, if any. */
    public Optional<Keda> keda() {
        return Optional.ofNullable(keda);
    }

    /** The PodDisruptionBudget's {@code maxUnavailable}, if there is one. */
    public OptionalInt disruptionBudget() {
        return maxUnavailable == null ? OptionalInt.empty() : OptionalInt.of(maxUnavailable);
    }

    /** The stages this profile (without per-stage replacements) is active in. */
    public Set<Stage> stages() {
        return stages;
    }

    /** The per-stage replacements. */
    public Map<Stage, ScalingProfile> perStage() {
        return perStage;
    }

    /** What carries this feature out during synthesis; called by Keelson, not by users. */
    @Override
    public TierExtension extension() {
        return new TierExtension() {
            @Override
            public void validate(Platform platform, Tier tier, ModelPath path, Problems problems) {
                ScalingProfile.this.validate(platform, tier, path, problems);
            }

            @Override
            public void contribute(FeatureContext synthesis, TierObjects tier) {
                ScalingProfile.this.contribute(synthesis, tier);
            }

            @Override
            public void check(FeatureContext synthesis, TierObjects tier) {
                ScalingProfile.this.check(synthesis, tier);
            }
        };
    }

    private void validate(Platform platform, Tier tier, ModelPath path, Problems problems) {
        Require.nonNull(platform, "platform");
        Require.nonNull(tier, "tier");
        Require.nonNull(path, "path");
        Require.nonNull(problems, "problems");
        ScalingValidator.validate(this, platform, tier, path.child("scaling"), problems);
    }

    private void contribute(FeatureContext synthesis, TierObjects tier) {
        Require.nonNull(synthesis, "synthesis");
        Require.nonNull(tier, "tier");
        in(synthesis.environment()).ifPresent(p -> ScalingObjects.contribute(p, synthesis, tier));
    }

    private void check(FeatureContext synthesis, TierObjects tier) {
        Require.nonNull(synthesis, "synthesis");
        Require.nonNull(tier, "tier");
        in(synthesis.environment()).ifPresent(p -> ScalingChecks.check(p, synthesis, tier,
                ModelPath.root(synthesis.platform().name()).tier(tier.tier().name()).child("scaling")));
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ScalingProfile p && Objects.equals(replicas, p.replicas)
                && Objects.equals(fixedReplicas, p.fixedReplicas) && metrics.equals(p.metrics)
                && behavior.equals(p.behavior) && Objects.equals(vertical, p.vertical) && Objects.equals(keda, p.keda)
                && Objects.equals(maxUnavailable, p.maxUnavailable) && stages.equals(p.stages) && perStage.equals(p.perStage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(replicas, fixedReplicas, metrics, behavior, vertical, keda, maxUnavailable, stages, perStage);
    }

    @Override
    public String toString() {
        return "ScalingProfile[" + (replicas != null ? "replicas=" + replicas + ", metrics="
                + metrics.stream().map(Metric::key).toList() : fixedReplicas != null ? "fixed=" + fixedReplicas : "no horizontal scaling")
                + (vertical != null ? ", vpa=" + vertical.mode() : "") + (keda != null ? ", keda" : "")
                + (perStage.isEmpty() ? "" : ", perStage=" + perStage.keySet()) + "]";
    }
}

package dev.keelson.observability;

import dev.keelson.core.ModelPath;
import dev.keelson.core.Percent;
import dev.keelson.core.Platform;
import dev.keelson.core.Require;
import dev.keelson.core.Tier;
import dev.keelson.core.TierFeature;
import dev.keelson.core.spi.Problems;
import dev.keelson.core.spi.TierExtension;
import java.math.BigDecimal;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A tier's service level objectives, turned into a PrometheusRule {@code <tier>-slo} by
 * {@link Observability}: recording rules for the error ratio over several windows, multi-window
 * burn-rate alerts on the error budget, and an alert on a latency percentile.
 *
 * <pre>{@code
 * Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080))
 *     .with(Slo.availability(99.9).latencyP95(Duration.ofMillis(500)))
 * }</pre>
 *
 * <p>Alerts, for an availability objective {@code A} over the window {@code W} (default 30 days), with
 * error budget {@code 1 - A}:
 * <ul>
 *   <li>{@code SloErrorBudgetBurnFast}, severity {@code critical}: the error ratio exceeds 14.4 times the
 *       budget over 1h and 5m, or 6 times over 6h and 30m (2% or 5% of a 30-day budget spent).</li>
 *   <li>{@code SloErrorBudgetBurnSlow}, severity {@code warning}: 3 times over 1d and 2h, or once over
 *       3d and 6h (10% of the budget spent).</li>
 *   <li>{@code SloLatencyHigh}, severity {@code warning}: the latency percentile exceeds its objective
 *       for 10 minutes.</li>
 * </ul>
 * Burn rates scale with {@code W} so that the same share of the budget triggers them. No traffic
 * means no alert (the ratio is undefined).
 *
 * @param availability the share of requests that must succeed, in percent (e.g. {@code 99.9}), or {@code null} for none
 * @param latency the latency objective, or {@code null} for none
 * @param latencyPercentile which percentile the latency objective is about (e.g. {@code 95})
 * @param window the period the availability objective is measured over, whole hours, at least 7 days. Default: 30 days
 */
public record Slo(@Nullable Percent availability, @Nullable Duration latency, int latencyPercentile, Duration window)
        implements TierFeature {

    /** The period objectives are measured over unless told otherwise. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * Checks {@code window} at once, naming the argument and the call when one is invalid.
     *
     * @param availability the share of requests that must succeed, in percent (e.g. {@code 99.9}), or {@code null} for none
     * @param latency the latency objective, or {@code null} for none
     * @param latencyPercentile which percentile the latency objective is about (e.g. {@code 95})
     * @param window the period the availability objective is measured over, whole hours, at least 7 days. Default: 30 days
     */
    public Slo {
        Require.nonNull(window, "window");
        if (availability != null && (availability.value().signum() <= 0 || availability.value().compareTo(HUNDRED) >= 0)) {
            throw new IllegalArgumentException("availability must be above 0 and below 100 (percent), got "
                    + availability.text() + "; e.g. 99.9");
        }
        if (latency != null && (latency.isNegative() || latency.isZero() || latency.toMillis() * 1_000_000 != latency.toNanos())) {
            throw new IllegalArgumentException("latency must be a positive whole number of milliseconds, got " + latency);
        }
        if (latencyPercentile < 1 || latencyPercentile > 99) {
            throw new IllegalArgumentException("latencyPercentile must be in 1..99, got " + latencyPercentile);
        }
        if (window.compareTo(Duration.ofDays(7)) < 0 || window.toHours() * 3600 != window.getSeconds() || window.getNano() != 0) {
            throw new IllegalArgumentException("window must be whole hours and at least 7 days (the slow alert looks back 3 days), got " + window
                    + "; e.g. Duration.ofDays(30)");
        }
    }

    /** An availability objective in percent, e.g. {@code 99.9}: that share of requests must not fail. */
    public static Slo availability(double percent) {
        return availability(percent(percent));
    }

    /** An availability objective, e.g. {@code Percent.parse("99.95")}: that share of requests must not fail. */
    public static Slo availability(Percent percent) {
        Require.nonNull(percent, "percent");
        return new Slo(percent, null, 95, DEFAULT_WINDOW);
    }

    /**
     * A 95th-percentile latency objective only, e.g. {@code Slo.latency(Duration.ofMillis(500))}; add an
     * availability objective with {@link #withAvailability(double)}.
     */
    public static Slo latency(Duration threshold) {
        Require.nonNull(threshold, "threshold");
        return new Slo(null, threshold, 95, DEFAULT_WINDOW);
    }

    /** This SLO with an availability objective in percent. */
    public Slo withAvailability(double percent) {
        return withAvailability(percent(percent));
    }

    /** This SLO with an availability objective, e.g. {@code Percent.parse("99.95")}. */
    public Slo withAvailability(Percent percent) {
        Require.nonNull(percent, "percent");
        return new Slo(percent, latency, latencyPercentile, window);
    }

    /** This SLO with a 95th-percentile latency objective. */
    public Slo latencyP95(Duration threshold) {
        Require.nonNull(threshold, "threshold");
        return latency(95, threshold);
    }

    /** This SLO with a latency objective for another percentile, e.g. {@code latency(99, Duration.ofSeconds(1))}. */
    public Slo latency(int percentile, Duration threshold) {
        Require.nonNull(threshold, "threshold");
        return new Slo(availability, threshold, percentile, window);
    }

    /** This SLO measured over another window. Default: 30 days. */
    public Slo window(Duration newWindow) {
        Require.nonNull(newWindow, "newWindow");
        return new Slo(availability, latency, latencyPercentile, newWindow);
    }

    /** The error budget: the share of requests that may fail, e.g. {@code 0.001} for 99.9%. */
    public BigDecimal errorBudget() {
        if (availability == null) {
            throw new IllegalStateException("this SLO has no availability objective");
        }
        return HUNDRED.subtract(availability.value()).divide(HUNDRED);
    }

    /** What carries this feature out during synthesis; called by Keelson, not by users. */
    @Override
    public TierExtension extension() {
        return new TierExtension() {
            @Override
            public void validate(Platform platform, Tier tier, ModelPath path, Problems problems) {
                Slo.this.validate(platform, tier, path, problems);
            }
        };
    }

    private void validate(Platform platform, Tier tier, ModelPath path, Problems problems) {
        Require.nonNull(platform, "platform");
        Require.nonNull(tier, "tier");
        Require.nonNull(path, "path");
        Require.nonNull(problems, "problems");
        ModelPath here = path.child("slo");
        int count = tier.features(Slo.class).size();
        if (count > 1) {
            // reported once, by the first of them
            if (tier.features(Slo.class).get(0) == this) {
                problems.error("KEE-OBS-004", here, "tier '" + tier.name() + "' has " + count + " Slo features; only one is allowed",
                        "combine them: Slo.availability(99.9).latencyP95(Duration.ofMillis(500))");
            }
            return;
        }
        if (platform.features(Observability.class).isEmpty()) {
            problems.error("KEE-OBS-005", here, "tier '" + tier.name() + "' has an Slo but the platform has no Observability feature, "
                    + "so no alert would be made", "add .with(Observability.prometheus()) to the platform");
        }
        if (!tier.serves()) {
            problems.error("KEE-OBS-006", here, "tier '" + tier.name() + "' declares no ports, so it serves no requests an SLO could measure",
                    "declare a port, or remove the Slo");
        }
        if (availability == null && latency == null) {
            problems.error("KEE-OBS-007", here, "the Slo of tier '" + tier.name() + "' has no objective",
                    "use Slo.availability(99.9) and/or .latencyP95(Duration.ofMillis(500))");
        }
    }

    private static Percent percent(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("availability must be a number of percent, got " + value);
        }
        return Percent.of(value);
    }
}

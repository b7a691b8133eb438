package dev.keelson.observability.internal;

import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.observability.Observability;
import dev.keelson.observability.RequestMetrics;
import dev.keelson.observability.Slo;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PrometheusRule of a tier's SLO: error-ratio recording rules over the windows of the multi-window,
 * multi-burn-rate method (Google SRE workbook, "Alerting on SLOs"), the burn-rate alerts and a latency
 * alert. Internal.
 */
public final class SloRules {

    /** Recording rule names; the window is appended. */
    public static final String ERROR_RATIO = "keelson:slo_request_errors:ratio_rate";

    /** The recording rule of the latency percentile over 5 minutes; the percentile is inserted. */
    public static final String LATENCY = "keelson:slo_request_duration:p%d_rate5m";

    private static final List<String> WINDOWS = List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d");

    /** One burn-rate condition: spending {@code budgetShare} of the budget within {@code longWindow}. */
    private record Burn(String longWindow, long longHours, String shortWindow, BigDecimal budgetShare) {
    }

    private static final List<Burn> FAST = List.of(
            new Burn("1h", 1, "5m", new BigDecimal("0.02")),
            new Burn("6h", 6, "30m", new BigDecimal("0.05")));
    private static final List<Burn> SLOW = List.of(
            new Burn("1d", 24, "2h", new BigDecimal("0.10")),
            new Burn("3d", 72, "6h", new BigDecimal("0.10")));

    private SloRules() {
    }

    /** The PrometheusRule {@code <tier>-slo}. */
    public static PrometheusRule of(Observability o, Slo slo, FeatureContext s, TierObjects t) {
        String tier = t.tier().name();
        String ns = s.namespaceName();
        RequestMetrics m = o.requestMetrics();
        String selector = Promql.fill(m.selector(), s.platform().name(), s.environment().name(), ns, tier);
        String errors = Promql.fill(m.errors(), s.platform().name(), s.environment().name(), ns, tier);
        Map<String, String> seriesLabels = new LinkedHashMap<>();
        seriesLabels.put("namespace", ns);
        seriesLabels.put("tier", tier);
        String match = Promql.selector(seriesLabels);

        List<Rule> rules = new ArrayList<>();
        if (slo.availability() != null) {
            for (String w : WINDOWS) {
                rules.add(new RuleBuilder()
                        .withRecord(ERROR_RATIO + w)
                        .withExpr(new IntOrString("sum(rate(" + m.requests() + "{" + selector + "," + errors + "}[" + w + "]))"
                                + " / sum(rate(" + m.requests() + "{" + selector + "}[" + w + "]))"))
                        .withLabels(new LinkedHashMap<>(seriesLabels))
                        .build());
            }
            String objective = slo.availability().text();
            String window = Templates.duration(slo.window());
            rules.add(burnAlert("SloErrorBudgetBurnFast", "critical", FAST, slo, match, tier, ns, objective, window));
            rules.add(burnAlert("SloErrorBudgetBurnSlow", "warning", SLOW, slo, match, tier, ns, objective, window));
        }
        if (slo.latency() != null) {
            String record = String.format(LATENCY, slo.latencyPercentile());
            String quantile = Templates.number(BigDecimal.valueOf(slo.latencyPercentile()).movePointLeft(2));
            rules.add(new RuleBuilder()
                    .withRecord(record)
                    .withExpr(new IntOrString("histogram_quantile(" + quantile + ", sum by (le) (rate(" + m.durationBuckets()
                            + "{" + selector + "}[5m])))"))
                    .withLabels(new LinkedHashMap<>(seriesLabels))
                    .build());
            String threshold = threshold(slo.latency(), m.durationUnit());
            String unit = m.durationUnit() == ChronoUnit.MILLIS ? "ms" : "s";
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put("summary", "p" + slo.latencyPercentile() + " latency of " + tier + " in " + ns + " is above "
                    + slo.latency().toMillis() + "ms");
            annotations.put("description", "The " + slo.latencyPercentile() + "th percentile of request durations over 5m is "
                    + "{{ $value }}" + unit + ", above the objective of " + threshold + unit + " for 10 minutes.");
            rules.add(new RuleBuilder()
                    .withAlert("SloLatencyHigh")
                    .withExpr(new IntOrString(record + match + " > " + threshold))
                    .withFor("10m")
                    .withLabels(Map.of("severity", "warning"))
                    .withAnnotations(annotations)
                    .build());
        }
        Map<String, String> labels = t.labels();
        o.release().ifPresent(r -> labels.put("release", r));
        return new PrometheusRuleBuilder()
                .withNewMetadata().withName(tier + "-slo").withNamespace(ns).withLabels(labels).endMetadata()
                .withNewSpec()
                .addNewGroup().withName(tier + "-slo").withRules(rules).endGroup()
                .endSpec()
                .build();
    }

    private static Rule burnAlert(String name, String severity, List<Burn> burns, Slo slo, String match, String tier,
                                  String ns, String objective, String window) {
        BigDecimal budget = slo.errorBudget();
        BigDecimal windowHours = BigDecimal.valueOf(slo.window().toHours());
        List<String> conditions = new ArrayList<>();
        List<String> explained = new ArrayList<>();
        for (Burn b : burns) {
            BigDecimal rate = b.budgetShare().multiply(windowHours)
                    .divide(BigDecimal.valueOf(b.longHours()), 4, RoundingMode.HALF_UP);
            String limit = Templates.number(rate.multiply(budget));
            conditions.add("(" + ERROR_RATIO + b.longWindow() + match + " > " + limit + " and " + ERROR_RATIO
                    + b.shortWindow() + match + " > " + limit + ")");
            explained.add(Templates.number(rate) + "x over " + b.longWindow() + " and " + b.shortWindow());
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", tier + " in " + ns + " is spending its error budget "
                + ("critical".equals(severity) ? "fast" : "steadily") + " (" + objective + "% over " + window + ")");
        annotations.put("description", "The error ratio of " + tier + " is {{ $value | humanizePercentage }}; its budget of "
                + Templates.number(budget.movePointRight(2)) + "% burns at more than " + String.join(", or ", explained) + ".");
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("severity", severity);
        labels.put("slo", "availability");
        return new RuleBuilder()
                .withAlert(name)
                .withExpr(new IntOrString(String.join(" or ", conditions)))
                .withLabels(labels)
                .withAnnotations(annotations)
                .build();
    }

    /** The latency objective in the histogram's unit. */
    static String threshold(Duration latency, ChronoUnit unit) {
        BigDecimal ms = BigDecimal.valueOf(latency.toMillis());
        return Templates.number(unit == ChronoUnit.MILLIS ? ms : ms.movePointLeft(3));
    }
}

package dev.keelson.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.Percent;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Wrong arguments fail at once, naming the parameter and the value. */
class ValueTypesTest {

    @Test
    @DisplayName("a utilization target is a whole percentage of at least 1, and may exceed 100")
    void percent() {
        assertThatThrownBy(() -> Target.utilization(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percent must be at least 1, was 0");
        assertThatThrownBy(() -> Target.utilization(Percent.of(0.5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percent must be a whole number, was 0.5");
        assertThat(((Target.Utilization) Target.utilization(Percent.of(150))).percent().toString()).isEqualTo("150%");
        assertThat(ScalingProfile.cpu(Percent.parse("70"))).isEqualTo(ScalingProfile.cpu(70));
    }

    @Test
    @DisplayName("Replicas refuses negatives at once; min > max is left to validation, which names the path")
    void replicas() {
        assertThatThrownBy(() -> Replicas.between(-1, 3)).hasMessage("min replicas must be 0 or more, was -1");
        assertThatThrownBy(() -> Replicas.between(0, 0)).hasMessage("max replicas must be at least 1, was 0");
        assertThat(Replicas.between(5, 3).min()).isEqualTo(5);
    }

    @Test
    @DisplayName("scaling policy periods are whole seconds within Kubernetes' 1..1800")
    void policyPeriod() {
        assertThatThrownBy(() -> ScalingPolicy.pods(1, Duration.ofSeconds(1801)))
                .hasMessage("a scaling policy's period must be whole seconds from 1 to 1800, was PT30M1S");
        assertThatThrownBy(() -> ScalingPolicy.pods(1, Duration.ofMillis(1500)))
                .hasMessage("a scaling policy's period must be whole seconds from 1 to 1800, was PT1.5S");
        assertThatThrownBy(() -> ScalingPolicy.percent(0, Duration.ofSeconds(60)))
                .hasMessage("a scaling policy's value must be at least 1, was 0");
        assertThatThrownBy(() -> ScalingPolicy.percent(Percent.of(12.5), Duration.ofSeconds(60)))
                .hasMessage("a scaling policy's value must be a whole number, was 12.5");
        assertThat(ScalingPolicy.percent(Percent.of(200), Duration.ofSeconds(60)))
                .isEqualTo(ScalingPolicy.percent(200, Duration.ofSeconds(60)));
    }

    @Test
    @DisplayName("stabilization windows are whole seconds within 0..3600, and rules need a policy unless disabled")
    void rules() {
        assertThatThrownBy(() -> ScalingRules.disabled().stabilization(Duration.ofHours(2)))
                .hasMessage("stabilization must be whole seconds from 0 to 3600, was PT2H");
        assertThatThrownBy(() -> ScalingRules.of())
                .hasMessage("scaling rules need at least one policy, or SelectPolicy.DISABLED");
    }

    @Test
    @DisplayName("targets are written as Kubernetes quantities: 500 ms is 500m, 0.25 is 250m, finer is refused")
    void targets() {
        assertThat(Target.averageValue(Duration.ofMillis(500))).isEqualTo(new Target.AverageValue("500m"));
        assertThat(Target.averageValue(new BigDecimal("0.25"))).isEqualTo(new Target.AverageValue("250m"));
        assertThat(Target.averageValue(100)).isEqualTo(new Target.AverageValue("100"));
        assertThatThrownBy(() -> Target.averageValue(new BigDecimal("0.0001")))
                .hasMessage("averageValue 0.0001 is finer than a thousandth, which a Kubernetes quantity cannot hold; round it");
        assertThatThrownBy(() -> Target.averageQuantity("lots")).hasMessageStartingWith("averageValue 'lots' is not a Kubernetes quantity");
    }

    @Test
    @DisplayName("metrics refuse targets their source cannot take")
    void metricTargets() {
        assertThatThrownBy(() -> Metric.pods("rps", Target.utilization(50)))
                .hasMessage("a Pods metric takes an average value per pod (Target.averageValue)");
        assertThatThrownBy(() -> Metric.resource("cpu", Target.value(3)))
                .hasMessage("a resource metric takes a utilization or an average value, not a total value");
        assertThatThrownBy(() -> Metric.external("q", java.util.Map.of(), Target.utilization(5)))
                .hasMessage("an External metric takes a value or an average value, not a utilization");
    }

    @Test
    @DisplayName("a profile's metric(..) replaces the metric with the same key, and options of horizontal profiles refuse fixed ones")
    void profileOptions() {
        ScalingProfile p = ScalingProfile.report().metric(Metric.cpu(60));
        assertThat(p.metrics().get(0)).isEqualTo(Metric.cpu(60));
        assertThat(p.metrics()).hasSize(6);
        assertThatThrownBy(() -> ScalingProfile.fixed(1).replicas(1, 3)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("replicas(min, max) applies to a horizontal profile");
        assertThatThrownBy(() -> ScalingProfile.standard().withoutMetric("cpuu"))
                .hasMessage("no metric keyed 'cpuu'; the profile has: cpu, memory");
        assertThatThrownBy(() -> ScalingProfile.standard().disruptionBudget(0))
                .hasMessage("maxUnavailable must be at least 1 (0 blocks every node drain), was 0");
    }

    @Test
    @DisplayName("KEDA cron triggers need 5-field expressions")
    void cron() {
        assertThatThrownBy(() -> KedaTrigger.cron(java.time.ZoneId.of("UTC"), "0 8 * *", "0 18 * * *", 3))
                .hasMessage("cron start '0 8 * *' must have 5 fields (minute hour day-of-month month day-of-week), e.g. '0 8 * * 1-5'");
    }

    @Test
    @DisplayName("report() carries the report's figures exactly")
    void reportFigures() {
        ScalingProfile r = ScalingProfile.report();
        assertThat(r.replicas()).contains(Replicas.between(2, 20));
        assertThat(r.metrics()).containsExactly(Metric.cpu(70), Metric.memory(80), Metric.requestsPerSecond(100),
                Metric.p95ResponseTime(Duration.ofMillis(500)), Metric.activeConnections(1000), Metric.queueDepth(Metric.TIER, 10));
        assertThat(r.behavior()).isEqualTo(Behavior.DEFAULT);
        assertThat(r.disruptionBudget()).hasValue(1);
        assertThat(ScalingProfile.cpu(70).memory(80).replicas(2, 20)).isEqualTo(ScalingProfile.standard());
    }
}

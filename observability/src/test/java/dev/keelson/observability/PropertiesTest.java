package dev.keelson.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.testkit.Gen;
import dev.keelson.core.testkit.Seeded;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Properties of the generated settings, over seeded generators. */
@DisplayName("Observability properties")
class PropertiesTest {

    @Test
    @DisplayName("any sampling percentage from 0 to 100 (in hundredths) gives the same ratio as the sampler argument")
    void samplingRatio() {
        Seeded.forAll(200, Gen.ints(0, 10_000), PropertiesTest::samplingRatio);
    }

    private static void samplingRatio(int hundredths) {
        BigDecimal percent = BigDecimal.valueOf(hundredths, 2);
        Tracing t = Tracing.otlp("collector").sampling(percent.doubleValue());
        Map<String, String> env = TracingTest.env(TracingTest.manifest(t, "prod", TracingTest.api()), "api");
        assertThat(new BigDecimal(env.get("OTEL_TRACES_SAMPLER_ARG")))
                .isEqualByComparingTo(percent.movePointLeft(2));
        assertThat(env.get("OTEL_TRACES_SAMPLER_ARG")).doesNotContain("E");
    }

    /** One try's objective, in thousandths of a percent, and window. */
    record Objective(int thousandths, int days) {
    }

    @Test
    @DisplayName("any availability objective and window give positive burn thresholds, fast ones above slow ones")
    void burnThresholds() {
        Gen<Integer> thousandths = Gen.ints(50_000, 99_999);
        Gen<Integer> days = Gen.ints(7, 90);
        Seeded.forAll(100, r -> new Objective(thousandths.next(r), days.next(r)), o -> burnThresholds(o.thousandths(), o.days()));
    }

    private static void burnThresholds(int thousandths, int days) {
        double availability = BigDecimal.valueOf(thousandths, 3).doubleValue();
        Platform p = Platform.named("shop").with(Observability.prometheus())
                .tier(TracingTest.api().with(Slo.availability(availability).window(Duration.ofDays(days))))
                .build();
        List<Rule> rules = Keelson.synth(p).manifest("prod").get(PrometheusRule.class, "api-slo").orElseThrow()
                .getSpec().getGroups().get(0).getRules();
        assertThat(rules).hasSize(9);
        BigDecimal fast = firstThreshold(rules.get(7).getExpr().getStrVal());
        BigDecimal slow = firstThreshold(rules.get(8).getExpr().getStrVal());
        assertThat(slow).isPositive();
        assertThat(fast).isGreaterThan(slow);
    }

    private static BigDecimal firstThreshold(String expr) {
        Matcher m = Pattern.compile(" > ([0-9.]+) ").matcher(expr);
        assertThat(m.find()).as("a threshold in %s", expr).isTrue();
        return new BigDecimal(m.group(1));
    }
}

package dev.keelson.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Percent;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Observability validation: every rule reports its exact path, message and fix")
class ObservabilityValidationTest {

    private static List<Problem> problemsOf(Platform.Builder builder) {
        try {
            builder.build();
        } catch (ValidationException e) {
            return e.problems();
        }
        throw new AssertionError("expected the platform to be refused");
    }

    @Nested
    @DisplayName("model rules, checked when the platform is built")
    class Model {

        @Test
        @DisplayName("a second Observability feature is refused at <platform>/observability")
        void duplicateObservability() {
            assertThat(problemsOf(Fixtures.shop().with(Observability.prometheus()).with(Observability.prometheus())))
                    .containsExactly(Problem.error(ModelPath.root("shop").child("observability"),
                            "platform 'shop' has 2 Observability features; only one is allowed",
                            "keep one .with(Observability.prometheus()...)").withRule("KEE-OBS-003"));
        }

        @Test
        @DisplayName("an Slo without an Observability feature is refused at <tier>/slo")
        void sloWithoutObservability() {
            assertThat(problemsOf(Fixtures.shop()))
                    .containsExactly(Problem.error(ModelPath.root("shop").tier("api").child("slo"),
                            "tier 'api' has an Slo but the platform has no Observability feature, so no alert would be made",
                            "add .with(Observability.prometheus()) to the platform").withRule("KEE-OBS-005"));
        }

        @Test
        @DisplayName("an Slo on a tier without ports is refused at <tier>/slo")
        void sloWithoutPorts() {
            var builder = Platform.named("shop").with(Observability.prometheus())
                    .tier(Tier.named("worker").image("ghcr.io/acme/worker:1.0.0").with(Slo.availability(99.5)));
            assertThat(problemsOf(builder)).containsExactly(Problem.error(ModelPath.root("shop").tier("worker").child("slo"),
                    "tier 'worker' declares no ports, so it serves no requests an SLO could measure",
                    "declare a port, or remove the Slo").withRule("KEE-OBS-006"));
        }

        @Test
        @DisplayName("two Slo features on one tier are refused once, at <tier>/slo")
        void twoSlos() {
            var builder = Platform.named("shop").with(Observability.prometheus())
                    .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080))
                            .with(Slo.availability(99.9)).with(Slo.latency(Duration.ofMillis(300))));
            assertThat(problemsOf(builder)).containsExactly(Problem.error(ModelPath.root("shop").tier("api").child("slo"),
                    "tier 'api' has 2 Slo features; only one is allowed",
                    "combine them: Slo.availability(99.9).latencyP95(Duration.ofMillis(500))").withRule("KEE-OBS-004"));
        }

        @Test
        @DisplayName("an Slo without any objective is refused at <tier>/slo")
        void sloWithoutObjective() {
            var builder = Platform.named("shop").with(Observability.prometheus())
                    .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080))
                            .with(new Slo(null, null, 95, Slo.DEFAULT_WINDOW)));
            assertThat(problemsOf(builder)).containsExactly(Problem.error(ModelPath.root("shop").tier("api").child("slo"),
                    "the Slo of tier 'api' has no objective",
                    "use Slo.availability(99.9) and/or .latencyP95(Duration.ofMillis(500))").withRule("KEE-OBS-007"));
        }

        @Test
        @DisplayName("a second Tracing feature is refused at <platform>/tracing")
        void duplicateTracing() {
            assertThat(problemsOf(Platform.named("shop")
                    .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080)))
                    .with(Tracing.otlp("otel-collector.observability")).with(Tracing.otlp("jaeger.tracing"))))
                    .containsExactly(Problem.error(ModelPath.root("shop").child("tracing"), "platform 'shop' has 2 Tracing features; only one is allowed",
                            "keep one .with(Tracing.otlp(...))").withRule("KEE-OBS-008"));
        }

        @Test
        @DisplayName("an empty mesh provider name is refused at <platform>/tracing/meshProvider")
        void emptyMeshProvider() {
            assertThat(problemsOf(Platform.named("shop")
                    .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080)))
                    .with(Tracing.otlp("otel-collector.observability").meshProvider(" "))))
                    .containsExactly(Problem.error(ModelPath.root("shop").child("tracing").child("meshProvider"), "the mesh provider name is empty",
                            "name the extension provider of the mesh config, e.g. meshProvider(\"otel\")").withRule("KEE-OBS-010"));
        }

        @Test
        @DisplayName("sampling for an unknown environment is refused at <platform>/tracing/sampling/<env>")
        void samplingForUnknownEnvironment() {
            var builder = Fixtures.shop().with(Observability.prometheus())
                    .with(Tracing.otlp("otel-collector.observability").sampling("qa", 100));
            assertThat(problemsOf(builder)).containsExactly(Problem.error(ModelPath.root("shop").child("tracing").child("sampling", "qa"),
                    "sampling is set for environment 'qa', which the platform does not have", "name one of [dev, prod]").withRule("KEE-OBS-009"));
        }

        @Test
        @DisplayName("a service name without {tier} is refused when there are several tiers")
        void serviceNameWithoutTier() {
            var builder = Fixtures.shop().with(Observability.prometheus())
                    .with(Tracing.otlp("otel-collector.observability").serviceName("{platform}"));
            assertThat(problemsOf(builder)).containsExactly(Problem.error(ModelPath.root("shop").child("tracing").child("serviceName"),
                    "service name '{platform}' does not contain {tier}, so all 3 tiers would report as one service",
                    "include {tier}, e.g. '{platform}-{tier}'").withRule("KEE-OBS-011"));
        }
    }

    @Nested
    @DisplayName("checks KEE-OBS-001 and KEE-OBS-002, after customizations: a ServiceMonitor must find its Service and port")
    class Dangling {

        @Test
        @DisplayName("a Service whose labels no longer match the ServiceMonitor's selector fails synthesis")
        void serviceLabelsChanged() {
            Platform platform = Fixtures.shop().with(Observability.prometheus())
                    .customize(io.fabric8.kubernetes.api.model.Service.class, "api",
                            s -> s.getMetadata().getLabels().remove("app.kubernetes.io/part-of"))
                    .build();
            assertThatThrownBy(() -> Keelson.synth(platform).manifest("prod"))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).containsExactly(
                            new Problem(ModelPath.root("shop").tier("api").child("metrics"), "in prod: ServiceMonitor 'api' selects Services labelled "
                                    + "{app.kubernetes.io/name=api, app.kubernetes.io/part-of=shop}, but Service 'api' is labelled "
                                    + "{app.kubernetes.io/name=api, app.kubernetes.io/instance=api, app.kubernetes.io/managed-by=keelson, "
                                    + "keelson.dev/environment=prod, keelson.dev/tier=api}, so Prometheus would scrape nothing",
                                    "keep the Service's labels app.kubernetes.io/name and app.kubernetes.io/part-of, or customize the "
                                            + "ServiceMonitor's selector to match", Problem.Severity.ERROR, "KEE-OBS-001")));
        }

        @Test
        @DisplayName("a ServiceMonitor endpoint naming a port the Service lacks fails synthesis")
        void portRenamed() {
            Platform platform = Fixtures.shop().with(Observability.prometheus())
                    .customize(ServiceMonitor.class, "api", m -> m.getSpec().getEndpoints().get(0).setPort("prometheus"))
                    .build();
            assertThatThrownBy(() -> Keelson.synth(platform).manifest("dev"))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).containsExactly(
                            new Problem(ModelPath.root("shop").tier("api").child("metrics"), "in dev: ServiceMonitor 'api' scrapes port 'prometheus', "
                                    + "but Service 'api' has only [http, metrics]",
                                    "name one of the Service's ports in the ServiceMonitor's endpoint",
                                    Problem.Severity.ERROR, "KEE-OBS-002")));
        }
    }

    @Nested
    @DisplayName("wrong arguments fail at once, naming the parameter and the value")
    class Arguments {

        @Test
        @DisplayName("availability must be strictly between 0 and 100")
        void availabilityRange() {
            assertThatThrownBy(() -> Slo.availability(100)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("availability must be above 0 and below 100 (percent), got 100; e.g. 99.9");
        }

        @Test
        @DisplayName("the SLO window must be whole hours and at least 7 days")
        void windowRange() {
            assertThatThrownBy(() -> Slo.availability(99).window(Duration.ofMinutes(90)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("window must be whole hours and at least 7 days (the slow alert looks back 3 days), got PT1H30M; e.g. Duration.ofDays(30)");
        }

        @Test
        @DisplayName("latency must be a positive number of milliseconds")
        void latencyPositive() {
            assertThatThrownBy(() -> Slo.latency(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("latency must be a positive whole number of milliseconds, got PT0S");
        }

        @Test
        @DisplayName("sampling must be a percentage")
        void samplingRange() {
            assertThatThrownBy(() -> Tracing.otlp("collector").sampling(150)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sampling must be a percentage from 0 to 100, got 150.0");
            assertThatThrownBy(() -> Tracing.otlp("collector").sampling("dev", Percent.of(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sampling must be a percentage from 0 to 100, got -1.0");
        }

        @Test
        @DisplayName("an availability given as a Percent is the same objective as its double, and checked the same way")
        void availabilityPercent() {
            assertThat(Slo.availability(Percent.parse("99.95"))).isEqualTo(Slo.availability(99.95));
            assertThat(Slo.latency(Duration.ofMillis(500)).withAvailability(Percent.of(99)).errorBudget())
                    .isEqualByComparingTo("0.01");
            assertThatThrownBy(() -> Slo.availability(Percent.of(100))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("availability must be above 0 and below 100 (percent), got 100; e.g. 99.9");
        }

        @Test
        @DisplayName("an endpoint with a path or a bad port is refused")
        void endpointForm() {
            assertThatThrownBy(() -> Tracing.otlp("http://collector:4317/v1/traces"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("endpoint 'http://collector:4317/v1/traces' is not host[:port] or http(s)://host[:port], "
                            + "e.g. 'otel-collector.observability:4317'");
            assertThatThrownBy(() -> Tracing.otlpHttp("collector:70000")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("endpoint 'collector:70000' has port 70000, not in 1..65535");
        }

        @Test
        @DisplayName("templates may use only the known placeholders")
        void unknownPlaceholder() {
            assertThatThrownBy(() -> Tracing.otlp("collector").serviceName("{team}-{tier}"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("serviceName '{team}-{tier}' uses unknown placeholder {team}; "
                            + "use {platform}, {environment}, {namespace}, {tier}");
            assertThatThrownBy(() -> RequestMetrics.istio().selector("service=\"{svc}\""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("selector 'service=\"{svc}\"' uses unknown placeholder {svc}; "
                            + "use {platform}, {environment}, {namespace}, {tier}");
        }

        @Test
        @DisplayName("the release label must be a label value")
        void releaseLabel() {
            assertThatThrownBy(() -> Observability.prometheus().release("kube prometheus"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("release 'kube prometheus' is not a label value: use at most 63 letters, digits, '-', '_' "
                            + "or '.', starting and ending with a letter or digit");
        }

        @Test
        @DisplayName("the scrape interval is whole seconds from 1s to 1h")
        void scrapeInterval() {
            assertThatThrownBy(() -> Observability.prometheus().scrapeInterval(Duration.ofMillis(500)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("scrapeInterval must be whole seconds from 1s to 1h, got PT0.5S");
        }

        @Test
        @DisplayName("request durations are measured in milliseconds or seconds")
        void durationUnit() {
            assertThatThrownBy(() -> RequestMetrics.of("reqs_total", "dur_bucket", ChronoUnit.MICROS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("durationUnit must be MILLIS or SECONDS, not Micros");
        }
    }

    @Test
    @DisplayName("a valid platform with every feature builds without problems")
    void valid() {
        Platform p = Fixtures.shop().environments(Environment.staging()).with(Observability.prometheus())
                .with(Tracing.otlp("otel-collector.observability").sampling("dev", 100)).build();
        assertThat(Keelson.synth(p).manifests()).hasSize(3);
    }
}

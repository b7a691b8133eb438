package dev.keelson.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Environment;
import dev.keelson.core.Flow;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Peer;
import dev.keelson.core.Percent;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Tracing: OpenTelemetry variables and a flow to the collector")
class TracingTest {

    static Manifest manifest(Tracing tracing, String env, Tier.Builder... tiers) {
        Platform.Builder b = Platform.named("shop").environments(Environment.dev(), Environment.prod()).with(tracing);
        for (Tier.Builder t : tiers) {
            b.tier(t);
        }
        return Keelson.synth(b.build()).manifest(env);
    }

    static Tier.Builder api() {
        return Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080));
    }

    static Map<String, String> env(Manifest m, String tier) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : m.get(Deployment.class, tier).orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            env.put(e.getName(), e.getValue() != null ? e.getValue() : e.getValueFrom().getFieldRef().getFieldPath());
        }
        return env;
    }

    private static List<Flow> collectorFlows(Manifest m) {
        return m.flows().stream().filter(f -> f.ports().stream().anyMatch(p -> p.name().startsWith("otlp"))).toList();
    }

    @Test
    @DisplayName("the SDK variables carry endpoint, protocol, sampler, service name and Kubernetes resource attributes")
    void variables() {
        Map<String, String> env = env(manifest(Tracing.otlp("otel-collector.observability:4317").sampling(25), "prod", api()), "api");
        assertThat(env).containsEntry("OTEL_SERVICE_NAME", "api")
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.observability:4317")
                .containsEntry("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
                .containsEntry("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
                .containsEntry("OTEL_TRACES_SAMPLER_ARG", "0.25")
                .containsEntry("K8S_POD_NAME", "metadata.name")
                .containsEntry("OTEL_RESOURCE_ATTRIBUTES", "k8s.namespace.name=shop-prod,k8s.deployment.name=api,"
                        + "k8s.pod.name=$(K8S_POD_NAME),deployment.environment.name=prod,service.namespace=shop");
        // $(K8S_POD_NAME) is expanded by the kubelet only if the variable is defined earlier
        assertThat(List.copyOf(env.keySet()).indexOf("K8S_POD_NAME"))
                .isLessThan(List.copyOf(env.keySet()).indexOf("OTEL_RESOURCE_ATTRIBUTES"));
    }

    @Test
    @DisplayName("sampling can differ per environment; the service name follows its template")
    void perEnvironment() {
        Tracing tracing = Tracing.otlpHttp("collector").sampling(5).sampling("dev", 100).serviceName("{platform}-{tier}");
        assertThat(env(manifest(tracing, "dev", api()), "api")).containsEntry("OTEL_TRACES_SAMPLER_ARG", "1")
                .containsEntry("OTEL_SERVICE_NAME", "shop-api")
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
                .containsEntry("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        assertThat(env(manifest(tracing, "prod", api()), "api")).containsEntry("OTEL_TRACES_SAMPLER_ARG", "0.05");
        assertThat(tracing.samplingIn(Environment.prod())).isEqualTo(Percent.of(5));
    }

    @Test
    @DisplayName("a variable the tier sets itself wins over the generated one")
    void tierWins() {
        Map<String, String> env = env(manifest(Tracing.otlp("collector.observability"), "prod",
                api().env("OTEL_SERVICE_NAME", "checkout")), "api");
        assertThat(env).containsEntry("OTEL_SERVICE_NAME", "checkout");
        assertThat(env.keySet().stream().filter("OTEL_SERVICE_NAME"::equals)).hasSize(1);
    }

    @Test
    @DisplayName("an in-cluster collector is a DEPENDENCY flow to its namespace's pods on the endpoint's port")
    void inClusterFlow() {
        Manifest m = manifest(Tracing.otlp("otel-collector.observability.svc.cluster.local")
                .collectorPods(Map.of("app.kubernetes.io/name", "opentelemetry-collector")), "prod", api());
        assertThat(collectorFlows(m)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Flow.Kind.DEPENDENCY);
            assertThat(f.from()).isEqualTo(Peer.tier("api"));
            assertThat(f.to()).isEqualTo(Peer.workloads("observability",
                    Map.of("app.kubernetes.io/name", "opentelemetry-collector"), null));
            assertThat(f.ports()).extracting(Port::number).containsExactly(4317);
        });
    }

    @Test
    @DisplayName("a bare Service name means the environment's own namespace")
    void sameNamespace() {
        assertThat(collectorFlows(manifest(Tracing.otlp("collector"), "dev", api())))
                .extracting(Flow::to).containsExactly(Peer.workloads("shop-dev", Map.of(), null));
    }

    @Test
    @DisplayName("any other host, or an IP address, is an EXTERNAL flow")
    void externalFlow() {
        assertThat(collectorFlows(manifest(Tracing.otlp("https://otlp.vendor.example.com:443"), "prod", api())))
                .singleElement().satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(Flow.Kind.EXTERNAL);
                    assertThat(f.to()).isEqualTo(Peer.network("otel-collector", List.of("0.0.0.0/0"),
                            List.of("otlp.vendor.example.com")));
                });
        assertThat(collectorFlows(manifest(Tracing.otlp("10.1.2.3"), "prod", api())))
                .extracting(Flow::to).containsExactly(Peer.network("otel-collector", List.of("10.1.2.3/32"), List.of()));
        assertThat(collectorFlows(manifest(Tracing.otlp("traces.corp").outsideCluster("192.168.0.0/16"), "prod", api())))
                .extracting(Flow::to)
                .containsExactly(Peer.network("otel-collector", List.of("192.168.0.0/16"), List.of("traces.corp")));
    }

    @Test
    @DisplayName("the mesh can read the settings: endpoint, host, port, protocol, sampling")
    void readable() {
        Tracing t = Tracing.otlp("https://otel-collector.observability:14317").sampling(0.5);
        assertThat(t.endpoint()).isEqualTo("https://otel-collector.observability:14317");
        assertThat(t.host()).isEqualTo("otel-collector.observability");
        assertThat(t.port()).isEqualTo(14317);
        assertThat(t.protocol()).isEqualTo(Tracing.Protocol.GRPC);
        assertThat(t.sampling()).isEqualTo(Percent.parse("0.5"));
        assertThat(Tracing.otlp("https://otel-collector.observability:14317").sampling(Percent.of(0.5))).isEqualTo(t);
        assertThat(t.inCluster()).isTrue();
        Platform p = Platform.named("shop").with(t).tier(api()).build();
        assertThat(p.features(Tracing.class)).containsExactly(t);
        assertThat(Tracing.otlp("https://otel-collector.observability:14317").sampling(0.5)).isEqualTo(t).hasSameHashCodeAs(t);
        assertThat(t.sampling("dev", 100)).isNotEqualTo(t);
    }

    @Test
    @DisplayName("as core's TracingSettings it tells the mesh its provider and the sampling of each environment")
    void tracingSettings() {
        Tracing t = Tracing.otlp("otel-collector.observability").sampling(10).sampling("dev", 100);
        assertThat(t.meshProvider()).isEmpty();
        Tracing meshToo = t.meshProvider("otel");
        assertThat(meshToo.meshProvider()).contains("otel");
        assertThat(meshToo.samplingPercent(dev.keelson.core.Environment.dev())).isEqualTo(Percent.of(100));
        assertThat(meshToo.samplingPercent(dev.keelson.core.Environment.prod())).isEqualTo(Percent.of(10));
        assertThat(meshToo).isNotEqualTo(t).isEqualTo(t.meshProvider("otel"));
        assertThat(meshToo.toString()).endsWith(".meshProvider(\"otel\")");
        Platform p = Platform.named("shop").environments(dev.keelson.core.Environment.dev(), dev.keelson.core.Environment.prod())
                .with(meshToo).tier(api()).build();
        assertThat(p.features(dev.keelson.core.TracingSettings.class)).containsExactly(meshToo);
    }
}

package dev.keelson.api;

import dev.keelson.core.ClusterServices;
import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Flow;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Protocol;
import dev.keelson.core.Tier;
import dev.keelson.core.TierFeature;
import dev.keelson.core.TierOverride;
import dev.keelson.core.ValidationException;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import dev.keelson.core.spi.Problems;
import dev.keelson.core.spi.TierExtension;
import dev.keelson.core.spi.TierObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The feature SPI, used from outside {@code dev.keelson.core} as the security, mesh and autoscaling
 * modules will: a feature adds a flow and renders the graph; phases run in their fixed order.
 */
@DisplayName("Feature SPI: features add flows in contribute(), render the final graph, and run in fixed phases")
class FeatureSpiTest {

    static final Port ISTIOD = Port.grpc(15012).named("xds");
    static final Flow TO_ISTIOD = Flow.of(Flow.Kind.CONTROL_PLANE, Peer.allPods(),
            Peer.workloads("istio-system", Map.of("app", "istiod"), null), List.of(ISTIOD));

    /** Adds a control-plane flow, as a mesh would. */
    static final class ControlPlane implements PlatformExtension {
        @Override
        public void contribute(FeatureContext s) {
            s.flows().add(TO_ISTIOD);
        }
    }

    /** Renders the final graph into a ConfigMap, one line per flow, as a policy renderer would. */
    static final class FlowRenderer implements PlatformExtension {
        @Override
        public void render(FeatureContext s) {
            String lines = s.flows().all().stream().map(FeatureSpiTest::describe).collect(Collectors.joining("\n"));
            s.add(new ConfigMapBuilder().withNewMetadata().withName("flows").endMetadata().addToData("flows", lines).build());
        }
    }

    static String describe(Flow f) {
        return f.kind() + " " + peer(f.from()) + " -> " + peer(f.to()) + " "
                + f.ports().stream().map(p -> p.number() + "/" + p.protocol()).collect(Collectors.joining(","));
    }

    static String peer(Peer p) {
        if (p instanceof Peer.TierPeer t) {
            return "tier:" + t.name();
        } else if (p instanceof Peer.Workloads w) {
            return "ns:" + w.namespace() + w.podLabels();
        } else if (p instanceof Peer.Network n) {
            return "net:" + n.name() + n.cidrs();
        }
        return "all-pods";
    }

    static Tier.Builder web() {
        return Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080)).exposedAt("shop.example.com")
                .talksTo(Connection.to("api").ports("grpc").methods("GET").paths("/v1/*"));
    }

    static Tier.Builder api() {
        return Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.grpc(9090)).metrics(Port.metrics(9091))
                .dependsOn(Dependency.postgres("orders-db"))
                .dependsOn(Dependency.external("payments").host("api.stripe.com"));
    }

    @Test
    @DisplayName("a flow added in contribute() is in the graph that render() sees, even from a feature declared later")
    void contributedFlowIsRendered() {
        Platform p = Platform.named("shop").tier(web()).tier(api())
                .with(new FlowRenderer())          // renders ...
                .with(new ControlPlane())          // ... a flow contributed by a feature declared after it
                .build();
        Manifest prod = Keelson.synth(p).manifest("prod");

        ConfigMap rendered = prod.get(ConfigMap.class, "flows").orElseThrow();
        assertThat(rendered.getData().get("flows").lines()).containsExactly(
                "DNS all-pods -> ns:kube-system{k8s-app=kube-dns} 53/UDP,53/TCP",
                "INGRESS ns:ingress-nginx{app.kubernetes.io/name=ingress-nginx} -> tier:web 8080/TCP",
                "TIER tier:web -> tier:api 9090/TCP",
                "MONITORING ns:monitoring{app.kubernetes.io/name=prometheus} -> tier:api 9091/TCP",
                "DEPENDENCY tier:api -> ns:shop-prod{app.kubernetes.io/name=orders-db} 5432/TCP",
                "EXTERNAL tier:api -> net:payments[0.0.0.0/0] 443/TCP",
                "CONTROL_PLANE all-pods -> ns:istio-system{app=istiod} 15012/TCP");
        assertThat(prod.flows()).last().isEqualTo(TO_ISTIOD);
        assertThat(rendered.getMetadata().getNamespace()).isEqualTo("shop-prod");
        assertThat(rendered.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "keelson")
                .containsEntry("keelson.dev/environment", "prod");
    }

    @Test
    @DisplayName("memo(): computed once per environment for every tier that asks, dropped when an object is added or removed")
    void memoIsSharedAndDroppedOnChange() {
        List<String> computed = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        Platform p = Platform.named("shop").tier(web()).tier(api()).with(new PlatformExtension() {
            @Override
            public void check(FeatureContext s) {
                for (TierObjects t : s.tiers()) {
                    seen.add(t.tier().name() + ":" + s.memo("count", c -> {
                        computed.add(c.environment().name());
                        return c.objects().size();
                    }));
                }
                int before = s.memo("count", c -> -1);
                ConfigMap extra = s.add(new ConfigMapBuilder().withNewMetadata().withName("extra").endMetadata().build());
                seen.add("after add:" + (s.memo("count", c -> c.objects().size()) - before));
                s.remove(extra);
                seen.add("after remove:" + (s.memo("count", c -> c.objects().size()) - before));
            }
        }).build();
        int objects = Keelson.synth(p).manifest("prod").size();

        assertThat(computed).containsExactly("prod");
        assertThat(seen).containsExactly("web:" + objects, "api:" + objects, "after add:1", "after remove:0");
        assertThatThrownBy(() -> Keelson.synth(Platform.named("shop").tier(web()).tier(api()).with(new PlatformExtension() {
            @Override
            public void check(FeatureContext s) {
                s.memo("nothing", c -> null);
            }
        }).build()).manifest("prod")).hasMessageContaining("FeatureContext.memo").hasMessageContaining("compute's value");
    }

    @Test
    @DisplayName("core's flows carry the right peers, ports, methods and paths")
    void coreFlows() {
        Platform p = Platform.named("shop").tier(web()).tier(api())
                .cluster(ClusterServices.DEFAULT.nodeLocalDns("169.254.20.10")).build();
        Manifest prod = Keelson.synth(p).manifest("prod");
        List<Flow> flows = prod.flows();
        Port dnsUdp = new Port("dns", 53, Protocol.UDP, null);
        Port dnsTcp = new Port("dns-tcp", 53, Protocol.TCP, null);

        assertThat(flows).containsExactly(
                Flow.of(Flow.Kind.DNS, Peer.allPods(), ClusterServices.DEFAULT.dns(), List.of(dnsUdp, dnsTcp)),
                Flow.of(Flow.Kind.DNS, Peer.allPods(), Peer.network("node-local-dns", List.of("169.254.20.10/32"), List.of()),
                        List.of(dnsUdp, dnsTcp)),
                Flow.of(Flow.Kind.INGRESS, ClusterServices.DEFAULT.ingressController(), Peer.tier("web"), List.of(Port.http(8080))),
                new Flow(Flow.Kind.TIER, Peer.tier("web"), Peer.tier("api"), List.of(Port.grpc(9090)), List.of("GET"), List.of("/v1/*")),
                Flow.of(Flow.Kind.MONITORING, ClusterServices.DEFAULT.monitoring(), Peer.tier("api"), List.of(Port.metrics(9091))),
                Flow.of(Flow.Kind.DEPENDENCY, Peer.tier("api"),
                        Peer.workloads("shop-prod", Map.of("app.kubernetes.io/name", "orders-db"), null), List.of(Port.tcp("postgres", 5432))),
                Flow.of(Flow.Kind.EXTERNAL, Peer.tier("api"), Peer.network("payments", List.of("0.0.0.0/0"), List.of("api.stripe.com")),
                        List.of(Port.https(443))));
    }

    @Test
    @DisplayName("talksTo without ports allows every port of the target; into(), outOf() and ofKind() query the graph")
    void graphQueries() {
        Platform p = Platform.named("shop").tier(Tier.named("web").image("ghcr.io/acme/web:1.0").port(Port.http(8080)).talksTo("api"))
                .tier(api()).build();
        Manifest prod = Keelson.synth(p).manifest("prod");
        Flow webToApi = new Flow(Flow.Kind.TIER, Peer.tier("web"), Peer.tier("api"), List.of(Port.grpc(9090), Port.metrics(9091)),
                List.of(), List.of());
        assertThat(prod.flows()).contains(webToApi);

        var graph = new ArrayList<>(prod.flows());
        dev.keelson.core.Flows flows = new dev.keelson.core.Flows() {
            @Override
            public dev.keelson.core.Flows add(Flow flow) {
                graph.add(flow);
                return this;
            }

            @Override
            public List<Flow> all() {
                return graph;
            }
        };
        assertThat(flows.ofKind(Flow.Kind.TIER)).containsExactly(webToApi);
        assertThat(flows.into("api")).extracting(Flow::kind)
                .containsExactly(Flow.Kind.TIER, Flow.Kind.MONITORING);
        assertThat(flows.outOf("web")).extracting(Flow::kind).containsExactly(Flow.Kind.DNS, Flow.Kind.TIER);
    }

    @Test
    @DisplayName("phases: validate (platform features, then tiers'), every contribute, every render, the user's customizations, every check")
    void phaseOrder() {
        List<String> events = new ArrayList<>();
        class Recorder implements PlatformExtension {
            private final String name;

            Recorder(String name) {
                this.name = name;
            }

            @Override
            public void validate(Platform platform, Problems problems) {
                events.add("validate " + name);
            }

            @Override
            public void contribute(FeatureContext s) {
                events.add("contribute " + name + " in " + s.environment().name());
            }

            @Override
            public void render(FeatureContext s) {
                events.add("render " + name);
            }

            @Override
            public void check(FeatureContext s) {
                events.add("check " + name + " sees minReadySeconds "
                        + s.object(Deployment.class, "api").orElseThrow().getSpec().getMinReadySeconds());
            }
        }
        class TierRecorder implements TierExtension {
            @Override
            public void validate(Platform platform, Tier tier, ModelPath path, Problems problems) {
                events.add("validate tier " + path);
            }

            @Override
            public void contribute(FeatureContext s, TierObjects t) {
                events.add("contribute tier " + t.tier().name() + " with " + t.tier().replicas() + " replicas");
            }

            @Override
            public void render(FeatureContext s, TierObjects t) {
                events.add("render tier " + t.tier().name());
            }

            @Override
            public void check(FeatureContext s, TierObjects t) {
                events.add("check tier " + t.tier().name());
            }
        }
        Platform p = Platform.named("shop")
                .environments(Environment.prod().override("api", TierOverride.replicas(5)))
                .with(new Recorder("a")).with(new Recorder("b"))
                .tier(api().with(new TierRecorder()))
                .customize(Deployment.class, "api", d -> {
                    events.add("customize api");
                    d.getSpec().setMinReadySeconds(10);
                })
                .build();
        assertThat(events).containsExactly("validate a", "validate b", "validate tier shop/tiers/api");
        events.clear();

        Keelson.synth(p).manifest("prod");

        assertThat(events).containsExactly(
                // a platform from its builder is not validated a second time
                "contribute a in prod", "contribute b in prod", "contribute tier api with 5 replicas",
                "render a", "render b", "render tier api",
                "customize api",
                "check a sees minReadySeconds 10", "check b sees minReadySeconds 10", "check tier api");
    }

    @Test
    @DisplayName("a feature removes a flow in contribute(): the graph, and so every renderer, no longer has it")
    void removeFlowInContribute() {
        List<Boolean> removed = new ArrayList<>();
        Platform p = Platform.named("shop").tier(api().exposedAt("api.example.com")).with(new PlatformExtension() {
            @Override
            public void contribute(FeatureContext s) {
                for (Flow f : s.flows().into("api")) {
                    if (f.kind() == Flow.Kind.INGRESS) {
                        removed.add(s.flows().remove(f));
                    }
                }
                removed.add(s.flows().remove(TO_ISTIOD));
            }
        }).build();
        Manifest prod = Keelson.synth(p).manifest("prod");
        assertThat(removed).containsExactly(true, false);
        assertThat(prod.flows()).extracting(Flow::kind).doesNotContain(Flow.Kind.INGRESS);
    }

    @Test
    @DisplayName("removing a flow in render() fails like adding one")
    void removeFlowInRenderFails() {
        Platform p = Platform.named("shop").tier(api()).with(new PlatformExtension() {
            @Override
            public void render(FeatureContext s) {
                s.flows().remove(s.flows().all().get(0));
            }
        }).build();
        assertThatThrownBy(() -> Keelson.synth(p).manifest("prod"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("flows are rendered from a final graph: remove flows in contribute(), not in render() or check()");
    }

    @Test
    @DisplayName("adding a flow in render() fails with a message that says where flows belong")
    void flowInRenderFails() {
        Platform p = Platform.named("shop").tier(api()).with(new PlatformExtension() {
            @Override
            public void render(FeatureContext s) {
                s.flows().add(TO_ISTIOD);
            }
        }).build();
        assertThatThrownBy(() -> Keelson.synth(p).manifest("prod"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("flows are rendered from a final graph: add flows in contribute(), not in render() or check()");
    }

    @Test
    @DisplayName("adding a flow in check() fails the same way")
    void flowInCheckFails() {
        Platform p = Platform.named("shop").tier(api().with(new TierExtension() {
            @Override
            public void check(FeatureContext s, TierObjects t) {
                s.flows().add(TO_ISTIOD);
            }
        })).build();
        assertThatThrownBy(() -> Keelson.synth(p).manifest("prod"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("add flows in contribute()");
    }

    @Test
    @DisplayName("a tier feature adjusts core's objects through TierObjects, and sees the environment")
    void tierFeatureAdjusts() {
        TierFeature priority = new TierExtension() {
            @Override
            public void contribute(FeatureContext s, TierObjects t) {
                t.podSpec().setPriorityClassName(s.environment().production() ? "business-critical" : "best-effort");
                assertThat(t.service()).isPresent();
                assertThat(t.configMap()).isEmpty();
                assertThat(t.ingress()).isEmpty();
                assertThat(t.container().getName()).isEqualTo("api");
                assertThat(t.selector()).isEqualTo(Map.of("app.kubernetes.io/name", "api", "app.kubernetes.io/part-of", "shop"));
                assertThat(s.tier("api")).containsSame(t);
                assertThat(s.namespaceName()).isEqualTo("shop-" + s.environment().name());
            }
        };
        Platform p = Platform.named("shop").environments(Environment.dev(), Environment.prod()).tier(api().with(priority)).build();
        var synth = Keelson.synth(p);
        assertThat(synth.manifest("prod").get(Deployment.class, "api").orElseThrow()
                .getSpec().getTemplate().getSpec().getPriorityClassName()).isEqualTo("business-critical");
        assertThat(synth.manifest("dev").get(Deployment.class, "api").orElseThrow()
                .getSpec().getTemplate().getSpec().getPriorityClassName()).isEqualTo("best-effort");
    }

    @Test
    @DisplayName("errors reported during synthesis fail it with every problem; warnings travel in the manifest")
    void checkProblems() {
        PlatformFeature checker = new PlatformExtension() {
            @Override
            public void check(FeatureContext s) {
                s.warning("TEST-001", ModelPath.root("shop").tier("api"), "api runs a single replica", "replicas(2)");
                if (s.environment().production()) {
                    s.report(Problem.error(ModelPath.root("shop").tier("api").child("securityContext"), "runs as root", "runAs(65532, 65532)").withRule("TEST-002"));
                }
            }
        };
        Platform p = Platform.named("shop").environments(Environment.dev(), Environment.prod()).tier(api()).with(checker).build();
        var synth = Keelson.synth(p);

        assertThat(synth.manifest("dev").warnings()).containsExactly(
                Problem.warning(ModelPath.root("shop").tier("api"), "in dev: api runs a single replica", "replicas(2)").withRule("TEST-001"));
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> synth.manifest("prod"));
        assertThat(e.problems()).containsExactly(
                Problem.warning(ModelPath.root("shop").tier("api"), "in prod: api runs a single replica", "replicas(2)").withRule("TEST-001"),
                new Problem(ModelPath.root("shop").tier("api").child("securityContext"), "in prod: runs as root", "runAs(65532, 65532)",
                        Problem.Severity.ERROR, "TEST-002"));
        assertThat(e.getMessage()).isEqualTo("""
                platform 'shop' has 1 problem:
                  (warning) [shop/tiers/api] TEST-001: in dev: api runs a single replica. Fix: replicas(2)
                  [shop/tiers/api/securityContext] TEST-002: in prod: runs as root. Fix: runAs(65532, 65532)"""
                .replace("in dev", "in prod"));
    }

    @Test
    @DisplayName("a feature that passes null to FeatureContext or Flows gets an error naming that call and the parameter")
    void nullArgumentsFromFeatures() {
        Map<String, Consumer<FeatureContext>> calls = new LinkedHashMap<>();
        calls.put("FeatureContext.add(): argument 'object' is null", s -> s.add(null));
        calls.put("FeatureContext.remove(): argument 'object' is null", s -> s.remove(null));
        calls.put("FeatureContext.tier(): argument 'name' is null", s -> s.tier(null));
        calls.put("FeatureContext.objects(): argument 'kind' is null", s -> s.objects(null));
        calls.put("FeatureContext.object(): argument 'kind' is null", s -> s.object(null, "api"));
        calls.put("FeatureContext.object(): argument 'name' is null", s -> s.object(ConfigMap.class, null));
        calls.put("Flows.add(): argument 'flow' is null", s -> s.flows().add(null));
        calls.put("Flows.remove(): argument 'flow' is null", s -> s.flows().remove(null));
        calls.put("Flows.into(): argument 'tier' is null", s -> s.flows().into(null));
        calls.forEach((message, call) -> {
            Platform p = Platform.named("shop").tier(api()).with(new PlatformExtension() {
                @Override
                public void contribute(FeatureContext s) {
                    call.accept(s);
                }
            }).build();
            assertThatThrownBy(() -> Keelson.synth(p).manifest("prod")).as(message)
                    .isInstanceOf(NullPointerException.class).hasMessage(message);
        });
    }

    @Test
    @DisplayName("a feature's problem without a rule ID is refused, in validate and in check, with how to give it one")
    void problemsNeedRuleIds() {
        PlatformFeature validating = new PlatformExtension() {
            @Override
            public void validate(Platform platform, Problems problems) {
                problems.report(Problem.error(ModelPath.root("shop").child("x"), "no id", null));
            }
        };
        assertThatThrownBy(() -> Platform.named("shop").environments(Environment.dev()).tier(api()).with(validating).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a problem was reported without a rule ID: [shop/x] no id. Fix: give every problem a stable ID, "
                        + "e.g. problems.error(\"ACME-001\", path, message, fix) or Problem.error(path, message, fix)"
                        + ".withRule(\"ACME-001\") (letters, then a dash and three digits)");
        PlatformFeature checking = new PlatformExtension() {
            @Override
            public void check(FeatureContext s) {
                s.report(Problem.warning(ModelPath.root("shop").child("y"), "odd id", null).withRule("ACME-1"));
            }
        };
        Platform p = Platform.named("shop").environments(Environment.dev()).tier(api()).with(checking).build();
        assertThatThrownBy(() -> Keelson.synth(p).manifest("dev")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a problem was reported with the rule ID 'ACME-1', which is not one: ");
    }
}

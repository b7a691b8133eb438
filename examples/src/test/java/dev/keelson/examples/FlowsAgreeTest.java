package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Schedule;
import dev.keelson.core.Storage;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import dev.keelson.mesh.MeshPolicy;
import dev.keelson.security.KubernetesApi;
import dev.keelson.security.SecurityBaseline;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The network policies and the mesh authorization of generated platforms allow exactly the declared
 * flows (SEC-NET-010..013, evaluated from the objects alone), and the check notices when one layer is
 * broken on purpose.
 */
class FlowsAgreeTest {

    private static final List<String> FLOW_RULES = List.of("SEC-NET-010", "SEC-NET-011", "SEC-NET-012", "SEC-NET-013");
    private static final int PLATFORMS = 150;

    /** The SEC-NET-010..013 findings of every environment, errors and warnings alike. */
    static List<Problem> flowFindings(Platform p) {
        List<Problem> found = new ArrayList<>();
        for (Environment env : p.environments()) {
            List<Problem> problems;
            try {
                problems = Keelson.synth(p).manifest(env.name()).warnings();
            } catch (ValidationException e) {
                problems = e.problems();
            }
            for (Problem problem : problems) {
                if (problem.rule() != null && FLOW_RULES.contains(problem.rule())) {
                    found.add(problem);
                }
            }
        }
        return found;
    }

    @Test
    @DisplayName("random platforms (tiers of every workload kind, talksTo incl. to itself, dependencies here and elsewhere, exposure, Cilium L7, mesh on and off): both layers allow exactly the declared flows")
    void randomPlatforms() {
        long seed = Long.getLong("keelson.seed", System.nanoTime());
        Random random = new Random(seed);
        int built = 0;
        for (int i = 0; i < PLATFORMS; i++) {
            Platform p;
            try {
                p = randomPlatform(random, i);
            } catch (ValidationException e) {
                if (System.getProperty("keelson.debug") != null) {
                    System.out.println(e.getMessage());
                }
                continue; // a platform the builders refuse is not what this test is about
            }
            built++;
            List<Problem> found = flowFindings(p);
            assertThat(found).as("seed %d (rerun with -Dkeelson.seed=%d), platform %d: %s", seed, seed, i, p).isEmpty();
        }
        assertThat(built).as("seed %d: most generated platforms build", seed).isGreaterThan(PLATFORMS / 2);
    }

    static Platform randomPlatform(Random r, int index) {
        int tiers = 1 + r.nextInt(5);
        Platform.Builder b = Platform.named("p" + index)
                .environments(Environment.dev(), Environment.prod())
                .with(r.nextInt(4) == 0 ? SecurityBaseline.baseline().ciliumL7()
                        : r.nextBoolean() ? SecurityBaseline.baseline() : SecurityBaseline.byStage());
        if (r.nextInt(3) > 0) {
            MeshPolicy mesh = r.nextInt(4) == 0 ? MeshPolicy.permissiveMigration() : MeshPolicy.strictMtls();
            mesh = mesh.withCni();
            if (r.nextBoolean()) {
                mesh = mesh.ingressGateway();
            }
            if (r.nextInt(3) == 0) {
                mesh = mesh.egressGateway();
            }
            if (r.nextInt(3) == 0) {
                mesh = mesh.withPlaintextMetrics();
            }
            if (r.nextInt(5) == 0) {
                mesh = mesh.ambient();
            }
            b.with(mesh);
        }
        List<Integer> serving = new ArrayList<>();
        List<String> firstPort = new ArrayList<>();
        List<Tier.Builder> builders = new ArrayList<>();
        for (int t = 0; t < tiers; t++) {
            Tier.Builder tier = Tier.named("t" + t).image("ghcr.io/acme/t" + t + ":1.0." + t);
            int kind = r.nextInt(4);
            firstPort.add(kind == 1 ? "grpc" : "http");
            if (kind > 0) {
                serving.add(t);
                tier.port(kind == 1 ? Port.grpc(9090) : Port.http(8080));
                if (kind == 3) {
                    tier.port(Port.tcp("peer", 7000 + r.nextInt(10)));
                }
                if (r.nextInt(3) == 0) {
                    tier.exposedAt("t" + t + ".example.com");
                }
                if (r.nextInt(3) == 0) {
                    tier.metrics(Port.metrics(9091));
                }
                // a stateful tier's peers call each other (core's self-flow); a DaemonSet serves from every node
                int workload = r.nextInt(6);
                if (workload == 0) {
                    tier.stateful(Storage.of("1Gi"));
                } else if (workload == 1) {
                    tier.daemonSet();
                }
            } else {
                tier.withoutDefaultProbes();
                // a Job's and a CronJob's pods call other tiers too
                int workload = r.nextInt(3);
                if (workload == 0) {
                    tier.job();
                } else if (workload == 1) {
                    tier.cronJob(Schedule.cron("@daily"));
                }
            }
            builders.add(tier);
        }
        for (int t = 0; t < tiers; t++) {
            Tier.Builder tier = builders.get(t);
            for (int target : serving) {
                int roll = r.nextInt(6);
                if (roll == 0) {
                    tier.talksTo("t" + target);
                } else if (roll == 1) {
                    tier.talksTo(Connection.to("t" + target).ports(firstPort.get(target)));
                } else if (roll == 2 && r.nextBoolean()) {
                    tier.talksTo(Connection.to("t" + target).methods("GET", "POST").paths("/v1/*"));
                }
            }
            switch (r.nextInt(7)) {
                case 0 -> tier.dependsOn(Dependency.postgres("db" + t));
                case 1 -> tier.dependsOn(Dependency.redis("cache").inNamespace("caches"));
                case 2 -> tier.dependsOn(Dependency.external("pay").host("api.pay.example.com"));
                case 3 -> tier.dependsOn(Dependency.inCluster("search" + t, Port.http(9200)));
                case 4 -> tier.with(KubernetesApi.access("configmaps").verbs("get").apiServer("10.0.0.1/32", 443));
                default -> { }
            }
            b.tier(tier);
        }
        return b.build();
    }

    private static Platform shop(UnaryOperator<Platform.Builder> change) {
        Platform.Builder b = Platform.named("shop").environments(Environment.prod())
                .with(SecurityBaseline.baseline())
                .with(MeshPolicy.strictMtls().withCni())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080))
                        .exposedAt("shop.example.com").talksTo("api"))
                .tier(Tier.named("api").image("ghcr.io/acme/api:1.0.0").port(Port.http(8080))
                        .dependsOn(Dependency.postgres("db")))
                .tier(Tier.named("cache").image("ghcr.io/acme/cache:1.0.0").port(Port.tcp("peer", 7000))
                        .talksTo("cache"));
        return change.apply(b).build();
    }

    private static List<String> rules(List<Problem> problems) {
        return problems.stream().map(p -> p.rule() + " " + p.message()).toList();
    }

    @Test
    @DisplayName("the reference shop (in-namespace dependency, a tier that talks to itself) passes, and its policies exist")
    void shopPasses() {
        Platform p = shop(b -> b);
        assertThat(flowFindings(p)).isEmpty();
        Manifest prod = Keelson.synth(p).manifest("prod");
        assertThat(prod.get(AuthorizationPolicy.class, "ingress-db")).isPresent();
        assertThat(prod.get(AuthorizationPolicy.class, "cache").orElseThrow().getSpec().getRules().get(0).getFrom().get(0)
                .getSource().getPrincipals()).containsExactly("cluster.local/ns/shop-prod/sa/cache");
        NetworkPolicy cache = prod.get(NetworkPolicy.class, "cache").orElseThrow();
        assertThat(cache.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels())
                .isEqualTo(cache.getSpec().getPodSelector().getMatchLabels());
        assertThat(cache.getSpec().getEgress()).anySatisfy(e -> assertThat(e.getTo().get(0).getPodSelector().getMatchLabels())
                .isEqualTo(cache.getSpec().getPodSelector().getMatchLabels()));
    }

    @Test
    @DisplayName("a tier that talks to itself needs its own rules in both layers: without them, SEC-NET-010 and SEC-NET-012")
    void selfTalkNeedsBothLayers() {
        Platform noIngress = shop(b -> b.customize(NetworkPolicy.class, "cache", np -> np.getSpec().getIngress().clear()));
        assertThat(rules(flowFindings(noIngress))).singleElement().asString().startsWith("SEC-NET-010")
                .contains("TIER flow tier cache (Deployment/cache) -> tier cache (Deployment/cache) on TCP 7000");
        Platform noAllow = shop(b -> b.customize(AuthorizationPolicy.class, "cache", ap -> ap.getSpec().setRules(new ArrayList<>())));
        assertThat(rules(flowFindings(noAllow))).singleElement().asString().startsWith("SEC-NET-012")
                .contains("TIER flow tier cache (Deployment/cache) -> tier cache (Deployment/cache) on TCP 7000");
    }

    @Test
    @DisplayName("an ALLOW rule removed from a tier's AuthorizationPolicy: SEC-NET-012 names the blocked flow")
    void removedAuthorization() {
        Platform p = shop(b -> b.customize(AuthorizationPolicy.class, "api", ap -> ap.getSpec().setRules(new ArrayList<>())));
        assertThat(rules(flowFindings(p))).containsExactly("SEC-NET-012 in prod: [HIGH] Namespace/shop-prod: the declared TIER flow"
                + " tier web (Deployment/web) -> tier api (Deployment/api) on TCP 8080 (any request) is blocked by the mesh:"
                + " no ALLOW rule of an AuthorizationPolicy that selects tier api (Deployment/api) matches tier web (Deployment/web)"
                + " (any request), and allow-nothing denies the rest");
    }

    @Test
    @DisplayName("the in-namespace dependency's AuthorizationPolicy removed: SEC-NET-012 (the bug users found)")
    void removedDependencyAuthorization() {
        Platform p = shop(b -> b.customize(AuthorizationPolicy.class, "ingress-db",
                ap -> ap.getSpec().getSelector().getMatchLabels().put("app.kubernetes.io/name", "elsewhere")));
        assertThat(rules(flowFindings(p))).singleElement().asString().startsWith("SEC-NET-012")
                .contains("DEPENDENCY flow tier api (Deployment/api) -> pods {app.kubernetes.io/name=db} on TCP 5432");
    }

    @Test
    @DisplayName("an AuthorizationPolicy widened to any caller: SEC-NET-013 names the policy and what it admits")
    void widenedAuthorization() {
        Platform p = shop(b -> b.customize(AuthorizationPolicy.class, "api",
                ap -> ap.getSpec().getRules().get(0).setFrom(null)));
        List<Problem> found = flowFindings(p);
        assertThat(found).isNotEmpty().allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo("SEC-NET-013");
            assertThat(f.path()).isEqualTo("shop/environments/prod/AuthorizationPolicy/api/spec.rules[0]");
        });
        assertThat(rules(found)).anySatisfy(m -> assertThat(m).contains("an undeclared pod of another namespace -> tier api"));
    }

    @Test
    @DisplayName("a NetworkPolicy's ingress rule removed: SEC-NET-010; a raw allow-all policy: SEC-NET-011")
    void brokenNetworkPolicies() {
        Platform narrowed = shop(b -> b.customize(NetworkPolicy.class, "api", np -> np.getSpec().getIngress().clear()));
        assertThat(rules(flowFindings(narrowed))).singleElement().asString().startsWith("SEC-NET-010")
                .contains("TIER flow tier web (Deployment/web) -> tier api (Deployment/api) on TCP 8080 is blocked by NetworkPolicy");
        Platform widened = shop(b -> b.add(env -> new NetworkPolicyBuilder().withNewMetadata().withName("allow-all")
                .endMetadata().withNewSpec().withNewPodSelector().endPodSelector().addNewIngress().endIngress()
                .withPolicyTypes("Ingress").endSpec().build()));
        assertThat(flowFindings(widened)).isNotEmpty().allSatisfy(f -> assertThat(f.rule()).isEqualTo("SEC-NET-011"))
                .anySatisfy(f -> assertThat(f.path()).isEqualTo("shop/environments/prod/NetworkPolicy/allow-all/spec.ingress[0]"));
    }
}

package dev.keelson.security;

import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Problem;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.List;
import java.util.Map;

/** Platforms the tests share. */
final class Platforms {

    private Platforms() {
    }

    /**
     * A small shop: web exposed, talks to api (L7-limited), api to a database in another namespace
     * and an external API; a PodDisruptionBudget per tier. Passes every rule under restricted().
     */
    static Platform.Builder shop(SecurityBaseline baseline) {
        return Platform.named("shop")
                .environments(Environment.dev(), Environment.prod())
                .with(baseline)
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080))
                        .exposedAt("shop.example.com")
                        .readiness(Probe.http("/ready")).liveness(Probe.http("/healthz").every(20))
                        .talksTo(Connection.to("api").ports("grpc").methods("GET", "POST").paths("/v1/*")))
                .tier(Tier.named("api").image("ghcr.io/acme/api@sha256:" + "a".repeat(64))
                        .port(Port.grpc(9090)).metrics(Port.metrics(9091))
                        .dependsOn(Dependency.postgres("orders-db").inNamespace("data"))
                        .dependsOn(Dependency.external("payments").host("api.stripe.com")))
                .add(env -> pdb("web"))
                .add(env -> pdb("api"));
    }

    static io.fabric8.kubernetes.api.model.HasMetadata pdb(String tier) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(tier).withLabels(new java.util.LinkedHashMap<>(Map.of("keelson.dev/tier", tier))).endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1)).withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .withNewSelector().withMatchLabels(Map.of("app.kubernetes.io/name", tier)).endSelector().endSpec()
                .build();
    }

    /** Every problem of one environment, whether synthesis failed or only warned. */
    static List<Problem> problems(Platform platform, String environment) {
        try {
            return Keelson.synth(platform).manifest(environment).warnings();
        } catch (ValidationException e) {
            return e.problems();
        }
    }
}

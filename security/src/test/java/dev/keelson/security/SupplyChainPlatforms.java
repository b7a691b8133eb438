package dev.keelson.security;

import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Tier;

/** The shop of {@link Platforms} with an image policy, admission policies and a deployer; its images pinned. */
final class SupplyChainPlatforms {

    static final String DIGEST = "sha256:" + "b".repeat(64);
    static final String ISSUER = "https://token.actions.githubusercontent.com";
    static final String SUBJECT = "https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main";

    private SupplyChainPlatforms() {
    }

    static ImagePolicy images() {
        return ImagePolicy.registries("ghcr.io/acme").pullSecret("ghcr-pull")
                .signedBy(Signature.keyless(ISSUER, SUBJECT), Signature.publicKeyFromSecret("cosign-pub"));
    }

    static SecurityBaseline baseline() {
        return SecurityBaseline.byStage().images(images()).admissionPolicies()
                .deployer("argocd", "argocd-application-controller");
    }

    static Platform.Builder shop(SecurityBaseline baseline, String kubernetes) {
        return Platform.named("shop")
                .kubernetes(kubernetes)
                .environments(Environment.dev(), Environment.prod())
                .with(baseline)
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2@" + DIGEST).port(Port.http(8080))
                        .exposedAt("shop.example.com")
                        .readiness(Probe.http("/ready")).liveness(Probe.http("/healthz").every(20))
                        .talksTo(Connection.to("api").ports("grpc")))
                .tier(Tier.named("api").image("ghcr.io/acme/api@sha256:" + "a".repeat(64))
                        .port(Port.grpc(9090)).metrics(Port.metrics(9091))
                        .dependsOn(Dependency.postgres("orders-db").inNamespace("data")))
                .add(env -> Platforms.pdb("web"))
                .add(env -> Platforms.pdb("api"));
    }

    static Platform shop() {
        return shop(baseline(), "1.28").build();
    }
}

package dev.keelson.apply;

import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.Map;

/** Platforms the apply tests use. */
final class Platforms {

    private Platforms() {
    }

    /** A platform {@code shop} with environments dev and prod and the named tiers. */
    static Platform shop(String... tiers) {
        return shopAt("1.0.0", tiers);
    }

    /** The same, every tier's image at {@code version}. */
    static Platform shopAt(String version, String... tiers) {
        Platform.Builder b = Platform.named("shop").environments(Environment.dev(), Environment.prod());
        for (String t : tiers) {
            b.tier(Tier.named(t).image("ghcr.io/acme/" + t + ":" + version).port(Port.http(8080)));
        }
        return b.build();
    }

    /** {@code shop} (environment dev only, tier web) with a raw VerticalPodAutoscaler and a raw Istio PeerAuthentication added. */
    static Platform shopWithCustomResources() {
        return shopWithCustomResources(true);
    }

    /** The same platform, with or without the two custom resources. */
    static Platform shopWithCustomResources(boolean withThem) {
        Platform.Builder b = Platform.named("shop").environments(Environment.dev())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080)));
        if (withThem) {
            b.add(env -> custom("autoscaling.k8s.io/v1", "VerticalPodAutoscaler", "web", env))
                    .add(env -> custom("security.istio.io/v1", "PeerAuthentication", "default", env));
        }
        return b.build();
    }

    /** {@code shop} (environment dev only, tier web) with a raw Job {@code job} in shop-dev. */
    /** Tier 'web' and a migration Job, a tier of its own, that runs before it. */
    static Platform shopWithMigration() {
        return Platform.named("shop").environments(Environment.dev())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080)))
                .tier(Tier.named("migrate").image("ghcr.io/acme/web:1.0.0").command("/app/migrate")
                        .job(dev.keelson.core.Batch.DEFAULT.backoffLimit(0)).runsBefore("web"))
                .build();
    }

    static Platform shopWithJob(String job) {
        return Platform.named("shop").environments(Environment.dev())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080)))
                .add(env -> new JobBuilder().withNewMetadata().withName(job).withNamespace(env.namespaceIn("shop"))
                        .withLabels(Map.of("app.kubernetes.io/name", job, "app.kubernetes.io/instance", job,
                                "app.kubernetes.io/part-of", "shop", "app.kubernetes.io/managed-by", "keelson"))
                        .endMetadata()
                        .withNewSpec().withTtlSecondsAfterFinished(3600).withBackoffLimit(0).withActiveDeadlineSeconds(600L)
                        .withNewTemplate().withNewSpec().withRestartPolicy("Never").withAutomountServiceAccountToken(false)
                        .withNewSecurityContext().withRunAsNonRoot(true).withNewSeccompProfile().withType("RuntimeDefault")
                        .endSeccompProfile().endSecurityContext()
                        .addNewContainer().withName("migrate").withImage("ghcr.io/acme/migrate:1.0.0")
                        .withImagePullPolicy("Always")
                        .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                        .withRunAsNonRoot(true).withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                        .withNewResources().withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")))
                        .withLimits(Map.of("memory", new Quantity("128Mi"))).endResources()
                        .endContainer().endSpec().endTemplate().endSpec().build())
                .build();
    }

    /** A platform {@code shop} with only the environment dev (prod was removed) and the named tiers. */
    static Platform shopDevOnly(String... tiers) {
        Platform.Builder b = Platform.named("shop").environments(Environment.dev());
        for (String t : tiers) {
            b.tier(Tier.named(t).image("ghcr.io/acme/" + t + ":1.0.0").port(Port.http(8080)));
        }
        return b.build();
    }

    private static GenericKubernetesResource custom(String apiVersion, String kind, String name, Environment env) {
        return new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind).withNewMetadata()
                .withName(name).withNamespace(env.namespaceIn("shop")).endMetadata().withAdditionalProperties(Map.of("spec", Map.of())).build();
    }
}

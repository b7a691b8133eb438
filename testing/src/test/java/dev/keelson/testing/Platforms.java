package dev.keelson.testing;

import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.core.TierOverride;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;

/** Platforms the tests share. */
final class Platforms {

    private Platforms() {
    }

    /** web (exposed, HTTP 8080) talks to api (gRPC 9090, 3 replicas in prod); a NetworkPolicy for api. */
    static Platform.Builder shop() {
        return Platform.named("shop")
                .environments(Environment.dev(), Environment.prod().override("api", TierOverride.replicas(3)))
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080))
                        .exposedAt("shop.example.com").talksTo("api").config("LOG_LEVEL", "info"))
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.grpc(9090)).env("MODE", "strict"))
                .add(env -> new NetworkPolicyBuilder()
                        .withNewMetadata().withName("api").endMetadata()
                        .withNewSpec()
                        .withNewPodSelector().addToMatchLabels("app.kubernetes.io/name", "api").endPodSelector()
                        .withPolicyTypes("Ingress", "Egress")
                        .addNewIngress()
                        .addNewFrom().withNewPodSelector().addToMatchLabels("app.kubernetes.io/name", "web").endPodSelector().endFrom()
                        .addNewPort().withPort(new IntOrString(9090)).withProtocol("TCP").endPort()
                        .endIngress()
                        .addNewIngress()
                        .addNewFrom().withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", "monitoring")
                        .endNamespaceSelector().endFrom()
                        .addNewPort().withPort(new IntOrString("metrics")).endPort()
                        .endIngress()
                        .addNewEgress()
                        .addNewPort().withPort(new IntOrString(53)).withProtocol("UDP").endPort()
                        .endEgress()
                        .endSpec()
                        .build());
    }

    /** The shop with the api container weakened in every way the assertions look at. */
    static Platform weakened() {
        return shop().customize(Deployment.class, "api", d -> {
            var pod = d.getSpec().getTemplate().getSpec();
            pod.setAutomountServiceAccountToken(true);
            pod.getSecurityContext().setRunAsNonRoot(null);
            var sc = pod.getContainers().get(0).getSecurityContext();
            sc.setRunAsNonRoot(false);
            sc.setRunAsUser(0L);
            sc.setReadOnlyRootFilesystem(false);
            sc.setAllowPrivilegeEscalation(true);
            sc.getCapabilities().setDrop(java.util.List.of("NET_RAW"));
            pod.getContainers().get(0).getResources().setLimits(null);
            d.getSpec().setReplicas(null);
        }).build();
    }
}

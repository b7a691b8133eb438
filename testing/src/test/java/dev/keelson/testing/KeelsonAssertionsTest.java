package dev.keelson.testing;

import dev.keelson.core.Flow;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.Problems;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static dev.keelson.testing.KeelsonAssertions.assertThat;
import static dev.keelson.testing.KeelsonAssertions.assertThatBuilding;
import static dev.keelson.testing.KeelsonAssertions.assertThatSynthesis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("KeelsonAssertions: pass on conforming objects, fail with what was expected and found")
class KeelsonAssertionsTest {

    private static final Manifest PROD = Keelson.synth(Platforms.shop().build()).manifest("prod");
    private static final Manifest WEAK = Keelson.synth(Platforms.weakened()).manifest("prod");

    @Nested
    @DisplayName("manifest")
    class Manifests {

        @Test
        @DisplayName("passes for present and absent objects, names, flows and warnings")
        void passes() {
            assertThat(PROD)
                    .hasObject(NetworkPolicy.class, "api")
                    .hasObject(ConfigMap.class, "web-config")
                    .doesNotHaveObject(Ingress.class, "api")
                    .hasObjectNames(Deployment.class, "web", "api")
                    .hasNoWarnings()
                    .hasFlow(Flow.Kind.TIER, Peer.tier("web"), Peer.tier("api"))
                    .object(Service.class, "web").extracting(s -> s.getSpec().getType()).isEqualTo("ClusterIP");
            assertThat(Platforms.shop().build(), "dev").deployment("api").hasReplicas(2);
        }

        @Test
        @DisplayName("a missing object fails, listing the objects of that kind")
        void missing() {
            assertThatThrownBy(() -> assertThat(PROD).deployment("apii"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("Expected the manifest of environment 'prod' to contain Deployment 'apii', "
                            + "but its Deployment objects are [web, api]");
            assertThatThrownBy(() -> assertThat(PROD).hasObject(Ingress.class, "api"))
                    .hasMessage("Expected the manifest of environment 'prod' to contain Ingress 'api', "
                            + "but its Ingress objects are [web]");
        }

        @Test
        @DisplayName("an unexpected object, wrong names or a missing flow fail")
        void unexpected() {
            assertThatThrownBy(() -> assertThat(PROD).doesNotHaveObject(Ingress.class, "web"))
                    .hasMessage("Expected the manifest of environment 'prod' not to contain Ingress 'web', but it does");
            assertThatThrownBy(() -> assertThat(PROD).hasObjectNames(Deployment.class, "api", "web"))
                    .hasMessage("Expected the Deployment objects of environment 'prod' to be [api, web], but they are [web, api]");
            assertThatThrownBy(() -> assertThat(PROD).hasFlow(Flow.Kind.TIER, Peer.tier("api"), Peer.tier("web")))
                    .hasMessage("Expected a TIER flow from TierPeer[name=api] to TierPeer[name=web] in environment 'prod', "
                            + "but the TIER flows are [TierPeer[name=web] -> TierPeer[name=api]]");
            assertThatThrownBy(() -> assertThat(PROD).hasWarningAt("shop/tiers/api"))
                    .hasMessage("Expected a warning at 'shop/tiers/api' in environment 'prod', but the warnings were at []");
        }

        @Test
        @DisplayName("eachDeployment runs the assertions on every Deployment and reports the failing one")
        void eachDeployment() {
            assertThat(PROD).eachDeployment(d -> d.runsAsNonRoot().dropsAllCapabilities());
            assertThatThrownBy(() -> assertThat(WEAK).eachDeployment(DeploymentAssert::runsAsNonRoot))
                    .hasMessageStartingWith("Expected Deployment 'api' in environment 'prod' to run as non-root");
        }
    }

    @Nested
    @DisplayName("deployment")
    class Deployments {

        @Test
        @DisplayName("passes on Keelson's secure defaults")
        void passes() {
            assertThat(PROD).deployment("api")
                    .runsAsNonRoot().hasReadOnlyRootFilesystem().dropsAllCapabilities().disallowsPrivilegeEscalation()
                    .doesNotMountServiceAccountToken().hasResourceRequests().hasSeccompProfile("RuntimeDefault")
                    .hasReplicas(3).hasImage("ghcr.io/acme/api:2.0.1").hasEnv("MODE", "strict").hasEnv("MODE")
                    .hasLabel("app.kubernetes.io/part-of", "shop").hasPodLabel("version", "stable")
                    .and().deployment("web").hasReplicas(2);
            assertThat(WEAK).deployment("api").leavesReplicasToAutoscaler();
        }

        @Test
        @DisplayName("security failures say which container has which value")
        void securityFailures() {
            var api = assertThat(WEAK).deployment("api");
            assertThatThrownBy(api::runsAsNonRoot).hasMessage("Expected Deployment 'api' in environment 'prod' to run as "
                    + "non-root, but container 'api' has runAsNonRoot=false (pod: null); container 'api' has runAsUser=0");
            assertThatThrownBy(api::hasReadOnlyRootFilesystem).hasMessage("Expected Deployment 'api' in environment 'prod' "
                    + "to have a read-only root filesystem, but container 'api' has readOnlyRootFilesystem=false");
            assertThatThrownBy(api::dropsAllCapabilities).hasMessage("Expected Deployment 'api' in environment 'prod' "
                    + "to drop ALL capabilities, but container 'api' drops [NET_RAW]");
            assertThatThrownBy(api::disallowsPrivilegeEscalation).hasMessage("Expected Deployment 'api' in environment "
                    + "'prod' to disallow privilege escalation, but container 'api' has allowPrivilegeEscalation=true");
            assertThatThrownBy(api::doesNotMountServiceAccountToken).hasMessage("Expected Deployment 'api' in environment "
                    + "'prod' not to mount a ServiceAccount token, but the pod has automountServiceAccountToken=true");
            assertThatThrownBy(api::hasResourceRequests).hasMessage("Expected Deployment 'api' in environment 'prod' "
                    + "to request CPU and memory and limit memory, but container 'api' has no memory limit");
        }

        @Test
        @DisplayName("value failures say what was expected and found")
        void valueFailures() {
            var api = assertThat(PROD).deployment("api");
            assertThatThrownBy(() -> api.hasReplicas(5))
                    .hasMessage("Expected Deployment 'api' in environment 'prod' to have 5 replicas, but it has 3");
            assertThatThrownBy(() -> assertThat(WEAK).deployment("api").hasReplicas(3))
                    .hasMessage("Expected Deployment 'api' in environment 'prod' to have 3 replicas, "
                            + "but spec.replicas is not set (an autoscaler owns it)");
            assertThatThrownBy(api::leavesReplicasToAutoscaler).hasMessage(
                    "Expected Deployment 'api' in environment 'prod' to leave spec.replicas unset for an autoscaler, but it sets 3");
            assertThatThrownBy(() -> api.hasImage("ghcr.io/acme/api:2.0.2")).hasMessage("Expected Deployment 'api' in "
                    + "environment 'prod' to run image 'ghcr.io/acme/api:2.0.2', but it runs 'ghcr.io/acme/api:2.0.1'");
            assertThatThrownBy(() -> api.hasEnv("MODE", "lax")).hasMessage(
                    "Expected Deployment 'api' in environment 'prod' to set MODE=lax, but MODE=strict");
            assertThatThrownBy(() -> api.hasEnv("DEBUG")).hasMessage(
                    "Expected Deployment 'api' in environment 'prod' to set DEBUG, but the variables are [MODE]");
            assertThatThrownBy(() -> api.hasLabel("team", "payments")).hasMessage(
                    "Expected Deployment 'api' in environment 'prod' to be labelled team=payments, but it has no label team");
            assertThatThrownBy(() -> api.hasPodLabel("version", "canary")).hasMessage(
                    "Expected Deployment 'api' in environment 'prod' to label its pods version=canary, but version=stable");
            assertThatThrownBy(() -> api.hasSeccompProfile("Localhost")).hasMessage(
                    "Expected Deployment 'api' in environment 'prod' to use seccomp profile Localhost, but it uses RuntimeDefault");
        }
    }

    @Nested
    @DisplayName("service")
    class Services {

        @Test
        @DisplayName("passes on ports, type and selector")
        void passes() {
            assertThat(PROD).service("api").exposesPort("grpc", 9090).exposesPort(9090).doesNotExposePort(8080)
                    .hasType("ClusterIP").selectsPodsOf("api");
        }

        @Test
        @DisplayName("fails listing the ports, the type or the selector and labels")
        void failures() {
            var api = assertThat(PROD).service("api");
            assertThatThrownBy(() -> api.exposesPort("grpc", 9091)).hasMessage(
                    "Expected Service 'api' in environment 'prod' to expose port grpc 9091, but its ports are [grpc 9090]");
            assertThatThrownBy(() -> api.exposesPort(8080)).hasMessage(
                    "Expected Service 'api' in environment 'prod' to expose port 8080, but its ports are [grpc 9090]");
            assertThatThrownBy(() -> api.doesNotExposePort(9090)).hasMessage(
                    "Expected Service 'api' in environment 'prod' not to expose port 9090, but its ports are [grpc 9090]");
            assertThatThrownBy(() -> api.hasType("LoadBalancer")).hasMessage(
                    "Expected Service 'api' in environment 'prod' to be of type LoadBalancer, but it is of type ClusterIP");
            assertThatThrownBy(() -> api.selectsPodsOf("web")).hasMessage("Expected Service 'api' in environment 'prod' to "
                    + "select the pods of Deployment 'web', but its selector {app.kubernetes.io/name=api, "
                    + "app.kubernetes.io/part-of=shop} does not match their labels {app.kubernetes.io/name=web, "
                    + "app.kubernetes.io/instance=web, app.kubernetes.io/part-of=shop, app.kubernetes.io/managed-by=keelson, "
                    + "keelson.dev/environment=prod, keelson.dev/tier=web, app=web, version=stable}");
            assertThatThrownBy(() -> api.selectsPodsOf("cart")).hasMessage("Expected Service 'api' in environment 'prod' to "
                    + "select the pods of Deployment 'cart', but there is no such Deployment");
        }
    }

    @Nested
    @DisplayName("network policy")
    class NetworkPolicies {

        @Test
        @DisplayName("passes on types, selector, ports and namespaces")
        void passes() {
            assertThat(PROD).networkPolicy("api").hasPolicyTypes("Ingress", "Egress")
                    .selectsPodsLabelled("app.kubernetes.io/name", "api")
                    .allowsIngressOnPort(9090).allowsIngressOnPort("metrics").doesNotAllowIngressOnPort(22)
                    .allowsIngressFromNamespace("monitoring").allowsEgressOnPort(53);
        }

        @Test
        @DisplayName("fails listing what the policy allows")
        void failures() {
            var api = assertThat(PROD).networkPolicy("api");
            assertThatThrownBy(() -> api.hasPolicyTypes("Ingress")).hasMessage("Expected NetworkPolicy 'api' in environment "
                    + "'prod' to have policy types [Ingress], but it has [Ingress, Egress]");
            assertThatThrownBy(() -> api.selectsPodsLabelled("app.kubernetes.io/name", "web")).hasMessage("Expected "
                    + "NetworkPolicy 'api' in environment 'prod' to select pods labelled app.kubernetes.io/name=web, "
                    + "but its pod selector is {app.kubernetes.io/name=api}");
            assertThatThrownBy(() -> api.allowsIngressOnPort(8080)).hasMessage("Expected NetworkPolicy 'api' in environment "
                    + "'prod' to allow ingress on port 8080, but its ingress ports are [9090/TCP, metrics]");
            assertThatThrownBy(() -> api.doesNotAllowIngressOnPort(9090)).hasMessage("Expected NetworkPolicy 'api' in "
                    + "environment 'prod' not to allow ingress on port 9090, but its ingress ports are [9090/TCP, metrics]");
            assertThatThrownBy(() -> api.allowsEgressOnPort(443)).hasMessage("Expected NetworkPolicy 'api' in environment "
                    + "'prod' to allow egress on port 443, but its egress ports are [53/UDP]");
            assertThatThrownBy(() -> api.allowsIngressFromNamespace("ingress-nginx")).hasMessage("Expected NetworkPolicy "
                    + "'api' in environment 'prod' to allow ingress from namespace 'ingress-nginx', but its ingress peers' "
                    + "namespace selectors are [(this namespace), {kubernetes.io/metadata.name=monitoring}]");
            assertThatThrownBy(api::deniesAllIngress).hasMessage("Expected NetworkPolicy 'api' in environment 'prod' to "
                    + "deny all ingress, but its policy types are [Ingress, Egress] and it has 2 ingress rules");
        }
    }

    @Nested
    @DisplayName("problems")
    class Problems {

        @Test
        @DisplayName("passes on the problems a platform is refused with")
        void passes() {
            assertThatBuilding(Platform.named("shop").tier(Tier.named("api")))
                    .hasProblemAt("shop/tiers/api/image").hasErrorCount(1);
            assertThatSynthesis(Platforms.shop().customize(Deployment.class, "cart", d -> { }).build(), "prod")
                    .hasProblem("shop/customize/Deployment/cart", "matches no object");
        }

        @Test
        @DisplayName("fails when the platform builds, or the problem is elsewhere")
        void failures() {
            assertThatThrownBy(() -> assertThatBuilding(Platforms.shop()).hasProblemAt("shop"))
                    .hasMessage("Expected building platform 'shop' to fail with problems, but it succeeded");
            var refused = assertThatBuilding(Platform.named("shop").tier(Tier.named("api")));
            assertThatThrownBy(() -> refused.hasProblem("shop/tiers/api", "image"))
                    .hasMessageStartingWith("Expected building platform 'shop' to report a problem at 'shop/tiers/api' "
                            + "with a message containing 'image', but the problems were:\n  [shop/tiers/api/image]");
            assertThatThrownBy(() -> refused.hasErrorCount(2))
                    .hasMessageStartingWith("Expected building platform 'shop' to report 2 errors, but it reported 1:");
            assertThatThrownBy(() -> refused.hasProblemFoundBy("SEC-POD-001"))
                    .hasMessageStartingWith("Expected building platform 'shop' to report a problem of rule SEC-POD-001");
            assertThat(refused.exception().problems()).hasSize(1);
        }
    }
}

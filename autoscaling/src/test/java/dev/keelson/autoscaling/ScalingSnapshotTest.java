package dev.keelson.autoscaling;

import static dev.keelson.autoscaling.Fixtures.api;
import static dev.keelson.autoscaling.Fixtures.prod;
import static dev.keelson.autoscaling.Fixtures.scalingYaml;
import static dev.keelson.autoscaling.Fixtures.shop;

import dev.keelson.core.Resources;
import dev.keelson.core.Stage;
import dev.keelson.testing.KeelsonApprovals;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScalingSnapshotTest {

    @Test
    @DisplayName("ScalingProfile.report() writes the report's full HPA (ContainerResource, custom, external, behavior) and a PDB")
    void reportProfile() {
        KeelsonApprovals.verifyYaml(scalingYaml(prod(shop(api().with(ScalingProfile.report())))));
    }

    @Test
    @DisplayName("a VPA-only tier keeps its replicas and gets a VPA with app and istio-proxy policies and a PDB")
    void vpaOnly() {
        var profile = ScalingProfile.verticalOnly(VerticalScaling.mode(UpdateMode.INITIAL)
                .container(ContainerPolicy.app().minAllowed("100m", "128Mi").maxAllowed("2", "2Gi"))
                .istioProxy());
        KeelsonApprovals.verifyYaml(scalingYaml(prod(shop(api().with(profile)))));
    }

    @Test
    @DisplayName("HPA on CPU next to a VPA controlling only memory (a compatible setup)")
    void hpaAndVpaCompatible() {
        var profile = ScalingProfile.cpu(70).replicas(3, 30)
                .vertical(VerticalScaling.mode(UpdateMode.IN_PLACE_OR_RECREATE)
                        .container(ContainerPolicy.app().controls(ComputeResource.MEMORY)
                                .controlledValues(ControlledValues.REQUESTS_ONLY).maxAllowed(null, "4Gi"))
                        .container(ContainerPolicy.istioProxy().controls(ComputeResource.MEMORY)));
        KeelsonApprovals.verifyYaml(scalingYaml(prod(shop(api().resources(Resources.requests("250m", "512Mi")).with(profile)))));
    }

    @Test
    @DisplayName("KEDA replaces the HPA: a ScaledObject with cpu, cron and queue triggers, no HPA, no spec.replicas")
    void keda() {
        var profile = ScalingProfile.cpu(70).replicas(2, 40).keda(Keda.with(
                KedaTrigger.cron(ZoneId.of("Europe/Berlin"), "0 8 * * 1-5", "0 20 * * 1-5", 10),
                KedaTrigger.rabbitmq("orders", 10).authenticatedBy("rabbitmq-auth")));
        KeelsonApprovals.verifyYaml(scalingYaml(prod(shop(api().with(profile.in(Stage.DEVELOPMENT, ScalingProfile.fixed(1)))))));
    }
}

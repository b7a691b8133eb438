package dev.keelson.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.mesh.MeshPolicy;
import io.fabric8.istio.api.networking.v1.Sidecar;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("With the mesh: the tiers' sidecars may reach the data namespace, which stays outside the mesh")
class MeshTest {

    @Test
    @DisplayName("the Sidecar's egress hosts include the data namespace; no mesh object is written there; the flow check finds nothing")
    void meshAndDataAgree() {
        for (Manifest m : Keelson.synth(Fixtures.shop().with(MeshPolicy.strictMtls().withCni()).build()).manifests()) {
            String data = m.namespace() + "-data";
            Sidecar sidecar = m.objects(Sidecar.class).get(0);
            assertThat(sidecar.getSpec().getEgress().get(0).getHosts()).contains(data + "/*");
            assertThat(m.objects()).filteredOn(o -> data.equals(o.getMetadata().getNamespace()))
                    .noneMatch(o -> o.getApiVersion().contains("istio.io"));
            assertThat(m.objects(AuthorizationPolicy.class)).noneMatch(a -> data.equals(a.getMetadata().getNamespace()));
            assertThat(m.warnings()).noneMatch(p -> p.rule() != null && p.rule().matches("SEC-NET-01[0-3]"));
        }
    }
}

package dev.keelson.data;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Synth;
import dev.keelson.testing.KeelsonApprovals;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Snapshots of the data services (approved files next to this test)")
class SnapshotTest {

    private static final Synth SHOP = Keelson.synth(Fixtures.shop().build());

    /** Every object of the environment's data namespace, the Namespace first. */
    static String dataNamespace(Manifest m) {
        String ns = m.namespace() + "-data";
        StringBuilder out = new StringBuilder();
        for (HasMetadata o : m.objects()) {
            boolean namespace = o instanceof Namespace && ns.equals(o.getMetadata().getName());
            if (namespace || ns.equals(o.getMetadata().getNamespace())) {
                out.append("---\n").append(Manifest.toYaml(o));
            }
        }
        return out.toString();
    }

    @Test
    @DisplayName("prod: 3 PostgreSQL instances across zones with backups, 3 Redis pods with a PDB, the data namespace's policies")
    void prodDataNamespace() {
        KeelsonApprovals.verifyYaml(dataNamespace(SHOP.manifest("prod")));
    }

    @Test
    @DisplayName("dev: one small instance of each, no backups, no anti-affinity, no PDB")
    void devDataNamespace() {
        KeelsonApprovals.verifyYaml(dataNamespace(SHOP.manifest("dev")));
    }

    @Test
    @DisplayName("prod: the calling tier mounts the credentials as files, gets where to connect, and may egress to the data pods")
    void callingTier() {
        Manifest prod = SHOP.manifest("prod");
        KeelsonApprovals.verifyYaml("---\n" + Manifest.toYaml(prod.get(Deployment.class, "api").orElseThrow())
                + "---\n" + Manifest.toYaml(prod.objects(NetworkPolicy.class).stream()
                .filter(n -> n.getMetadata().getName().equals("api")).findFirst().orElseThrow()));
    }
}

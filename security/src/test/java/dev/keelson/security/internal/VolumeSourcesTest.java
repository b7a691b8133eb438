package dev.keelson.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The restricted-volume rule reads a volume's sources without serializing it, and finds what its YAML shows. */
class VolumeSourcesTest {

    @Test
    @DisplayName("volumeSources names exactly the keys Jackson writes for a volume, name aside")
    void sameKeysAsJackson() {
        Volume extra = new VolumeBuilder().withName("x").withNewEmptyDir().endEmptyDir().build();
        extra.setAdditionalProperty("futureSource", Map.of("a", 1));
        List<Volume> volumes = List.of(
                new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build(),
                new VolumeBuilder().withName("cfg").withNewConfigMap().withName("c").endConfigMap().build(),
                new VolumeBuilder().withName("host").withNewHostPath().withPath("/var").endHostPath().build(),
                new VolumeBuilder().withName("two").withNewNfs().withServer("s").withPath("/").endNfs()
                        .withNewSecret().withSecretName("s").endSecret().build(),
                new VolumeBuilder().withName("none").build(),
                extra);
        ObjectMapper mapper = new ObjectMapper();
        for (Volume v : volumes) {
            @SuppressWarnings("unchecked")
            List<String> expected = new ArrayList<>(mapper.convertValue(v, Map.class).keySet());
            expected.remove("name");
            assertThat(PolicyCheck.volumeSources(v)).as(v.getName()).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(PolicyCheck.volumeSources(volumes.get(3))).containsExactlyInAnyOrder("nfs", "secret");
    }
}

package dev.keelson.core.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PlanIndex: the writer's plans made ahead of time are current and equal to those read from the annotations")
class PlanIndexTest {

    private static final Path COMMITTED = Path.of("src/main/resources/dev/keelson/core/internal/yaml", PlanIndex.RESOURCE);

    @Test
    @DisplayName("the committed index is what the model classes on the class path give now")
    void current() throws IOException {
        String now = PlanIndex.render(PlanIndex.ROOTS);
        if (Boolean.getBoolean("keelson.plans.update")) {
            Files.writeString(COMMITTED, now, StandardCharsets.UTF_8);
        }
        assertThat(COMMITTED).as("the index; after a fabric8 upgrade rewrite it with "
                + "mvn -pl core -am test -Dtest=PlanIndexTest -Dsurefire.failIfNoSpecifiedTests=false -Dkeelson.plans.update=true")
                .usingCharset(StandardCharsets.UTF_8).hasContent(now);
        assertThat(now.lines().count()).as("the kinds Keelson writes and what they hold").isGreaterThan(100);
    }

    @Test
    @DisplayName("every indexed plan is the plan read from the class's annotations: same properties, fields, inclusions, any-getter")
    void indexedEqualsRead() throws Exception {
        List<String> lines = Files.readAllLines(COMMITTED, StandardCharsets.UTF_8);
        int beans = 0;
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            Class<?> type = Class.forName(line.substring(0, line.indexOf('\t')));
            PlanIndex.Entry entry = PlanIndex.entry(type);
            assertThat(entry).as("%s is indexed as it is on the class path", type.getName()).isNotNull();
            ModelWriter.Plan read = ModelIntrospector.read(type);
            if (entry.jackson()) {
                assertThat(read).as("%s: Jackson writes it", type.getName()).isNull();
                continue;
            }
            ModelWriter.Plan indexed = entry.plan(type);
            assertThat(indexed).as(type.getName()).isNotNull();
            assertThat(indexed.describe()).as(type.getName()).isEqualTo(read.describe());
            for (int i = 0; i < read.properties().length; i++) {
                assertThat(indexed.properties()[i]).as(type.getName()).isEqualTo(read.properties()[i]);
            }
            beans++;
        }
        assertThat(beans).isGreaterThan(100);
        assertThat(ModelIntrospector.plan(Deployment.class).describe()).isEqualTo(ModelIntrospector.read(Deployment.class).describe());
    }

    @Test
    @DisplayName("a class whose fields differ from the indexed one is not taken from the index")
    void fingerprint() {
        assertThat(PlanIndex.fingerprint(ObjectMeta.class)).isEqualTo(PlanIndex.fingerprint(ObjectMeta.class))
                .isNotEqualTo(PlanIndex.fingerprint(PodSpec.class));
        assertThat(PlanIndex.entry(PlanIndexTest.class)).isNull();
    }
}

package dev.keelson.core.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.core.ArgoCd;
import dev.keelson.core.Keelson;
import dev.keelson.core.conformance.SchemaConformance;
import dev.keelson.core.snapshots.SnapshotPlatforms;
import dev.keelson.core.snapshots.Trees;
import dev.keelson.core.testkit.YamlObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("synth --format argocd: an AppProject and an Application per environment")
class ArgoCdTest {

    private static final Options YAML = new Options().withReporter(QuietReporter.INSTANCE).forFile().withExtension(".yaml");
    private static final ArgoCd ARGO = ArgoCd.source("https://github.com/acme/shop-deploy.git", "gitops/kustomize")
            .withTargetRevision("main");

    @Test
    @DisplayName("every file conforms to Argo CD 3.5.1's CRDs (Application, AppProject)")
    void conformsToCrds(@TempDir Path dir) throws IOException {
        Keelson.synth(SnapshotPlatforms.threeTiers()).writeArgoCd(dir, ARGO);
        List<String> files = Trees.files(dir);
        assertThat(files).containsExactly("application-dev.yaml", "application-prod.yaml", "application-staging.yaml",
                "appproject.yaml");
        for (String file : files) {
            assertThat(SchemaConformance.validateYaml(Files.readString(dir.resolve(file)))).as(file).isEmpty();
        }
    }

    @Test
    @DisplayName("the project allows the repository, the namespaces and the kinds of the output; applications ignore autoscaled replicas")
    void restrictions(@TempDir Path dir) throws IOException {
        Keelson.synth(SnapshotPlatforms.threeTiers()).writeArgoCd(dir, ARGO);
        JsonNode project = YamlObjects.parse(Files.readString(dir.resolve("appproject.yaml"))).values().iterator().next();
        assertThat(project.at("/spec/sourceRepos").toString()).isEqualTo("[\"https://github.com/acme/shop-deploy.git\"]");
        assertThat(project.at("/spec/destinations").findValuesAsText("namespace")).containsExactly("shop-dev", "shop-staging", "shop-prod");
        assertThat(project.at("/spec/clusterResourceWhitelist").toString()).isEqualTo("[{\"group\":\"\",\"kind\":\"Namespace\"}]");
        assertThat(project.at("/spec/namespaceResourceWhitelist").findValuesAsText("kind")).contains("Deployment", "Ingress")
                .doesNotContain("Namespace", "*");
        JsonNode prod = YamlObjects.parse(Files.readString(dir.resolve("application-prod.yaml"))).values().iterator().next();
        assertThat(prod.at("/spec/source/path").asText()).isEqualTo("gitops/kustomize/prod");
        assertThat(prod.at("/spec/source/targetRevision").asText()).isEqualTo("main");
        assertThat(prod.at("/spec/syncPolicy/syncOptions").toString()).contains("ServerSideApply=true");
        assertThat(prod.at("/spec/syncPolicy/automated").isMissingNode()).as("production syncs by hand").isTrue();
        JsonNode dev = YamlObjects.parse(Files.readString(dir.resolve("application-dev.yaml"))).values().iterator().next();
        assertThat(dev.at("/spec/syncPolicy/automated/prune").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("snapshot: the Argo CD objects of the three-tier platform")
    void snapshot(@TempDir Path dir) {
        Keelson.synth(SnapshotPlatforms.threeTiers()).writeArgoCd(dir, ARGO);
        Approvals.verify(Trees.render(dir), YAML);
    }

    @Test
    @DisplayName("bad parameters are refused at the call, naming the parameter and the fix")
    void badParameters() {
        assertThatThrownBy(() -> ArgoCd.source("github.com/acme/x", "gitops"))
                .hasMessage("ArgoCd: repoURL 'github.com/acme/x' is not a repository URL Argo CD can read. "
                        + "Fix: https://github.com/<owner>/<repo>.git or git@github.com:<owner>/<repo>.git");
        assertThatThrownBy(() -> ArgoCd.source("https://github.com/acme/x.git", "../up"))
                .hasMessageContaining("ArgoCd: path '../up' must be a folder of the repository");
        assertThatThrownBy(() -> ARGO.withTargetRevision(" "))
                .hasMessageContaining("ArgoCd: targetRevision ' ' is blank or holds spaces");
        assertThatThrownBy(() -> ARGO.withNamespace("Argo CD"))
                .hasMessageContaining("ArgoCd: namespace 'Argo CD' is not a namespace name");
        assertThat(ArgoCd.source("git@github.com:acme/x.git", "./gitops/kustomize/").path()).isEqualTo("gitops/kustomize");
    }
}

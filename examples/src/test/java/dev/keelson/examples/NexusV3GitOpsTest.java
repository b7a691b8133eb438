package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.core.ArgoCd;
import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.KindOrder;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Synth;
import dev.keelson.core.conformance.SchemaConformance;
import dev.keelson.core.testkit.Binaries;
import dev.keelson.core.testkit.DocsSnippets;
import dev.keelson.core.testkit.YamlObjects;
import dev.keelson.testing.KeelsonApprovals;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference platform's GitOps outputs: the Helm chart, the kustomizations and the Argo CD objects
 * that {@code examples/gitops/} ships, checked with the real Helm and kubectl, and kept current: a test
 * fails when the committed copy differs from what this build writes.
 */
@DisplayName("nexus-v3's GitOps outputs (examples/gitops/): current, and what the real Helm and kubectl render equals synth")
class NexusV3GitOpsTest {

    /** Where the reference platform's GitOps outputs are committed. */
    static final Path SHIPPED = DocsSnippets.root().resolve("examples/gitops");
    /** The property that rewrites {@link #SHIPPED} instead of comparing. */
    static final String UPDATE = "keelson.gitops.update";

    // snippet:argocd-parameters
    static final ArgoCd ARGO_CD = ArgoCd.source("https://github.com/keelson-dev/keelson.git", "examples/gitops/kustomize")
            .withTargetRevision("main");
    // end:argocd-parameters

    private final Platform platform = NexusV3.platform();

    /** Writes the three outputs under {@code root}, as examples/gitops/ holds them. */
    static void writeAll(Platform platform, Path root) {
        // snippet:java-api
        Synth synth = Keelson.synth(platform);
        synth.writeHelmChart(root.resolve("helm"));             // helm/nexus-v3/Chart.yaml, values-<env>.yaml, templates/
        synth.writeKustomize(root.resolve("kustomize"));        // kustomize/<env>/kustomization.yaml, components/
        synth.writeArgoCd(root.resolve("argocd"), ARGO_CD);     // argocd/appproject.yaml, application-<env>.yaml
        // end:java-api
    }

    @Test
    @DisplayName("examples/gitops/ is what this build writes (-Dkeelson.gitops.update=true rewrites it)")
    void shippedCopyIsCurrent(@TempDir Path dir) throws IOException {
        if (Boolean.getBoolean(UPDATE)) {
            writeAll(platform, SHIPPED);
        }
        writeAll(platform, dir);
        assertThat(JarCommandsIT.tree(SHIPPED))
                .as("examples/gitops/ is stale. Fix: mvn -B -o -q test -pl examples -am -Dtest=NexusV3GitOpsTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE + "=true, then review and commit the change")
                .isEqualTo(JarCommandsIT.tree(dir));
    }

    @Test
    @DisplayName("helm template -f values-<env>.yaml of the shipped chart gives synth's objects of <env>; helm lint --strict passes")
    void helmChart() {
        Synth synth = Keelson.synth(platform);
        Path chart = SHIPPED.resolve("helm/nexus-v3");
        Path helm = Binaries.helm();
        Path work = DocsSnippets.root().resolve("examples/target");
        // linted for the platform's target: its admission policies are v1beta1 there, which helm's
        // deprecation check (by default for the newest release) reports as gone from 1.34
        String target = "--kube-version=" + NexusV3.platform().kubernetes();
        Binaries.run(helm, work, "lint", "--strict", target, chart.toString());
        for (Environment env : platform.environments()) {
            String values = chart.resolve("values-" + env.name() + ".yaml").toString();
            String rendered = Binaries.run(helm, work, "template", "nexus-v3", chart.toString(), "-f", values);
            YamlObjects.assertSameObjects(rendered, synth.manifest(env.name()));
            Binaries.run(helm, work, "lint", "--strict", target, chart.toString(), "-f", values);
        }
    }

    @Test
    @DisplayName("kubectl kustomize of the shipped kustomizations gives synth's objects; with the sync-wave Component, plus each kind's wave")
    void kustomize(@TempDir Path dir) throws IOException {
        Synth synth = Keelson.synth(platform);
        for (Environment env : platform.environments()) {
            Manifest manifest = synth.manifest(env.name());
            String rendered = Binaries.run(Binaries.kubectl(), dir, "kustomize", SHIPPED.resolve("kustomize").resolve(env.name()).toString());
            YamlObjects.assertSameObjects(rendered, manifest);

            // what Argo CD does with the Application's kustomize.components: kustomize edit add component
            Path copy = dir.resolve(env.name());
            copyTree(SHIPPED.resolve("kustomize"), copy);
            Path kustomization = copy.resolve(env.name()).resolve("kustomization.yaml");
            Files.writeString(kustomization, Files.readString(kustomization) + "components:\n- ../components/argocd-sync-waves\n");
            Path overlay = kustomization.getParent();
            Map<String, JsonNode> waved = YamlObjects.parse(Binaries.run(Binaries.kubectl(), dir, "kustomize", overlay.toString()));
            Map<String, JsonNode> withoutWaves = new LinkedHashMap<>();
            for (HasMetadata o : manifest.objects()) {
                String id = o.getApiVersion() + " " + o.getKind() + " " + (o.getMetadata().getNamespace() == null ? ""
                        : o.getMetadata().getNamespace()) + "/" + o.getMetadata().getName();
                assertThat(waved.get(id).at("/metadata/annotations/argocd.argoproj.io~1sync-wave").textValue()).as(id)
                        .isEqualTo(String.valueOf(KindOrder.rank(o)));
                withoutWaves.put(id, YamlObjects.withoutAnnotation(waved.get(id), "argocd.argoproj.io/sync-wave"));
            }
            YamlObjects.assertSameObjects(withoutWaves, YamlObjects.of(manifest), env.name());
        }
    }

    @Test
    @DisplayName("an optional object switched off in the values (tiers.<tier>.optional) is left out, and nothing else changes")
    void optionalObjects(@TempDir Path dir) throws IOException {
        Path chart = SHIPPED.resolve("helm/nexus-v3");
        Path off = Files.writeString(dir.resolve("off.yaml"), """
                tiers:
                  api:
                    optional:
                      verticalPodAutoscaler: false
                      dashboard: false
                """);
        String rendered = Binaries.run(Binaries.helm(), dir, "template", "nexus-v3", chart.toString(),
                "-f", chart.resolve("values-prod.yaml").toString(), "-f", off.toString());
        Map<String, JsonNode> expected = YamlObjects.of(Keelson.synth(platform).manifest("prod"));
        assertThat(expected.remove("autoscaling.k8s.io/v1 VerticalPodAutoscaler nexus-v3-prod/api")).isNotNull();
        assertThat(expected.remove("v1 ConfigMap nexus-v3-prod/api-dashboard")).isNotNull();
        YamlObjects.assertSameObjects(YamlObjects.parse(rendered), expected, "prod without api's VPA and dashboard");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        for (String file : JarCommandsIT.tree(from).keySet()) {
            Files.createDirectories(to.resolve(file).getParent());
            Files.copy(from.resolve(file), to.resolve(file));
        }
    }

    @Test
    @DisplayName("the shipped Argo CD objects conform to Argo CD 3.5.1's CRDs, and leave the HPA-scaled replicas to the HPA")
    void argoCd() throws IOException {
        Path argo = SHIPPED.resolve("argocd");
        for (String file : new String[] {"appproject.yaml", "application-dev.yaml", "application-staging.yaml", "application-prod.yaml"}) {
            assertThat(SchemaConformance.validateYaml(Files.readString(argo.resolve(file)))).as(file).isEmpty();
        }
        JsonNode prod = YamlObjects.parse(Files.readString(argo.resolve("application-prod.yaml"))).values().iterator().next();
        assertThat(prod.at("/spec/ignoreDifferences").findValuesAsText("name")).containsExactly("web", "api", "worker");
        assertThat(prod.at("/spec/syncPolicy/syncOptions").toString())
                .isEqualTo("[\"ServerSideApply=true\",\"RespectIgnoreDifferences=true\"]");
    }

    @Test
    @DisplayName("snapshot: the Argo CD objects of nexus-v3")
    void argoCdSnapshot(@TempDir Path dir) throws IOException {
        Keelson.synth(platform).writeArgoCd(dir, ARGO_CD);
        StringBuilder all = new StringBuilder();
        for (String file : JarCommandsIT.tree(dir).keySet()) {
            all.append("---\n").append(Files.readString(dir.resolve(file)));
        }
        KeelsonApprovals.verifyYaml(all.toString());
    }

    @Test
    @DisplayName("snapshot: the values files of nexus-v3's chart, what operators change")
    void helmValuesSnapshot(@TempDir Path dir) throws IOException {
        Keelson.synth(platform).writeHelmChart(dir);
        StringBuilder all = new StringBuilder();
        for (String file : JarCommandsIT.tree(dir.resolve("nexus-v3")).keySet()) {
            if (file.startsWith("values") || file.equals("Chart.yaml")) {
                all.append("# ===== ").append(file).append(" =====\n").append(Files.readString(dir.resolve("nexus-v3").resolve(file)));
            }
        }
        KeelsonApprovals.verifyYaml(all.toString());
    }
}

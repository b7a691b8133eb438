package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

@DisplayName("the audit policy for the API server: changes to the platform's namespaces in full, Secrets as metadata only")
class AuditPolicyTest {

    private static Platform platform() {
        return Platform.named("shop").environments(Environment.dev(), Environment.prod().namespace("shop-live"))
                .with(SecurityBaseline.baseline())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080))).build();
    }

    @Test
    @DisplayName("rules in the order the API server needs them (first match wins): probes, Secrets, the namespaces' changes, the rest")
    @SuppressWarnings("unchecked")
    void rules() {
        AuditPolicy policy = AuditPolicy.of(platform());
        assertThat(policy.namespaces()).containsExactly("shop-dev", "shop-live");
        Map<String, Object> doc = new Yaml().load(policy.toYaml());
        assertThat(doc).containsEntry("apiVersion", "audit.k8s.io/v1").containsEntry("kind", "Policy")
                .containsEntry("omitStages", List.of("RequestReceived"));
        List<Map<String, Object>> rules = (List<Map<String, Object>>) doc.get("rules");
        assertThat(rules).extracting(r -> r.get("level"))
                .containsExactly("None", "Metadata", "RequestResponse", "RequestResponse", "Metadata");
        assertThat(rules.get(1).get("resources")).isEqualTo(List.of(Map.of("group", "", "resources",
                List.of("secrets", "serviceaccounts/token"))));
        assertThat(rules.get(2)).containsEntry("namespaces", List.of("shop-dev", "shop-live"))
                .containsEntry("verbs", List.of("create", "update", "patch", "delete", "deletecollection"));
        assertThat(rules.get(4)).containsOnlyKeys("level");
        assertThat(policy.toYaml()).isEqualTo(AuditPolicy.of(platform()).toYaml());
    }

    @Test
    @DisplayName("the audit-policy command prints it or writes it whole; synth never writes it into dist/<env>/")
    void command(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AuditPolicyCommand.addTo(Keelson.runner(platform())).output(new PrintWriter(out), new PrintWriter(err))
                .execute("audit-policy");
        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo(AuditPolicy.of(platform()).toYaml());

        Path dist = dir.resolve("dist");
        StringWriter out2 = new StringWriter();
        var runner = AuditPolicyCommand.addTo(Keelson.runner(platform())).output(new PrintWriter(out2), new PrintWriter(err));
        assertThat(runner.execute("synth", "--out", dist.toString())).isZero();
        assertThat(runner.execute("audit-policy", "--output", dist.resolve("audit-policy.yaml").toString())).isZero();
        assertThat(out2.toString()).contains("audit policy for shop-dev, shop-live written to " + dist.resolve("audit-policy.yaml"));
        assertThat(Files.readString(dist.resolve("audit-policy.yaml"))).isEqualTo(AuditPolicy.of(platform()).toYaml());
        try (var files = Files.walk(dist)) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> !f.getParent().equals(dist))
                    .map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })).isNotEmpty().noneMatch(text -> text.contains("audit.k8s.io"));
        }
        // a later synth keeps it (the output's commit keeps a user's files beside the environments)
        assertThat(runner.execute("synth", "--out", dist.toString())).isZero();
        assertThat(dist.resolve("audit-policy.yaml")).exists();
    }
}

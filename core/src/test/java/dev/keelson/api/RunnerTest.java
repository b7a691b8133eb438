package dev.keelson.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Resources;
import dev.keelson.core.Runner;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Runner: synth, print, check and --help, with exit codes 0 (fine), 1 (problems) and 2 (bad usage)")
class RunnerTest {

    @TempDir
    Path tmp;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    static Platform.Builder shop() {
        return Platform.named("shop").environments(Environment.dev(), Environment.prod())
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.0").port(Port.http(8080)).exposedAt("shop.example.com").talksTo("api"))
                .tier(Tier.named("api").image("ghcr.io/acme/api:1.0").port(Port.grpc(9090)).config("LOG_LEVEL", "info"));
    }

    /** A check that warns everywhere and, when {@code failing}, reports an error in prod. */
    static PlatformFeature checker(boolean failing) {
        return new PlatformExtension() {
            @Override
            public void check(FeatureContext s) {
                s.warning("TEST-001", ModelPath.root("shop").tier("web"), "web has no PodDisruptionBudget", "add one");
                if (failing && s.environment().production()) {
                    s.report(Problem.error(ModelPath.root("shop").tier("api"), "api runs as root", "runAs(65532, 65532)").withRule("TEST-002"));
                }
            }
        };
    }

    int run(Platform platform, String... args) {
        return Keelson.runner(platform).output(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Test
    @DisplayName("synth --out DIR writes <env>/00-namespace.yaml and one file per tier, and prints a summary")
    void synth() throws IOException {
        Path dist = tmp.resolve("dist");
        int code = run(shop().build(), "synth", "--out", dist.toString());

        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(files(dist)).containsExactly(
                "dev/00-namespace.yaml", "dev/api.yaml", "dev/web.yaml",
                "prod/00-namespace.yaml", "prod/api.yaml", "prod/web.yaml");
        assertThat(Files.readString(dist.resolve("prod/api.yaml"))).contains("kind: Deployment", "namespace: shop-prod");
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("shop: 2 environments written to " + java.util.regex.Pattern.quote(dist.toString()) + " in \\d+ ms");
        assertThat(lines.get(1)).matches("  dev +\\d+ objects +3 files +[0-9.]+ KiB  .*dev");
        assertThat(lines.get(2)).matches("  prod +\\d+ objects +3 files +[0-9.]+ KiB  .*prod");
        int objects = Keelson.synth(shop().build()).manifest("prod").size();
        assertThat(lines.get(2)).contains(" " + objects + " objects");
    }

    @Test
    @DisplayName("synth --env NAME writes only that environment")
    void synthOneEnvironment() throws IOException {
        Path dist = tmp.resolve("dist");
        assertThat(run(shop().build(), "synth", "--out", dist.toString(), "--env", "prod")).isZero();
        assertThat(files(dist)).allMatch(f -> f.startsWith("prod/")).isNotEmpty();
        assertThat(out.toString()).startsWith("shop: 1 environment written to ");
    }

    @Test
    @DisplayName("synth that fails prints every problem, exits 1 and writes nothing")
    void synthFails() throws IOException {
        Path dist = tmp.resolve("dist");
        int code = run(shop().customize(Deployment.class, "cart", d -> { }).build(), "synth", "--out", dist.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("""
                SEVERITY RULE         WHERE / PROBLEM / FIX
                error    KEE-CUST-002 shop/customize/Deployment/cart
                                      in dev: customize(Deployment, 'cart') matches no object
                                      fix: name one of: web, api
                error    KEE-CUST-002 shop/customize/Deployment/cart
                                      in prod: customize(Deployment, 'cart') matches no object
                                      fix: name one of: web, api
                shop: FAILED, the platform is invalid (2 errors, 0 warnings)
                """);
        assertThat(out.toString()).isEmpty();
        assertThat(Files.exists(dist) ? files(dist) : List.<String>of()).isEmpty();
    }

    @Test
    @DisplayName("print writes every environment's YAML to standard output")
    void print() {
        assertThat(run(shop().build(), "print")).isZero();
        String yaml = out.toString();
        assertThat(yaml).startsWith("# environment dev\n---\n");
        assertThat(yaml).contains("# environment prod\n---\n", "kind: Namespace", "kind: Ingress", "name: shop-prod");
        assertThat(yaml.indexOf("# environment dev")).isLessThan(yaml.indexOf("# environment prod"));
        String prodOnly = Keelson.synth(shop().build()).manifest("prod").toYaml();
        assertThat(yaml).endsWith(prodOnly);
    }

    @Test
    @DisplayName("print --env NAME prints that environment only")
    void printOne() {
        assertThat(run(shop().build(), "print", "--env", "prod")).isZero();
        assertThat(out.toString()).startsWith("# environment prod\n").doesNotContain("# environment dev");
    }

    @Test
    @DisplayName("check passes with exit 0 and a one-line verdict when nothing is wrong")
    void checkPasses() {
        int objects = Keelson.synth(shop().build()).manifests().stream().mapToInt(m -> m.size()).sum();
        assertThat(run(shop().build(), "check")).isZero();
        assertThat(out.toString()).isEqualTo("shop: passed (0 errors, 0 warnings, " + objects + " objects checked)\n");
    }

    @Test
    @DisplayName("check lists warnings in a table and still exits 0")
    void checkWarnings() {
        assertThat(run(shop().with(checker(false)).build(), "check")).isZero();
        assertThat(out.toString()).startsWith("""
                SEVERITY RULE     WHERE / PROBLEM / FIX
                warning  TEST-001 shop/tiers/web
                                  in dev: web has no PodDisruptionBudget
                                  fix: add one
                warning  TEST-001 shop/tiers/web
                                  in prod: web has no PodDisruptionBudget
                                  fix: add one
                shop: passed (0 errors, 2 warnings, """);
    }

    @Test
    @DisplayName("check exits 1 on an error and lists it with its rule")
    void checkFails() {
        assertThat(run(shop().with(checker(true)).build(), "check", "--env", "prod")).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("""
                SEVERITY RULE     WHERE / PROBLEM / FIX
                warning  TEST-001 shop/tiers/web
                                  in prod: web has no PodDisruptionBudget
                                  fix: add one
                error    TEST-002 shop/tiers/api
                                  in prod: api runs as root
                                  fix: runAs(65532, 65532)
                shop: FAILED in prod (1 error, 1 warning)
                """);
    }

    @Test
    @DisplayName("check names the failed environments and counts the objects of those that passed")
    void checkFailsInOneEnvironment() throws IOException {
        PlatformFeature failsInProd = new PlatformExtension() {
            @Override
            public void check(FeatureContext s) {
                if (s.environment().name().equals("prod")) {
                    s.error("TEST-003", ModelPath.root("shop").child("features", "x"), "refused in prod", "do not");
                }
            }
        };
        Platform platform = shop().with(checker(false)).with(failsInProd).build();
        int devObjects = Keelson.synth(shop().build()).manifest("dev").size();
        assertThat(run(platform, "check")).isEqualTo(1);
        assertThat(out.toString()).endsWith("shop: FAILED in prod (1 error, 2 warnings, " + devObjects + " objects checked in dev)\n");
        out.getBuffer().setLength(0);
        assertThat(run(platform, "check", "--format", "json")).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("failed")).extracting(JsonNode::asText).containsExactly("prod");
        assertThat(root.get("objects").asInt()).isEqualTo(devObjects);
    }

    @Test
    @DisplayName("check --format json reports findings as data, exit 1 on errors")
    void checkJson() throws IOException {
        assertThat(run(shop().with(checker(true)).build(), "check", "--format", "json")).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("platform").asText()).isEqualTo("shop");
        assertThat(root.get("passed").asBoolean()).isFalse();
        JsonNode findings = root.get("findings");
        assertThat(findings).hasSize(3);
        JsonNode error = findings.get(2);
        assertThat(error.get("severity").asText()).isEqualTo("error");
        assertThat(error.get("rule").asText()).isEqualTo("TEST-002");
        assertThat(error.get("path").asText()).isEqualTo("shop/tiers/api");
        assertThat(error.get("message").asText()).isEqualTo("in prod: api runs as root");
        assertThat(error.get("fix").asText()).isEqualTo("runAs(65532, 65532)");
        assertThat(findings.get(0).get("severity").asText()).isEqualTo("warning");
        assertThat(findings.get(0).get("rule").asText()).isEqualTo("TEST-001");
    }

    /** Built by the runner: an error (a port out of range) and a warning (no memory limit) of build(). */
    static Platform brokenShop() {
        return Platform.named("shop").environments(Environment.prod())
                .tier(Tier.named("api").image("ghcr.io/acme/api:1.0").port(Port.grpc(70000))
                        .resources(Resources.requests("100m", "128Mi").memoryLimit(null)))
                .build();
    }

    int run(java.util.function.Supplier<Platform> platform, String... args) {
        return Keelson.runner(platform).output(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    @DisplayName("check lists the problems of build() with their rule IDs in the RULE column, exit 1")
    void checkBuildProblems() {
        assertThat(run(RunnerTest::brokenShop, "check")).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("""
                SEVERITY RULE         WHERE / PROBLEM / FIX
                error    KEE-PORT-003 shop/tiers/api/ports/grpc
                                      port 70000 is not in 1..65535
                                      fix: use a port number from 1 to 65535
                warning  KEE-RES-004  shop/tiers/api/resources/memoryLimit
                                      no memory limit: one container can take a node's memory from its neighbours
                                      fix: keep the default limit (equal to the request) or set memoryLimit("...")
                shop: FAILED, the platform is invalid (1 error, 1 warning)
                """);
    }

    @Test
    @DisplayName("check --format json reports the problems of build() with their rule IDs")
    void checkBuildProblemsJson() throws IOException {
        assertThat(run(RunnerTest::brokenShop, "check", "--format", "json")).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("passed").asBoolean()).isFalse();
        JsonNode findings = root.get("findings");
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).get("severity").asText()).isEqualTo("error");
        assertThat(findings.get(0).get("rule").asText()).isEqualTo("KEE-PORT-003");
        assertThat(findings.get(0).get("path").asText()).isEqualTo("shop/tiers/api/ports/grpc");
        assertThat(findings.get(1).get("severity").asText()).isEqualTo("warning");
        assertThat(findings.get(1).get("rule").asText()).isEqualTo("KEE-RES-004");
        assertThat(findings.get(1).get("path").asText()).isEqualTo("shop/tiers/api/resources/memoryLimit");
    }

    @Test
    @DisplayName("check lists a warning of a valid platform with its rule ID (a tier at 0 replicas), exit 0")
    void checkWarningWithRule() throws IOException {
        Platform idle = shop().tier(Tier.named("batch").image("ghcr.io/acme/batch:1.0").replicas(0)).build();
        assertThat(run(idle, "check", "--env", "prod")).isZero();
        assertThat(out.toString()).startsWith("""
                SEVERITY RULE         WHERE / PROBLEM / FIX
                warning  KEE-TIER-006 shop/tiers/batch/replicas
                                      in prod: replicas(0): no pod of tier 'batch' runs
                                      fix: give the tier replicas (e.g. replicas(2)), scale it with a feature that manages \
                replicas, or remove the tier from the platform
                shop: passed (0 errors, 1 warning, """);
        out.getBuffer().setLength(0);
        assertThat(run(idle, "check", "--env", "prod", "--format", "json")).isZero();
        JsonNode finding = new ObjectMapper().readTree(out.toString()).get("findings").get(0);
        assertThat(finding.get("rule").asText()).isEqualTo("KEE-TIER-006");
        assertThat(finding.get("path").asText()).isEqualTo("shop/tiers/batch/replicas");
    }

    @Test
    @DisplayName("check --format json passes with exit 0 when there are only warnings")
    void checkJsonPasses() throws IOException {
        int objects = Keelson.synth(shop().build()).manifests().stream().mapToInt(m -> m.size()).sum();
        assertThat(run(shop().with(checker(false)).build(), "check", "--format", "json")).isZero();
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("passed").asBoolean()).isTrue();
        assertThat(root.get("objects").asInt()).isEqualTo(objects);
        assertThat(root.get("findings")).hasSize(2);
    }

    @Test
    @DisplayName("check --format with another value exits 2 and names the choices")
    void checkBadFormat() {
        assertThat(run(shop().build(), "check", "--format", "xml")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --format must be 'table' or 'json', not 'xml'\n");
    }

    @Test
    @DisplayName("--help prints usage with the subcommands, exit 0; no arguments does the same")
    void help() {
        assertThat(run(shop().build(), "--help")).isZero();
        String usage = out.toString();
        assertThat(usage).startsWith("Usage: shop ").contains("synth", "print", "check", "--help");
        out.getBuffer().setLength(0);
        assertThat(run(shop().build())).isZero();
        assertThat(out.toString()).isEqualTo(usage);
    }

    @Test
    @DisplayName("a subcommand's --help describes its options")
    void subcommandHelp() {
        assertThat(run(shop().build(), "synth", "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: shop synth").contains("--out=DIR", "default: dist", "--env=NAME");
    }

    @Test
    @DisplayName("an unknown --env exits 1 and names the environments that exist")
    void unknownEnvironment() {
        List<List<String>> commands = List.of(List.of("synth", "--out", tmp.toString(), "--env", "qa"),
                List.of("print", "--env", "qa"), List.of("check", "--env", "qa"));
        for (List<String> command : commands) {
            err.getBuffer().setLength(0);
            assertThat(run(shop().build(), command.toArray(String[]::new))).as("%s", command).isEqualTo(1);
            assertThat(err.toString()).as("%s", command)
                    .isEqualTo("error: unknown environment(s) [qa] in platform 'shop'; it has [dev, prod]\n");
        }
        assertThat(out.toString()).isEmpty();
    }

    @Test
    @DisplayName("an unknown option exits 2 with the error and the usage on standard error")
    void badOption() {
        assertThat(run(shop().build(), "synth", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: Unknown option: '--bogus'\nUsage: shop synth");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    @DisplayName("an unknown subcommand exits 2")
    void badSubcommand() {
        assertThat(run(shop().build(), "deploy")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: Unmatched argument at index 0: 'deploy'");
    }

    @Command(name = "hello", description = "Greets.")
    static final class Hello implements Callable<Integer> {
        @Option(names = "--name", defaultValue = "world")
        String name;

        @Override
        public Integer call() {
            return name.equals("world") ? 0 : 2;
        }
    }

    @Test
    @DisplayName("modules add subcommands with command(...); their exit code is returned")
    void extraCommand() {
        var runner = Keelson.runner(shop().build()).output(new PrintWriter(out, true), new PrintWriter(err, true)).command(new Hello());
        assertThat(runner.execute("hello")).isZero();
        assertThat(runner.execute("hello", "--name", "changes")).isEqualTo(2);
        assertThat(runner.execute("--help")).isZero();
        assertThat(out.toString()).contains("hello", "Greets.");
    }

    @Test
    @DisplayName("a platform supplier that returns null: each command exits 1 saying so and how to fix it, --help still works")
    void supplierReturnsNull() {
        Runner runner = Keelson.runner(() -> null).output(new PrintWriter(out, true), new PrintWriter(err, true));
        String expected = "error: Keelson.runner(platform): the platform supplier returned null. "
                + "Fix: return the result of Platform.named(...)...build() from it";
        assertThat(runner.execute("synth", "--out", tmp.resolve("dist").toString())).isEqualTo(1);
        assertThat(runner.execute("print")).isEqualTo(1);
        assertThat(runner.execute("check")).isEqualTo(1);
        assertThat(err.toString().lines()).hasSize(3).allMatch(expected::equals);
        assertThat(tmp.resolve("dist")).doesNotExist();
        assertThatThrownBy(runner::platform).isInstanceOf(IllegalStateException.class)
                .hasMessage(expected.substring("error: ".length()));
        out.getBuffer().setLength(0);
        assertThat(runner.execute("--help")).isZero();
        assertThat(out.toString()).contains("synth", "print", "check");
    }

    @Test
    @DisplayName("the runner's own methods name the call and the parameter when given null")
    void nullArguments() {
        Runner runner = Keelson.runner(shop().build());
        assertThatThrownBy(() -> runner.command(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("Runner.command(): argument 'picocliCommand' is null");
        assertThatThrownBy(() -> runner.output(null, new PrintWriter(err))).isInstanceOf(NullPointerException.class)
                .hasMessage("Runner.output(): argument 'out' is null");
        assertThatThrownBy(() -> runner.output(new PrintWriter(out), null)).isInstanceOf(NullPointerException.class)
                .hasMessage("Runner.output(): argument 'err' is null");
        assertThatThrownBy(() -> runner.execute((String[]) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("Runner.execute(): argument 'args' is null");
        assertThatThrownBy(() -> runner.execute("check", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("Runner.execute(): argument 'args' holds null at index 1");
        assertThatThrownBy(() -> Keelson.runner((Platform) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("Keelson.runner(): argument 'platform' is null");
    }
}

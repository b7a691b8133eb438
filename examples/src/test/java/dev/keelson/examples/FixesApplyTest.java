package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Environment;
import dev.keelson.core.Exposure;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Problem;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.core.Tls;
import dev.keelson.core.ValidationException;
import dev.keelson.mesh.Canary;
import dev.keelson.mesh.MeshPolicy;
import dev.keelson.security.Quota;
import dev.keelson.security.SecurityBaseline;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fix a policy rule prints, applied, makes that rule pass: per rule whose fix is a DSL call, a
 * platform that breaks it, the fix it must print, and the platform with that fix applied. The rules
 * left out, and why, are listed in docs/security-rules.md ("Fixes that are not one DSL call").
 */
class FixesApplyTest {

    private static final String IMAGE = "ghcr.io/acme/api:2.4.0";

    private static Tier.Builder api() {
        return Tier.named("api").image(IMAGE).port(Port.http(8080));
    }

    private static Platform shop(SecurityBaseline baseline, Tier.Builder... tiers) {
        Platform.Builder b = Platform.named("shop").environments(Environment.prod()).with(baseline);
        for (Tier.Builder t : tiers) {
            b.tier(t);
        }
        return b.build();
    }

    private static Platform meshed(Tier.Builder tier) {
        return Platform.named("shop").environments(Environment.prod()).with(SecurityBaseline.restricted())
                .with(MeshPolicy.strictMtls().withCni()).tier(tier).build();
    }

    static Stream<Arguments> fixes() {
        return Stream.of(
                fix("SEC-AVL-001", "Tier.replicas(2)",
                        () -> shop(SecurityBaseline.restricted(), api().replicas(1)),
                        () -> shop(SecurityBaseline.restricted(), api().replicas(2))),
                fix("SEC-AVL-001", "Canary.of(...).replicas(2)",
                        () -> meshed(api().with(Canary.of("ghcr.io/acme/api:2.5.0", 10).onlyIn(Stage.PRODUCTION))),
                        () -> meshed(api().with(Canary.of("ghcr.io/acme/api:2.5.0", 10).replicas(2).onlyIn(Stage.PRODUCTION)))),
                fix("SEC-PRB-002", "Tier.liveness(Probe.exec(\"/app/healthcheck\"))",
                        () -> shop(SecurityBaseline.restricted(), Tier.named("worker").image(IMAGE).withoutDefaultProbes()),
                        () -> shop(SecurityBaseline.restricted(), Tier.named("worker").image(IMAGE).withoutDefaultProbes()
                                .liveness(Probe.exec("/app/healthcheck")))),
                fix("SEC-PRB-002", "Tier.liveness(Probe.http(\"/healthz\").every(20))",
                        () -> shop(SecurityBaseline.restricted(), api().withoutDefaultProbes().readiness(Probe.http("/ready"))),
                        () -> shop(SecurityBaseline.restricted(), api().withoutDefaultProbes().readiness(Probe.http("/ready"))
                                .liveness(Probe.http("/healthz").every(20)))),
                fix("SEC-PRB-001", "Tier.readiness(Probe.http(\"/ready\"))",
                        () -> shop(SecurityBaseline.restricted(), api().withoutDefaultProbes().liveness(Probe.http("/healthz"))),
                        () -> shop(SecurityBaseline.restricted(), api().withoutDefaultProbes().liveness(Probe.http("/healthz"))
                                .readiness(Probe.http("/ready")))),
                fix("SEC-RES-005", "Quota.derived()",
                        () -> shop(SecurityBaseline.restricted().quota(Quota.none()), api()),
                        () -> shop(SecurityBaseline.restricted().quota(Quota.derived()), api())),
                fix("SEC-POD-001", "Tier.writablePath(",
                        () -> shop(SecurityBaseline.restricted(), api().writableRootFilesystem()),
                        () -> shop(SecurityBaseline.restricted(), api().writablePath("/var/cache/app"))),
                fix("SEC-POD-006", "Tier.secretFiles(\"db\", \"/var/run/secrets/app\")",
                        () -> shop(SecurityBaseline.restricted(), api().secretEnv("DB_PASSWORD", "db", "password")),
                        () -> shop(SecurityBaseline.restricted(), api().secretFiles("db", "/var/run/secrets/app"))),
                fix("SEC-NET-007", "not Tls.none()",
                        () -> shop(SecurityBaseline.restricted(), api().exposedAt(Exposure.host("shop.example.com").tls(Tls.none()))),
                        () -> shop(SecurityBaseline.restricted(), api().exposedAt(Exposure.host("shop.example.com")))));
    }

    private static Arguments fix(String rule, String printed, Supplier<Platform> failing, Supplier<Platform> fixed) {
        return Arguments.of(rule, printed, failing, fixed);
    }

    /** Every problem of every environment, errors and warnings. */
    private static List<Problem> problems(Platform p) {
        List<Problem> all = new ArrayList<>();
        for (Environment env : p.environments()) {
            try {
                all.addAll(Keelson.synth(p).manifest(env.name()).warnings());
            } catch (ValidationException e) {
                all.addAll(e.problems());
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("fixes")
    void printedFixMakesTheRulePass(String rule, String printed, Supplier<Platform> failing, Supplier<Platform> fixed) {
        List<Problem> before = problems(failing.get()).stream().filter(p -> rule.equals(p.rule())).toList();
        assertThat(before).as("the failing platform breaks %s", rule).isNotEmpty()
                .allSatisfy(p -> assertThat(p.fix()).as("the fix %s prints", rule).contains(printed));
        assertThat(problems(fixed.get())).as("with the fix applied").noneMatch(p -> rule.equals(p.rule()));
    }
}

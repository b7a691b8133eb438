package dev.keelson.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.keelson.core.testkit.Gen;
import dev.keelson.core.testkit.Seeded;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Builds platforms with several random defects each (every defect in a tier or an environment of
 * its own, among valid tiers) and checks that {@code build()} reports them all together, each with
 * its rule ID at its path, and that every problem it reports carries a rule ID and a path under the
 * platform.
 */
@DisplayName("A platform with many defects: build() reports them all together, each with its rule ID and a path under the platform")
class ManyDefectsPropertyTest {

    static final String IMAGE = "ghcr.io/acme/app:1.0.0";
    static final String RULE_ID = "KEE-[A-Z]+-[0-9]{3}";

    /** A problem that must be reported: its rule and its path. */
    record Expected(String rule, String path) {
    }

    /** Puts one defect into a platform: a tier or an environment numbered {@code n}; returns what must be reported. */
    @FunctionalInterface
    interface Injection {
        Expected inject(Platform.Builder platform, String platformName, int n);
    }

    /** One kind of defect; {@code toString} makes a failing sample readable. */
    record Defect(String what, Injection injection) {
        boolean warning() {
            return what.endsWith("(a warning)");
        }

        @Override
        public String toString() {
            return what;
        }
    }

    /** One try: the platform's name, its defects, and how many valid tiers stand among them. */
    record Sample(String name, List<Defect> defects, int validTiers) {
    }

    /** A defect in tier {@code t<n>}, reported as {@code rule} at {@code <platform>/tiers/t<n><subpath>}. */
    static Defect tier(String what, String rule, String subpath, UnaryOperator<Tier.Builder> defect) {
        return new Defect(what, (p, name, n) -> {
            p.tier(defect.apply(Tier.named("t" + n).image(IMAGE).port(Port.http(8080))));
            return new Expected(rule, name + "/tiers/t" + n + subpath);
        });
    }

    static final List<Defect> DEFECTS = List.of(
            tier("a port number out of range", "KEE-PORT-003", "/ports/grpc", t -> t.port(Port.grpc(70000))),
            tier("an unpinned image", "KEE-TIER-004", "/image", t -> t.image("ghcr.io/acme/app:latest")),
            tier("negative replicas", "KEE-TIER-005", "/replicas", t -> t.replicas(-3)),
            tier("a call to a missing tier", "KEE-CALL-002", "/talksTo/ghost", t -> t.talksTo("ghost")),
            tier("ALL capabilities", "KEE-RUN-006", "/capabilities", t -> t.addCapability("ALL")),
            tier("a relative writable path", "KEE-RUN-003", "/writablePaths", t -> t.writablePath("cache")),
            tier("an invalid variable name", "KEE-ENV-001", "/env/1BAD", t -> t.env("1BAD", "x")),
            tier("a CPU request above its limit", "KEE-RES-003", "/resources/cpuLimit",
                    t -> t.resources(Resources.requests("2", "128Mi").cpuLimit("500m"))),
            tier("no memory limit (a warning)", "KEE-RES-004", "/resources/memoryLimit",
                    t -> t.resources(Resources.requests("100m", "128Mi").memoryLimit(null))),
            tier("a rollout that cannot progress", "KEE-ROLL-002", "/rollingUpdate", t -> t.rollingUpdate(RollingUpdate.of("0", "0"))),
            tier("an exposure path without '/'", "KEE-EXPO-003", "/exposure",
                    t -> t.exposedAt(Exposure.host("shop.example.com").path("api"))),
            tier("a dependency without ports", "KEE-DEP-005", "/dependsOn/db", t -> t.dependsOn(Dependency.inCluster("db"))),
            tier("a relative Secret mount", "KEE-SECRET-002", "/secrets/creds", t -> t.secretFiles("creds", "certs")),
            tier("liveness equal to readiness", "KEE-PROBE-010", "/liveness",
                    t -> t.liveness(Probe.http("/healthz")).readiness(Probe.http("/healthz"))),
            tier("a probe timeout not below its period (a warning)", "KEE-PROBE-009", "/startup",
                    t -> t.startup(Probe.http("/healthz").every(5).timeout(5))),
            tier("a metrics path without '/'", "KEE-METRIC-003", "/metrics", t -> t.metrics("http", "metrics")),
            new Defect("a tier name that is not a DNS-1035 label", (p, name, n) -> {
                p.tier(Tier.named("T" + n).image(IMAGE).port(Port.http(8080)));
                return new Expected("KEE-TIER-002", name + "/tiers/T" + n);
            }),
            new Defect("an environment in kube-system", (p, name, n) -> {
                p.environments(Environment.named("e" + n, Stage.DEVELOPMENT).namespace("kube-system"));
                return new Expected("KEE-PLAT-006", name + "/environments/e" + n + "/namespace");
            }),
            new Defect("an override of a missing tier", (p, name, n) -> {
                p.environments(Environment.named("e" + n, Stage.STAGING).override("ghost", TierOverride.replicas(1)));
                return new Expected("KEE-PLAT-008", name + "/environments/e" + n + "/overrides/ghost");
            }),
            new Defect("an environment name that is not a DNS label", (p, name, n) -> {
                p.environments(Environment.named("E" + n, Stage.STAGING).namespace(name + "-upper-" + n));
                return new Expected("KEE-PLAT-002", name + "/environments/E" + n);
            }),
            new Defect("a customization of a missing environment", (p, name, n) -> {
                p.customize("ghost" + n, ConfigMap.class, "settings", c -> { });
                return new Expected("KEE-CUST-001", name + "/customize/ConfigMap/settings");
            }),
            new Defect("an object added to a missing environment", (p, name, n) -> {
                p.add("ghost" + n, env -> null);
                return new Expected("KEE-RAW-004", name + "/add/ghost" + n);
            }));

    static Gen<Sample> samples() {
        Gen<String> names = Gen.strings("abcdefghijklmnopqrstuvwxyz", 20).filter(s -> !s.isEmpty());
        return r -> {
            List<Defect> shuffled = new ArrayList<>(DEFECTS);
            Collections.shuffle(shuffled, r);
            int count = 2 + r.nextInt(5);
            // at least one error among them, or build() succeeds with warnings
            while (shuffled.subList(0, count).stream().allMatch(Defect::warning)) {
                count++;
            }
            return new Sample(names.next(r), List.copyOf(shuffled.subList(0, count)), r.nextInt(3));
        };
    }

    @Test
    @DisplayName("every defect is reported with its rule ID and path, and every problem has a rule ID and a path under the platform")
    void everyDefectReportedTogether() {
        Set<String> seen = new HashSet<>();
        Seeded.forAll(300, samples(), sample -> {
            Platform.Builder builder = Platform.named(sample.name());
            for (int i = 0; i < sample.validTiers(); i++) {
                builder.tier(Tier.named("v" + i).image(IMAGE).port(Port.http(8080)));
            }
            List<Expected> expected = new ArrayList<>();
            for (int n = 0; n < sample.defects().size(); n++) {
                Defect d = sample.defects().get(n);
                expected.add(d.injection().inject(builder, sample.name(), n));
                seen.add(d.what());
            }
            ValidationException e = catchThrowableOfType(ValidationException.class, builder::build);
            assertThat(e).as("build() must refuse %s", sample.defects()).isNotNull();
            assertThat(e.platform()).isEqualTo(sample.name());
            assertThat(e.problems()).allSatisfy(p -> {
                assertThat(p.rule()).as("rule of %s", p).isNotNull().matches(RULE_ID);
                assertThat(p.path()).as("path of %s", p).matches(java.util.regex.Pattern.quote(sample.name()) + "(/.+)?");
                assertThat(p.fix()).as("fix of %s", p).isNotBlank();
            });
            assertThat(e.problems()).extracting(Problem::rule, Problem::path)
                    .as("all defects reported together")
                    .contains(expected.stream().map(x -> tuple(x.rule(), x.path())).toArray(org.assertj.core.groups.Tuple[]::new));
        });
        assertThat(seen).as("every kind of defect was tried").hasSize(DEFECTS.size());
    }
}

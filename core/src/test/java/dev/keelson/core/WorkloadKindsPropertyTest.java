package dev.keelson.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.conformance.SchemaConformance;
import dev.keelson.core.testkit.Seeded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Generated platforms of every workload kind, with settings drawn from valid and invalid values:
 * each either synthesizes objects that conform to the Kubernetes schemas (1.28 and 1.36, where the
 * schema folder has them), or fails with a ValidationException whose every problem has a rule id and
 * a path; never any other exception.
 */
@DisplayName("Any generated platform of workload kinds conforms to the schemas or fails with complete, ruled problems")
class WorkloadKindsPropertyTest {

    private static final String[] SIZES = {"1Gi", "500Mi", "10Gi", "0", "big", "1.5Gi"};
    private static final String[] CRONS = {"0 3 * * *", "@hourly", "*/15 * * * *", "0 3 * *", "CRON_TZ=UTC 0 * * * *"};
    private static final String[] ZONES = {"Europe/Berlin", "UTC", "+01:00", "Etc/UTC"};
    private static final String[] PATHS = {"/var/log", "/var/lib/agent", "/", "relative", "/tmp"};

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    private static Tier.Builder tier(Random r, int i, List<String> names) {
        String name = "t" + i;
        Tier.Builder t = Tier.named(name).image("ghcr.io/acme/t" + i + ":1." + r.nextInt(9) + ".0");
        if (r.nextInt(3) > 0) {
            t.port(r.nextBoolean() ? Port.http(8080 + r.nextInt(10)) : Port.tcp("tcp", 5000 + r.nextInt(10)));
        }
        if (r.nextInt(4) == 0) {
            t.replicas(r.nextInt(5));
        }
        switch (r.nextInt(5)) {
            case 0 -> { }
            case 1 -> {
                List<Storage> storage = new ArrayList<>();
                for (int k = r.nextInt(3); k > 0; k--) {
                    Storage s = Storage.of(pick(r, SIZES)).named("v" + r.nextInt(3)).mountedAt("/data" + r.nextInt(3));
                    storage.add(r.nextBoolean() ? s.storageClass(r.nextBoolean() ? "fast" : "Bad_Class") : s);
                }
                Stateful s = Stateful.of(storage.toArray(Storage[]::new)).partition(r.nextInt(4) - 1);
                t.stateful(r.nextBoolean() ? s.parallel() : s.claimRetention(Stateful.ClaimRetention.RETAIN, Stateful.ClaimRetention.DELETE));
            }
            case 2 -> {
                Batch b = Batch.DEFAULT.backoffLimit(r.nextInt(4) - 1);
                if (r.nextBoolean()) {
                    b = b.activeDeadline(Duration.ofSeconds(r.nextInt(3) * 300L));
                }
                t.job(r.nextBoolean() ? b : b.keptForever());
                if (r.nextBoolean() && !names.isEmpty()) {
                    t.runsBefore(names.get(r.nextInt(names.size())));
                }
            }
            case 3 -> {
                Schedule s = Schedule.cron(pick(r, CRONS)).history(r.nextInt(4) - 1, r.nextInt(3));
                if (r.nextBoolean()) {
                    s = s.timeZone(pick(r, ZONES));
                }
                t.cronJob(r.nextBoolean() ? s : s.concurrency(Schedule.Concurrency.ALLOW).startingDeadline(Duration.ofMillis(r.nextInt(3) * 500L)));
            }
            default -> {
                NodeAgent a = NodeAgent.none();
                for (int k = r.nextInt(3); k > 0; k--) {
                    a = r.nextBoolean() ? a.hostPath(pick(r, PATHS)) : a.writableHostPath(pick(r, PATHS));
                }
                t.daemonSet(r.nextBoolean() ? a : a.inHostNetwork());
            }
        }
        if (r.nextInt(3) == 0 && !names.isEmpty()) {
            t.talksTo(names.get(r.nextInt(names.size())));
        }
        return t;
    }

    @Test
    @DisplayName("300 generated platforms: conforming objects, or a ValidationException with rule ids and paths")
    void anyKinds() {
        Map<String, Integer> outcomes = new TreeMap<>();
        Seeded.check(300, r -> {
            Platform.Builder b = Platform.named("gen").kubernetes("1." + (28 + r.nextInt(9)));
            if (r.nextBoolean()) {
                b.environments(Environment.dev().override("t0", TierOverride.replicas(1)), Environment.prod());
            }
            List<String> names = new ArrayList<>();
            int count = 1 + r.nextInt(4);
            for (int i = 0; i < count; i++) {
                b.tier(tier(r, i, names));
                names.add("t" + i);
            }
            try {
                Platform platform = b.build();
                for (Manifest m : Keelson.synth(platform).manifests()) {
                    if (SchemaConformance.schemasDirectory().isPresent()) {
                        SchemaConformance.assertConforms(m);
                    }
                    assertThat(m.warnings()).allSatisfy(p -> assertThat(p.rule()).isNotBlank());
                }
                outcomes.merge("synthesized", 1, Integer::sum);
            } catch (ValidationException e) {
                assertThat(e.problems()).anyMatch(p -> p.severity() == Problem.Severity.ERROR);
                assertThat(e.problems()).allSatisfy(p -> {
                    assertThat(p.rule()).as("rule of %s", p).matches("(KEE|SEC)-[A-Z]+-[0-9]{3}");
                    assertThat(p.path()).startsWith("gen");
                    assertThat(p.fix()).isNotBlank();
                });
                outcomes.merge("ValidationException", 1, Integer::sum);
            }
        });
        assertThat(outcomes.getOrDefault("synthesized", 0)).as("outcomes %s (keelson.seed=%d)", outcomes, Seeded.baseSeed())
                .isGreaterThanOrEqualTo(30);
        assertThat(outcomes.getOrDefault("ValidationException", 0)).as("outcomes %s", outcomes).isGreaterThanOrEqualTo(30);
    }
}

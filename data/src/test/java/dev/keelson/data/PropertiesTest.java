package dev.keelson.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import dev.keelson.core.conformance.SchemaConformance;
import dev.keelson.core.testkit.Gen;
import dev.keelson.core.testkit.Seeded;
import dev.keelson.security.SecurityBaseline;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Any data service settings give conformant, policy-clean output, or a complete, clear error")
class PropertiesTest {

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    /** A sample: the settings, as text for the failure message, and the platform builder. */
    record Sample(String settings, Platform.Builder builder) {
        @Override
        public String toString() {
            return settings;
        }
    }

    private static final Gen<Sample> SAMPLES = r -> {
        List<String> said = new ArrayList<>();
        Postgres pg = Postgres.named(pick(r, List.of("orders-db", "orders-db", "orders-db", "Orders", "a-very-long-name-for-a-database-cluster-x")));
        said.add("postgres " + pg.name());
        int instances = r.nextInt(6) - 1;
        if (instances >= 0) {
            pg = pg.instances(instances);
            said.add("instances " + instances);
        }
        String storage = pick(r, List.of("", "20Gi", "500Mi", "0", "lots"));
        if (!storage.isEmpty()) {
            pg = pg.storage(storage);
            said.add("storage " + storage);
        }
        String api = pick(r, List.of("", "10.0.0.1/32", "10.0.0.1/32", "10.0.0.1/32", "10.0.0.1/32", "10.0.0.0/33"));
        if (!api.isEmpty()) {
            pg = pg.apiServer(api, pick(r, List.of(443, 443, 6443, 0)));
            said.add("api " + api);
        }
        if (r.nextInt(4) > 0) {
            Backups b = Backups.s3("s3://b/" + pg.name(), "s3-keys")
                    .schedule(pick(r, List.of("0 0 2 * * *", "0 0 2 * * *", "@daily", "0 2 * * *")))
                    .retention(pick(r, List.of("30d", "4w", "0d")));
            if (r.nextBoolean()) {
                b = b.cidr(pick(r, List.of("203.0.113.0/24", "bad")));
            }
            pg = pg.backups(b);
            said.add("backups " + b);
        }
        if (r.nextInt(5) == 0) {
            pg = pg.withoutBackups();
            said.add("withoutBackups");
        }
        if (r.nextInt(4) == 0) {
            pg = pg.zoneSpread(pick(r, List.of(ZoneSpread.values())));
        }
        Redis redis = Redis.named("cache");
        if (r.nextInt(8) > 0) {
            redis = redis.auth("cache-acl");
            said.add("auth");
        }
        int replicas = r.nextInt(5) - 1;
        if (replicas >= 0) {
            redis = redis.replicas(replicas);
            said.add("replicas " + replicas);
        }
        String ns = pick(r, List.of("", "", "data", "Bad_NS"));
        if (!ns.isEmpty()) {
            redis = redis.inNamespace(ns);
            said.add("redis namespace " + ns);
        }
        String calls = pick(r, List.of(pg.name(), "cache", "cache", "missing"));
        said.add("api calls " + calls);
        Platform.Builder b = Platform.named("shop").environments(Environment.dev(), Environment.staging(), Environment.prod())
                .with(SecurityBaseline.restricted()).with(pg).with(redis)
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080)).with(DataAccess.to(calls)));
        return new Sample(String.join(", ", said), b);
    };

    @Test
    @DisplayName("build() refuses with KEE-DATA problems only, each with a path and a fix; a built platform synthesizes conformant output")
    void validOrClearError() {
        int[] seen = new int[3];
        Seeded.forAll(80, SAMPLES, s -> {
            Platform platform;
            try {
                platform = s.builder().build();
            } catch (ValidationException e) {
                assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                    assertThat(p.rule()).startsWith("KEE-DATA-");
                    assertThat(p.path()).matches("shop/(data|tiers/api/data)/.*");
                    assertThat(p.fix()).isNotBlank();
                });
                seen[0]++;
                return;
            }
            List<Manifest> manifests;
            try {
                manifests = Keelson.synth(platform).manifests();
            } catch (ValidationException e) {
                // the one policy finding a valid data setting can meet: a single Redis pod in production
                assertThat(e.problems()).filteredOn(p -> p.severity() == Problem.Severity.ERROR)
                        .isNotEmpty().allSatisfy(p -> assertThat(p.rule()).isEqualTo("SEC-AVL-001"));
                seen[1]++;
                return;
            }
            if (SchemaConformance.schemasDirectory().isPresent()) {
                for (Manifest m : manifests) {
                    for (HasMetadata o : m.objects()) {
                        if (!"ObjectStore".equals(o.getKind())) {
                            assertThat(SchemaConformance.validate(o)).isEmpty();
                        }
                    }
                }
            }
            seen[2]++;
        });
        assertThat(seen).as("refused at build, refused by the policy check, synthesized").doesNotContain(0);
    }
}

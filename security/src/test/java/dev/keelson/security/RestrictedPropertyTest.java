package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Resources;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import dev.keelson.core.testkit.Gen;
import dev.keelson.core.testkit.Seeded;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every platform the builders accept under restricted() passes the Pod Security Standards restricted checks. */
class RestrictedPropertyTest {

    /** What one generated tier looks like. */
    record TierSpec(int ports, int firstPort, boolean digest, List<String> caps, long user, boolean assignedIds,
                    String writable, int replicas, boolean exposed, int talksTo, int dependency, int resources) {
    }

    static Gen<List<TierSpec>> tiers() {
        Gen<Integer> ports = Gen.ints(0, 2);
        Gen<Integer> firstPorts = Gen.of(22, 80, 443, 1023, 1024, 8080, 9090, 65535, 70000);
        Gen<Boolean> digests = Gen.booleans();
        Gen<List<String>> caps = Gen.of("NET_BIND_SERVICE", "CHOWN", "SYS_ADMIN", "NET_RAW").uniqueList(0, 2, c -> c);
        Gen<Long> users = Gen.of(1L, 1000L, 10001L, 65532L);
        Gen<Boolean> assignedIds = Gen.booleans();
        Gen<String> writables = Gen.of("", "/var/cache/app", "/data", "relative");
        Gen<Integer> replicas = Gen.ints(0, 4);
        Gen<Boolean> exposed = Gen.booleans();
        Gen<Integer> talksTo = Gen.ints(-1, 3);
        Gen<Integer> dependencies = Gen.ints(0, 2);
        Gen<Integer> resources = Gen.ints(0, 2);
        Gen<TierSpec> tier = r -> new TierSpec(ports.next(r), firstPorts.next(r), digests.next(r), caps.next(r), users.next(r),
                assignedIds.next(r), writables.next(r), replicas.next(r), exposed.next(r), talksTo.next(r),
                dependencies.next(r), resources.next(r));
        // Half the platforms have one tier, the others two to four. About 3 generated tiers in 10 are
        // accepted, and a platform only when all its tiers are, so with lengths uniform in 1..4 fewer
        // than a tenth of the platforms would be accepted and the property would check little.
        return Gen.frequency(Gen.weight(1, tier.list(1, 1)), Gen.weight(1, tier.list(2, 4)));
    }

    static Platform.Builder platform(List<TierSpec> specs) {
        Platform.Builder p = Platform.named("gen").environments(Environment.dev(), Environment.prod())
                .with(SecurityBaseline.restricted());
        for (int i = 0; i < specs.size(); i++) {
            TierSpec s = specs.get(i);
            Tier.Builder t = Tier.named("t" + i)
                    .image(s.digest() ? "ghcr.io/acme/t@sha256:" + "b".repeat(64) : "ghcr.io/acme/t:1.0." + i);
            for (int k = 0; k < s.ports(); k++) {
                t.port(Port.tcp("p" + k, s.firstPort() + k));
            }
            s.caps().forEach(t::addCapability);
            if (s.assignedIds()) {
                t.platformAssignedIds();
            } else {
                t.runAs(s.user(), s.user());
            }
            if (!s.writable().isEmpty()) {
                t.writablePath(s.writable());
            }
            t.replicas(s.replicas());
            if (s.exposed() && s.ports() > 0) {
                t.exposedAt("t" + i + ".example.com");
            }
            if (s.talksTo() >= 0 && s.talksTo() < specs.size() && s.talksTo() != i) {
                t.talksTo("t" + s.talksTo());
            }
            if (s.dependency() == 1) {
                t.dependsOn(Dependency.postgres("db" + i));
            } else if (s.dependency() == 2) {
                t.dependsOn(Dependency.external("ext" + i).host("api.example.com"));
            }
            t.resources(List.of(Resources.DEFAULT, Resources.requests("1", "1Gi").cpuLimit("2"),
                    Resources.requests("250m", "256Mi").memoryLimit(null)).get(s.resources()));
            p.tier(t);
        }
        return p;
    }

    @Test
    @DisplayName("a platform the builders accept under restricted() has no SEC-PSS finding in any environment")
    void acceptedPlatformsPassPodSecurity() {
        Seeded.forAll(300, tiers(), specs -> {
            Platform platform;
            try {
                platform = platform(specs).build();
            } catch (ValidationException refused) {
                assertThat(refused.problems()).isNotEmpty();
                return;
            }
            List<Problem> all = new ArrayList<>();
            for (Environment env : platform.environments()) {
                all.addAll(Platforms.problems(platform, env.name()));
            }
            assertThat(all).filteredOn(p -> p.rule() != null && p.rule().startsWith("SEC-PSS-")).isEmpty();
        });
    }

    @Test
    @DisplayName("the generator is not vacuous: at least a tenth of the generated platforms are accepted")
    void enoughAccepted() {
        int[] accepted = new int[1];
        Seeded.forAll(600, tiers(), specs -> {
            try {
                platform(specs).build();
                accepted[0]++;
            } catch (ValidationException refused) {
                // counted by its absence
            }
        });
        assertThat(accepted[0]).as("platforms accepted of 600 (keelson.seed=%d)", Seeded.baseSeed()).isGreaterThanOrEqualTo(60);
    }
}

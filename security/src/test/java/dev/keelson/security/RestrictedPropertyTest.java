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
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Every platform the builders accept under restricted() passes the Pod Security Standards restricted checks. */
class RestrictedPropertyTest {

    /** What one generated tier looks like. */
    record TierSpec(int ports, int firstPort, boolean digest, List<String> caps, long user, boolean assignedIds,
                    String writable, int replicas, boolean exposed, int talksTo, int dependency, int resources) {
    }

    /** The first half of a tier's settings. */
    record Shape(int ports, int firstPort, boolean digest, List<String> caps, long user) {
    }

    /** The second half of a tier's settings. */
    record Wiring(boolean assignedIds, String writable, int replicas, boolean exposed, int talksTo, int dependency,
                  int resources) {
    }

    @Provide
    Arbitrary<List<TierSpec>> tiers() {
        Arbitrary<Shape> shape = Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.of(22, 80, 443, 1023, 1024, 8080, 9090, 65535, 70000),
                Arbitraries.of(true, false),
                Arbitraries.of("NET_BIND_SERVICE", "CHOWN", "SYS_ADMIN", "NET_RAW").list().ofMaxSize(2).uniqueElements(),
                Arbitraries.of(1L, 1000L, 10001L, 65532L)).as(Shape::new);
        Arbitrary<Wiring> wiring = Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.of("", "/var/cache/app", "/data", "relative"),
                Arbitraries.integers().between(0, 4),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(-1, 3),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 2)).as(Wiring::new);
        return Combinators.combine(shape, wiring)
                .as((a, b) -> new TierSpec(a.ports(), a.firstPort(), a.digest(), a.caps(), a.user(), b.assignedIds(),
                        b.writable(), b.replicas(), b.exposed(), b.talksTo(), b.dependency(), b.resources()))
                .list().ofMinSize(1).ofMaxSize(4);
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

    @Property(tries = 150)
    @Label("a platform the builders accept under restricted() has no SEC-PSS finding in any environment")
    void acceptedPlatformsPassPodSecurity(@ForAll("tiers") List<TierSpec> specs) {
        Platform platform;
        try {
            platform = platform(specs).build();
        } catch (ValidationException refused) {
            assertThat(refused.problems()).isNotEmpty();
            Statistics.collect("refused by the builders");
            return;
        }
        Statistics.collect("accepted");
        List<Problem> all = new ArrayList<>();
        for (Environment env : platform.environments()) {
            all.addAll(Platforms.problems(platform, env.name()));
        }
        assertThat(all).filteredOn(p -> p.rule() != null && p.rule().startsWith("SEC-PSS-")).isEmpty();
    }

    @Property(tries = 150)
    @Label("the generator is not vacuous: at least a tenth of the generated platforms are accepted")
    void enoughAccepted(@ForAll("tiers") List<TierSpec> specs) {
        boolean accepted;
        try {
            platform(specs).build();
            accepted = true;
        } catch (ValidationException refused) {
            accepted = false;
        }
        Statistics.collect(accepted);
        Statistics.coverage(c -> c.check(true).percentage(p -> p >= 10));
    }
}

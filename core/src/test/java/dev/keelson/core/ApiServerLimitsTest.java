package dev.keelson.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Limits the API server enforces, refused at build() with the path of the input")
class ApiServerLimitsTest {

    private static Platform.Builder with(Dependency d) {
        return Platform.named("shop").tier(Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080)).dependsOn(d));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/40", ":::::/64", "10.0.0.256/8", "1::2::3/64", "fe80::1%eth0/64", "10.0.0.0/08"})
    @DisplayName("a CIDR net.ParseCIDR refuses is refused at the dependency's path")
    void badCidr(String cidr) {
        assertThatThrownBy(() -> with(Dependency.external("ledger").cidr(cidr).port(Port.tcp("ledger", 7000))).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path, Problem::message)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("shop/tiers/web/dependsOn/ledger", "'" + cidr + "' is not a CIDR")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/32", "2001:db8::/32", "::ffff:10.0.0.1/128", "0.0.0.0/0"})
    @DisplayName("a CIDR net.ParseCIDR accepts is accepted")
    void goodCidr(String cidr) {
        assertThat(with(Dependency.external("ledger").cidr(cidr).port(Port.tcp("ledger", 7000))).build().tiers()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 300})
    @DisplayName("a selector's label key with a name over 63 or a prefix over 253 is refused at its path")
    void selectorKeys(int length) {
        String key = length == 64 ? "a".repeat(64) : "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + "/x";
        Dependency d = Dependency.inCluster("db", Port.tcp("pg", 5432)).selecting(Map.of(key, "v"));
        assertThatThrownBy(() -> with(d).build()).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.problems()).extracting(Problem::path).containsExactly("shop/tiers/web/dependsOn/db/podLabels/" + key));
    }
}

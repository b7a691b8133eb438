package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Quota: fixed amounts are Kubernetes quantities, checked by core's one parser")
class QuotaQuantitiesTest {

    @Test
    @DisplayName("a malformed cpu or memory amount is refused at once, naming the parameter")
    void malformed() {
        assertThatThrownBy(() -> Quota.derived().requests("4 cores", "8Gi")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cpu '4 cores' is not a Kubernetes quantity; use e.g. '4' or '500m' for CPU, '8Gi' for memory");
        assertThatThrownBy(() -> Quota.derived().requests("4", "8GB")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("memory '8GB' is not a Kubernetes quantity");
        assertThatThrownBy(() -> Quota.derived().memoryLimit("-1Gi")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("memory '-1Gi' is not a Kubernetes quantity");
    }

    @Test
    @DisplayName("the API server's forms are accepted: suffixes, binary suffixes, exponents")
    void wellFormed() {
        assertThat(Quota.derived().requests("1500m", "8Gi").memoryLimit("1e10").cpuRequests()).isEqualTo("1500m");
    }
}

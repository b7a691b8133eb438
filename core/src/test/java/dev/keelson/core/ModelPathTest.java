package dev.keelson.core;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("ModelPath: where a problem is, built by typed steps, printed as the string tools match on")
class ModelPathTest {

    private static final ModelPath SHOP = ModelPath.root("shop");

    @Nested
    @DisplayName("prints")
    class Prints {

        @Test
        @DisplayName("the segments joined by '/', exactly as paths were written before (shop/tiers/api/ports/grpc)")
        void joined() {
            assertThat(SHOP.tier("api").child("ports", "grpc")).hasToString("shop/tiers/api/ports/grpc");
            assertThat(SHOP.environment("prod").child("overrides", "api").child("replicas"))
                    .hasToString("shop/environments/prod/overrides/api/replicas");
            assertThat(SHOP).hasToString("shop");
            assertThat(SHOP.tier("api").child("scaling").child("keda").child("triggers", 0))
                    .hasToString("shop/tiers/api/scaling/keda/triggers/0");
        }

        @Test
        @DisplayName("a key as written: a label key with '/', an empty name (the one a problem is about)")
        void keysAsWritten() {
            assertThat(SHOP.tier("api").child("podLabels").key("app.kubernetes.io/name"))
                    .hasToString("shop/tiers/api/podLabels/app.kubernetes.io/name");
            assertThat(SHOP.tier("")).hasToString("shop/tiers/");
            assertThat(SHOP.tier("api").child("env", "")).hasToString("shop/tiers/api/env/");
            assertThat(ModelPath.root("").child("mesh")).hasToString("/mesh");
        }

        @Test
        @DisplayName("the same string every time it is asked")
        void stable() {
            ModelPath p = SHOP.tier("api").child("scaling");
            assertThat(p.toString()).isSameAs(p.toString());
        }
    }

    @Nested
    @DisplayName("is a value")
    class Value {

        @Test
        @DisplayName("equal, with equal hash codes, when the segments are, however the path was built")
        void equality() {
            ModelPath typed = SHOP.tier("api").child("ports", "grpc");
            ModelPath general = ModelPath.root("shop").child("tiers").key("api").child("ports").key("grpc");
            assertThat(typed).isEqualTo(general).hasSameHashCodeAs(general);
            assertThat(typed).isNotEqualTo(SHOP.tier("api").child("ports", "http"));
            assertThat(typed).isNotEqualTo(SHOP.tier("api").child("ports"));
            assertThat(typed).isNotEqualTo(ModelPath.root("cart").tier("api").child("ports", "grpc"));
            assertThat(typed).isNotEqualTo(typed.toString());
        }

        @Test
        @DisplayName("a key holding '/' stays one segment: it prints like two but is not equal to them")
        void slashInKey() {
            ModelPath oneKey = SHOP.tier("api").child("podLabels").key("example.com/team");
            ModelPath twoKeys = SHOP.tier("api").child("podLabels").key("example.com").key("team");
            assertThat(oneKey).hasToString(twoKeys.toString()).isNotEqualTo(twoKeys);
            assertThat(oneKey.segments()).containsExactly("shop", "tiers", "api", "podLabels", "example.com/team");
        }

        @Test
        @DisplayName("segments() lists every step from the platform down; parent() goes one up, empty at the platform")
        void navigation() {
            ModelPath p = SHOP.tier("api").child("scaling");
            assertThat(p.segments()).containsExactly("shop", "tiers", "api", "scaling");
            assertThat(p.parent()).contains(SHOP.tier("api"));
            assertThat(SHOP.parent()).isEmpty();
            assertThat(SHOP.segments()).containsExactly("shop");
            assertThatThrownBy(() -> p.segments().add("x")).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        @DisplayName("startsWith is true for the path itself and its parents, false for siblings and their children")
        void startsWith() {
            ModelPath api = SHOP.tier("api");
            assertThat(api.child("ports", "grpc").startsWith(api)).isTrue();
            assertThat(api.startsWith(api)).isTrue();
            assertThat(api.startsWith(SHOP)).isTrue();
            assertThat(SHOP.startsWith(api)).isFalse();
            assertThat(SHOP.tier("api2").startsWith(api)).isFalse();
            assertThat(ModelPath.root("cart").tier("api").startsWith(api)).isFalse();
        }
    }

    @Nested
    @DisplayName("rejects at once")
    class Rejects {

        @Test
        @DisplayName("an empty field, naming the call, the argument and the value, and pointing to key(...)")
        void emptyField() {
            assertThatThrownBy(() -> SHOP.child(""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ModelPath.child(): argument 'field' is '', but a field is a non-empty name without '/';"
                            + " for a name the user wrote, use key(...)");
        }

        @Test
        @DisplayName("a field holding '/': two fields are two steps")
        void slashInField() {
            assertThatThrownBy(() -> SHOP.child("keda/triggers"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ModelPath.child(): argument 'field' is 'keda/triggers', but a field is a non-empty name"
                            + " without '/'; for a name the user wrote, use key(...)");
            assertThatThrownBy(() -> SHOP.child("ports/", "grpc")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("null in any step, naming the call and the parameter")
        void nulls() {
            assertThatThrownBy(() -> ModelPath.root(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("ModelPath.root(): argument 'platformName' is null");
            assertThatThrownBy(() -> SHOP.child(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("ModelPath.child(): argument 'field' is null");
            assertThatThrownBy(() -> SHOP.child("ports", null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("ModelPath.child(): argument 'key' is null");
            assertThatThrownBy(() -> SHOP.key(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("ModelPath.key(): argument 'key' is null");
            assertThatThrownBy(() -> SHOP.tier(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("ModelPath.tier(): argument 'name' is null");
            assertThatThrownBy(() -> SHOP.environment(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("ModelPath.environment(): argument 'name' is null");
        }
    }

    @Test
    @DisplayName("a Problem carries the typed path and prints its string: path() is at().toString()")
    void problemCarriesThePath() {
        ModelPath at = SHOP.tier("api").child("replicas");
        Problem p = Problem.error(at, "replicas -1 is negative", "use 0 or more replicas").withRule("KEE-TIER-005");
        assertThat(p.at()).isEqualTo(at);
        assertThat(p.path()).isEqualTo("shop/tiers/api/replicas");
        assertThat(p).hasToString("[shop/tiers/api/replicas] KEE-TIER-005: replicas -1 is negative. Fix: use 0 or more replicas");
    }
}

package dev.keelson.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The public API never exposes the internal package, nor the extension phases")
class ApiBoundaryTest {

    private static final List<Class<?>> API = List.of(DataServices.class, DataService.class, Postgres.class, Redis.class,
            Backups.class, DataAccess.class, ZoneSpread.class);

    @Test
    @DisplayName("no public method of an API type takes or returns an internal type")
    void noInternalTypes() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : API) {
            assertThat(Modifier.isPublic(type.getModifiers())).as(type.getName()).isTrue();
            for (Method m : type.getMethods()) {
                List<Class<?>> used = new ArrayList<>(List.of(m.getParameterTypes()));
                used.add(m.getReturnType());
                for (Class<?> u : used) {
                    if (u.getPackageName().endsWith(".internal")) {
                        leaks.add(type.getSimpleName() + "." + m.getName() + " uses " + u.getName());
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    @DisplayName("the services and the access show settings: validate, contribute, render and check are their extensions'")
    void noPhasesOnTheFeatures() {
        for (Class<?> type : List.of(Postgres.class, Redis.class, DataAccess.class)) {
            assertThat(List.of(type.getMethods())).extracting(Method::getName)
                    .doesNotContain("validate", "contribute", "render", "check");
        }
    }
}

package dev.keelson.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The public API never exposes the internal package")
class ApiBoundaryTest {

    private static final List<Class<?>> API = List.of(Observability.class, Slo.class, RequestMetrics.class, Tracing.class,
            Tracing.Protocol.class);

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
    @DisplayName("internal types are final and not instantiable")
    void internalsAreClosed() throws ClassNotFoundException {
        for (String name : List.of("Dashboards", "Names", "ServiceMonitors", "SloRules", "Templates", "TracingEnv")) {
            Class<?> type = Class.forName("dev.keelson.observability.internal." + name);
            assertThat(Modifier.isFinal(type.getModifiers())).as(name).isTrue();
            assertThat(type.getConstructors()).as(name).isEmpty();
        }
    }
}

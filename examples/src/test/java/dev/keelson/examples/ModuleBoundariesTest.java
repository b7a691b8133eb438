package dev.keelson.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of STYLE.md for every published module at once (this module depends on
 * all of them): a module's {@code internal} package is used by that module alone. Core's finer
 * rules (its API reaches internals only through facades, its dependencies) are in core's
 * ArchitectureTest. The benchmarks module is not on this class path: it measures core's YAML
 * writer directly, by design.
 */
@DisplayName("Architecture: every module keeps its internals to itself")
class ModuleBoundariesTest {

    /** The modules whose main classes are checked, by package. */
    static final List<String> MODULES = List.of("core", "security", "autoscaling", "mesh", "observability", "data", "apply", "graph",
            "testing", "examples");

    /** Main classes only: no test classes and no test-jars (whose test kits may reach into internals). */
    static final ImportOption MAIN_ONLY = location -> ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location)
            && !location.contains("-tests.jar") && !location.contains("/test-classes/");

    static final JavaClasses KEELSON = new ClassFileImporter().withImportOption(MAIN_ONLY).importPackages("dev.keelson");

    @Test
    @DisplayName("every module's main classes are on the class path (so the rule below can fail)")
    void everyModuleSeen() {
        Set<String> seen = new TreeSet<>();
        KEELSON.forEach(c -> {
            String rest = c.getPackageName().startsWith("dev.keelson.") ? c.getPackageName().substring("dev.keelson.".length()) : "";
            seen.add(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
        });
        assertThat(seen).containsAll(MODULES);
    }

    @Test
    @DisplayName("no module uses another module's internal package")
    void internalsStayInTheirModule() {
        for (String module : MODULES) {
            String[] others = MODULES.stream().filter(m -> !m.equals(module)).map(m -> "dev.keelson." + m + ".internal..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.keelson." + module + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .as("module " + module + " uses no other module's internals")
                    .check(KEELSON);
        }
    }

    @Test
    @DisplayName("the rule can fail: a class of this test that used core's internals would be reported")
    void ruleCanFail() {
        JavaClasses withTests = new ClassFileImporter().importClasses(ModuleBoundariesTest.class, UsesInternal.class);
        assertThatThrownBy(() -> noClasses().that().resideInAPackage("dev.keelson.examples..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.keelson.core.internal..").check(withTests))
                .isInstanceOf(AssertionError.class).hasMessageContaining("UsesInternal");
    }

    /** A planted violation for {@link #ruleCanFail}. */
    static final class UsesInternal {
        Object writer() {
            return dev.keelson.core.internal.yaml.Yaml.class;
        }
    }
}

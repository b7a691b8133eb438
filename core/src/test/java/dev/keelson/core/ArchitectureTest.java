package dev.keelson.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of STYLE.md, checked on the compiled classes: the public API stands on its own,
 * internals stay internal, and core depends on nothing but the JDK, fabric8, Jackson and picocli.
 */
@DisplayName("Architecture: core's boundaries")
class ArchitectureTest {

    static final String INTERNAL = "dev.keelson.core.internal..";

    /** Core's production classes. */
    static final JavaClasses CORE = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.keelson.core");

    /** Everything of Keelson on the test class path, tests included (e.g. dev.keelson.api, which uses only the API). */
    static final JavaClasses KEELSON = new ClassFileImporter().importPackages("dev.keelson");

    @Test
    @DisplayName("Keelson's packages outside core's own API/internal pair are free of cycles")
    void noModuleCycles() {
        slices().matching("dev.keelson.(*)..").should().beFreeOfCycles().check(KEELSON);
    }

    @Test
    @DisplayName("internal sub-packages are free of cycles")
    void noInternalCycles() {
        slices().matching("dev.keelson.core.internal.(**)").should().beFreeOfCycles().allowEmptyShould(true).check(CORE);
    }

    @Test
    @DisplayName("the YAML stack (internal.yaml) uses internal's root package, never the other way")
    void yamlStackDependsOnInternalNotBack() {
        noClasses().that().resideInAPackage("dev.keelson.core.internal")
                .should().dependOnClassesThat().resideInAPackage("dev.keelson.core.internal.yaml..")
                .check(CORE);
    }

    @Test
    @DisplayName("the API reaches internals only through its facades (Platform, Synth, Manifest, Keelson), bounding the one API/internal cycle")
    void apiToInternalOnlyThroughFacades() {
        Set<String> facades = new TreeSet<>();
        for (JavaClass c : CORE) {
            if (c.getPackageName().equals("dev.keelson.core")
                    && c.getDirectDependenciesFromSelf().stream().anyMatch(d -> d.getTargetClass().getPackageName().startsWith("dev.keelson.core.internal"))) {
                facades.add(c.getSimpleName().isEmpty() ? c.getName() : c.getName().substring("dev.keelson.core.".length()));
            }
        }
        assertThat(facades).as("classes of dev.keelson.core that use internals")
                .contains("Keelson", "Synth", "Manifest")
                .allMatch(name -> name.matches("(Platform(\\$Builder)?|Synth|Manifest|Keelson)"), "is a facade");
    }

    @Test
    @DisplayName("core depends only on the JDK, fabric8, Jackson, picocli and JSpecify's nullness annotations")
    void coreDependencies() {
        classes().that().resideInAPackage("dev.keelson.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.keelson.core..", "io.fabric8..",
                        "com.fasterxml.jackson..", "picocli..", "org.jspecify.annotations..", "")
                .check(CORE);
    }

    @Test
    @DisplayName("nothing outside dev.keelson.core uses its internals")
    void internalsStayInternal() {
        noClasses().that().resideOutsideOfPackage("dev.keelson.core..")
                .should().dependOnClassesThat().resideInAPackage(INTERNAL)
                .check(KEELSON);
    }

    @Test
    @DisplayName("public API signatures (types, fields, methods, constructors) expose no internal type")
    void apiDoesNotExposeInternals() {
        classes().that().resideInAPackage("dev.keelson.core").and().arePublic()
                .should(exposeNoInternalTypes())
                .check(CORE);
    }

    @Test
    @DisplayName("the signature rule can fail: it sees an internal type inside a generic return type")
    void signatureRuleSeesInternals() {
        // OutputWriter.write returns List<OutputWriter.Written>: were OutputWriter API, that would leak
        JavaClass writer = CORE.get("dev.keelson.core.internal.yaml.OutputWriter");
        assertThatThrownBy(() -> classes().that().haveFullyQualifiedName(writer.getName()).should(exposeNoInternalTypes()).check(CORE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("exposes dev.keelson.core.internal.yaml.OutputWriter$Written");
    }

    static ArchCondition<JavaClass> exposeNoInternalTypes() {
        return new ArchCondition<>("expose no dev.keelson.core.internal type in a public signature") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                List<JavaType> supertypes = new ArrayList<>(c.getInterfaces());
                c.getSuperclass().ifPresent(supertypes::add);
                for (JavaType t : supertypes) {
                    report(c.getName() + " extends/implements", t, events, c);
                }
                for (JavaField f : c.getFields()) {
                    if (visible(f.getModifiers())) {
                        report(f.getFullName(), f.getType(), events, c);
                    }
                }
                for (JavaCodeUnit unit : c.getCodeUnits()) {
                    if (visible(unit.getModifiers())) {
                        for (JavaClass t : involved(unit)) {
                            if (isInternal(t)) {
                                events.add(SimpleConditionEvent.violated(c, unit.getFullName() + " exposes " + t.getName()));
                            }
                        }
                    }
                }
            }
        };
    }

    static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    static Set<JavaClass> involved(JavaCodeUnit unit) {
        Set<JavaClass> types = new java.util.HashSet<>(unit.getReturnType().getAllInvolvedRawTypes());
        for (JavaType p : unit.getParameterTypes()) {
            types.addAll(p.getAllInvolvedRawTypes());
        }
        unit.getExceptionTypes().forEach(types::add);
        return types;
    }

    static void report(String where, JavaType type, ConditionEvents events, JavaClass owner) {
        for (JavaClass t : type.getAllInvolvedRawTypes()) {
            if (isInternal(t)) {
                events.add(SimpleConditionEvent.violated(owner, where + " exposes " + t.getName()));
            }
        }
    }

    static boolean isInternal(JavaClass t) {
        return t.getPackageName().startsWith("dev.keelson.core.internal");
    }
}

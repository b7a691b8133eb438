package dev.keelson.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What Maven Central and users see of the published modules, read from the jars and poms this build made. */
class PublishedArtifactsIT {

    /** Built, tested, never deployed. */
    private static final List<String> UNPUBLISHED = List.of("examples", "benchmarks", "it");

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("keelson.version");

    static List<String> libraries() throws IOException {
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        List<String> modules = new ArrayList<>();
        while (m.find()) {
            if (!UNPUBLISHED.contains(m.group(1)) && !m.group(1).equals("bom")) {
                modules.add(m.group(1));
            }
        }
        return modules;
    }

    @Test
    @DisplayName("keelson-bom manages exactly the published modules, at the reactor's version, and nothing else")
    void bomListsThePublishedModules() throws IOException {
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
        assertThat(bom).doesNotContainPattern("<parent>\\s*<groupId>");
        Matcher version = Pattern.compile("<artifactId>keelson-bom</artifactId>\\s*<version>([^<]+)</version>").matcher(bom.substring(bom.indexOf("<modelVersion>")));   // past the usage comment
        assertThat(version.find()).isTrue();
        assertThat(version.group(1)).as("bom/pom.xml's version (it has no parent to take it from)").isEqualTo(VERSION);

        Matcher managed = Pattern.compile("<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(bom.substring(bom.indexOf("<dependencyManagement>")));
        List<String> entries = new ArrayList<>();
        while (managed.find()) {
            entries.add(managed.group(1) + ":" + managed.group(2) + ":" + managed.group(3));
        }
        assertThat(entries).containsExactlyInAnyOrderElementsOf(
                libraries().stream().map(m -> "dev.keelson:keelson-" + m + ":${project.version}").toList());
    }

    @Test
    @DisplayName("the consumer project (and so the docs' pom snippets) imports keelson-bom at this version")
    void consumerImportsThisVersion() throws IOException {
        String pom = Files.readString(ROOT.resolve("it/consumer/pom.xml"));
        assertThat(pom).contains("<artifactId>keelson-bom</artifactId>\n        <version>" + VERSION + "</version>");
    }

    @Test
    @DisplayName("every published jar names its module (Automatic-Module-Name dev.keelson.<module>)")
    void automaticModuleNames() throws IOException {
        for (String module : libraries()) {
            Path jar = ROOT.resolve(module + "/target/keelson-" + module + "-" + VERSION + ".jar");
            assertThat(jar).isRegularFile();
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                        .as("Automatic-Module-Name of %s", jar.getFileName())
                        .isEqualTo("dev.keelson." + module);
            }
        }
    }

    @Test
    @DisplayName("javadoc jars document the API packages and no internal package")
    void javadocWithoutInternals() throws IOException {
        for (String module : libraries()) {
            Path jar = ROOT.resolve(module + "/target/keelson-" + module + "-" + VERSION + "-javadoc.jar");
            assertThat(jar).as("%s (mvn verify builds it; -Dmaven.javadoc.skip does not)", jar.getFileName()).isRegularFile();
            try (JarFile file = new JarFile(jar.toFile())) {
                List<String> names = Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
                assertThat(names).contains("dev/keelson/" + module + "/package-summary.html");
                assertThat(names).noneMatch(n -> n.contains("/internal/"));
            }
        }
    }

    @Test
    @DisplayName("examples, benchmarks and it are built and tested but never deployed")
    void unpublishedModulesSkipDeploy() throws IOException {
        for (String module : UNPUBLISHED) {
            assertThat(Files.readString(ROOT.resolve(module + "/pom.xml")))
                    .as("%s/pom.xml", module)
                    .contains("<maven.deploy.skip>true</maven.deploy.skip>");
        }
    }
}

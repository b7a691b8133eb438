package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.testkit.DocsSnippets;
import dev.keelson.core.testkit.DocsSnippets.Block;
import dev.keelson.examples.docs.GettingStarted;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps every page honest with the one checker, {@link DocsSnippets} (its javadoc gives the markers): this module
 * sees every module's code, so it checks every page of docs/ and README.md, including those no module owns
 * (getting started, concepts, recipes). The pom snippets come from it/consumer/pom.xml, a project the build
 * compiles, tests and runs as a user would.
 */
class DocsSnippetsTest {

    @TestFactory
    @DisplayName("every snippet of every page equals the compiled code it names")
    Stream<DynamicTest> snippetsMatchCode() {
        return DocsSnippets.check();
    }

    @TestFactory
    @DisplayName("every output block equals what its code prints")
    Stream<DynamicTest> outputsMatchCode() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Block b : DocsSnippets.blocks()) {
            if ("output".equals(b.kind())) {
                tests.add(DynamicTest.dynamicTest(b.location() + " output " + b.ref(),
                        () -> assertThat(b.text().strip()).isEqualTo(output(b.ref()).strip())));
            }
        }
        assertThat(tests).as("output blocks in the docs").isNotEmpty();
        return tests.stream();
    }

    @Test
    @DisplayName("every Java block of the docs is a snippet of compiled code, or says why it is not checked")
    void everyJavaBlockIsChecked() {
        assertThat(DocsSnippets.uncheckedJavaBlocks())
                .as("Java blocks without <!-- snippet: Class#name --> or <!-- not-checked: reason -->").isEmpty();
    }

    @Test
    @DisplayName("every XML block in the docs that mentions a Keelson artifact is a marked snippet of a built pom")
    void everyKeelsonXmlBlockIsASnippet() {
        List<String> unmarked = new ArrayList<>();
        for (Block b : DocsSnippets.blocks()) {
            boolean marked = "snippet".equals(b.kind()) && b.ref().matches("[^ ]+\\.xml#[\\w-]+");
            if (b.language().equals("xml") && b.text().contains("dev.keelson") && !marked) {
                unmarked.add(b.location() + ": " + b.text().strip().lines().findFirst().orElse(""));
            }
        }
        assertThat(unmarked)
                .as("XML blocks with a Keelson dependency that are not <!-- snippet: it/consumer/pom.xml#NAME --> regions")
                .isEmpty();
    }

    @Test
    @DisplayName("the region markers are found, so the snippet test cannot pass vacuously")
    void regionsExist() {
        assertThat(DocsSnippets.region("GettingStarted#first-platform")).contains("Platform.named(\"shop\")");
        assertThat(DocsSnippets.region("it/consumer/pom.xml#bom")).contains("<artifactId>keelson-bom</artifactId>");
    }

    static String output(String ref) {
        if (ref.equals("mistakes")) {
            return GettingStarted.mistakes().getMessage();
        }
        throw new IllegalArgumentException("unknown output " + ref);
    }
}

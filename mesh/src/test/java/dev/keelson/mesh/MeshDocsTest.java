package dev.keelson.mesh;

import dev.keelson.core.testkit.DocsSnippets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

@DisplayName("docs/mesh.md shows exactly the compiled, snapshot-tested code")
class MeshDocsTest {

    @TestFactory
    @DisplayName("every snippet of the page equals the region of the compiled code it names")
    Stream<DynamicTest> snippetsMatchCode() {
        return DocsSnippets.check("docs/mesh.md");
    }
}

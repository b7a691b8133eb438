package com.example.data;

import dev.keelson.core.testkit.DocsSnippets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

@DisplayName("docs/data-services.md shows exactly the compiled snippets")
class DocsSnippetsTest {

    @TestFactory
    @DisplayName("every snippet of the page equals the region of the compiled code it names")
    Stream<DynamicTest> snippetsMatchCode() {
        return DocsSnippets.check("docs/data-services.md");
    }

    @Test
    @DisplayName("the page shows every region of DataSnippets")
    void everyRegionShown() {
        DocsSnippets.assertEveryRegionShown("DataSnippets", "docs/data-services.md");
    }
}

package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("docs/testing.md shows exactly the compiled snippets")
class DocsSnippetsTest {

    private static final Pattern DOC = Pattern.compile("<!-- snippet: (\\w+)#([\\w-]+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SOURCE = Pattern.compile("// snippet: ([\\w-]+)\\n(.*?)\\n\\s*// end-snippet", Pattern.DOTALL);

    @Test
    @DisplayName("every snippet marker in the page is followed by its source region, dedented")
    void snippetsMatch() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "testing.md"));
        Map<String, String> regions = regions(Path.of("src/test/java/com/example/shop/TestingSnippets.java"));
        Matcher m = DOC.matcher(doc);
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            if (!m.group(1).equals("TestingSnippets")) {
                continue;   // e.g. the consumer project's test (it/consumer), checked by examples' DocsSnippetsTest
            }
            assertThat(regions).containsKey(m.group(2));
            assertThat(m.group(3)).as("snippet %s", m.group(2)).isEqualTo(regions.get(m.group(2)));
            seen.add(m.group(2));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(regions.keySet());
    }

    private static Map<String, String> regions(Path source) throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        Matcher m = SOURCE.matcher(Files.readString(source));
        while (m.find()) {
            String[] lines = m.group(2).split("\n");
            int indent = Integer.MAX_VALUE;
            for (String line : lines) {
                if (!line.isBlank()) {
                    indent = Math.min(indent, line.length() - line.stripLeading().length());
                }
            }
            StringBuilder out = new StringBuilder();
            for (String line : lines) {
                out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
            }
            regions.put(m.group(1), out.toString());
        }
        return regions;
    }
}

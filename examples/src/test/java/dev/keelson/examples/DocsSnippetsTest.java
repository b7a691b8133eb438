package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.examples.docs.GettingStarted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the docs honest: every code block in docs/*.md and README.md preceded by {@code <!-- snippet: Class#name -->}
 * must equal the region {@code // snippet:name ... // end:name} (or {@code // end-snippet}) of that class under src/main/java
 * or src/test/java of a module (compiled and run by the build), and every block preceded by
 * {@code <!-- output: mistakes -->} must equal what that code prints. A block preceded by
 * {@code <!-- snippet: path/to/file.xml#name -->} (a path from the repository root) must equal the region
 * {@code <!-- snippet:name --> ... <!-- end:name -->} (or {@code <!-- end-snippet -->}) of that XML file: the pom
 * snippets come from it/consumer/pom.xml, a project the build compiles, tests and runs as a user would.
 */
class DocsSnippetsTest {

    private static final Pattern MARKED_BLOCK = Pattern.compile(
            "<!-- (snippet|output): ([A-Za-z0-9_#./-]+) -->\\s*\\n```[a-z]*\\n(.*?)```", Pattern.DOTALL);

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docs/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    @TestFactory
    @DisplayName("every marked docs snippet equals the compiled code it names")
    Stream<DynamicTest> snippetsMatchCode() throws IOException {
        Path root = root();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> docs = Stream.concat(Files.walk(root.resolve("docs")), Stream.of(root.resolve("README.md")))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = MARKED_BLOCK.matcher(Files.readString(doc));
                while (m.find()) {
                    String kind = m.group(1);
                    String ref = m.group(2);
                    String block = m.group(3);
                    String name = root.relativize(doc) + " " + kind + " " + ref;
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        if (kind.equals("snippet")) {
                            assertThat(block.strip()).isEqualTo(region(root, ref).strip());
                        } else {
                            assertThat(block.strip()).isEqualTo(output(ref).strip());
                        }
                    }));
                }
            }
        }
        assertThat(tests).as("marked snippets in docs/").isNotEmpty();
        return tests.stream();
    }

    private static final Pattern JAVA_BLOCK = Pattern.compile("(<!-- [^\\n]*-->\\s*\\n)?```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    @DisplayName("every Java block in the docs is either a marked snippet or stands, line for line, in compiled source")
    void everyJavaBlockIsCompiled() throws IOException {
        Path root = root();
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/") && !p.toString().contains("/target/")).toList()) {
                sources.add(normalize(Files.readString(f)));
            }
        }
        List<String> unbacked = new ArrayList<>();
        try (Stream<Path> docs = Stream.concat(Files.walk(root.resolve("docs")), Stream.of(root.resolve("README.md")))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = JAVA_BLOCK.matcher(Files.readString(doc));
                while (m.find()) {
                    if (m.group(1) != null && m.group(1).contains("snippet:")) {
                        continue;
                    }
                    String block = normalize(m.group(2));
                    if (sources.stream().noneMatch(src -> src.contains(block))) {
                        unbacked.add(root.relativize(doc) + ": " + m.group(2).lines().findFirst().orElse(""));
                    }
                }
            }
        }
        assertThat(unbacked).as("Java blocks in the docs that no compiled source contains").isEmpty();
    }

    private static final Pattern XML_BLOCK = Pattern.compile("(<!-- [^\\n]*-->\\s*\\n)?```xml\\n(.*?)```", Pattern.DOTALL);

    @Test
    @DisplayName("every XML block in the docs that mentions a Keelson artifact is a marked snippet of a built pom")
    void everyKeelsonXmlBlockIsASnippet() throws IOException {
        Path root = root();
        List<String> unmarked = new ArrayList<>();
        try (Stream<Path> docs = Stream.concat(Files.walk(root.resolve("docs")), Stream.of(root.resolve("README.md")))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = XML_BLOCK.matcher(Files.readString(doc));
                while (m.find()) {
                    boolean marked = m.group(1) != null && m.group(1).matches("<!-- snippet: [^ ]+\\.xml#[\\w-]+ -->\\s*\\n");
                    if (m.group(2).contains("dev.keelson") && !marked) {
                        unmarked.add(root.relativize(doc) + ": " + m.group(2).strip().lines().findFirst().orElse(""));
                    }
                }
            }
        }
        assertThat(unmarked)
                .as("XML blocks with a Keelson dependency that are not <!-- snippet: it/consumer/pom.xml#NAME --> regions")
                .isEmpty();
    }

    private static String normalize(String text) {
        StringBuilder out = new StringBuilder();
        text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    @Test
    @DisplayName("the region markers are found, so the snippet test cannot pass vacuously")
    void regionsExist() throws IOException {
        assertThat(region(root(), "GettingStarted#first-platform")).contains("Platform.named(\"shop\")");
        assertThat(region(root(), "it/consumer/pom.xml#bom")).contains("<artifactId>keelson-bom</artifactId>");
    }

    static String output(String ref) {
        if (ref.equals("mistakes")) {
            return GettingStarted.mistakes().getMessage();
        }
        throw new IllegalArgumentException("unknown output " + ref);
    }

    static String region(Path root, String ref) throws IOException {
        String[] parts = ref.split("#", 2);
        boolean xml = parts[0].endsWith(".xml");
        Path source = xml
                ? Optional.of(root.resolve(parts[0])).filter(Files::isRegularFile)
                        .orElseThrow(() -> new IllegalArgumentException("no file " + parts[0] + " under " + root))
                : find(root, parts[0] + ".java").orElseThrow(() -> new IllegalArgumentException("no source " + parts[0]));
        String open = xml ? "<!-- snippet:" + parts[1] + " -->" : "// snippet:" + parts[1];
        String close = xml ? "<!-- end:" + parts[1] + " -->" : "// end:" + parts[1];
        String closeAny = xml ? "<!-- end-snippet -->" : "// end-snippet";
        List<String> lines = Files.readAllLines(source);
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip().replace("// snippet: ", "// snippet:").replace("// end: ", "// end:")
                    .replace("<!-- snippet: ", "<!-- snippet:").replace("<!-- end: ", "<!-- end:");
            if (t.equals(open)) {
                start = i + 1;
            } else if (start >= 0 && end < 0 && (t.equals(close) || t.equals(closeAny))) {
                end = i;
            }
        }
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("no region '" + parts[1] + "' in " + source);
        }
        List<String> region = lines.subList(start, end);
        int indent = region.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String l : region) {
            out.append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n');
        }
        return out.toString();
    }

    static Optional<Path> find(Path root, String fileName) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals(fileName))
                    .filter(p -> p.toString().contains("/src/") && !p.toString().contains("/target/"))
                    .findFirst();
        }
    }
}

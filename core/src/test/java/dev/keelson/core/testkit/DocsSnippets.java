package dev.keelson.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The one docs-snippet checker: the code the docs show is compiled, tested code, so it cannot rot.
 *
 * <p>In {@code docs/*.md} and {@code README.md}, the comment line before a fenced block says what it is:
 * <ul>
 *   <li>{@code <!-- snippet: Class#name -->}: the block equals, dedented, the region between the lines
 *       {@code // snippet:name} and {@code // end:name} of {@code Class.java}, found under any module's
 *       {@code src/} (the build compiles and runs it);</li>
 *   <li>{@code <!-- snippet: path/to/file.xml#name -->}: the block equals the region between
 *       {@code <!-- snippet:name -->} and {@code <!-- end:name -->} of that file (a path from the repository
 *       root, e.g. the consumer project's {@code it/consumer/pom.xml});</li>
 *   <li>{@code <!-- output: name -->}: the block equals what a program prints (the test that owns the page
 *       produces it);</li>
 *   <li>{@code <!-- not-checked: reason -->}: the block is deliberately not checked, and says why.</li>
 * </ul>
 * Every Java block carries one of them ({@link #uncheckedJavaBlocks}).
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> snippetsMatchCode() {
 *     return DocsSnippets.check("docs/observability.md");
 * }
 * }</pre>
 */
public final class DocsSnippets {

    /** A fenced block of a page and the marker comment before it ({@code kind} and {@code ref} null without one). */
    public record Block(Path doc, int line, String language, String kind, String ref, String text) {

        /** Where the block starts, for messages: {@code docs/mesh.md:10}. */
        public String location() {
            return root().relativize(doc) + ":" + line;
        }
    }

    private static final Pattern MARKER = Pattern.compile("<!-- ([a-z-]+): (.+?) -->");
    private static final Pattern JAVA_OPEN = Pattern.compile("// snippet:([\\w-]+)");

    private static Path root;
    private static Map<String, List<Path>> sources;

    private DocsSnippets() {
    }

    /** The repository root: the nearest folder above the working directory that holds {@code docs/}. */
    public static synchronized Path root() {
        if (root == null) {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                throw new IllegalStateException("no docs/ folder above " + Path.of("").toAbsolutePath());
            }
            root = dir;
        }
        return root;
    }

    /** Every page the checker reads: {@code docs/*.md} (sorted) and {@code README.md}, as paths from the root. */
    public static List<String> pages() {
        try (Stream<Path> docs = Files.list(root().resolve("docs"))) {
            List<String> pages = new ArrayList<>(docs.filter(p -> p.toString().endsWith(".md"))
                    .map(p -> root().relativize(p).toString()).sorted().toList());
            pages.add("README.md");
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fenced block of {@code pages} (paths from the root; all {@link #pages()} when none are named). */
    public static List<Block> blocks(String... pages) {
        List<Block> blocks = new ArrayList<>();
        for (String page : pages.length == 0 ? pages() : List.of(pages)) {
            Path doc = root().resolve(page);
            List<String> lines = read(doc);
            for (int i = 0; i < lines.size(); i++) {
                String open = lines.get(i).strip();
                if (!open.startsWith("```")) {
                    continue;
                }
                int start = i;
                StringBuilder text = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                    text.append(lines.get(i)).append('\n');
                }
                Matcher marker = start > 0 ? markerBefore(lines, start) : null;
                blocks.add(new Block(doc, start + 1, open.substring(3).strip(), marker == null ? null : marker.group(1),
                        marker == null ? null : marker.group(2), text.toString()));
            }
        }
        return blocks;
    }

    private static Matcher markerBefore(List<String> lines, int fence) {
        int i = fence - 1;
        while (i > 0 && lines.get(i).isBlank()) {
            i--;
        }
        Matcher m = MARKER.matcher(lines.get(i).strip());
        return m.matches() ? m : null;
    }

    /**
     * One test per {@code <!-- snippet: -->} block of {@code pages} (all {@link #pages()} when none are named): the
     * block equals the region it names.
     */
    public static Stream<DynamicTest> check(String... pages) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Block b : blocks(pages)) {
            if ("snippet".equals(b.kind())) {
                tests.add(DynamicTest.dynamicTest(b.location() + " " + b.ref(),
                        () -> assertThat(b.text().strip()).as(b.location()).isEqualTo(region(b.ref()).strip())));
            }
        }
        assertThat(tests).as("snippet blocks in %s", List.of(pages)).isNotEmpty();
        return tests.stream();
    }

    /** Asserts that {@code pages} show every region of {@code className}, so no snippet code is left unused. */
    public static void assertEveryRegionShown(String className, String... pages) {
        Set<String> shown = new LinkedHashSet<>();
        for (Block b : blocks(pages)) {
            if ("snippet".equals(b.kind()) && b.ref().startsWith(className + "#")) {
                shown.add(b.ref().substring(className.length() + 1));
            }
        }
        assertThat(shown).as("regions of %s shown in %s", className, List.of(pages))
                .containsExactlyInAnyOrderElementsOf(regionNames(className));
    }

    /** The Java blocks of every page that carry neither a {@code snippet} nor a {@code not-checked} marker. */
    public static List<String> uncheckedJavaBlocks() {
        List<String> unchecked = new ArrayList<>();
        for (Block b : blocks()) {
            if (b.language().equals("java") && !"snippet".equals(b.kind()) && !"not-checked".equals(b.kind())) {
                unchecked.add(b.location() + ": " + b.text().lines().findFirst().orElse(""));
            }
        }
        return unchecked;
    }

    /** The names of the regions of {@code className}, in source order. */
    public static List<String> regionNames(String className) {
        List<String> names = new ArrayList<>();
        for (String line : read(source(className))) {
            Matcher m = JAVA_OPEN.matcher(line.strip());
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The dedented region {@code ref} names: {@code Class#name} or {@code path/to/file.xml#name}. */
    public static String region(String ref) {
        String[] parts = ref.split("#", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("a snippet reference is Class#name or path/file.xml#name, not '" + ref + "'");
        }
        boolean xml = parts[0].endsWith(".xml");
        Path source = xml ? root().resolve(parts[0]) : source(parts[0]);
        String open = xml ? "<!-- snippet:" + parts[1] + " -->" : "// snippet:" + parts[1];
        String close = xml ? "<!-- end:" + parts[1] + " -->" : "// end:" + parts[1];
        List<String> lines = read(source);
        List<String> stripped = lines.stream().map(String::strip).toList();
        int start = stripped.indexOf(open) + 1;
        int end = stripped.indexOf(close);
        if (start == 0 || end < start) {
            throw new IllegalArgumentException("no region '" + open + "' ... '" + close + "' in " + source);
        }
        List<String> region = lines.subList(start, end);
        int indent = region.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String l : region) {
            out.append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n');
        }
        return out.toString();
    }

    private static Path source(String className) {
        List<Path> found = sources().getOrDefault(className + ".java", List.of());
        if (found.size() != 1) {
            throw new IllegalArgumentException((found.isEmpty() ? "no " : "more than one ") + className
                    + ".java under the src/ folders of " + root() + " " + found);
        }
        return found.get(0);
    }

    private static synchronized Map<String, List<Path>> sources() {
        if (sources == null) {
            Map<String, List<Path>> found = new HashMap<>();
            try {
                Files.walkFileTree(root(), new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                        return name.equals("target") || name.equals("node_modules") || (name.startsWith(".") && !dir.equals(root()))
                                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (file.toString().endsWith(".java") && file.toString().contains("/src/")) {
                            found.computeIfAbsent(file.getFileName().toString(), k -> new ArrayList<>()).add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sources = found;
        }
        return sources;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

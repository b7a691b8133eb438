package dev.keelson.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("docs/validation-rules.md lists exactly the KEE-* rule IDs the modules' code reports")
class ValidationRulesDocTest {

    private static final Pattern ID = Pattern.compile("KEE-[A-Z]+-[0-9]{3}");

    @Test
    @DisplayName("every KEE-* ID in main code has a row in the table, and every row an ID in the code")
    void docsListEveryRule() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Set<String> inCode = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .forEach(p -> {
                        try {
                            Matcher m = ID.matcher(Files.readString(p));
                            while (m.find()) {
                                inCode.add(m.group());
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        Set<String> inDocs = new TreeSet<>();
        for (String line : Files.readAllLines(root.resolve("docs/validation-rules.md"))) {
            Matcher m = Pattern.compile("^\\| (KEE-[A-Z]+-[0-9]{3}) \\|").matcher(line);
            if (m.find()) {
                assertThat(inDocs.add(m.group(1))).as("%s is listed twice", m.group(1)).isTrue();
            }
        }
        assertThat(inCode).as("the IDs the code reports").isNotEmpty().isEqualTo(inDocs);
    }
}

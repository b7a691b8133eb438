package dev.keelson.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The KEE-DATA rules: docs/validation-rules.md, the module's code and its tests name the same IDs")
class DataRuleIdsTest {

    private static final Pattern ID = Pattern.compile("KEE-DATA-[0-9]{3}");

    private static Set<String> ids(Path dir) throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = ID.matcher(Files.readString(p));
                while (m.find()) {
                    found.add(m.group());
                }
            }
        }
        return found;
    }

    @Test
    @DisplayName("every ID the code reports has a row in the table and a test in DataValidationTest, and every row an ID in the code")
    void docsCodeAndTestsAgree() throws IOException {
        Path module = Path.of("").toAbsolutePath();
        Set<String> code = ids(module.resolve("src/main/java"));
        Set<String> docs = new TreeSet<>();
        for (String line : Files.readAllLines(module.resolve("../docs/validation-rules.md"))) {
            Matcher m = Pattern.compile("^\\| (KEE-DATA-[0-9]{3}) \\|").matcher(line);
            if (m.find()) {
                docs.add(m.group(1));
            }
        }
        Set<String> tested = new TreeSet<>();
        Matcher m = ID.matcher(Files.readString(module.resolve("src/test/java/dev/keelson/data/DataValidationTest.java")));
        while (m.find()) {
            tested.add(m.group());
        }
        assertThat(code).hasSize(17).isEqualTo(docs).isEqualTo(tested);
    }
}

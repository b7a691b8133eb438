package dev.keelson.apply.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.testkit.Gen;
import dev.keelson.core.testkit.Seeded;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    @DisplayName("equal texts have an empty diff")
    void equal() {
        assertThat(UnifiedDiff.of("a", "x\ny\n", "b", "x\ny\n")).isEmpty();
    }

    @Test
    @DisplayName("a change is shown with three lines of context and diff -u hunk headers")
    void oneChange() {
        String from = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String to = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assertThat(UnifiedDiff.of("old", from, "new", to)).isEqualTo("""
                --- old
                +++ new
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """);
    }

    @Test
    @DisplayName("changes far apart get separate hunks; creation diffs from /dev/null")
    void hunks() {
        String from = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n";
        String to = "A\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL\n";
        assertThat(UnifiedDiff.of("x", from, "y", to)).isEqualTo("""
                --- x
                +++ y
                @@ -1,4 +1,4 @@
                -a
                +A
                 b
                 c
                 d
                @@ -9,4 +9,4 @@
                 i
                 j
                 k
                -l
                +L
                """);
        assertThat(UnifiedDiff.of("/dev/null", "", "new", "x\n")).isEqualTo("--- /dev/null\n+++ new\n@@ -0,0 +1 @@\n+x\n");
    }

    /** One try's old and new text, as line numbers. */
    record Texts(List<Integer> a, List<Integer> b) {
    }

    @Test
    @DisplayName("applying the diff's hunks to the old text gives the new text")
    void patchReconstructs() {
        Gen<List<Integer>> lines = Gen.ints(0, 4).list(0, 30);
        Seeded.forAll(300, r -> new Texts(lines.next(r), lines.next(r)), t -> {
            String from = text(t.a());
            String to = text(t.b());
            assertThat(patch(from, UnifiedDiff.of("a", from, "b", to))).isEqualTo(to);
        });
    }

    private static String text(List<Integer> lines) {
        StringBuilder s = new StringBuilder();
        for (Integer i : lines) {
            s.append("line ").append(i).append('\n');
        }
        return s.toString();
    }

    /** A minimal patch(1): copies unchanged lines between hunks, applies each hunk. */
    private static String patch(String from, String diff) {
        if (diff.isEmpty()) {
            return from;
        }
        List<String> old = from.isEmpty() ? List.of() : List.of(from.split("\n", -1)).subList(0, from.split("\n", -1).length - 1);
        List<String> result = new ArrayList<>();
        int next = 0;
        for (String line : diff.split("\n")) {
            if (line.startsWith("--- ") || line.startsWith("+++ ")) {
                continue;
            }
            if (line.startsWith("@@")) {
                String range = line.substring(4, line.indexOf(' ', 4));
                int start = Integer.parseInt(range.split(",")[0]);
                int count = range.contains(",") ? Integer.parseInt(range.split(",")[1]) : 1;
                int first = count == 0 ? start : start - 1;
                while (next < first) {
                    result.add(old.get(next++));
                }
            } else if (line.startsWith(" ")) {
                assertThat(old.get(next)).isEqualTo(line.substring(1));
                result.add(old.get(next++));
            } else if (line.startsWith("-")) {
                assertThat(old.get(next)).isEqualTo(line.substring(1));
                next++;
            } else if (line.startsWith("+")) {
                result.add(line.substring(1));
            }
        }
        while (next < old.size()) {
            result.add(old.get(next++));
        }
        StringBuilder s = new StringBuilder();
        for (String r : result) {
            s.append(r).append('\n');
        }
        return s.toString();
    }
}

package dev.keelson.apply.internal;

import java.util.ArrayList;
import java.util.List;

/** A line-based unified diff (LCS, three lines of context), as {@code diff -u} prints it. Internal. */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;
    /** Above this many cells the LCS table is skipped and the whole text is shown as replaced. */
    private static final long MAX_CELLS = 16_000_000L;

    private UnifiedDiff() {
    }

    /** The unified diff of two texts, {@code ""} when they are equal. */
    public static String of(String fromName, String from, String toName, String to) {
        if (from.equals(to)) {
            return "";
        }
        List<String> a = lines(from);
        List<String> b = lines(to);
        List<char[]> ops = script(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(fromName).append('\n').append("+++ ").append(toName).append('\n');
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i)[0] == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < ops.size()) {
                if (ops.get(end)[0] != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            hunk(ops, a, b, start, end, out);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(List<char[]> ops, List<String> a, List<String> b, int start, int end, StringBuilder out) {
        int aLine = 0;
        int bLine = 0;
        for (int k = 0; k < start; k++) {
            char op = ops.get(k)[0];
            if (op != '+') {
                aLine++;
            }
            if (op != '-') {
                bLine++;
            }
        }
        int aCount = 0;
        int bCount = 0;
        for (int k = start; k < end; k++) {
            char op = ops.get(k)[0];
            if (op != '+') {
                aCount++;
            }
            if (op != '-') {
                bCount++;
            }
        }
        out.append("@@ -").append(range(aLine, aCount)).append(" +").append(range(bLine, bCount)).append(" @@\n");
        int ai = aLine;
        int bi = bLine;
        for (int k = start; k < end; k++) {
            char op = ops.get(k)[0];
            if (op == ' ') {
                out.append(' ').append(a.get(ai++)).append('\n');
                bi++;
            } else if (op == '-') {
                out.append('-').append(a.get(ai++)).append('\n');
            } else {
                out.append('+').append(b.get(bi++)).append('\n');
            }
        }
    }

    private static String range(int line, int count) {
        int first = count == 0 ? line : line + 1;
        return count == 1 ? Integer.toString(first) : first + "," + count;
    }

    /** The edit script: one op per line, ' ' keep, '-' delete from a, '+' insert from b. */
    private static List<char[]> script(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        List<char[]> ops = new ArrayList<>(n + m);
        if ((long) n * m > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                ops.add(new char[] {'-'});
            }
            for (int j = 0; j < m; j++) {
                ops.add(new char[] {'+'});
            }
            return ops;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                ops.add(new char[] {' '});
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                ops.add(new char[] {'-'});
                i++;
            } else {
                ops.add(new char[] {'+'});
                j++;
            }
        }
        while (i++ < n) {
            ops.add(new char[] {'-'});
        }
        while (j++ < m) {
            ops.add(new char[] {'+'});
        }
        return ops;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        if (text.isEmpty()) {
            return lines;
        }
        int start = 0;
        for (int k = 0; k < text.length(); k++) {
            if (text.charAt(k) == '\n') {
                lines.add(text.substring(start, k));
                start = k + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}

package dev.keelson.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.core.Problem;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * How problems reach a user on the command line: the table {@code check} prints, and the JSON of
 * {@code check --format json}. Every command that meets an invalid platform prints it the same
 * way. Internal.
 */
public final class ProblemOutput {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProblemOutput() {
    }

    /** The JSON writer the command line uses (indented, one document). */
    public static ObjectMapper json() {
        return JSON;
    }

    /** Whether {@code format} is one the commands with {@code --format} accept. */
    public static boolean validFormat(String format) {
        return "table".equals(format) || "json".equals(format);
    }

    /** {@code SEVERITY RULE WHERE / PROBLEM / FIX}, one block per problem; nothing when there are none. */
    public static void table(PrintWriter out, List<Problem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        int ruleWidth = 4;
        for (Problem p : problems) {
            ruleWidth = Math.max(ruleWidth, p.rule() == null ? 1 : p.rule().length());
        }
        out.printf(Locale.ROOT, "%-8s %-" + ruleWidth + "s %s%n", "SEVERITY", "RULE", "WHERE / PROBLEM / FIX");
        String indent = " ".repeat(10 + ruleWidth);
        for (Problem p : problems) {
            out.printf(Locale.ROOT, "%-8s %-" + ruleWidth + "s %s%n", p.severity().name().toLowerCase(Locale.ROOT),
                    p.rule() == null ? "-" : p.rule(), p.path());
            out.println(indent + p.message());
            if (p.fix() != null) {
                out.println(indent + "fix: " + p.fix());
            }
        }
    }

    /** {@code n error(s), m warning(s)}. */
    public static String counts(List<Problem> problems) {
        long errors = problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).count();
        long warnings = problems.size() - errors;
        return errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s");
    }

    /** Adds {@code "findings": [{severity, rule, path, message, fix}, ...]} to {@code root}. */
    public static void findings(ObjectNode root, List<Problem> problems) {
        ArrayNode list = root.putArray("findings");
        for (Problem p : problems) {
            ObjectNode n = list.addObject();
            n.put("severity", p.severity().name().toLowerCase(Locale.ROOT));
            n.put("rule", p.rule());
            n.put("path", p.path());
            n.put("message", p.message());
            n.put("fix", p.fix());
        }
    }

    /**
     * A platform that does not build, for any command: the table and {@code <platform>: FAILED
     * (...)} on {@code out}, or with {@code json} one document {@code {command, platform, passed:
     * false, findings}}.
     */
    public static void invalid(PrintWriter out, String command, String platform, List<Problem> problems, boolean json) {
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            root.put("command", command);
            root.put("platform", platform);
            root.put("passed", false);
            root.put("error", "the platform is invalid");
            findings(root, problems);
            out.println(root.toPrettyString());
        } else {
            table(out, problems);
            out.println(platform + ": FAILED, the platform is invalid (" + counts(problems) + ")");
        }
        out.flush();
    }
}

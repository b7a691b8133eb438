package dev.keelson.observability.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one place a value enters PromQL: label values are written as escaped string literals, never
 * spliced in raw, so a value cannot close its literal or its braces (a value <code>"} or vector(1)</code>
 * stays text). Also reads the label matchers users give ({@code selector}, {@code errors}) so that
 * placeholders are only ever filled inside a string literal. Internal.
 *
 * <pre>{@code
 * Promql.selector(Map.of("namespace", "shop-prod", "tier", "api"))   // {namespace="shop-prod",tier="api"}
 * Promql.string("a\"b")                                             // "a\"b"
 * }</pre>
 */
public final class Promql {

    /** What Prometheus accepts as a label name (unquoted). */
    public static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** What Prometheus accepts as a metric name (unquoted). */
    public static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private static final List<String> OPERATORS = List.of("=~", "!~", "!=", "=");
    private static final String REGEX_META = "\\.+*?()|[]{}^$";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(?:platform|environment|namespace|tier)}");

    /** One label matcher as written: {@code name op literal}, the literal with its quotes. */
    public record Matcher(String name, String operator, String literal) {

        /** Whether the value is a regular expression ({@code =~}, {@code !~}). */
        public boolean regex() {
            return operator.endsWith("~");
        }
    }

    private Promql() {
    }

    /** {@code value} as a double-quoted PromQL string literal that reads back as exactly {@code value}. */
    public static String string(String value) {
        return quote(value, '"');
    }

    /**
     * {@code value} as an RE2 regular expression that matches exactly {@code value} (for a placeholder in
     * an {@code =~} or {@code !~} matcher); still to be written as a string literal.
     */
    public static String regexLiteral(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (REGEX_META.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** {@code {name="value",...}} for these labels, in their order; every value escaped. */
    public static String selector(Map<String, String> labels) {
        List<String> matchers = new ArrayList<>();
        labels.forEach((name, value) -> matchers.add(labelName(name) + "=" + string(value)));
        return "{" + String.join(",", matchers) + "}";
    }

    /** {@code name}, checked to be a label name. */
    public static String labelName(String name) {
        if (!LABEL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a PromQL label name ([a-zA-Z_][a-zA-Z0-9_]*)");
        }
        return name;
    }

    /**
     * Checks that {@code name} is a metric name, for a parameter given by users.
     *
     * @throws IllegalArgumentException naming the parameter and the value
     */
    public static String metricName(String parameter, String name) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(parameter + " '" + name + "' is not a Prometheus metric name "
                    + "([a-zA-Z_:][a-zA-Z0-9_:]*, e.g. http_requests_total); give the series' name, not an expression");
        }
        return name;
    }

    /**
     * Reads comma-separated label matchers without braces, as {@link dev.keelson.observability.RequestMetrics}
     * takes them: {@code name="value"}, {@code =}, {@code !=}, {@code =~} or {@code !~}, the value a
     * double-quoted, single-quoted or backquoted string literal. Placeholders may only appear inside a
     * quoted (not backquoted) literal, where they can be escaped.
     *
     * @throws IllegalArgumentException naming the parameter, the position and what was expected there
     */
    public static List<Matcher> matchers(String parameter, String text) {
        List<Matcher> out = new ArrayList<>();
        int i = skipSpace(text, 0);
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                i++;
            }
            String name = text.substring(start, i);
            if (!LABEL_NAME.matcher(name).matches()) {
                throw refuse(parameter, text, start, "a label name ([a-zA-Z_][a-zA-Z0-9_]*)");
            }
            i = skipSpace(text, i);
            String operator = null;
            for (String op : OPERATORS) {
                if (text.startsWith(op, i)) {
                    operator = op;
                    break;
                }
            }
            if (operator == null) {
                throw refuse(parameter, text, i, "one of =, !=, =~, !~");
            }
            i = skipSpace(text, i + operator.length());
            int literalStart = i;
            i = endOfLiteral(parameter, text, i);
            String literal = text.substring(literalStart, i);
            if (literal.startsWith("`") && PLACEHOLDER.matcher(literal).find()) {
                throw refuse(parameter, text, literalStart, "a placeholder inside a \"...\" literal (a backquoted one "
                        + "cannot escape the value)");
            }
            out.add(new Matcher(name, operator, literal));
            i = skipSpace(text, i);
            if (i < text.length()) {
                if (text.charAt(i) != ',') {
                    throw refuse(parameter, text, i, "',' and the next matcher");
                }
                i = skipSpace(text, i + 1);
            }
        }
        if (out.isEmpty()) {
            throw refuse(parameter, text, 0, "a label matcher, e.g. code=~\"5..\"");
        }
        return out;
    }

    /**
     * The matchers of {@code template} with each placeholder replaced by its value, escaped for the
     * literal it stands in (and, in a regular expression matcher, quoted so that it matches itself).
     */
    public static String fill(String template, String platform, String environment, String namespace, String tier) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("{platform}", platform);
        values.put("{environment}", environment);
        values.put("{namespace}", namespace);
        values.put("{tier}", tier);
        List<String> out = new ArrayList<>();
        for (Matcher m : matchers("matchers", template)) {
            String literal = m.literal();
            char q = literal.charAt(0);
            if (q != '`') {
                // one pass, so that a value holding "{tier}" stays text
                java.util.regex.Matcher p = PLACEHOLDER.matcher(literal.substring(1, literal.length() - 1));
                StringBuilder body = new StringBuilder();
                while (p.find()) {
                    String value = m.regex() ? regexLiteral(values.get(p.group())) : values.get(p.group());
                    String escaped = quote(value, q);
                    p.appendReplacement(body, java.util.regex.Matcher.quoteReplacement(escaped.substring(1, escaped.length() - 1)));
                }
                p.appendTail(body);
                literal = q + body.toString() + q;
            }
            out.add(m.name() + m.operator() + literal);
        }
        return String.join(",", out);
    }

    private static String quote(String value, char q) {
        StringBuilder out = new StringBuilder(value.length() + 2).append(q);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == q) {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c >= 0x7f && c < 0xa0 || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    out.append(c).append(value.charAt(++i));
                } else {
                    throw new IllegalArgumentException("a lone surrogate (U+" + String.format("%04X", (int) c)
                            + ") at index " + i + " cannot be written in PromQL");
                }
            } else {
                out.append(c);
            }
        }
        return out.append(q).toString();
    }

    private static int endOfLiteral(String parameter, String text, int i) {
        if (i >= text.length() || "\"'`".indexOf(text.charAt(i)) < 0) {
            throw refuse(parameter, text, i, "a string literal (\"...\", '...' or `...`)");
        }
        char q = text.charAt(i);
        int j = i + 1;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (c == '\\' && q != '`') {
                j += 2;
                continue;
            }
            if (c == '\n' && q != '`') {
                break;
            }
            if (c == q) {
                return j + 1;
            }
            j++;
        }
        throw refuse(parameter, text, i, "a string literal closed on the same line");
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static IllegalArgumentException refuse(String parameter, String text, int at, String expected) {
        return new IllegalArgumentException(parameter + " '" + text + "' is not PromQL label matchers: at index " + at
                + " expected " + expected + "; write them like namespace=\"{namespace}\",service=\"{tier}\"");
    }
}

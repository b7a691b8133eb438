package dev.keelson.core.internal.yaml;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * How a scalar is spelled, the one place that decides it for every writer of the package.
 *
 * <p>A string is plain when no YAML 1.1 or 1.2 parser can read it as anything but that string
 * ({@link #isPlain}): no indicator in front, no {@code ": "} or {@code " #"} inside, no control or non-printable
 * character, and nothing that resolves to null, a boolean ({@code on}, {@code yes}, {@code N}, in
 * any case), a number, a timestamp or a merge key. Otherwise it is double-quoted, escaping
 * {@code "} and {@code \}, {@code \n \t \r \0}, and every other non-printable character (C0, DEL,
 * C1, U+2028/2029, the BOM, U+FFFE/FFFF, lone surrogates) as {@code \}{@code uXXXX}. Numbers are
 * spelled so that YAML 1.1 and 1.2 both read them as numbers: {@code 1.0e+20}, {@code .inf},
 * {@code -.inf}, {@code .nan}. Internal.
 *
 * <pre>{@code
 * ScalarStyle.isPlain("on")      // false: YAML 1.1 reads a boolean, so it is written "on"
 * ScalarStyle.floating(1e20)     // "1.0e+20"
 * }</pre>
 */
final class ScalarStyle {

    /** How null is written. */
    static final String NULL = "null";

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** YAML 1.1's booleans and null, its value and merge keys; matched in any case (without lower-casing a copy). */
    private static final String[] RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "=", "<<"};
    /**
     * The union, loosened, of what YAML 1.1 (spec and SnakeYAML), YAML 1.2 (core and JSON
     * schemas) and Jackson resolve to an int, a float or a timestamp: {@code 0123}, {@code 1e3},
     * {@code 0x1F}, {@code 1:30}, {@code 1.0.0}, {@code .5}, {@code .} (a 1.1 float), {@code -.inf},
     * {@code 2024-01-01}. Quantities such as {@code 128Mi} or {@code 100m} stay plain.
     */
    private static final Pattern NUMBER_OR_TIMESTAMP = Pattern.compile(
            "[-+]?(?:[0-9][0-9_]*(?::[0-9_]+)*(?:\\.[0-9_.]*)?(?:[eE][-+]?[0-9_]+)?|0[xXoObB][0-9a-fA-F_]+"
                    + "|\\.[0-9_.]*(?:[eE][-+]?[0-9_]+)?|\\.(?:[iI][nN][fF]|[nN][aA][nN]))"
                    + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt \\t].*)?");
    /** A number as {@link YamlGenerator#writeNumber(String)} passes it through unquoted. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+][0-9]+)?");

    private ScalarStyle() {
    }

    /** Writes {@code s} plain when {@link #isPlain safe}, double-quoted with escapes otherwise. */
    static void string(String s, CharSink out) throws IOException {
        if (isPlain(s)) {
            out.append(s);
            return;
        }
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            } else if (c >= 0xa0 && c != '\u2028' && c != '\u2029' && c != '\ufeff' && c < '\ufffe'
                    && !Character.isSurrogate(c)) {
                out.append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c);
                out.append(s.charAt(++i));
            } else {
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append("\\t");
                    case '\r' -> out.append("\\r");
                    case '\0' -> out.append("\\0");
                    default -> {
                        out.append("\\u");
                        out.append(HEX[c >> 12 & 0xf]);
                        out.append(HEX[c >> 8 & 0xf]);
                        out.append(HEX[c >> 4 & 0xf]);
                        out.append(HEX[c & 0xf]);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Whether {@code s} can be written as a plain scalar: no YAML 1.1 or 1.2 parser reads it as
     * anything but this string. Errs on the side of quoting (all that starts like a number, a
     * timestamp or a keyword in any case is quoted).
     */
    static boolean isPlain(String s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        switch (s.charAt(0)) {
            case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ', '~' -> {
                return false;
            }
            case '-' -> {
                if (n == 1 || s.charAt(1) == ' ' || s.startsWith("---")) {
                    return false;
                }
            }
            case '.' -> {
                if (s.startsWith("...")) {
                    return false;
                }
            }
            default -> {
            }
        }
        char last = s.charAt(n - 1);
        if (last == ' ' || last == ':') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                if (c == ':' && s.charAt(i + 1) == ' ' || c == '#' && s.charAt(i - 1) == ' ') {
                    return false;
                }
            } else if (c < 0xa0 || c == '\u2028' || c == '\u2029' || c == '\ufeff' || c >= '\ufffe') {
                return false;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return !resolvesToNonString(s);
    }

    /** Whether a plain {@code s} could be read as null, a boolean, a number, a timestamp, a merge key. */
    private static boolean resolvesToNonString(String s) {
        int n = s.length();
        if (n <= 5 && reserved(s)) {
            return true;
        }
        char c = s.charAt(0);
        if ((c == '+' || c == '-') && n > 1) {
            c = s.charAt(1);
        }
        return (c >= '0' && c <= '9' || c == '.') && NUMBER_OR_TIMESTAMP.matcher(s).matches();
    }

    /** YAML 1.1's booleans and null in any case, its value and merge keys. */
    private static boolean reserved(String s) {
        for (String word : RESERVED) {
            if (word.equalsIgnoreCase(s)) {
                return true;
            }
        }
        return false;
    }

    /** How a boolean is written. */
    static String bool(boolean b) {
        return b ? "true" : "false";
    }

    /** A double as YAML 1.1 and 1.2 read it: {@code .nan}, {@code .inf}, {@code -.inf}, {@link #decimal} otherwise. */
    static String floating(double v) {
        if (Double.isNaN(v)) {
            return ".nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? ".inf" : "-.inf";
        }
        return decimal(Double.toString(v));
    }

    /** A float as YAML 1.1 and 1.2 read it, as {@link #floating(double)}. */
    static String floating(float v) {
        if (Float.isNaN(v)) {
            return ".nan";
        }
        if (Float.isInfinite(v)) {
            return v > 0 ? ".inf" : "-.inf";
        }
        return decimal(Float.toString(v));
    }

    /**
     * A Java floating-point literal as YAML 1.1 reads it too: a dot before the exponent and a
     * signed exponent ({@code 1.0E20} becomes {@code 1.0e+20}, {@code 1E+3} becomes {@code 1.0e+3});
     * without an exponent, unchanged.
     */
    static String decimal(String java) {
        int e = java.indexOf('E');
        if (e < 0) {
            return java;
        }
        String mantissa = java.substring(0, e);
        if (mantissa.indexOf('.') < 0) {
            mantissa = mantissa + ".0";
        }
        String exponent = java.substring(e + 1);
        if (!exponent.startsWith("-") && !exponent.startsWith("+")) {
            exponent = "+" + exponent;
        }
        return mantissa + "e" + exponent;
    }

    /** Whether an already encoded number reads as a number in YAML 1.1 and 1.2 alike (else it is written as a string). */
    static boolean isNumber(String s) {
        return NUMBER.matcher(s).matches();
    }
}

package dev.keelson.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small, deterministic YAML emitter for Kubernetes objects: block style, two-space indent,
 * sequences at the indentation of their key (as kubectl writes them), and strings quoted exactly
 * when a YAML 1.1 or 1.2 parser could read them as something else. Internal.
 */
public final class Yaml {

    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9_./@%+=,()-]*(?: [A-Za-z0-9_./@%+=,()-]+)*");
    private static final Pattern LOOKS_NUMERIC = Pattern.compile(
            "[-+]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9_]+)(?:[eE][-+]?[0-9]+)?|[-+]?0x[0-9a-fA-F_]+|[-+]?0o?[0-7_]+"
                    + "|[-+]?0b[01_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)"
                    + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*");
    private static final Pattern RESERVED = Pattern.compile(
            "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|<<|=");

    private Yaml() {
    }

    /** An object as YAML, without a document separator. */
    public static String toYaml(HasMetadata object) {
        StringBuilder out = new StringBuilder(2048);
        write(object, out);
        return out.toString();
    }

    /** Appends an object as YAML, without a document separator. */
    public static void write(Object object, StringBuilder out) {
        JsonNode tree = MAPPER.valueToTree(object);
        if (tree.isObject() || tree.isArray()) {
            if (tree.isEmpty()) {
                out.append(tree.isObject() ? "{}\n" : "[]\n");
            } else {
                block(tree, 0, out);
            }
        } else {
            scalar(tree, out);
            out.append('\n');
        }
    }

    /** Appends a tree (an object or a list, never empty) at {@code indent}. */
    private static void block(JsonNode node, int indent, StringBuilder out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                pad(indent, out);
                string(field.getKey(), out);
                out.append(':');
                value(field.getValue(), indent, true, out);
            }
        } else {
            for (JsonNode item : node) {
                pad(indent, out);
                out.append('-');
                if (item.isObject() && !item.isEmpty()) {
                    // the first field sits on the dash's line, the rest below it
                    out.append(' ');
                    StringBuilder nested = new StringBuilder();
                    block(item, indent + 2, nested);
                    out.append(nested, indent + 2, nested.length());
                } else if (item.isArray() && !item.isEmpty()) {
                    out.append('\n');
                    block(item, indent + 2, out);
                } else {
                    out.append(' ');
                    inline(item, out);
                    out.append('\n');
                }
            }
        }
    }

    private static void value(JsonNode v, int indent, boolean inMap, StringBuilder out) {
        if (v.isObject() && !v.isEmpty()) {
            out.append('\n');
            block(v, indent + 2, out);
        } else if (v.isArray() && !v.isEmpty()) {
            out.append('\n');
            block(v, inMap ? indent : indent + 2, out);
        } else {
            out.append(' ');
            inline(v, out);
            out.append('\n');
        }
    }

    private static void inline(JsonNode v, StringBuilder out) {
        if (v.isObject()) {
            out.append("{}");
        } else if (v.isArray()) {
            out.append("[]");
        } else {
            scalar(v, out);
        }
    }

    private static void scalar(JsonNode v, StringBuilder out) {
        if (v.isNull() || v.isMissingNode()) {
            out.append("null");
        } else if (v.isTextual()) {
            string(v.textValue(), out);
        } else if (v.isNumber() || v.isBoolean()) {
            out.append(v.asText());
        } else if (v.isBinary()) {
            string(v.asText(), out);
        } else {
            string(v.asText(), out);
        }
    }

    private static void pad(int indent, StringBuilder out) {
        for (int i = 0; i < indent; i++) {
            out.append(' ');
        }
    }

    /** Appends a string, plain when no YAML parser could misread it, double-quoted otherwise. */
    public static void string(String s, StringBuilder out) {
        if (plain(s)) {
            out.append(s);
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029' || c == '\ufeff'
                            || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static boolean plain(String s) {
        return !s.isEmpty() && PLAIN_SAFE.matcher(s).matches() && !RESERVED.matcher(s).matches()
                && !LOOKS_NUMERIC.matcher(s).matches();
    }
}

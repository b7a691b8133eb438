package dev.keelson.core;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The syntax and size limits the Kubernetes API server enforces, as predicates: the one place
 * where core and every feature module check names, label keys and values, quantities, CIDRs and
 * control characters, so that what {@code build()} accepts the API server accepts too.
 *
 * <pre>{@code
 * if (!KubernetesSyntax.dnsLabel(name)) {
 *     problems.error("KEE-DEP-002", path, "dependency name '" + name + "' is not a DNS label", "use e.g. 'orders-db'");
 * }
 * BigDecimal bytes = KubernetesSyntax.quantity("256Mi");   // 268435456, or null when malformed
 * }</pre>
 *
 * <p>The predicates and {@link #quantity} accept {@code null}, which no syntax matches (they return
 * {@code false} and {@code null}), so a validator can test an optional setting without a null check
 * of its own.
 */
public final class KubernetesSyntax {

    /** The longest DNS-1123 label: Service and Namespace names, label values, label key names. */
    public static final int DNS_LABEL_MAX = 63;
    /** The longest DNS-1123 subdomain: most other object names, label key prefixes. */
    public static final int DNS_SUBDOMAIN_MAX = 253;
    /** The most bytes all annotations of one object may hold together (keys and values). */
    public static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;

    // the API server's quantity grammar (resource.ParseQuantity) without a sign: a negative amount is never meant
    private static final Pattern QUANTITY = Pattern.compile(
            "([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

    private KubernetesSyntax() {
    }

    /** A DNS-1123 label: at most 63 lower-case letters, digits and inner dashes. */
    public static boolean dnsLabel(@Nullable String s) {
        return s != null && s.length() <= DNS_LABEL_MAX && dnsLabelChars(s, 0, s.length(), false);
    }

    /** A DNS-1035 label: a DNS-1123 label that starts with a letter (Service names). */
    public static boolean dns1035Label(@Nullable String s) {
        return s != null && s.length() <= DNS_LABEL_MAX && dnsLabelChars(s, 0, s.length(), true);
    }

    /**
     * A DNS-1123 subdomain as Kubernetes checks it: dot-separated labels of lower-case letters, digits
     * and inner dashes, at most 253 characters in all (a single label may be longer than 63 here).
     */
    public static boolean dnsSubdomain(@Nullable String s) {
        return s != null && dnsSubdomain(s, 0, s.length());
    }

    /** Whether {@code s[from, end)} is a {@link #dnsSubdomain(String) DNS-1123 subdomain}. */
    private static boolean dnsSubdomain(String s, int from, int end) {
        if (from >= end || end - from > DNS_SUBDOMAIN_MAX) {
            return false;
        }
        while (true) {
            int dot = s.indexOf('.', from);
            dot = dot >= end ? -1 : dot;
            int to = dot < 0 ? end : dot;
            if (!dnsLabelChars(s, from, to, false)) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            from = dot + 1;
        }
    }

    /** A label value: empty, or at most 63 letters, digits, '-', '_' and '.', alphanumeric at both ends. */
    public static boolean labelValue(@Nullable String s) {
        return s != null && s.length() <= DNS_LABEL_MAX && (s.isEmpty() || qualifiedNameChars(s, 0, s.length()));
    }

    /**
     * A label or annotation key: an optional DNS-subdomain prefix of at most 253 characters and
     * {@code /}, then a name of at most 63 letters, digits, '-', '_' and '.', alphanumeric at both ends.
     */
    public static boolean labelKey(@Nullable String s) {
        if (s == null) {
            return false;
        }
        int slash = s.indexOf('/');
        if (slash >= 0 && (slash != s.lastIndexOf('/') || !dnsSubdomain(s, 0, slash))) {
            return false;
        }
        int from = slash + 1;
        return from < s.length() && s.length() - from <= DNS_LABEL_MAX && qualifiedNameChars(s, from, s.length());
    }

    /*
     * The four character classes below are scanned by hand rather than with java.util.regex: they
     * run for every name and label of every object written, and the regular expressions were 13% of
     * a warm synthesis (WarmThroughput, 2026-12-07). KubernetesSyntaxTest checks them against the
     * regular expressions of the Kubernetes API server on seeded random strings.
     */

    /** Whether {@code s[from, to)} is {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?} (with a letter first when {@code letterFirst}). */
    private static boolean dnsLabelChars(String s, int from, int to, boolean letterFirst) {
        if (from >= to) {
            return false;
        }
        char first = s.charAt(from);
        if (!(first >= 'a' && first <= 'z' || !letterFirst && first >= '0' && first <= '9')) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' && i < to - 1)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s[from, to)} is {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}. */
    private static boolean qualifiedNameChars(String s, int from, int to) {
        if (from >= to || !alphanumeric(s.charAt(from)) || !alphanumeric(s.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = s.charAt(i);
            if (!(alphanumeric(c) || c == '-' || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean alphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /**
     * The value of a non-negative resource quantity ({@code 100m}, {@code 1.5}, {@code 256Mi},
     * {@code 1e3}, {@code 10n}) in base units, or {@code null} when the API server would refuse it.
     */
    public static @Nullable BigDecimal quantity(@Nullable String s) {
        if (s == null || s.length() > 64) {
            return null;
        }
        Matcher m = QUANTITY.matcher(s);
        if (!m.matches()) {
            return null;
        }
        String suffix = m.group(2);
        try {
            BigDecimal number = new BigDecimal(m.group(1));
            if (suffix == null) {
                return number;
            }
            return switch (suffix) {
                case "Ki" -> number.multiply(BigDecimal.valueOf(1L << 10));
                case "Mi" -> number.multiply(BigDecimal.valueOf(1L << 20));
                case "Gi" -> number.multiply(BigDecimal.valueOf(1L << 30));
                case "Ti" -> number.multiply(BigDecimal.valueOf(1L << 40));
                case "Pi" -> number.multiply(BigDecimal.valueOf(1L << 50));
                case "Ei" -> number.multiply(BigDecimal.valueOf(1L << 60));
                case "n" -> number.movePointLeft(9);
                case "u" -> number.movePointLeft(6);
                case "m" -> number.movePointLeft(3);
                case "k" -> number.movePointRight(3);
                case "M" -> number.movePointRight(6);
                case "G" -> number.movePointRight(9);
                case "T" -> number.movePointRight(12);
                case "P" -> number.movePointRight(15);
                case "E" -> number.movePointRight(18);
                default -> number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
            };
        } catch (NumberFormatException | ArithmeticException e) {
            return null; // an exponent beyond what an int holds: no real quantity
        }
    }

    /** An IPv4 address in dotted-decimal form, without leading zeros (as Go's {@code net.ParseIP} reads it). */
    public static boolean ipv4(@Nullable String s) {
        return s != null && IPV4.matcher(s).matches();
    }

    /**
     * An IPv6 address in the text forms of RFC 4291 section 2.2: eight groups of one to four hex
     * digits, at most one {@code ::}, optionally ending in an IPv4 address; no zone ({@code %eth0}),
     * no brackets.
     */
    public static boolean ipv6(@Nullable String s) {
        if (s == null || s.length() < 2 || s.length() > 45) {
            return false;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        int groups;
        if (gap >= 0) {
            String head = s.substring(0, gap);
            String tail = s.substring(gap + 2);
            int h = head.isEmpty() ? 0 : groups(head, false);
            int t = tail.isEmpty() ? 0 : groups(tail, true);
            if (h < 0 || t < 0) {
                return false;
            }
            groups = h + t;
            return groups <= 7;
        }
        groups = groups(s, true);
        return groups == 8;
    }

    /** How many 16-bit groups {@code part} holds (an IPv4 tail counts 2), or -1 when malformed. */
    private static int groups(String part, boolean ipv4Tail) {
        String[] fields = part.split(":", -1);
        int count = 0;
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            if (ipv4Tail && i == fields.length - 1 && f.indexOf('.') >= 0) {
                if (!ipv4(f)) {
                    return -1;
                }
                count += 2;
            } else if (HEX_GROUP.matcher(f).matches()) {
                count++;
            } else {
                return -1;
            }
        }
        return count;
    }

    /**
     * A CIDR as {@code net.ParseCIDR} reads it: an IPv4 address with a prefix length of 0 to 32, or
     * an IPv6 address with a prefix length of 0 to 128, in decimal without leading zeros.
     */
    public static boolean cidr(@Nullable String s) {
        if (s == null) {
            return false;
        }
        int slash = s.indexOf('/');
        if (slash < 0 || slash != s.lastIndexOf('/')) {
            return false;
        }
        String address = s.substring(0, slash);
        String bits = s.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')
                || bits.length() > 1 && bits.charAt(0) == '0') {
            return false;
        }
        int prefix = Integer.parseInt(bits);
        if (ipv4(address)) {
            return prefix <= 32;
        }
        return ipv6(address) && prefix <= 128;
    }

    /**
     * The index of the first control character in {@code s} (C0 other than tab, line feed and
     * carriage return, DEL, C1), or -1 when there is none.
     */
    public static int controlCharacter(String s) {
        Require.nonNull(s, "s");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7f && c <= 0x9f) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the first control character in {@code s}, tab, line feed and carriage return
     * included (for names, paths, hosts: one line, no escapes), or -1 when there is none.
     */
    public static int controlCharacterOrLineBreak(String s) {
        Require.nonNull(s, "s");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                return i;
            }
        }
        return -1;
    }

    /** {@code U+007F}-style name of the character at {@code index} of {@code s}, for messages. */
    public static String describeCharacter(String s, int index) {
        Require.nonNull(s, "s");
        return String.format("U+%04X", (int) s.charAt(index));
    }
}

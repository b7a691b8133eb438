package dev.keelson.core.internal;

import dev.keelson.core.KubernetesSyntax;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/** The Kubernetes naming and value rules, as predicates (the API server's own in {@link KubernetesSyntax}). Internal. */
public final class Names {

    private static final Pattern IANA_SVC_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Pattern INT_OR_PERCENT = Pattern.compile("[0-9]{1,9}%?");
    private static final Pattern CAPABILITY = Pattern.compile("[A-Z][A-Z_]*");
    private static final Pattern HTTP_METHOD = Pattern.compile("[A-Z]+");

    private Names() {
    }

    /** A DNS-1123 label: at most 63 lower-case letters, digits and inner dashes. */
    public static boolean dnsLabel(String s) {
        return KubernetesSyntax.dnsLabel(s);
    }

    /** A DNS-1035 label: a DNS-1123 label that starts with a letter (Service names). */
    public static boolean dns1035Label(String s) {
        return KubernetesSyntax.dns1035Label(s);
    }

    /** A DNS-1123 subdomain: dot-separated labels, at most 253 characters. */
    public static boolean dnsSubdomain(String s) {
        return KubernetesSyntax.dnsSubdomain(s);
    }

    /**
     * A host an Ingress accepts and DNS can resolve: a DNS subdomain of labels of at most 63
     * characters, optionally {@code *.}-prefixed, and not an IP address.
     */
    public static boolean host(String s) {
        String rest = s.startsWith("*.") ? s.substring(2) : s;
        if (!dnsSubdomain(rest) || s.length() > 253 || ipv4(rest)) {
            return false;
        }
        for (String label : rest.split("\\.")) {
            if (label.length() > 63) {
                return false;
            }
        }
        return true;
    }

    /** An IANA service name, as Kubernetes port names must be. */
    public static boolean portName(String s) {
        return s.length() <= 15 && IANA_SVC_NAME.matcher(s).matches() && !s.contains("--")
                && s.chars().anyMatch(Character::isLetter);
    }

    /** A label value: at most 63 characters, alphanumeric at both ends. */
    public static boolean labelValue(String s) {
        return KubernetesSyntax.labelValue(s);
    }

    /** A label or annotation key: an optional DNS-subdomain prefix and a name of at most 63 characters. */
    public static boolean labelKey(String s) {
        return KubernetesSyntax.labelKey(s);
    }

    /** An environment variable name Kubernetes accepts. */
    public static boolean envName(String s) {
        return ENV_NAME.matcher(s).matches();
    }

    /** A ConfigMap or Secret key. */
    public static boolean configKey(String s) {
        return s.length() <= 253 && CONFIG_KEY.matcher(s).matches();
    }

    /** A resource quantity such as {@code 100m}, {@code 1.5}, {@code 256Mi}. */
    public static boolean quantity(String s) {
        return KubernetesSyntax.quantity(s) != null;
    }

    /** The value of a quantity in base units, or {@code null} when it is malformed. */
    public static BigDecimal quantityValue(String s) {
        return KubernetesSyntax.quantity(s);
    }

    /** A count or a percentage such as {@code 1} or {@code 25%}. */
    public static boolean intOrPercent(String s) {
        return INT_OR_PERCENT.matcher(s).matches() && (!s.endsWith("%") || Integer.parseInt(s.substring(0, s.length() - 1)) <= 100);
    }

    /** Whether an int-or-percent value is zero. */
    public static boolean zero(String s) {
        return s.replace("%", "").chars().allMatch(c -> c == '0');
    }

    /** A Linux capability name without the {@code CAP_} prefix. */
    public static boolean capability(String s) {
        return CAPABILITY.matcher(s).matches();
    }

    /** An HTTP method token. */
    public static boolean httpMethod(String s) {
        return HTTP_METHOD.matcher(s).matches();
    }

    /** An IPv4 or IPv6 CIDR. */
    public static boolean cidr(String s) {
        return KubernetesSyntax.cidr(s);
    }

    /** An IPv4 address. */
    public static boolean ipv4(String s) {
        return KubernetesSyntax.ipv4(s);
    }
}

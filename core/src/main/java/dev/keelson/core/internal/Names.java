package dev.keelson.core.internal;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** The Kubernetes naming and value rules, as predicates. Internal. */
public final class Names {

    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern IANA_SVC_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Pattern QUANTITY = Pattern.compile(
            "(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
    private static final Pattern INT_OR_PERCENT = Pattern.compile("[0-9]{1,9}%?");
    private static final Pattern CAPABILITY = Pattern.compile("[A-Z][A-Z_]*");
    private static final Pattern HTTP_METHOD = Pattern.compile("[A-Z]+");
    private static final Pattern IPV4_CIDR =
            Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])");
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern IPV6_CIDR = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:]*/(12[0-8]|1[01][0-9]|[1-9]?[0-9])");

    private Names() {
    }

    /** A DNS-1123 label: at most 63 lower-case letters, digits and inner dashes. */
    public static boolean dnsLabel(String s) {
        return s.length() <= 63 && DNS1123_LABEL.matcher(s).matches();
    }

    /** A DNS-1035 label: a DNS-1123 label that starts with a letter (Service names). */
    public static boolean dns1035Label(String s) {
        return s.length() <= 63 && DNS1035_LABEL.matcher(s).matches();
    }

    /** A DNS-1123 subdomain: dot-separated labels, at most 253 characters. */
    public static boolean dnsSubdomain(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        for (String label : s.split("\\.", -1)) {
            if (label.isEmpty() || !DNS1123_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
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
        return s.length() <= 63 && LABEL_VALUE.matcher(s).matches();
    }

    /** A label or annotation key: an optional DNS-subdomain prefix and a name of at most 63 characters. */
    public static boolean labelKey(String s) {
        int slash = s.lastIndexOf('/');
        String name = slash < 0 ? s : s.substring(slash + 1);
        if (slash >= 0 && !dnsSubdomain(s.substring(0, slash))) {
            return false;
        }
        return !name.isEmpty() && name.length() <= 63 && QUALIFIED_NAME.matcher(name).matches();
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
        return QUANTITY.matcher(s).matches();
    }

    /** The value of a quantity in base units, or {@code null} when it is malformed. */
    public static BigDecimal quantityValue(String s) {
        if (!quantity(s)) {
            return null;
        }
        String[][] suffixes = {
            {"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
            {"Pi", "1125899906842624"}, {"Ei", "1152921504606846976"},
            {"m", "0.001"}, {"k", "1000"}, {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"},
            {"P", "1000000000000000"}, {"E", "1000000000000000000"}};
        try {
            for (String[] suffix : suffixes) {
                if (s.endsWith(suffix[0]) && !s.matches(".*[eE][+-]?[0-9]+")) {
                    return new BigDecimal(s.substring(0, s.length() - suffix[0].length())).multiply(new BigDecimal(suffix[1]));
                }
            }
            return new BigDecimal(s);
        } catch (NumberFormatException | ArithmeticException e) {
            // an exponent beyond what BigDecimal holds (e.g. 1e9999999999): no real quantity
            return null;
        }
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
        return IPV4_CIDR.matcher(s).matches() || IPV6_CIDR.matcher(s).matches();
    }

    /** An IPv4 address. */
    public static boolean ipv4(String s) {
        return IPV4.matcher(s).matches();
    }
}

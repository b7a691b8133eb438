package dev.keelson.observability.internal;

import java.util.regex.Pattern;

/** Kubernetes naming rules this module checks. Internal. */
public final class Names {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    private Names() {
    }

    /** Whether {@code s} is an RFC 1123 DNS label (namespaces, most names). */
    public static boolean dnsLabel(String s) {
        return s != null && DNS_LABEL.matcher(s).matches();
    }

    /** Whether {@code s} is a valid label value (possibly empty). */
    public static boolean labelValue(String s) {
        return s != null && LABEL_VALUE.matcher(s).matches();
    }
}

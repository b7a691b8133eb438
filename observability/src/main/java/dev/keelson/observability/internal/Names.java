package dev.keelson.observability.internal;

import dev.keelson.core.KubernetesSyntax;

/** Kubernetes naming rules this module checks, core's {@link KubernetesSyntax}. Internal. */
public final class Names {

    private Names() {
    }

    /** Whether {@code s} is an RFC 1123 DNS label (namespaces, most names). */
    public static boolean dnsLabel(String s) {
        return KubernetesSyntax.dnsLabel(s);
    }

    /** Whether {@code s} is a valid label value (possibly empty). */
    public static boolean labelValue(String s) {
        return KubernetesSyntax.labelValue(s);
    }
}

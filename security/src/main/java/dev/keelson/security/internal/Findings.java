package dev.keelson.security.internal;

import dev.keelson.security.SecurityRule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * The findings of one run of the policy check, in the order the rule families report them. Holds
 * no rules. Internal.
 */
final class Findings {

    private final List<PolicyCheck.Finding> found = new ArrayList<>();

    /** Reports that {@code object} breaks {@code rule} at {@code field}. */
    void add(SecurityRule rule, HasMetadata object, String field, String message, String fix) {
        found.add(new PolicyCheck.Finding(rule, object, field, message, fix));
    }

    /** Every finding so far, in the order reported. */
    List<PolicyCheck.Finding> list() {
        return found;
    }
}

package dev.keelson.core.internal;

import dev.keelson.core.KubernetesSyntax;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.Problems;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One concern of {@link ModelValidator}'s checks (a family of rule IDs), reporting to the
 * validator's {@link Problems}, with the checks several concerns share.
 */
abstract class Checks {

    private final Problems problems;

    Checks(Problems problems) {
        this.problems = problems;
    }

    final void error(String rule, ModelPath path, String message, @Nullable String fix) {
        problems.error(rule, path, message, fix);
    }

    final void warning(String rule, ModelPath path, String message, @Nullable String fix) {
        problems.warning(rule, path, message, fix);
    }

    final void checkLabels(Map<String, String> labels, ModelPath path) {
        labels.forEach((k, v) -> {
            if (!Names.labelKey(k)) {
                error("KEE-LABEL-001", path.key(k), "label key '" + k + "' is not valid",
                        "use an optional DNS prefix and a name of at most 63 letters, digits, '-', '_' and '.'");
            }
            if (!Names.labelValue(v)) {
                error("KEE-LABEL-002", path.key(k), "label value '" + v + "' is not valid",
                        "use at most 63 letters, digits, '-', '_' and '.', alphanumeric at both ends");
            }
        });
    }

    /** A path or name is one line of printable characters: kubectl's YAML reader and most servers refuse the rest. */
    final void controlCharacters(String value, String what, ModelPath path) {
        int at = KubernetesSyntax.controlCharacterOrLineBreak(value);
        if (at >= 0) {
            error("KEE-CHAR-001", path, what + " '" + printable(value) + "' contains the control character "
                            + KubernetesSyntax.describeCharacter(value, at) + " at index " + at,
                    "remove it; percent-encode it (%" + String.format("%02X", (int) value.charAt(at)) + ") if it belongs in a URL path");
        }
    }

    /** {@code value} with control characters shown as Java escapes (backslash, u, four hex digits), so a message stays one line. */
    private static String printable(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static String portNames(Tier tier) {
        return tier.ports().isEmpty() ? "(none declared)" : String.join(", ", tier.ports().stream().map(Port::name).toList());
    }
}

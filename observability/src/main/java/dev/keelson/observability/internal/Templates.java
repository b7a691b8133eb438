package dev.keelson.observability.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Placeholders, numbers and durations as Prometheus and the OpenTelemetry SDKs read them. Internal. */
public final class Templates {

    /** The placeholders a template may use. */
    public static final List<String> PLACEHOLDERS = List.of("{platform}", "{environment}", "{namespace}", "{tier}");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*}");

    private Templates() {
    }

    /**
     * Checks that {@code template} uses only known placeholders.
     *
     * @throws IllegalArgumentException naming the parameter, the unknown placeholder and the known ones
     */
    public static String check(String parameter, String template) {
        if (template == null) {
            throw new IllegalArgumentException(parameter + " must not be null");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group())) {
                throw new IllegalArgumentException(parameter + " '" + template + "' uses unknown placeholder " + m.group()
                        + "; use " + String.join(", ", PLACEHOLDERS));
            }
        }
        return template;
    }

    /** The template with its placeholders replaced. */
    public static String fill(String template, String platform, String environment, String namespace, String tier) {
        return template.replace("{platform}", platform).replace("{environment}", environment)
                .replace("{namespace}", namespace).replace("{tier}", tier);
    }

    /** A number without exponent or trailing zeros: {@code 0.001}, {@code 14.4}, {@code 500}. */
    public static String number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }

    /** A Prometheus duration in its largest whole unit: {@code 30s}, {@code 5m}, {@code 1h}, {@code 30d}, {@code 250ms}. */
    public static String duration(Duration d) {
        long ms = d.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0) {
                return (ms / sizes[i]) + units[i];
            }
        }
        return ms + "ms";
    }
}

package dev.keelson.core;

import java.util.List;

/**
 * Every problem that stops a platform from being built or synthesized, at once.
 *
 * <pre>
 * platform 'shop' has 2 problems:
 *   [shop/tiers/api/ports/grpc] port 70000 is not in 1..65535. Fix: use a port number from 1 to 65535
 *   [shop/tiers/web/talksTo/cart] talksTo names tier 'cart', which does not exist. Fix: ...
 * </pre>
 *
 * <p>{@link #problems()} gives them as data, in the order found; paths are stable.
 */
public final class ValidationException extends RuntimeException {

    /** The name of the platform whose building failed. */
    private final String platform;
    private final transient List<Problem> problems;

    /** An exception for platform {@code platform} listing {@code problems} (at least one). */
    public ValidationException(String platform, List<Problem> problems) {
        super(format(Require.nonNull(platform, "platform"), Require.noNulls(problems, "problems")));
        this.platform = platform;
        this.problems = List.copyOf(problems);
    }

    /** The platform's name. */
    public String platform() {
        return platform;
    }

    /** The problems, in the order found. */
    public List<Problem> problems() {
        return problems;
    }

    private static String format(String platform, List<Problem> problems) {
        long errors = problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).count();
        StringBuilder out = new StringBuilder()
                .append("platform '").append(platform).append("' has ").append(errors)
                .append(errors == 1 ? " problem:" : " problems:");
        for (Problem p : problems) {
            out.append("\n  ");
            if (p.severity() == Problem.Severity.WARNING) {
                out.append("(warning) ");
            }
            out.append(p);
        }
        return out.toString();
    }
}

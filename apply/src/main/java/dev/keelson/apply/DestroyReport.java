package dev.keelson.apply;

import dev.keelson.core.Require;
import java.util.List;
import java.util.Locale;

/**
 * What {@link Apply#destroy()} deleted: the members of the environment's ApplySet, dependants
 * first and Namespaces last, then the ApplySet's parent Secret.
 *
 * <pre>{@code
 * DestroyReport report = cluster.apply(platform).environment("dev").destroy();
 * System.out.print(report);          // one line per object and a summary
 * System.exit(report.exitCode());    // 0 done, 1 error
 * }</pre>
 *
 * @param platform the platform's name
 * @param environment the environment's name
 * @param server the API server's URL
 * @param dryRun whether nothing was deleted (the objects are those that would be)
 * @param applySet the ApplySet id whose members were deleted
 * @param parent the parent Secret, {@code namespace/name}
 * @param objects per object, in the order deleted, the parent last; empty when there was no ApplySet
 * @param error what stopped it ({@code ""} when nothing did)
 */
public record DestroyReport(String platform, String environment, String server, boolean dryRun, String applySet,
                            String parent, List<ObjectResult> objects, String error) {

    /**
     * Checks {@code platform}, {@code environment}, {@code server}, {@code applySet}, {@code parent}, {@code objects}
     * and {@code error} at once, naming the argument and the call when one is invalid. Copies the collections, so the
     * value stays immutable.
     *
     * @param platform the platform's name
     * @param environment the environment's name
     * @param server the API server's URL
     * @param dryRun whether nothing was deleted (the objects are those that would be)
     * @param applySet the ApplySet id whose members were deleted
     * @param parent the parent Secret, {@code namespace/name}
     * @param objects per object, in the order deleted, the parent last; empty when there was no ApplySet
     * @param error what stopped it ({@code ""} when nothing did)
     */
    public DestroyReport {
        Require.nonNull(platform, "platform");
        Require.nonNull(environment, "environment");
        Require.nonNull(server, "server");
        Require.nonNull(applySet, "applySet");
        Require.nonNull(parent, "parent");
        Require.noNulls(objects, "objects");
        Require.nonNull(error, "error");
        objects = List.copyOf(objects);
    }

    /** Whether everything was deleted (or, in a dry run, listed) and is gone. */
    public boolean succeeded() {
        return error.isEmpty() && objects.stream().noneMatch(o -> o.outcome().error());
    }

    /** 0 done (also when there was nothing to delete), 1 error. */
    public int exitCode() {
        return succeeded() ? 0 : 1;
    }

    /** The first line of the text form. */
    String header() {
        return (dryRun ? "dry run: destroy " : "destroy ") + platform + "/" + environment + " on " + server + " (ApplySet "
                + applySet + ")\n";
    }

    /** One object's line. */
    String line(ObjectResult r) {
        return line(r, dryRun);
    }

    /** One object's line, as printed while deleting. */
    static String line(ObjectResult r, boolean dryRun) {
        String label = switch (r.outcome()) {
            case DELETED -> dryRun ? "would delete" : "deleted";
            case FAILED -> "failed";
            default -> r.outcome().name().toLowerCase(Locale.ROOT);
        };
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  %-13s %s", label, r.object()));
        if (r.attempts() > 1) {
            out.append(" [").append(r.attempts()).append(" attempts]");
        }
        out.append('\n');
        if (!r.message().isEmpty()) {
            out.append("                  ").append(r.message()).append('\n');
        }
        return out.toString();
    }

    /** The error and the summary line. */
    String tail() {
        StringBuilder out = new StringBuilder();
        if (!error.isEmpty()) {
            out.append("error: ").append(error).append('\n');
        }
        long deleted = objects.stream().filter(o -> o.outcome() == ObjectResult.Outcome.DELETED).count();
        long failed = objects.size() - deleted;
        if (objects.isEmpty() && error.isEmpty()) {
            out.append("nothing to destroy: there is no ApplySet parent Secret ").append(parent)
                    .append(" (never applied, or already destroyed)\n");
        } else if (succeeded()) {
            out.append(dryRun ? "dry run done: " + deleted + " would be deleted (run with --yes to delete them)\n"
                    : "done: " + deleted + " deleted\n");
        } else {
            out.append("FAILED: ").append(deleted).append(dryRun ? " would be deleted, " : " deleted, ").append(failed)
                    .append(" failed. Run again to delete the rest.\n");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(header());
        objects.forEach(o -> out.append(line(o)));
        return out.append(tail()).toString();
    }
}

package dev.keelson.apply;

import dev.keelson.core.Require;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link Apply#run()} did to the cluster, object by object, in the order applied. When a step
 * fails, the report still says exactly what was applied and what was not; running apply again
 * converges.
 *
 * <pre>{@code
 * ApplyReport report = Cluster.of(client).apply(platform).environment("prod").run();
 * System.out.println(report);            // one line per object and a summary
 * System.exit(report.exitCode());        // 0 done, 1 error
 * }</pre>
 *
 * @param platform the platform's name
 * @param environment the environment's name
 * @param server the API server's URL
 * @param dryRun whether nothing was written (server-side dry run)
 * @param applySet the ApplySet id ({@code applyset.kubernetes.io/id}) the objects belong to
 * @param missingDefinitions CRDs the manifest needs that the cluster lacks; when not empty,
 *     nothing was written
 * @param objects per object, what happened, in order
 * @param orphans members of the ApplySet that are no longer in the platform and were kept, because
 *     pruning was off (or an earlier step failed)
 * @param rollouts with {@code --wait}, each workload's rollout (Deployments, StatefulSets, DaemonSets, Jobs); empty otherwise
 * @param error what stopped the run before or between objects (e.g. an unreadable ApplySet
 *     parent, a wait timeout); {@code ""} when nothing did
 */
public record ApplyReport(String platform, String environment, String server, boolean dryRun, String applySet,
                          List<MissingDefinition> missingDefinitions, List<ObjectResult> objects, List<ObjectRef> orphans,
                          List<Rollout> rollouts, String error) {

    /**
     * Checks {@code platform}, {@code environment}, {@code server}, {@code applySet}, {@code missingDefinitions},
     * {@code objects}, {@code orphans}, {@code rollouts} and {@code error} at once, naming the argument and the call
     * when one is invalid. Copies the collections, so the value stays immutable.
     *
     * @param platform the platform's name
     * @param environment the environment's name
     * @param server the API server's URL
     * @param dryRun whether nothing was written (server-side dry run)
     * @param applySet the ApplySet id ({@code applyset.kubernetes.io/id}) the objects belong to
     * @param missingDefinitions CRDs the manifest needs that the cluster lacks; when not empty,
     *     nothing was written
     * @param objects per object, what happened, in order
     * @param orphans members of the ApplySet that are no longer in the platform and were kept, because
     *     pruning was off (or an earlier step failed)
     * @param rollouts with {@code --wait}, each workload's rollout (Deployments, StatefulSets, DaemonSets, Jobs); empty otherwise
     * @param error what stopped the run before or between objects (e.g. an unreadable ApplySet
     *     parent, a wait timeout); {@code ""} when nothing did
     */
    public ApplyReport {
        Require.nonNull(platform, "platform");
        Require.nonNull(environment, "environment");
        Require.nonNull(server, "server");
        Require.nonNull(applySet, "applySet");
        Require.noNulls(missingDefinitions, "missingDefinitions");
        Require.noNulls(objects, "objects");
        Require.noNulls(orphans, "orphans");
        Require.noNulls(rollouts, "rollouts");
        Require.nonNull(error, "error");
        missingDefinitions = List.copyOf(missingDefinitions);
        objects = List.copyOf(objects);
        orphans = List.copyOf(orphans);
        rollouts = List.copyOf(rollouts);
    }

    /** Whether everything was applied (and, with {@code --wait}, rolled out). */
    public boolean succeeded() {
        return missingDefinitions.isEmpty() && error.isEmpty()
                && objects.stream().noneMatch(o -> o.outcome().error())
                && rollouts.stream().allMatch(Rollout::ready);
    }

    /** Whether any object was (or, in a dry run, would be) created, changed or pruned. */
    public boolean changed() {
        return objects.stream().anyMatch(o -> o.outcome().changes());
    }

    /** How many objects had {@code outcome}. */
    public long count(ObjectResult.Outcome outcome) {
        Require.nonNull(outcome, "outcome");
        return objects.stream().filter(o -> o.outcome() == outcome).count();
    }

    /**
     * The exit code for a command line, as {@code kubectl apply}'s: 0 done (in a dry run, whether or
     * not something would change: {@code diff} is the gate for that), 1 on any error.
     */
    public int exitCode() {
        return succeeded() ? 0 : 1;
    }

    /** One line per object, then the missing CRDs, rollouts and a summary. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(header());
        for (ObjectResult r : objects) {
            out.append(line(r));
        }
        return out.append(tail()).toString();
    }

    /** The first line of the text form. */
    String header() {
        return (dryRun ? "dry run: apply " : "apply ") + platform + '/' + environment + " to " + server + " (ApplySet "
                + applySet + ")\n";
    }

    /** One object's lines of the text form. */
    String line(ObjectResult r) {
        return line(r, dryRun);
    }

    /** One object's lines of the text form, as printed while applying. */
    static String line(ObjectResult r, boolean dryRun) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "  %-13s %s", label(r.outcome(), dryRun), r.object()));
        if (!r.fields().isEmpty()) {
            out.append(": ").append(String.join(", ", r.fields().subList(0, Math.min(6, r.fields().size()))));
            if (r.fields().size() > 6) {
                out.append(", ... (").append(r.fields().size()).append(" fields)");
            }
        }
        if (r.attempts() > 1) {
            out.append(" [").append(r.attempts()).append(" attempts]");
        }
        out.append('\n');
        for (Conflict c : r.conflicts()) {
            out.append("                  conflict: ").append(c).append('\n');
        }
        if (!r.message().isEmpty()) {
            out.append("                  ").append(r.message()).append('\n');
        }
        return out.toString();
    }

    /** The text form after the objects: missing CRDs, orphans, rollouts, the error and the summary. */
    String tail() {
        StringBuilder out = new StringBuilder();
        if (!missingDefinitions.isEmpty()) {
            out.append("stopped before any write: the cluster lacks ").append(missingDefinitions.size())
                    .append(" CustomResourceDefinition").append(missingDefinitions.size() == 1 ? "" : "s")
                    .append(" the manifest uses:\n");
            for (MissingDefinition m : missingDefinitions) {
                out.append("  missing ").append(m).append('\n');
            }
            out.append("Fix: install them (or drop the features that use them), then run again.\n");
        }
        if (!orphans.isEmpty()) {
            out.append("kept ").append(orphans.size()).append(" object").append(orphans.size() == 1 ? "" : "s")
                    .append(" no longer in the platform (apply with --prune to delete):\n");
            for (ObjectRef o : orphans) {
                out.append("  orphan        ").append(o).append('\n');
            }
        }
        for (Rollout r : rollouts) {
            out.append("  ").append(String.format(Locale.ROOT, "%-13s ", r.ready() ? "ready"
                    : r.status().startsWith("failed") ? "failed" : "not ready"))
                    .append(r.object()).append(" (").append(r.status()).append(")\n");
        }
        if (!error.isEmpty()) {
            out.append("error: ").append(error).append('\n');
        }
        Map<ObjectResult.Outcome, Long> counts = new EnumMap<>(ObjectResult.Outcome.class);
        for (ObjectResult r : objects) {
            counts.merge(r.outcome(), 1L, Long::sum);
        }
        StringBuilder summary = new StringBuilder();
        for (Map.Entry<ObjectResult.Outcome, Long> e : counts.entrySet()) {
            summary.append(summary.length() == 0 ? "" : ", ").append(e.getValue()).append(' ')
                    .append(label(e.getKey()).trim());
        }
        out.append(succeeded() ? (dryRun ? "dry run done: " : "done: ") : "FAILED: ")
                .append(summary.length() == 0 ? "no objects" : summary);
        if (!succeeded() && missingDefinitions.isEmpty() && !objects.isEmpty()) {
            out.append(". What is marked created, changed or unchanged is in place; fix the errors and run again to converge.");
        }
        out.append('\n');
        return out.toString();
    }

    private String label(ObjectResult.Outcome outcome) {
        return label(outcome, dryRun);
    }

    private static String label(ObjectResult.Outcome outcome, boolean dryRun) {
        return switch (outcome) {
            case CREATED -> dryRun ? "would create" : "created";
            case CHANGED -> dryRun ? "would change" : "changed";
            case UNCHANGED -> "unchanged";
            case PRUNED -> dryRun ? "would prune" : "pruned";
            case CONFLICT -> "conflict";
            case FAILED -> "failed";
            case NOT_ATTEMPTED -> "not applied";
            case DELETED -> dryRun ? "would delete" : "deleted";
        };
    }
}

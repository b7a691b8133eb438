package dev.keelson.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * {@code --format json} of diff, apply and destroy: one indented JSON document per run, on standard
 * output, whatever the outcome (see docs/apply.md for the fields).
 */
final class JsonOutput {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    static String apply(ApplyReport report) {
        return pretty(applyNode("apply", report, report.exitCode()));
    }

    static String diff(DiffReport diff) {
        ObjectNode root = applyNode("diff", diff.plan(), diff.exitCode());
        root.put("changed", diff.changed());
        root.set("diffs", diffs(diff.objects()));
        return pretty(root);
    }

    static String offlineDiff(String platform, String against, List<dev.keelson.apply.internal.OfflineDiff.Result> results,
                              int exitCode) {
        ObjectNode root = JSON.createObjectNode();
        root.put("command", "diff");
        root.put("platform", platform);
        root.put("against", against);
        root.put("succeeded", true);
        root.put("exitCode", exitCode);
        root.put("changed", results.stream().anyMatch(dev.keelson.apply.internal.OfflineDiff.Result::changed));
        ArrayNode envs = root.putArray("environments");
        for (var r : results) {
            ObjectNode env = envs.addObject();
            env.put("environment", r.environment());
            env.put("folder", r.against().toString());
            env.put("changed", r.changed());
            env.set("diffs", diffs(r.objects()));
        }
        root.put("error", "");
        return pretty(root);
    }

    static String destroy(DestroyReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("command", "destroy");
        root.put("platform", report.platform());
        root.put("environment", report.environment());
        root.put("server", report.server());
        root.put("dryRun", report.dryRun());
        root.put("applySet", report.applySet());
        root.put("parent", report.parent());
        root.put("succeeded", report.succeeded());
        root.put("exitCode", report.exitCode());
        ArrayNode objects = root.putArray("objects");
        report.objects().forEach(o -> result(objects.addObject(), o));
        root.put("error", report.error());
        return pretty(root);
    }

    /** A run that stopped before it had a report (bad option, no kubeconfig, unknown environment). */
    static String error(String command, String message, int exitCode) {
        ObjectNode root = JSON.createObjectNode();
        root.put("command", command);
        root.put("succeeded", false);
        root.put("exitCode", exitCode);
        root.put("error", message);
        return pretty(root);
    }

    private static ObjectNode applyNode(String command, ApplyReport report, int exitCode) {
        ObjectNode root = JSON.createObjectNode();
        root.put("command", command);
        root.put("platform", report.platform());
        root.put("environment", report.environment());
        root.put("server", report.server());
        root.put("dryRun", report.dryRun());
        root.put("applySet", report.applySet());
        root.put("succeeded", report.succeeded());
        root.put("exitCode", exitCode);
        ArrayNode missing = root.putArray("missingDefinitions");
        for (MissingDefinition m : report.missingDefinitions()) {
            ObjectNode n = missing.addObject();
            n.put("product", m.product());
            n.put("group", m.group());
            n.put("version", m.version());
            n.put("kind", m.kind());
            n.put("objects", m.objects().size());
        }
        ArrayNode objects = root.putArray("objects");
        report.objects().forEach(o -> result(objects.addObject(), o));
        ArrayNode orphans = root.putArray("orphans");
        report.orphans().forEach(o -> ref(orphans.addObject(), o));
        ArrayNode rollouts = root.putArray("rollouts");
        for (Rollout r : report.rollouts()) {
            ObjectNode n = rollouts.addObject();
            ref(n, r.object());
            n.put("ready", r.ready());
            n.put("status", r.status());
        }
        root.put("error", report.error());
        return root;
    }

    private static ArrayNode diffs(List<ObjectDiff> diffs) {
        ArrayNode list = JSON.createArrayNode();
        for (ObjectDiff d : diffs) {
            ObjectNode n = list.addObject();
            ref(n, d.object());
            n.put("change", d.change().name().toLowerCase(Locale.ROOT));
            ArrayNode fields = n.putArray("fields");
            d.fields().forEach(fields::add);
            n.put("diff", d.unifiedDiff());
        }
        return list;
    }

    private static void result(ObjectNode n, ObjectResult r) {
        ref(n, r.object());
        n.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
        ArrayNode fields = n.putArray("fields");
        r.fields().forEach(fields::add);
        ArrayNode conflicts = n.putArray("conflicts");
        for (Conflict c : r.conflicts()) {
            ObjectNode cn = conflicts.addObject();
            cn.put("field", c.field());
            cn.put("manager", c.manager());
            cn.put("message", c.message());
        }
        n.put("message", r.message());
        n.put("attempts", r.attempts());
    }

    private static void ref(ObjectNode n, ObjectRef ref) {
        n.put("apiVersion", ref.apiVersion());
        n.put("kind", ref.kind());
        n.put("namespace", ref.namespace());
        n.put("name", ref.name());
    }

    private static String pretty(ObjectNode root) {
        return root.toPrettyString();
    }
}

package dev.keelson.core.internal;

import dev.keelson.core.Batch;
import dev.keelson.core.Environment;
import dev.keelson.core.KubernetesSyntax;
import dev.keelson.core.ModelPath;
import dev.keelson.core.NodeAgent;
import dev.keelson.core.Platform;
import dev.keelson.core.Schedule;
import dev.keelson.core.SecretRef;
import dev.keelson.core.Stateful;
import dev.keelson.core.Storage;
import dev.keelson.core.Tier;
import dev.keelson.core.Workload;
import dev.keelson.core.spi.Problems;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a tier's workload kind allows and needs: names the controllers extend, Job and CronJob
 * settings, a stateful tier's volumes, a node agent's host paths, the order of a migration (rules
 * KEE-KIND-*).
 */
final class KindChecks extends Checks {

    /**
     * The longest name of a StatefulSet, DaemonSet or CronJob: their controllers derive names with
     * 11 more characters (the {@code controller-revision-hash} label {@code <name>-<hash>}, a CronJob's
     * Jobs {@code <name>-<minutes>}), which must stay label values of at most 63.
     */
    static final int CONTROLLER_NAME_LIMIT = 52;

    private static final Set<String> MACROS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
    private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*?/,\\-]+");

    KindChecks(Problems problems) {
        super(problems);
    }

    void checkKind(Platform platform, Tier tier, ModelPath path, Map<String, Tier> tiers) {
        Workload.Kind kind = tier.kind();
        if ((kind == Workload.Kind.STATEFUL_SET || kind == Workload.Kind.DAEMON_SET || kind == Workload.Kind.CRON_JOB)
                && tier.name().length() > CONTROLLER_NAME_LIMIT) {
            error("KEE-KIND-001", path, "a " + kind.apiKind() + " tier's name may have at most " + CONTROLLER_NAME_LIMIT
                            + " characters ('" + tier.name() + "' has " + tier.name().length() + "): its controller derives names 11 characters longer",
                    "shorten the tier name to at most " + CONTROLLER_NAME_LIMIT + " characters");
        }
        if (!kind.longRunning()) {
            if (tier.serves()) {
                error("KEE-KIND-002", path.child("ports"), "a " + kind.apiKind() + " tier runs to completion and serves nothing, but declares ports ("
                        + portNames(tier) + ")", "remove the ports (and any exposedAt or metrics), or run the tier as a Deployment");
            }
            if (tier.readiness() != null || tier.startup() != null) {
                error("KEE-KIND-003", path.child(tier.readiness() != null ? "readiness" : "startup"),
                        "a " + kind.apiKind() + " tier has no Service and nothing waits for its pod to be ready, but sets a "
                                + (tier.readiness() != null ? "readiness" : "startup") + " probe",
                        "remove readiness(...) and startup(...); a liveness probe may still restart a hung attempt");
            }
        }
        checkRunsBefore(tier, path, tiers);
        Workload w = tier.workload();
        if (w instanceof Stateful s) {
            checkStateful(platform, tier, s, path.child("stateful"));
        } else if (w instanceof Batch b) {
            checkBatch(b, path.child("job"));
        } else if (w instanceof Schedule s) {
            checkSchedule(s, path.child("cronJob"));
        } else if (w instanceof NodeAgent a) {
            checkNodeAgent(tier, a, path.child("daemonSet"));
        }
    }

    private void checkRunsBefore(Tier tier, ModelPath path, Map<String, Tier> tiers) {
        if (tier.runsBefore().isEmpty()) {
            return;
        }
        if (tier.kind() != Workload.Kind.JOB) {
            error("KEE-KIND-005", path.child("runsBefore"), "only a Job runs before other tiers, and tier '" + tier.name() + "' is a "
                    + tier.kind().apiKind(), "make it a Job (job()), or drop runsBefore(...)");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String name : tier.runsBefore()) {
            Tier target = tiers.get(name);
            ModelPath p = path.child("runsBefore", name);
            if (!seen.add(name)) {
                error("KEE-KIND-006", p, "runsBefore names tier '" + name + "' twice", "name each tier once");
            } else if (target == null) {
                error("KEE-KIND-006", p, "runsBefore names tier '" + name + "', which does not exist",
                        "name one of the tiers: " + String.join(", ", tiers.keySet().stream().sorted().toList()));
            } else if (!target.kind().longRunning()) {
                error("KEE-KIND-006", p, "runsBefore names tier '" + name + "', a " + target.kind().apiKind()
                                + ": only a long-running tier (Deployment, StatefulSet, DaemonSet) has a rollout to wait for",
                        "name the tier whose rollout needs this Job done, e.g. the API that uses the migrated schema");
            }
        }
    }

    /** The directories the container already mounts: its writable paths and its Secrets' directories. */
    private static Set<String> mountedPaths(Tier tier) {
        Set<String> paths = new HashSet<>(tier.writablePaths());
        for (SecretRef secret : tier.secrets()) {
            if (secret.mounted()) {
                paths.add(secret.mountPath());
            }
        }
        return paths;
    }

    private void checkStateful(Platform platform, Tier tier, Stateful s, ModelPath path) {
        Set<String> names = new HashSet<>();
        Set<String> paths = mountedPaths(tier);
        for (Storage st : s.storage()) {
            ModelPath p = path.child("storage", st.name());
            BigDecimal size = KubernetesSyntax.quantity(st.size());
            if (size == null || size.signum() <= 0) {
                error("KEE-KIND-010", p.child("size"), "storage size '" + st.size() + "' is not a positive quantity",
                        "use a size such as Storage.of(\"10Gi\")");
            }
            if (!KubernetesSyntax.dnsLabel(st.name()) || st.name().length() > 63) {
                error("KEE-KIND-011", p, "storage name '" + st.name() + "' is not a DNS label", "use e.g. named(\"data\")");
            } else if (!names.add(st.name())) {
                error("KEE-KIND-011", p, "storage name '" + st.name() + "' is used twice", "give every volume its own name");
            }
            if (st.storageClass() != null && !KubernetesSyntax.dnsSubdomain(st.storageClass())) {
                error("KEE-KIND-011", p.child("storageClass"), "storage class '" + st.storageClass() + "' is not a valid StorageClass name",
                        "use the name of a StorageClass of the cluster, e.g. storageClass(\"fast\")");
            }
            if (!st.mountPath().startsWith("/") || st.mountPath().equals("/")) {
                error("KEE-KIND-011", p.child("mountPath"), "storage mount path '" + st.mountPath() + "' is not an absolute directory below '/'",
                        "use e.g. mountedAt(\"/var/lib/data\")");
            } else if (!paths.add(st.mountPath())) {
                error("KEE-KIND-011", p.child("mountPath"), "storage mount path '" + st.mountPath()
                        + "' is already a writable path, a Secret's directory or another volume's", "mount each volume at a directory of its own");
            } else {
                controlCharacters(st.mountPath(), "storage mount path", p.child("mountPath"));
            }
        }
        if (s.partition() < 0) {
            error("KEE-KIND-012", path.child("partition"), "partition " + s.partition() + " is negative",
                    "use 0 to update every pod, or an ordinal up to the replicas to stage a rollout");
        } else {
            for (Environment env : platform.environments()) {
                int replicas = tier.in(env).replicas();
                if (s.partition() > replicas) {
                    error("KEE-KIND-012", path.child("partition"), "partition " + s.partition() + " is above the " + replicas
                                    + " replicas the tier runs in '" + env.name() + "', so no pod there would ever be updated",
                            "use a partition from 0 to " + replicas + " (0 updates every pod), or raise the replicas in '" + env.name() + "'");
                    break;
                }
            }
        }
    }

    private void checkBatch(Batch b, ModelPath path) {
        if (b.backoffLimit() < 0) {
            error("KEE-KIND-023", path.child("backoffLimit"), "backoffLimit " + b.backoffLimit() + " is negative", "use 0 (no retry) or more");
        }
        seconds(b.activeDeadline(), 1, "activeDeadline", path.child("activeDeadline"));
        seconds(b.ttlAfterFinished(), 0, "ttlAfterFinished", path.child("ttlAfterFinished"));
    }

    private void checkSchedule(Schedule s, ModelPath path) {
        String cron = s.cron().trim();
        if (cron.contains("TZ=")) {
            error("KEE-KIND-020", path.child("schedule"), "schedule '" + s.cron() + "' names a time zone, which batch/v1 CronJobs refuse in the schedule",
                    "move the zone to Schedule...timeZone(\"Europe/Berlin\")");
        } else if (!MACROS.contains(cron)) {
            List<String> fields = List.of(cron.split("\\s+"));
            if (fields.size() != 5 || !fields.stream().allMatch(f -> FIELD.matcher(f).matches())) {
                error("KEE-KIND-020", path.child("schedule"), "schedule '" + s.cron() + "' is not a cron schedule of five fields",
                        "write minute hour day-of-month month day-of-week, e.g. Schedule.cron(\"0 3 * * *\"), or a macro such as @daily");
            }
        }
        if (s.timeZone() != null) {
            boolean zone;
            try {
                // an offset ("+02:00", "UTC+2") is not a tz database name, which the controller needs
                zone = s.timeZone().contains("/") || s.timeZone().equals("UTC") ? ZoneId.of(s.timeZone()).getId().equals(s.timeZone()) : false;
            } catch (DateTimeException e) {
                zone = false;
            }
            if (!zone) {
                error("KEE-KIND-021", path.child("timeZone"), "time zone '" + s.timeZone() + "' is not a tz database name",
                        "use a name such as \"Europe/Berlin\" or \"Etc/UTC\"");
            }
        }
        if (s.successfulJobsHistory() < 0 || s.failedJobsHistory() < 0) {
            error("KEE-KIND-022", path.child("history"), "history limits (" + s.successfulJobsHistory() + ", " + s.failedJobsHistory()
                    + ") must not be negative", "keep 0 or more Jobs, e.g. history(3, 1)");
        }
        seconds(s.startingDeadline(), 1, "startingDeadline", path.child("startingDeadline"));
        checkBatch(s.batch(), path.child("job"));
    }

    private void seconds(Duration d, long least, String what, ModelPath path) {
        if (d == null) {
            return;
        }
        if (d.toNanos() % 1_000_000_000L != 0 || d.getSeconds() < least || d.getSeconds() > Integer.MAX_VALUE) {
            error("KEE-KIND-022", path, what + " " + d + " is not a whole number of seconds from " + least + " up",
                    "use whole seconds, e.g. Duration.ofMinutes(10)");
        }
    }

    private void checkNodeAgent(Tier tier, NodeAgent a, ModelPath path) {
        Set<String> seen = new HashSet<>();
        Set<String> mounted = mountedPaths(tier);
        for (NodeAgent.HostPath h : a.hostPaths()) {
            if (!h.path().startsWith("/") || h.path().equals("/")) {
                error("KEE-KIND-030", path.child("hostPaths"), "host path '" + h.path() + "' is not an absolute directory below '/'",
                        "mount only the directory the agent needs, e.g. hostPath(\"/var/log\")");
            } else if (!seen.add(h.path())) {
                error("KEE-KIND-030", path.child("hostPaths"), "host path '" + h.path() + "' is declared twice", "declare each path once");
            } else if (mounted.contains(h.path())) {
                error("KEE-KIND-030", path.child("hostPaths"), "host path '" + h.path()
                        + "' is already a writable path or a Secret's directory of the container", "mount the node's directory elsewhere");
            } else {
                controlCharacters(h.path(), "host path", path.child("hostPaths"));
            }
        }
    }
}

package dev.keelson.data.internal;

import dev.keelson.core.Environment;
import dev.keelson.core.KubernetesSyntax;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Resources;
import dev.keelson.core.spi.Problems;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The checks the data services share, each a rule of the KEE-DATA family (docs/validation-rules.md).
 * One instance per service per build: it reports a problem found in several environments once.
 * Internal.
 */
public final class DataChecks {

    /** The longest name of a data service: CloudNativePG and the StatefulSet derive longer names from it. */
    public static final int NAME_MAX = 40;
    private static final Pattern RETENTION = Pattern.compile("^[1-9][0-9]*[dwm]$");
    private static final Pattern CRON_FIELD = Pattern.compile("^[0-9*/,?LW#A-Za-z-]+$");

    private final Problems problems;
    private final ModelPath path;
    private final Set<String> seen = new HashSet<>();

    /**
     * Checks reported to {@code problems} under {@code path} ({@code <platform>/data/<name>}).
     *
     * @param problems where to report
     * @param path the service's path
     */
    public DataChecks(Problems problems, ModelPath path) {
        this.problems = problems;
        this.path = path;
    }

    /** The service's path. */
    public ModelPath path() {
        return path;
    }

    /** Reports an error once. */
    public void error(String rule, ModelPath where, String message, String fix) {
        error(rule, where, message, fix, message);
    }

    /**
     * Reports an error once per {@code key}: a wrong value shared by several environments is reported once, in the
     * first environment.
     */
    private void error(String rule, ModelPath where, String message, String fix, String key) {
        if (seen.add(rule + "|" + where + "|" + key)) {
            problems.error(rule, where, message, fix);
        }
    }

    /** Reports a warning once. */
    public void warning(String rule, ModelPath where, String message, String fix) {
        if (seen.add(rule + where + message)) {
            problems.warning(rule, where, message, fix);
        }
    }

    /** KEE-DATA-001: the name is a DNS-1035 label of at most {@link #NAME_MAX} characters. */
    public void name(String name, String factory) {
        if (!KubernetesSyntax.dns1035Label(name) || name.length() > NAME_MAX) {
            error("KEE-DATA-001", path, "data service name '" + name + "' is not a DNS label of at most " + NAME_MAX
                            + " characters (lower-case letters, digits and '-', starting with a letter)",
                    factory + "(\"" + suggest(name) + "\")");
        }
    }

    /** KEE-DATA-002: no other data service of the platform has this name. */
    public void unique(Platform platform, String name, List<String> allNames, boolean first) {
        long same = allNames.stream().filter(name::equals).count();
        if (same > 1 && first) {
            error("KEE-DATA-002", path, "platform '" + platform.name() + "' declares " + same + " data services named '" + name + "'",
                    "give each data service its own name");
        }
    }

    /** KEE-DATA-003: the storage size is a positive quantity. */
    public void storage(String storage, String env) {
        BigDecimal q = KubernetesSyntax.quantity(storage);
        if (q == null || q.signum() <= 0) {
            error("KEE-DATA-003", path.child("storage"), "storage '" + storage + "'" + in(env) + " is not a positive quantity",
                    "storage(\"20Gi\")", storage);
        }
    }

    /** KEE-DATA-004: at least one instance. */
    public void instances(int instances, String env, String setter) {
        if (instances < 1) {
            error("KEE-DATA-004", path.child(setter), setter + "(" + instances + ")" + in(env) + ": a data service needs at least one instance",
                    setter + "(1) or more", String.valueOf(instances));
        }
    }

    /** KEE-DATA-007: a CloudNativePG schedule has six fields, seconds first. */
    public void schedule(String cron, String env) {
        String[] fields = cron.trim().split("\\s+");
        boolean ok = fields.length == 6 || (fields.length == 1 && cron.startsWith("@"));
        for (String f : fields) {
            ok &= CRON_FIELD.matcher(f).matches() || f.startsWith("@");
        }
        if (!ok) {
            error("KEE-DATA-007", path.child("backups").child("schedule"), "backup schedule '" + cron + "'" + in(env)
                            + " is not a six-field cron expression (CloudNativePG's form: seconds first)",
                    "schedule(\"0 0 2 * * *\") for 02:00 daily", cron);
        }
    }

    /** KEE-DATA-008: the retention is {@code <n>d}, {@code <n>w} or {@code <n>m}. */
    public void retention(String retention, String env) {
        if (!RETENTION.matcher(retention).matches()) {
            error("KEE-DATA-008", path.child("backups").child("retention"), "backup retention '" + retention + "'" + in(env)
                    + " is not a number of days, weeks or months", "retention(\"30d\")", retention);
        }
    }

    /** KEE-DATA-016: an address range is a valid CIDR. */
    public void cidr(String cidr, ModelPath where, String fix) {
        if (!KubernetesSyntax.cidr(cidr)) {
            error("KEE-DATA-016", where, "'" + cidr + "' is not an address range (CIDR)", fix);
        }
    }

    /** KEE-DATA-013: the namespace is a DNS label, and not the environment's own. */
    public void namespace(String namespace, String env, String envNamespace, boolean given) {
        if (!KubernetesSyntax.dnsLabel(namespace)) {
            error("KEE-DATA-013", path.child("namespace"), "namespace '" + namespace + "'" + in(env) + " is not a DNS label of at most 63 characters",
                    given ? "inNamespace(\"<short-name>\")" : "name a shorter namespace: inNamespace(\"<short-name>\")",
                    given ? namespace : namespace + env);
        } else if (namespace.equals(envNamespace)) {
            error("KEE-DATA-013", path.child("namespace"), "namespace '" + namespace + "'" + in(env) + " is the environment's own:"
                    + " data services run in a namespace of their own, with its own policies and outside the mesh",
                    "inNamespace(\"" + envNamespace + "-data\"), or leave the default", namespace + env);
        }
    }

    /** KEE-DATA-014: every environment override names an environment of the platform. */
    public void overrides(Platform platform, Set<String> environments) {
        for (String env : environments) {
            if (platform.environments().stream().noneMatch(e -> e.name().equals(env))) {
                error("KEE-DATA-014", path.environment(env), "an override names environment '" + env + "', which the platform does not have",
                        "name one of: " + String.join(", ", platform.environments().stream().map(Environment::name).toList()));
            }
        }
    }

    /** KEE-DATA-015: requests and limits are positive quantities. */
    public void resources(Resources r, String env) {
        quantity(r.cpuRequest(), "cpu request", env);
        quantity(r.memoryRequest(), "memory request", env);
        quantity(r.cpuLimit(), "cpu limit", env);
        quantity(r.memoryLimit(), "memory limit", env);
    }

    private void quantity(@Nullable String value, String what, String env) {
        if (value == null) {
            return;
        }
        BigDecimal q = KubernetesSyntax.quantity(value);
        if (q == null || q.signum() <= 0) {
            error("KEE-DATA-015", path.child("resources"), what + " '" + value + "'" + in(env) + " is not a positive quantity",
                    "resources(Resources.requests(\"250m\", \"512Mi\"))", what + value);
        }
    }

    private static String in(String env) {
        return env == null ? "" : " in environment '" + env + "'";
    }

    private static String suggest(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^[^a-z]+|-+$", "");
        if (s.length() > NAME_MAX) {
            s = s.substring(0, NAME_MAX).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "db" : s;
    }
}

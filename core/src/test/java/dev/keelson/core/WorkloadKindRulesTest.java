package dev.keelson.core;

import static dev.keelson.core.ValidationRulesTest.IMAGE;
import static dev.keelson.core.ValidationRulesTest.api;
import static dev.keelson.core.ValidationRulesTest.errors;
import static dev.keelson.core.ValidationRulesTest.rule;
import static dev.keelson.core.ValidationRulesTest.shop;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One test per KEE-KIND rule (and the version rule of claim retention): path, message and fix. */
@DisplayName("Workload kind rules (KEE-KIND-*): what a kind allows, with a path and a fix")
class WorkloadKindRulesTest {

    private static Tier.Builder db() {
        return Tier.named("db").image("ghcr.io/acme/db:16.4").port(Port.tcp("pg", 5432)).replicas(3);
    }

    private static Tier.Builder job() {
        return Tier.named("migrate").image(IMAGE);
    }

    @Test
    @DisplayName("KEE-KIND-001: a StatefulSet, DaemonSet or CronJob name has at most 52 characters")
    void controllerNames() {
        String name = "a" + "b".repeat(52);
        rule("KEE-KIND-001", shop(Tier.named(name).image(IMAGE).daemonSet()), "shop/tiers/" + name,
                "a DaemonSet tier's name may have at most 52 characters ('" + name + "' has 53): its controller derives names 11 characters longer",
                "at most 52");
        assertThat(shop(Tier.named(name).image(IMAGE).job()).build().tiers()).hasSize(1);
    }

    @Test
    @DisplayName("KEE-KIND-002: a Job serves nothing, so it declares no ports")
    void jobPorts() {
        rule("KEE-KIND-002", shop(job().port(Port.http(8080)).job()), "shop/tiers/migrate/ports",
                "a Job tier runs to completion and serves nothing, but declares ports (http)", "remove the ports");
    }

    @Test
    @DisplayName("KEE-KIND-003: a CronJob has no readiness or startup probe; a liveness probe is fine")
    void jobProbes() {
        rule("KEE-KIND-003", shop(job().readiness(Probe.exec("true")).cronJob(Schedule.cron("@daily"))), "shop/tiers/migrate/readiness",
                "a CronJob tier has no Service and nothing waits for its pod to be ready, but sets a readiness probe", "liveness");
        assertThat(shop(job().liveness(Probe.exec("true")).job()).build().tiers()).hasSize(1);
    }

    @Test
    @DisplayName("KEE-KIND-005: only a Job runs before other tiers")
    void runsBeforeOnlyJobs() {
        rule("KEE-KIND-005", shop(api(), db().stateful().runsBefore("api")), "shop/tiers/db/runsBefore",
                "only a Job runs before other tiers, and tier 'db' is a StatefulSet", "job()");
    }

    @Test
    @DisplayName("KEE-KIND-006: runsBefore names existing long-running tiers, once each")
    void runsBeforeTargets() {
        rule("KEE-KIND-006", shop(api(), job().job().runsBefore("apu")), "shop/tiers/migrate/runsBefore/apu",
                "runsBefore names tier 'apu', which does not exist", "api, migrate");
        rule("KEE-KIND-006", shop(api(), job().job().runsBefore("api", "api")), "shop/tiers/migrate/runsBefore/api",
                "runsBefore names tier 'api' twice", "once");
        rule("KEE-KIND-006", shop(job().job().runsBefore("migrate")), "shop/tiers/migrate/runsBefore/migrate",
                "runsBefore names tier 'migrate', a Job: only a long-running tier (Deployment, StatefulSet, DaemonSet) has a rollout to wait for",
                "the tier whose rollout");
    }

    @Test
    @DisplayName("KEE-KIND-010: a storage size is a positive quantity")
    void storageSize() {
        rule("KEE-KIND-010", shop(db().stateful(Storage.of("ten gigs"))), "shop/tiers/db/stateful/storage/data/size",
                "storage size 'ten gigs' is not a positive quantity", "Storage.of(\"10Gi\")");
        rule("KEE-KIND-010", shop(db().stateful(Storage.of("0"))), "shop/tiers/db/stateful/storage/data/size",
                "storage size '0' is not a positive quantity", "Storage.of(\"10Gi\")");
    }

    @Test
    @DisplayName("KEE-KIND-011: volumes have their own DNS-label names, valid classes and their own absolute mount paths")
    void storageNamesAndPaths() {
        rule("KEE-KIND-011", shop(db().stateful(Storage.of("1Gi").named("Data"))), "shop/tiers/db/stateful/storage/Data",
                "storage name 'Data' is not a DNS label", "named(\"data\")");
        rule("KEE-KIND-011", shop(db().stateful(Storage.of("1Gi"), Storage.of("2Gi").mountedAt("/other"))), "shop/tiers/db/stateful/storage/data",
                "storage name 'data' is used twice", "its own name");
        rule("KEE-KIND-011", shop(db().stateful(Storage.of("1Gi").storageClass("Fast_SSD"))), "shop/tiers/db/stateful/storage/data/storageClass",
                "storage class 'Fast_SSD' is not a valid StorageClass name", "storageClass(\"fast\")");
        rule("KEE-KIND-011", shop(db().stateful(Storage.of("1Gi").mountedAt("data"))), "shop/tiers/db/stateful/storage/data/mountPath",
                "storage mount path 'data' is not an absolute directory below '/'", "mountedAt");
        rule("KEE-KIND-011", shop(db().stateful(Storage.of("1Gi").mountedAt("/tmp"))), "shop/tiers/db/stateful/storage/data/mountPath",
                "storage mount path '/tmp' is already a writable path, a Secret's directory or another volume's", "its own");
    }

    @Test
    @DisplayName("KEE-KIND-012: a partition is from 0 to the replicas of every environment")
    void partition() {
        rule("KEE-KIND-012", shop(db().stateful(Stateful.of().partition(-1))), "shop/tiers/db/stateful/partition",
                "partition -1 is negative", "0 to update every pod");
        rule("KEE-KIND-012", shop(db().stateful(Stateful.of().partition(2)))
                        .environments(Environment.dev().override("db", TierOverride.replicas(1)), Environment.prod()),
                "shop/tiers/db/stateful/partition",
                "partition 2 is above the 1 replicas the tier runs in 'dev', so no pod there would ever be updated", "from 0 to 1");
        assertThat(shop(db().stateful(Stateful.of().partition(3))).build().tiers()).hasSize(1);
    }

    @Test
    @DisplayName("KEE-KIND-020: a schedule is five cron fields or a macro, with no zone in it")
    void schedule() {
        rule("KEE-KIND-020", shop(job().cronJob(Schedule.cron("0 3 * *"))), "shop/tiers/migrate/cronJob/schedule",
                "schedule '0 3 * *' is not a cron schedule of five fields", "Schedule.cron(\"0 3 * * *\")");
        rule("KEE-KIND-020", shop(job().cronJob(Schedule.cron("CRON_TZ=Europe/Berlin 0 3 * * *"))), "shop/tiers/migrate/cronJob/schedule",
                "schedule 'CRON_TZ=Europe/Berlin 0 3 * * *' names a time zone, which batch/v1 CronJobs refuse in the schedule", "timeZone(");
        for (String ok : new String[] {"@weekly", "*/5 * * * *", "0 0 1 jan,jul mon-fri", "0 12 ? * *"}) {
            assertThat(shop(job().cronJob(Schedule.cron(ok))).build().tiers()).as(ok).hasSize(1);
        }
    }

    @Test
    @DisplayName("KEE-KIND-021: a time zone is a tz database name, not an offset")
    void timeZone() {
        for (String bad : new String[] {"+02:00", "UTC+2", "Mars/Olympus", "CET-1"}) {
            rule("KEE-KIND-021", shop(job().cronJob(Schedule.cron("@daily").timeZone(bad))), "shop/tiers/migrate/cronJob/timeZone",
                    "time zone '" + bad + "' is not a tz database name", "Europe/Berlin");
        }
        for (String ok : new String[] {"UTC", "Etc/UTC", "America/New_York"}) {
            assertThat(shop(job().cronJob(Schedule.cron("@daily").timeZone(ok))).build().tiers()).as(ok).hasSize(1);
        }
    }

    @Test
    @DisplayName("KEE-KIND-022: history limits are not negative; deadlines and time to live are whole seconds")
    void durations() {
        rule("KEE-KIND-022", shop(job().cronJob(Schedule.cron("@daily").history(-1, 1))), "shop/tiers/migrate/cronJob/history",
                "history limits (-1, 1) must not be negative", "history(3, 1)");
        rule("KEE-KIND-022", shop(job().cronJob(Schedule.cron("@daily").startingDeadline(Duration.ofMillis(1500)))),
                "shop/tiers/migrate/cronJob/startingDeadline", "startingDeadline PT1.5S is not a whole number of seconds from 1 up",
                "whole seconds");
        rule("KEE-KIND-022", shop(job().job(Batch.DEFAULT.activeDeadline(Duration.ZERO))), "shop/tiers/migrate/job/activeDeadline",
                "activeDeadline PT0S is not a whole number of seconds from 1 up", "whole seconds");
        rule("KEE-KIND-022", shop(job().job(Batch.DEFAULT.ttlAfterFinished(Duration.ofSeconds(-1)))),
                "shop/tiers/migrate/job/ttlAfterFinished", "ttlAfterFinished PT-1S is not a whole number of seconds from 0 up",
                "whole seconds");
        assertThat(shop(job().job(Batch.DEFAULT.ttlAfterFinished(Duration.ZERO))).build().tiers()).hasSize(1);
    }

    @Test
    @DisplayName("KEE-KIND-023: a backoff limit is 0 or more, for a Job and a CronJob's Jobs")
    void backoff() {
        rule("KEE-KIND-023", shop(job().job(Batch.DEFAULT.backoffLimit(-1))), "shop/tiers/migrate/job/backoffLimit",
                "backoffLimit -1 is negative", "0 (no retry)");
        rule("KEE-KIND-023", shop(job().cronJob(Schedule.cron("@daily").batch(Batch.DEFAULT.backoffLimit(-2)))),
                "shop/tiers/migrate/cronJob/job/backoffLimit", "backoffLimit -2 is negative", "0 (no retry)");
    }

    @Test
    @DisplayName("KEE-KIND-030: host paths are absolute directories below '/', each once")
    void hostPaths() {
        rule("KEE-KIND-030", shop(job().daemonSet(NodeAgent.none().hostPath("/"))), "shop/tiers/migrate/daemonSet/hostPaths",
                "host path '/' is not an absolute directory below '/'", "hostPath(\"/var/log\")");
        rule("KEE-KIND-030", shop(job().daemonSet(NodeAgent.none().hostPath("/var/log").writableHostPath("/var/log"))),
                "shop/tiers/migrate/daemonSet/hostPaths", "host path '/var/log' is declared twice", "once");
        rule("KEE-KIND-030", shop(job().daemonSet(NodeAgent.none().hostPath("/tmp"))), "shop/tiers/migrate/daemonSet/hostPaths",
                "host path '/tmp' is already a writable path or a Secret's directory of the container", "elsewhere");
    }

    @Test
    @DisplayName("KEE-CALL-003 covers a call to a Job: it has no ports, so nothing can call it")
    void callToJob() {
        assertThat(errors(shop(api().talksTo("migrate"), job().job()))).singleElement()
                .satisfies(p -> assertThat(p.rule()).isEqualTo("KEE-CALL-003"));
    }
}

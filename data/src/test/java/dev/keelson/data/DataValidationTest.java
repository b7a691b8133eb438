package dev.keelson.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Resources;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Data services validation: every KEE-DATA rule reports its exact path, message and fix")
class DataValidationTest {

    private static final ModelPath ORDERS_DB = ModelPath.root("shop").child("data", "orders-db");
    private static final ModelPath CACHE = ModelPath.root("shop").child("data", "cache");

    private static List<Problem> problemsOf(Platform.Builder builder) {
        try {
            builder.build();
        } catch (ValidationException e) {
            return e.problems();
        }
        throw new AssertionError("expected the platform to be refused");
    }

    private static List<Problem> warningsOf(Platform.Builder builder, String environment) {
        return Keelson.synth(builder.build()).manifest(environment).warnings().stream()
                .filter(p -> p.rule() != null && p.rule().startsWith("KEE-DATA")).toList();
    }

    /** A platform with dev and prod, no security baseline: only the data module's rules speak. */
    private static Platform.Builder with(DataService... services) {
        Platform.Builder b = Platform.named("shop").environments(Environment.dev(), Environment.prod())
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080)));
        for (DataService s : services) {
            b.with(s);
        }
        return b;
    }

    @Test
    @DisplayName("KEE-DATA-001: a name that is not a short DNS label")
    void name() {
        assertThat(problemsOf(with(Fixtures.cache().inNamespace("data"), Redis.named("Orders_DB").auth("a"))))
                .contains(Problem.error(ModelPath.root("shop").child("data", "Orders_DB"), "data service name 'Orders_DB' is not a DNS label of at most 40"
                                + " characters (lower-case letters, digits and '-', starting with a letter)",
                        "DataServices.redis(\"orders-db\")").withRule("KEE-DATA-001"));
    }

    @Test
    @DisplayName("KEE-DATA-002: two data services with one name, reported once")
    void duplicate() {
        assertThat(problemsOf(with(Fixtures.ordersDb(), Redis.named("orders-db").auth("acl"))))
                .containsExactly(Problem.error(ORDERS_DB, "platform 'shop' declares 2 data services named 'orders-db'",
                        "give each data service its own name").withRule("KEE-DATA-002"));
    }

    @Test
    @DisplayName("KEE-DATA-003: storage that is not a positive quantity, in the environment that sets it")
    void storage() {
        assertThat(problemsOf(with(Fixtures.ordersDb().in("prod", p -> p.storage("lots")))))
                .containsExactly(Problem.error(ORDERS_DB.child("storage"), "storage 'lots' in environment 'prod' is not a positive quantity",
                        "storage(\"20Gi\")").withRule("KEE-DATA-003"));
    }

    @Test
    @DisplayName("KEE-DATA-004: no instance")
    void instances() {
        assertThat(problemsOf(with(Fixtures.cache().replicas(0))))
                .contains(Problem.error(CACHE.child("replicas"), "replicas(0) in environment 'dev': a data service needs at least one instance",
                        "replicas(1) or more").withRule("KEE-DATA-004"));
    }

    @Test
    @DisplayName("KEE-DATA-005: production without backups")
    void backupsRequiredInProduction() {
        assertThat(problemsOf(with(DataServices.postgres("orders-db").apiServer("10.0.0.1/32", 443))))
                .containsExactly(Problem.error(ORDERS_DB.child("backups"), "PostgreSQL 'orders-db' has no backups in production environment 'prod'",
                        "backups(Backups.s3(\"s3://<bucket>/orders-db\", \"<credentials secret>\")), or withoutBackups() to accept the risk")
                        .withRule("KEE-DATA-005"));
    }

    @Test
    @DisplayName("KEE-DATA-006: withoutBackups() in production is a warning on every build")
    void withoutBackups() {
        assertThat(warningsOf(with(DataServices.postgres("orders-db").apiServer("10.0.0.1/32", 443).withoutBackups()), "dev"))
                .containsExactly(Problem.warning(ORDERS_DB.child("backups"), "PostgreSQL 'orders-db' is not backed up in production"
                        + " environment 'prod' (withoutBackups())", "backups(Backups.s3(...)) and remove withoutBackups()").withRule("KEE-DATA-006"));
    }

    @Test
    @DisplayName("KEE-DATA-007: a five-field (CronJob) schedule")
    void schedule() {
        assertThat(problemsOf(with(DataServices.postgres("orders-db").apiServer("10.0.0.1/32", 443)
                .backups(Backups.s3("s3://b/o", "s").schedule("0 2 * * *")))))
                .containsExactly(Problem.error(ORDERS_DB.child("backups").child("schedule"), "backup schedule '0 2 * * *' in environment 'dev'"
                                + " is not a six-field cron expression (CloudNativePG's form: seconds first)",
                        "schedule(\"0 0 2 * * *\") for 02:00 daily").withRule("KEE-DATA-007"));
    }

    @Test
    @DisplayName("KEE-DATA-008: a retention that is not days, weeks or months")
    void retention() {
        assertThat(problemsOf(with(DataServices.postgres("orders-db").apiServer("10.0.0.1/32", 443)
                .backups(Backups.s3("s3://b/o", "s").retention("30 days")))))
                .containsExactly(Problem.error(ORDERS_DB.child("backups").child("retention"), "backup retention '30 days' in environment 'dev'"
                        + " is not a number of days, weeks or months", "retention(\"30d\")").withRule("KEE-DATA-008"));
    }

    @Test
    @DisplayName("KEE-DATA-009: no API server address for CloudNativePG's instance manager")
    void apiServer() {
        assertThat(problemsOf(with(DataServices.postgres("orders-db").backups(Backups.s3("s3://b/o", "s")))))
                .containsExactly(Problem.error(ORDERS_DB.child("apiServer"), "CloudNativePG's instances call the Kubernetes API,"
                                + " but no API server address is given, so network policies cannot allow it",
                        "apiServer(\"<kubernetes endpoint ip>/32\", 443) (kubectl get endpoints kubernetes)").withRule("KEE-DATA-009"));
    }

    @Test
    @DisplayName("KEE-DATA-010: a tier calls a data service the platform does not declare")
    void unknownService() {
        Platform.Builder b = with(Fixtures.cache())
                .tier(Tier.named("worker").image("ghcr.io/acme/worker:1.0.0").with(DataAccess.to("cache", "orders-db")));
        assertThat(problemsOf(b)).containsExactly(Problem.error(ModelPath.root("shop").tier("worker").child("data", "orders-db"),
                "tier 'worker' calls data service 'orders-db', which the platform does not declare", "name one of: cache")
                .withRule("KEE-DATA-010"));
    }

    @Test
    @DisplayName("KEE-DATA-011: a Redis without access control")
    void redisAuth() {
        assertThat(problemsOf(with(DataServices.redis("cache"))))
                .containsExactly(Problem.error(CACHE.child("auth"), "Redis 'cache' has no access control: anyone who reaches its port"
                        + " could read and write it", "auth(\"<secret with users.acl>\")").withRule("KEE-DATA-011"));
    }

    @Test
    @DisplayName("KEE-DATA-012: a single instance in production is a warning")
    void singleInstanceInProduction() {
        assertThat(warningsOf(with(Fixtures.ordersDb().instances(1)), "prod"))
                .containsExactly(Problem.warning(ORDERS_DB.child("instances"), "PostgreSQL 'orders-db' runs a single instance in"
                        + " production environment 'prod': no failover, and every node drain is downtime", "instances(3)").withRule("KEE-DATA-012"));
    }

    @Test
    @DisplayName("KEE-DATA-013: a namespace that is not a DNS label")
    void namespace() {
        assertThat(problemsOf(with(Fixtures.cache().inNamespace("Data"))))
                .containsExactly(Problem.error(CACHE.child("namespace"), "namespace 'Data' in environment 'dev' is not a DNS label of"
                        + " at most 63 characters", "inNamespace(\"<short-name>\")").withRule("KEE-DATA-013"));
    }

    @Test
    @DisplayName("KEE-DATA-013: the environment's own namespace")
    void environmentNamespace() {
        assertThat(problemsOf(with(Fixtures.cache().in("prod", r -> r.inNamespace("shop-prod")))))
                .containsExactly(Problem.error(CACHE.child("namespace"), "namespace 'shop-prod' in environment 'prod' is the"
                                + " environment's own: data services run in a namespace of their own, with its own policies and outside the mesh",
                        "inNamespace(\"shop-prod-data\"), or leave the default").withRule("KEE-DATA-013"));
    }

    @Test
    @DisplayName("KEE-DATA-014: an override for an environment the platform does not have")
    void unknownEnvironment() {
        assertThat(problemsOf(with(Fixtures.cache().in("production", r -> r.replicas(5)))))
                .containsExactly(Problem.error(CACHE.environment("production"), "an override names environment 'production',"
                        + " which the platform does not have", "name one of: dev, prod").withRule("KEE-DATA-014"));
    }

    @Test
    @DisplayName("KEE-DATA-015: resources that are not quantities")
    void resources() {
        assertThat(problemsOf(with(Fixtures.cache().resources(Resources.requests("lots", "256Mi")))))
                .containsExactly(Problem.error(CACHE.child("resources"), "cpu request 'lots' in environment 'dev' is not a positive quantity",
                        "resources(Resources.requests(\"250m\", \"512Mi\"))").withRule("KEE-DATA-015"));
    }

    @Test
    @DisplayName("KEE-DATA-016: an address range that is not a CIDR")
    void cidr() {
        assertThat(problemsOf(with(Fixtures.ordersDb().backups(Backups.s3("s3://b/o", "s").cidr("10.0.0.0/33")))))
                .containsExactly(Problem.error(ORDERS_DB.child("backups").child("cidrs"), "'10.0.0.0/33' is not an address range (CIDR)",
                        "cidr(\"203.0.113.0/24\")").withRule("KEE-DATA-016"));
    }

    @Test
    @DisplayName("KEE-DATA-017: a customization that narrows a data policy is caught at synthesis, per blocked flow")
    void narrowedPolicy() {
        Platform platform = Fixtures.shop().customize(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class, "orders-db",
                np -> np.getSpec().getIngress().removeIf(r -> r.getPorts().get(0).getPort().getIntVal() == 9187)).build();
        List<Problem> problems;
        try {
            Keelson.synth(platform).manifest("prod");
            throw new AssertionError("expected the synthesis to fail");
        } catch (ValidationException e) {
            problems = e.problems().stream().filter(p -> "KEE-DATA-017".equals(p.rule())).toList();
        }
        assertThat(problems).containsExactly(Problem.error(ORDERS_DB.child("policies"), "in prod: the declared MONITORING flow"
                        + " pods {app.kubernetes.io/name=prometheus} of namespace monitoring -> pods {cnpg.io/cluster=orders-db} of namespace"
                        + " shop-prod-data on [9187/TCP] has no ingress rule in the NetworkPolicies of namespace 'shop-prod-data'",
                "keep the policy the data module renders (a customize(...) must not narrow or replace it), or stop declaring the flow")
                .withRule("KEE-DATA-017"));
    }

    @Test
    @DisplayName("the fixtures build without a problem and without KEE-DATA warnings")
    void fixturesAreValid() {
        assertThat(warningsOf(Fixtures.shop(), "prod")).isEmpty();
    }
}

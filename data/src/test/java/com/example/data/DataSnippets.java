package com.example.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Resources;
import dev.keelson.core.Tier;
import dev.keelson.data.Backups;
import dev.keelson.data.DataAccess;
import dev.keelson.data.DataServices;
import dev.keelson.data.Postgres;
import dev.keelson.data.Redis;
import dev.keelson.data.ZoneSpread;
import dev.keelson.security.SecurityBaseline;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The code of docs/data-services.md, outside Keelson's packages (the public API is enough); DocsSnippetsTest keeps the page equal to it. */
@DisplayName("docs/data-services.md snippets compile and synthesize")
class DataSnippets {

    @Test
    @DisplayName("quick start: a PostgreSQL, a Redis and a tier that calls both, under restricted security")
    void quickStart() {
        // snippet:quick-start
        Platform nexus = Platform.named("nexus")
                .environments(Environment.dev(), Environment.staging(), Environment.prod())
                .with(SecurityBaseline.restricted())
                .with(DataServices.postgres("orders-db")                             // CloudNativePG Cluster
                        .storage("20Gi")
                        .apiServer("10.0.0.1/32", 443)                               // the instance manager calls the API
                        .backups(Backups.s3("s3://nexus-backups/orders-db", "orders-db-s3")))
                .with(DataServices.redis("cache").auth("cache-acl"))                 // StatefulSet, ACL from a Secret
                .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080))
                        .with(DataAccess.to("orders-db", "cache")))                  // flows, mounted credentials, variables
                .build();
        // end:quick-start
        Manifest prod = Keelson.synth(nexus).manifest("prod");
        assertThat(prod.get(StatefulSet.class, "cache")).isPresent();
        assertThat(prod.objects()).anyMatch(o -> "Cluster".equals(o.getKind()) && "nexus-prod-data".equals(o.getMetadata().getNamespace()));
    }

    @Test
    @DisplayName("every PostgreSQL option")
    void postgres() {
        // snippet:postgres
        Postgres ordersDb = DataServices.postgres("orders-db")
                .instances(3)                                        // default 1 / 2 / 3 (dev / staging / prod)
                .storage("50Gi").storageClass("fast-ssd")           // default 1Gi in dev, else 10Gi; the cluster's class
                .resources(Resources.requests("1", "4Gi"))           // default 100m,256Mi / 250m,512Mi / 500m,1Gi
                .zoneSpread(ZoneSpread.REQUIRED)                     // default NONE / PREFERRED / REQUIRED
                .image("ghcr.io/cloudnative-pg/postgresql:17.5")    // default: the operator's
                .database("orders", "orders")                        // default app / app
                .credentials("orders-db-user")                       // default: the Secret the operator generates
                .apiServer("10.0.0.1/32", 443)                       // required
                .backups(Backups.s3("s3://nexus-backups/orders-db", "orders-db-s3")
                        .endpoint("https://minio.storage.example.com")    // default: AWS S3
                        .keys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
                        .retention("14d")                                  // default 30d
                        .schedule("0 30 1 * * *")                          // default 0 0 2 * * * (seconds first)
                        .cidr("203.0.113.0/24"))                           // default: anywhere but 169.254.169.254
                .operator("cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg"))  // the default
                .monitoringRelease("kube-prometheus-stack")          // the PodMonitor's release label (the default)
                .inNamespace("nexus-data");                          // default <environment namespace>-data
        // end:postgres
        assertThat(Keelson.synth(Platform.named("nexus").with(ordersDb).build()).manifest("prod").objects())
                .anyMatch(o -> "ScheduledBackup".equals(o.getKind()));
    }

    @Test
    @DisplayName("every Redis option")
    void redis() {
        // snippet:redis
        Redis cache = DataServices.redis("cache")
                .auth("cache-acl")                                   // required: users.acl (+ replication.conf)
                .replicas(3)                                         // default 1 / 2 / 3: the primary and read replicas
                .storage("5Gi").storageClass("fast-ssd")            // default 1Gi, the cluster's class
                .resources(Resources.requests("250m", "512Mi"))      // default 100m,128Mi / 250m,256Mi / 500m,1Gi
                .zoneSpread(ZoneSpread.PREFERRED)                    // default NONE / PREFERRED / REQUIRED
                .image("docker.io/library/redis:8.0.2");             // default Redis.DEFAULT_IMAGE
        // end:redis
        assertThat(Keelson.synth(Platform.named("nexus").with(cache).build()).manifest("prod").get(StatefulSet.class, "cache"))
                .isPresent();
    }

    @Test
    @DisplayName("per-environment overrides")
    void overrides() {
        // snippet:overrides
        Postgres ordersDb = DataServices.postgres("orders-db")
                .apiServer("10.0.0.1/32", 443)
                .backups(Backups.s3("s3://nexus-backups/orders-db", "orders-db-s3"))
                .in("dev", p -> p.storage("2Gi"))
                .in("prod", p -> p.instances(5).resources(Resources.requests("2", "8Gi")));
        Redis cache = DataServices.redis("cache").auth("cache-acl")
                .in("staging", r -> r.replicas(1));
        // end:overrides
        Platform nexus = Platform.named("nexus").environments(Environment.dev(), Environment.staging(), Environment.prod())
                .with(ordersDb).with(cache).build();
        assertThat(Keelson.synth(nexus).manifest("staging").get(StatefulSet.class, "cache").orElseThrow().getSpec().getReplicas())
                .isEqualTo(1);
    }
}

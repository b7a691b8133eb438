package dev.keelson.data.internal;

import dev.keelson.core.Flow;
import dev.keelson.core.Peer;
import dev.keelson.core.Port;
import dev.keelson.core.spi.FeatureContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitorSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects and flows of one PostgreSQL cluster in one environment: CloudNativePG's {@code Cluster},
 * the Barman Cloud plugin's {@code ObjectStore} and a {@code ScheduledBackup} when backups are on, and
 * a {@code PodMonitor}. Internal.
 */
public final class PostgresObjects {

    /** The anywhere range of a backup store named by host only. */
    private static final String ANYWHERE = "0.0.0.0/0";

    private PostgresObjects() {
    }

    /** Adds the cluster's objects and flows to {@code ctx}. */
    public static void add(FeatureContext ctx, PostgresPlan plan) {
        Map<String, String> labels = DataLabels.of(ctx, plan.name(), "database");
        ctx.add(cluster(plan, labels));
        if (plan.backups() != null) {
            ctx.add(objectStore(plan, labels));
            ctx.add(scheduledBackup(plan, labels));
        }
        ctx.add(podMonitor(plan, labels));
        flows(ctx, plan);
    }

    private static GenericKubernetesResource cluster(PostgresPlan plan, Map<String, String> labels) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("instances", plan.instances());
        if (plan.imageName() != null) {
            spec.put("imageName", plan.imageName());
        }
        Map<String, Object> inherited = new LinkedHashMap<>();
        inherited.put("labels", new LinkedHashMap<>(labels));
        spec.put("inheritedMetadata", inherited);
        Map<String, Object> initdb = new LinkedHashMap<>();
        initdb.put("database", plan.database());
        initdb.put("owner", plan.owner());
        if (plan.credentials() != null) {
            initdb.put("secret", Map.of("name", plan.credentials()));
        }
        spec.put("bootstrap", Map.of("initdb", initdb));
        spec.put("enableSuperuserAccess", false);
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("size", plan.storage());
        if (plan.storageClass() != null) {
            storage.put("storageClass", plan.storageClass());
        }
        spec.put("storage", storage);
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("cpu", plan.resources().cpuRequest());
        requests.put("memory", plan.resources().memoryRequest());
        Map<String, Object> limits = new LinkedHashMap<>();
        if (plan.resources().cpuLimit() != null) {
            limits.put("cpu", plan.resources().cpuLimit());
        }
        if (plan.resources().memoryLimit() != null) {
            limits.put("memory", plan.resources().memoryLimit());
        }
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("requests", requests);
        if (!limits.isEmpty()) {
            resources.put("limits", limits);
        }
        spec.put("resources", resources);
        Map<String, Object> affinity = new LinkedHashMap<>();
        if ("NONE".equals(plan.zoneSpread())) {
            affinity.put("enablePodAntiAffinity", false);
        } else {
            affinity.put("enablePodAntiAffinity", true);
            affinity.put("topologyKey", "topology.kubernetes.io/zone");
            affinity.put("podAntiAffinityType", "REQUIRED".equals(plan.zoneSpread()) ? "required" : "preferred");
        }
        spec.put("affinity", affinity);
        // CloudNativePG's PodDisruptionBudgets protect the primary; with one instance they would block every drain
        spec.put("enablePDB", plan.instances() > 1);
        spec.put("seccompProfile", Map.of("type", "RuntimeDefault"));
        // the operator's defaults, written out so the output shows (and a reviewer can check) what the pods run with;
        // the pod-level context is left to the operator, which sets the postgres UID and fsGroup from postgresUID/GID
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("allowPrivilegeEscalation", false);
        container.put("capabilities", Map.of("drop", List.of("ALL")));
        container.put("privileged", false);
        container.put("readOnlyRootFilesystem", true);
        container.put("runAsNonRoot", true);
        container.put("seccompProfile", Map.of("type", "RuntimeDefault"));
        spec.put("securityContext", container);
        if (plan.backups() != null) {
            Map<String, Object> plugin = new LinkedHashMap<>();
            plugin.put("name", PostgresPlan.BARMAN_PLUGIN);
            plugin.put("isWALArchiver", true);
            plugin.put("parameters", Map.of("barmanObjectName", objectStoreName(plan)));
            spec.put("plugins", List.of(plugin));
        }
        return resource("postgresql.cnpg.io/v1", "Cluster", plan.name(), plan.namespace(), labels, spec);
    }

    private static GenericKubernetesResource objectStore(PostgresPlan plan, Map<String, String> labels) {
        PostgresPlan.BackupPlan b = plan.backups();
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("destinationPath", b.destinationPath());
        if (b.endpointUrl() != null) {
            configuration.put("endpointURL", b.endpointUrl());
        }
        Map<String, Object> s3 = new LinkedHashMap<>();
        s3.put("accessKeyId", secretKey(b.secret(), b.accessKeyIdKey()));
        s3.put("secretAccessKey", secretKey(b.secret(), b.secretAccessKeyKey()));
        configuration.put("s3Credentials", s3);
        configuration.put("wal", Map.of("compression", "gzip"));
        configuration.put("data", Map.of("compression", "gzip"));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("configuration", configuration);
        spec.put("retentionPolicy", b.retention());
        return resource("barmancloud.cnpg.io/v1", "ObjectStore", objectStoreName(plan), plan.namespace(), labels, spec);
    }

    private static GenericKubernetesResource scheduledBackup(PostgresPlan plan, Map<String, String> labels) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("schedule", plan.backups().schedule());
        spec.put("cluster", Map.of("name", plan.name()));
        spec.put("method", "plugin");
        spec.put("pluginConfiguration", Map.of("name", PostgresPlan.BARMAN_PLUGIN));
        spec.put("backupOwnerReference", "self");
        spec.put("immediate", true);
        return resource("postgresql.cnpg.io/v1", "ScheduledBackup", plan.name(), plan.namespace(), labels, spec);
    }

    private static PodMonitor podMonitor(PostgresPlan plan, Map<String, String> labels) {
        PodMetricsEndpoint endpoint = new PodMetricsEndpoint();
        endpoint.setPort("metrics");
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(new LinkedHashMap<>(plan.podLabels()));
        PodMonitorSpec spec = new PodMonitorSpec();
        spec.setSelector(selector);
        spec.setPodMetricsEndpoints(new ArrayList<>(List.of(endpoint)));
        PodMonitor monitor = new PodMonitor();
        Map<String, String> monitorLabels = new LinkedHashMap<>(labels);
        monitorLabels.put("release", plan.release());
        monitor.setMetadata(meta(plan.name(), plan.namespace(), monitorLabels));
        monitor.setSpec(spec);
        return monitor;
    }

    private static void flows(FeatureContext ctx, PostgresPlan plan) {
        Peer pods = Peer.workloads(plan.namespace(), plan.podLabels(), null);
        Port postgres = Port.tcp("postgres", 5432);
        if (plan.instances() > 1) {
            // streaming replication: the replicas connect to the primary, and any of them may become it
            ctx.flows().add(Flow.of(Flow.Kind.DEPENDENCY, pods, pods, List.of(postgres)));
        }
        ctx.flows().add(Flow.of(Flow.Kind.MONITORING, ctx.platform().cluster().monitoring(), pods,
                List.of(Port.metrics(PostgresPlan.METRICS_PORT))));
        ctx.flows().add(Flow.of(Flow.Kind.CONTROL_PLANE, Peer.workloads(plan.operatorNamespace(), plan.operatorLabels(), null), pods,
                List.of(Port.tcp("status", PostgresPlan.STATUS_PORT), postgres)));
        if (plan.apiServerCidr() != null) {
            ctx.flows().add(Flow.of(Flow.Kind.KUBERNETES_API, pods, Peer.network("kubernetes-api", List.of(plan.apiServerCidr()), List.of()),
                    List.of(Port.https(plan.apiServerPort()).named("kube-api"))));
        }
        if (plan.backups() != null) {
            List<String> cidrs = plan.backups().cidrs().isEmpty() ? List.of(ANYWHERE) : plan.backups().cidrs();
            // no host names: the mesh would write a ServiceEntry for them in the tiers' namespace, which these pods are not in
            ctx.flows().add(Flow.of(Flow.Kind.EXTERNAL, pods, Peer.network(plan.name() + "-backups", cidrs, List.of()),
                    List.of(Port.https(443))));
        }
    }

    private static String objectStoreName(PostgresPlan plan) {
        return plan.name() + "-backups";
    }

    private static Map<String, Object> secretKey(String secret, String key) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("name", secret);
        ref.put("key", key);
        return ref;
    }

    static ObjectMeta meta(String name, String namespace, Map<String, String> labels) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(namespace);
        meta.setLabels(new LinkedHashMap<>(labels));
        return meta;
    }

    private static GenericKubernetesResource resource(String apiVersion, String kind, String name, String namespace,
                                                      Map<String, String> labels, Map<String, Object> spec) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion(apiVersion);
        r.setKind(kind);
        r.setMetadata(meta(name, namespace, labels));
        r.setAdditionalProperty("spec", spec);
        return r;
    }
}

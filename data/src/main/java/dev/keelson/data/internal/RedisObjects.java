package dev.keelson.data.internal;

import dev.keelson.core.Flow;
import dev.keelson.core.Peer;
import dev.keelson.core.Port;
import dev.keelson.core.spi.FeatureContext;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodAntiAffinity;
import io.fabric8.kubernetes.api.model.PodAntiAffinityBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects and flows of one Redis in one environment: a ServiceAccount without a token, the
 * configuration (no secrets: the ACL file is the user's Secret), a headless Service for the pods' DNS
 * names, a Service, the StatefulSet with a volume per pod, and a PodDisruptionBudget when there are
 * replicas. Internal.
 */
public final class RedisObjects {

    private static final long UID = 65532L;
    private static final String ZONE = "topology.kubernetes.io/zone";

    private RedisObjects() {
    }

    /** Adds the Redis's objects and flows to {@code ctx}. */
    public static void add(FeatureContext ctx, RedisPlan plan) {
        Map<String, String> labels = DataLabels.of(ctx, plan.name(), "cache");
        ctx.add(serviceAccount(plan, labels));
        ctx.add(config(plan, labels));
        ctx.add(headless(plan, labels));
        ctx.add(service(plan, labels));
        ctx.add(statefulSet(plan, labels));
        if (plan.replicas() > 1) {
            ctx.add(budget(plan, labels));
            Peer pods = Peer.workloads(plan.namespace(), plan.podLabels(), null);
            // replicas follow the primary over the Redis port
            ctx.flows().add(Flow.of(Flow.Kind.DEPENDENCY, pods, pods, List.of(Port.tcp("redis", 6379))));
        }
    }

    private static ServiceAccount serviceAccount(RedisPlan plan, Map<String, String> labels) {
        return new ServiceAccountBuilder()
                .withNewMetadata().withName(plan.name()).withNamespace(plan.namespace()).withLabels(new LinkedHashMap<>(labels)).endMetadata()
                .withAutomountServiceAccountToken(false)
                .build();
    }

    /** redis.conf: persistence, the ACL file, and (with replicas) the replication credentials, both from the user's Secret. */
    private static ConfigMap config(RedisPlan plan, Map<String, String> labels) {
        StringBuilder conf = new StringBuilder()
                .append("port 6379\n")
                .append("dir /data\n")
                .append("appendonly yes\n")
                .append("aclfile /etc/redis/auth/users.acl\n");
        if (plan.replicas() > 1) {
            conf.append("replica-read-only yes\n")
                    .append("include /etc/redis/auth/replication.conf\n");
        }
        return new ConfigMapBuilder()
                .withNewMetadata().withName(plan.name() + "-config").withNamespace(plan.namespace())
                .withLabels(new LinkedHashMap<>(labels)).endMetadata()
                .addToData("redis.conf", conf.toString())
                .build();
    }

    private static Service headless(RedisPlan plan, Map<String, String> labels) {
        return new ServiceBuilder()
                .withNewMetadata().withName(plan.headless()).withNamespace(plan.namespace()).withLabels(new LinkedHashMap<>(labels)).endMetadata()
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(new LinkedHashMap<>(plan.podLabels()))
                .addNewPort().withName("redis").withPort(6379).withTargetPort(new IntOrString("redis")).withProtocol("TCP").endPort()
                .endSpec()
                .build();
    }

    private static Service service(RedisPlan plan, Map<String, String> labels) {
        return new ServiceBuilder()
                .withNewMetadata().withName(plan.name()).withNamespace(plan.namespace()).withLabels(new LinkedHashMap<>(labels)).endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(new LinkedHashMap<>(plan.podLabels()))
                .addNewPort().withName("redis").withPort(6379).withTargetPort(new IntOrString("redis")).withProtocol("TCP")
                .withAppProtocol("redis").endPort()
                .endSpec()
                .build();
    }

    private static StatefulSet statefulSet(RedisPlan plan, Map<String, String> labels) {
        Map<String, String> podLabels = new LinkedHashMap<>(labels);
        podLabels.put("app", plan.name());
        // pod 0 is the primary; every other pod follows it by its stable DNS name
        String start = "ordinal=\"${HOSTNAME##*-}\"\n"
                + "if [ \"$ordinal\" = \"0\" ]; then\n"
                + "  exec redis-server /etc/redis/redis.conf\n"
                + "fi\n"
                + "exec redis-server /etc/redis/redis.conf --replicaof " + plan.primaryHost() + " 6379\n";
        ResourceRequirements resources = new ResourceRequirements();
        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("cpu", new Quantity(plan.resources().cpuRequest()));
        requests.put("memory", new Quantity(plan.resources().memoryRequest()));
        resources.setRequests(requests);
        Map<String, Quantity> limits = new LinkedHashMap<>();
        if (plan.resources().cpuLimit() != null) {
            limits.put("cpu", new Quantity(plan.resources().cpuLimit()));
        }
        if (plan.resources().memoryLimit() != null) {
            limits.put("memory", new Quantity(plan.resources().memoryLimit()));
        }
        if (!limits.isEmpty()) {
            resources.setLimits(limits);
        }
        PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data").withLabels(new LinkedHashMap<>(plan.podLabels())).endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(plan.storageClass())
                .withNewResources().addToRequests("storage", new Quantity(plan.storage())).endResources()
                .endSpec()
                .build();
        return new StatefulSetBuilder()
                .withNewMetadata().withName(plan.name()).withNamespace(plan.namespace()).withLabels(new LinkedHashMap<>(labels)).endMetadata()
                .withNewSpec()
                .withServiceName(plan.headless())
                .withReplicas(plan.replicas())
                .withPodManagementPolicy("OrderedReady")
                .withNewSelector().withMatchLabels(new LinkedHashMap<>(plan.podLabels())).endSelector()
                .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted("Retain").withWhenScaled("Retain")
                .endPersistentVolumeClaimRetentionPolicy()
                .withNewTemplate()
                .withNewMetadata().withLabels(podLabels).endMetadata()
                .withNewSpec()
                .withServiceAccountName(plan.name())
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true).withRunAsUser(UID).withRunAsGroup(UID).withFsGroup(UID)
                .withFsGroupChangePolicy("OnRootMismatch")
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withAffinity(plan.zoneSpread().equals("NONE") ? null
                        : new io.fabric8.kubernetes.api.model.AffinityBuilder().withPodAntiAffinity(antiAffinity(plan)).build())
                .addNewTopologySpreadConstraint()
                .withTopologyKey("kubernetes.io/hostname").withMaxSkew(1).withWhenUnsatisfiable("ScheduleAnyway")
                .withLabelSelector(selector(plan))
                .endTopologySpreadConstraint()
                .addNewContainer()
                .withName("redis")
                .withImage(plan.image())
                .withImagePullPolicy(plan.image().contains("@") ? "IfNotPresent" : "Always")
                .withCommand(plan.replicas() > 1 ? List.of("sh", "-c", start) : List.of("redis-server", "/etc/redis/redis.conf"))
                .addNewPort().withName("redis").withContainerPort(6379).withProtocol("TCP").endPort()
                .withResources(resources)
                .withNewStartupProbe().withNewTcpSocket().withPort(new IntOrString("redis")).endTcpSocket()
                .withPeriodSeconds(5).withFailureThreshold(30).endStartupProbe()
                .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString("redis")).endTcpSocket()
                .withPeriodSeconds(5).endReadinessProbe()
                .withNewLivenessProbe().withNewTcpSocket().withPort(new IntOrString("redis")).endTcpSocket()
                .withPeriodSeconds(10).withFailureThreshold(3).endLivenessProbe()
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true).withRunAsNonRoot(true)
                .withPrivileged(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                .addNewVolumeMount().withName("config").withMountPath("/etc/redis").withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("auth").withMountPath("/etc/redis/auth").withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("config").withNewConfigMap().withName(plan.name() + "-config").endConfigMap().endVolume()
                .addNewVolume().withName("auth").withNewSecret().withSecretName(plan.auth()).withDefaultMode(0440).endSecret().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("64Mi")).endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .withVolumeClaimTemplates(claim)
                .endSpec()
                .build();
    }

    private static LabelSelector selector(RedisPlan plan) {
        return new LabelSelectorBuilder().withMatchLabels(new LinkedHashMap<>(plan.podLabels())).build();
    }

    private static PodAntiAffinity antiAffinity(RedisPlan plan) {
        PodAffinityTerm term = new PodAffinityTermBuilder().withTopologyKey(ZONE).withLabelSelector(selector(plan)).build();
        if (plan.zoneSpread().equals("REQUIRED")) {
            return new PodAntiAffinityBuilder().withRequiredDuringSchedulingIgnoredDuringExecution(term).build();
        }
        return new PodAntiAffinityBuilder().addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(100).withPodAffinityTerm(term).endPreferredDuringSchedulingIgnoredDuringExecution().build();
    }

    private static PodDisruptionBudget budget(RedisPlan plan, Map<String, String> labels) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(plan.name()).withNamespace(plan.namespace()).withLabels(new LinkedHashMap<>(labels)).endMetadata()
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .withSelector(selector(plan))
                .endSpec()
                .build();
    }
}

package dev.keelson.core.internal;

import dev.keelson.core.Exposure;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Resources;
import dev.keelson.core.SecretRef;
import dev.keelson.core.Tier;
import dev.keelson.core.Tls;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Composes core's objects for a tier with the secure defaults of DESIGN.md. Internal. */
final class CoreObjects {

    private CoreObjects() {
    }

    static Namespace namespace(String name, Map<String, String> labels) {
        Namespace ns = new NamespaceBuilder().build();
        ns.setMetadata(meta(name, null, labels));
        return ns;
    }

    static ServiceAccount serviceAccount(Tier tier, String namespace, Map<String, String> labels) {
        ServiceAccount sa = new ServiceAccountBuilder()
                .withAutomountServiceAccountToken(false)
                .build();
        sa.setMetadata(meta(tier.name(), namespace, labels));
        return sa;
    }

    static ConfigMap configMap(Tier tier, String namespace, Map<String, String> labels) {
        ConfigMap cm = new ConfigMapBuilder().build();
        cm.setMetadata(meta(configMapName(tier), namespace, labels));
        cm.setData(new LinkedHashMap<>(tier.config()));
        return cm;
    }

    static String configMapName(Tier tier) {
        return tier.name() + "-config";
    }

    static Service service(Tier tier, String namespace, Map<String, String> labels, Map<String, String> selector) {
        List<ServicePort> ports = new ArrayList<>(tier.ports().size());
        for (Port p : tier.ports()) {
            ports.add(new ServicePortBuilder()
                    .withName(p.name())
                    .withPort(p.number())
                    .withTargetPort(new IntOrString(p.name()))
                    .withProtocol(p.protocol().name())
                    .withAppProtocol(p.appProtocol())
                    .build());
        }
        Service service = new ServiceBuilder()
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(selector)
                .endSpec()
                .build();
        service.setMetadata(meta(tier.name(), namespace, labels));
        service.getSpec().setPorts(ports);
        return service;
    }

    static Deployment deployment(Tier tier, String namespace, Map<String, String> labels, Map<String, String> podLabels,
                                 Map<String, String> deploymentSelector) {
        // fresh parts are set after build(): a builder's with...(built) copies the whole subtree twice
        Deployment deployment = new DeploymentBuilder()
                .withNewSpec()
                .withReplicas(tier.replicas())
                .withRevisionHistoryLimit(5)
                .withNewSelector().withMatchLabels(deploymentSelector).endSelector()
                .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(intOrPercent(tier.rollingUpdate().maxSurge()))
                .withMaxUnavailable(intOrPercent(tier.rollingUpdate().maxUnavailable()))
                .endRollingUpdate()
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(podLabels)
                .withAnnotations(tier.podAnnotations().isEmpty() ? null : new LinkedHashMap<>(tier.podAnnotations()))
                .endMetadata()
                .endTemplate()
                .endSpec()
                .build();
        deployment.setMetadata(meta(tier.name(), namespace, labels));
        deployment.getSpec().getTemplate().setSpec(podSpec(tier, deploymentSelector));
        return deployment;
    }

    static PodSpec podSpec(Tier tier, Map<String, String> spreadSelector) {
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        Set<String> volumeNames = new HashSet<>();
        for (String dir : tier.writablePaths()) {
            String name = volumeName(dir.equals("/tmp") ? "tmp" : "rw" + dir, volumeNames);
            volumes.add(new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build());
            mounts.add(new VolumeMountBuilder().withName(name).withMountPath(dir).build());
        }
        for (SecretRef s : tier.secrets()) {
            if (s.mounted()) {
                String name = volumeName("secret-" + s.secretName(), volumeNames);
                volumes.add(new VolumeBuilder().withName(name)
                        .withNewSecret().withSecretName(s.secretName()).withDefaultMode(0440).endSecret().build());
                mounts.add(new VolumeMountBuilder().withName(name).withMountPath(s.mountPath()).withReadOnly(true).build());
            }
        }
        PodSpec spec = new PodSpecBuilder()
                .withServiceAccountName(tier.name())
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(tier.runAsUser())
                .withRunAsGroup(tier.runAsGroup())
                .withFsGroup(tier.fsGroup())
                .withFsGroupChangePolicy(tier.fsGroup() == null ? null : "OnRootMismatch")
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .build();
        List<Container> containers = new ArrayList<>(2);
        containers.add(container(tier, mounts));
        spec.setContainers(containers);
        spec.setVolumes(volumes);
        spec.setTopologySpreadConstraints(spread(tier, spreadSelector));
        return spec;
    }

    private static Container container(Tier tier, List<VolumeMount> mounts) {
        List<ContainerPort> ports = new ArrayList<>(tier.ports().size());
        for (Port p : tier.ports()) {
            ports.add(new ContainerPort(p.number(), null, null, p.name(), p.protocol().name()));
        }
        List<EnvVar> env = new ArrayList<>();
        tier.env().forEach((k, v) -> env.add(new EnvVar(k, v, null)));
        for (SecretRef s : tier.secrets()) {
            if (!s.mounted()) {
                env.add(new EnvVarBuilder().withName(s.envName())
                        .withNewValueFrom().withNewSecretKeyRef(s.key(), s.secretName(), false).endValueFrom().build());
            }
        }
        ContainerBuilder c = new ContainerBuilder()
                .withName(tier.name())
                .withImage(tier.image().reference())
                .withImagePullPolicy(tier.image().pinned() ? "IfNotPresent" : "Always")
                .withCommand(tier.command().isEmpty() ? null : new ArrayList<>(tier.command()))
                .withArgs(tier.args().isEmpty() ? null : new ArrayList<>(tier.args()))
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withPrivileged(false)
                .withReadOnlyRootFilesystem(tier.readOnlyRootFilesystem())
                .withRunAsNonRoot(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .withAdd(tier.addedCapabilities().isEmpty() ? null : new ArrayList<>(tier.addedCapabilities()))
                .endCapabilities()
                .endSecurityContext();
        if (!tier.config().isEmpty()) {
            c.addNewEnvFrom().withNewConfigMapRef(configMapName(tier), false).endEnvFrom();
        }
        Container container = c.build();
        container.setPorts(ports);
        container.setEnv(env);
        container.setResources(resources(tier.resources()));
        container.setLivenessProbe(probe(tier, tier.liveness()));
        container.setReadinessProbe(probe(tier, tier.readiness()));
        container.setStartupProbe(probe(tier, tier.startup()));
        container.setVolumeMounts(mounts);
        return container;
    }

    static ResourceRequirements resources(Resources r) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("cpu", new Quantity(r.cpuRequest()));
        requests.put("memory", new Quantity(r.memoryRequest()));
        Map<String, Quantity> limits = new LinkedHashMap<>();
        if (r.cpuLimit() != null) {
            limits.put("cpu", new Quantity(r.cpuLimit()));
        }
        if (r.memoryLimit() != null) {
            limits.put("memory", new Quantity(r.memoryLimit()));
        }
        ResourceRequirements req = new ResourceRequirements();
        req.setRequests(requests);
        req.setLimits(limits.isEmpty() ? null : limits);
        return req;
    }

    private static io.fabric8.kubernetes.api.model.Probe probe(Tier tier, Probe p) {
        if (p == null) {
            return null;
        }
        String portName = p.port() != null ? p.port() : tier.ports().get(0).name();
        ProbeBuilder b = new ProbeBuilder()
                .withInitialDelaySeconds(p.initialDelaySeconds() == 0 ? null : p.initialDelaySeconds())
                .withPeriodSeconds(p.periodSeconds())
                .withTimeoutSeconds(p.timeoutSeconds())
                .withFailureThreshold(p.failureThreshold());
        switch (p.kind()) {
            case HTTP -> b.withNewHttpGet().withPath(p.path()).withPort(new IntOrString(portName)).endHttpGet();
            case TCP -> b.withNewTcpSocket().withPort(new IntOrString(portName)).endTcpSocket();
            case GRPC -> b.withNewGrpc().withPort(tier.port(portName).orElseThrow().number()).endGrpc();
            default -> throw new IllegalStateException("unknown probe kind " + p.kind());
        }
        return b.build();
    }

    private static List<TopologySpreadConstraint> spread(Tier tier, Map<String, String> selector) {
        List<TopologySpreadConstraint> list = new ArrayList<>(2);
        String when = tier.spread().doNotSchedule() ? "DoNotSchedule" : "ScheduleAnyway";
        if (tier.spread().nodes()) {
            list.add(new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey("kubernetes.io/hostname")
                    .withWhenUnsatisfiable(when).withNewLabelSelector().withMatchLabels(selector).endLabelSelector().build());
        }
        if (tier.spread().zones()) {
            list.add(new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey("topology.kubernetes.io/zone")
                    .withWhenUnsatisfiable(when).withNewLabelSelector().withMatchLabels(selector).endLabelSelector().build());
        }
        return list;
    }

    static Ingress ingress(Platform platform, Tier tier, String namespace, Map<String, String> labels) {
        Exposure e = tier.exposure();
        Tls tls = e.tls() != null ? e.tls() : platform.certificateIssuer();
        String port = e.port() != null ? e.port() : tier.ports().get(0).name();
        ObjectMeta meta = meta(tier.name(), namespace, labels);
        IngressBuilder b = new IngressBuilder();
        Map<String, String> annotations = new LinkedHashMap<>();
        if (tls.enabled()) {
            annotations.put("ClusterIssuer".equals(tls.issuerKind()) ? "cert-manager.io/cluster-issuer" : "cert-manager.io/issuer",
                    tls.issuerName());
        }
        // NGINX speaks plain HTTP/1.1 to a backend unless told otherwise: a gRPC or TLS port would fail
        String backendProtocol = nginxBackendProtocol(tier.port(port).orElseThrow().appProtocol());
        if (backendProtocol != null) {
            annotations.put("nginx.ingress.kubernetes.io/backend-protocol", backendProtocol);
        }
        if (!annotations.isEmpty()) {
            meta.setAnnotations(annotations);
        }
        b.withNewSpec()
                .withIngressClassName(e.ingressClass())
                .addNewRule()
                .withHost(e.host())
                .withNewHttp()
                .addNewPath()
                .withPath(e.path())
                .withPathType("Prefix")
                .withNewBackend().withNewService().withName(tier.name()).withNewPort().withName(port).endPort().endService().endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec();
        if (tls.enabled()) {
            b.editSpec().addNewTl().withHosts(e.host()).withSecretName(tier.name() + "-tls").endTl().endSpec();
        }
        Ingress ingress = b.build();
        ingress.setMetadata(meta);
        return ingress;
    }

    /** The NGINX ingress backend protocol for a port's appProtocol, or {@code null} for plain HTTP. */
    static String nginxBackendProtocol(String appProtocol) {
        if (appProtocol == null) {
            return null;
        }
        return switch (appProtocol) {
            case "grpc" -> "GRPC";
            case "grpcs" -> "GRPCS";
            case "https" -> "HTTPS";
            default -> null;
        };
    }

    static ObjectMeta meta(String name, String namespace, Map<String, String> labels) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(namespace);
        meta.setLabels(labels);
        return meta;
    }

    private static IntOrString intOrPercent(String value) {
        return value.endsWith("%") ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
    }

    private static String volumeName(String raw, Set<String> taken) {
        String name = raw.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (name.length() > 56) {
            name = name.substring(0, 56).replaceAll("-+$", "");
        }
        if (name.isEmpty()) {
            name = "volume";
        }
        String candidate = name;
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = name + "-" + i;
        }
        return candidate;
    }
}

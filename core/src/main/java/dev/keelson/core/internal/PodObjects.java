package dev.keelson.core.internal;

import dev.keelson.core.NodeAgent;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Resources;
import dev.keelson.core.SecretRef;
import dev.keelson.core.Stateful;
import dev.keelson.core.Storage;
import dev.keelson.core.Tier;
import dev.keelson.core.Workload;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMapEnvSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.GRPCAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Composes the pod of a tier, shared by every workload kind: its spec, the container with its
 * resources and probes, volumes and their mounts, topology spread. Split from {@link CoreObjects},
 * which composes the objects around it. Internal.
 */
final class PodObjects {

    private PodObjects() {
    }

    static PodSpec podSpec(Tier tier, Map<String, String> spreadSelector) {
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        Set<String> volumeNames = new HashSet<>();
        if (tier.workload() instanceof Stateful stateful) {
            // the claim templates' names are the volumes' names: taken first, so generated names step aside
            stateful.storage().forEach(st -> volumeNames.add(st.name()));
        }
        for (String dir : tier.writablePaths()) {
            String name = volumeName(dir.equals("/tmp") ? "tmp" : "rw" + dir, volumeNames);
            Volume volume = new Volume();
            volume.setName(name);
            volume.setEmptyDir(new EmptyDirVolumeSource());
            volumes.add(volume);
            mounts.add(mount(name, dir, null));
        }
        for (SecretRef s : tier.secrets()) {
            if (s.mounted()) {
                String name = volumeName("secret-" + s.secretName(), volumeNames);
                SecretVolumeSource secret = new SecretVolumeSource();
                secret.setSecretName(s.secretName());
                secret.setDefaultMode(0440);
                Volume volume = new Volume();
                volume.setName(name);
                volume.setSecret(secret);
                volumes.add(volume);
                mounts.add(mount(name, s.mountPath(), true));
            }
        }
        if (tier.workload() instanceof Stateful stateful) {
            for (Storage st : stateful.storage()) {
                mounts.add(mount(st.name(), st.mountPath(), null));
            }
        }
        NodeAgent agent = tier.workload() instanceof NodeAgent a ? a : null;
        if (agent != null) {
            for (NodeAgent.HostPath h : agent.hostPaths()) {
                String name = volumeName("host" + h.path(), volumeNames);
                HostPathVolumeSource host = new HostPathVolumeSource();
                host.setPath(h.path());
                host.setType("Directory");
                Volume volume = new Volume();
                volume.setName(name);
                volume.setHostPath(host);
                volumes.add(volume);
                mounts.add(mount(name, h.path(), h.readOnly() ? true : null));
            }
        }
        SeccompProfile seccomp = new SeccompProfile();
        seccomp.setType("RuntimeDefault");
        PodSecurityContext security = new PodSecurityContext();
        security.setRunAsNonRoot(true);
        security.setRunAsUser(tier.runAsUser());
        security.setRunAsGroup(tier.runAsGroup());
        security.setFsGroup(tier.fsGroup());
        security.setFsGroupChangePolicy(tier.fsGroup() == null ? null : "OnRootMismatch");
        security.setSeccompProfile(seccomp);

        PodSpec spec = new PodSpec();
        spec.setServiceAccountName(tier.name());
        spec.setAutomountServiceAccountToken(false);
        spec.setSecurityContext(security);
        List<Container> containers = new ArrayList<>(2);
        containers.add(container(tier, mounts));
        spec.setContainers(containers);
        spec.setVolumes(volumes);
        Workload.Kind kind = tier.kind();
        if (kind == Workload.Kind.DEPLOYMENT || kind == Workload.Kind.STATEFUL_SET) {
            // a DaemonSet places one pod per node, and a Job's pods come and go: spreading is for replicas
            spec.setTopologySpreadConstraints(spread(tier, spreadSelector));
        }
        if (!kind.longRunning()) {
            // a failed attempt stays as a pod with its reason; backoffLimit counts them
            spec.setRestartPolicy("Never");
        }
        if (agent != null && agent.hostNetwork()) {
            spec.setHostNetwork(true);
            spec.setDnsPolicy("ClusterFirstWithHostNet");
        }
        return spec;
    }

    private static VolumeMount mount(String name, String path, Boolean readOnly) {
        VolumeMount mount = new VolumeMount();
        mount.setName(name);
        mount.setMountPath(path);
        mount.setReadOnly(readOnly);
        return mount;
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
                EnvVarSource from = new EnvVarSource();
                from.setSecretKeyRef(new SecretKeySelector(s.key(), s.secretName(), false));
                env.add(new EnvVar(s.envName(), null, from));
            }
        }
        Capabilities capabilities = new Capabilities();
        capabilities.setDrop(new ArrayList<>(List.of("ALL")));
        capabilities.setAdd(tier.addedCapabilities().isEmpty() ? null : new ArrayList<>(tier.addedCapabilities()));
        SecurityContext security = new SecurityContext();
        security.setAllowPrivilegeEscalation(false);
        security.setPrivileged(false);
        security.setReadOnlyRootFilesystem(tier.readOnlyRootFilesystem());
        security.setRunAsNonRoot(true);
        security.setCapabilities(capabilities);

        Container container = new Container();
        container.setName(tier.name());
        container.setImage(tier.image().reference());
        container.setImagePullPolicy(tier.image().pinned() ? "IfNotPresent" : "Always");
        container.setCommand(tier.command().isEmpty() ? null : new ArrayList<>(tier.command()));
        container.setArgs(tier.args().isEmpty() ? null : new ArrayList<>(tier.args()));
        container.setSecurityContext(security);
        if (!tier.config().isEmpty()) {
            EnvFromSource envFrom = new EnvFromSource();
            envFrom.setConfigMapRef(new ConfigMapEnvSource(CoreObjects.configMapName(tier), false));
            List<EnvFromSource> envFroms = new ArrayList<>(1);
            envFroms.add(envFrom);
            container.setEnvFrom(envFroms);
        }
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
        String portName = p.port() != null ? p.port() : tier.ports().isEmpty() ? null : tier.ports().get(0).name();
        io.fabric8.kubernetes.api.model.Probe probe = new io.fabric8.kubernetes.api.model.Probe();
        probe.setInitialDelaySeconds(p.initialDelaySeconds() == 0 ? null : p.initialDelaySeconds());
        probe.setPeriodSeconds(p.periodSeconds());
        probe.setTimeoutSeconds(p.timeoutSeconds());
        probe.setFailureThreshold(p.failureThreshold());
        switch (p.kind()) {
            case HTTP -> {
                HTTPGetAction get = new HTTPGetAction();
                get.setPath(p.path());
                get.setPort(new IntOrString(portName));
                probe.setHttpGet(get);
            }
            case TCP -> {
                TCPSocketAction tcp = new TCPSocketAction();
                tcp.setPort(new IntOrString(portName));
                probe.setTcpSocket(tcp);
            }
            case GRPC -> {
                GRPCAction grpc = new GRPCAction();
                grpc.setPort(tier.port(portName).orElseThrow().number());
                probe.setGrpc(grpc);
            }
            case EXEC -> probe.setExec(new io.fabric8.kubernetes.api.model.ExecAction(new java.util.ArrayList<>(p.command())));
            default -> throw new IllegalStateException("unknown probe kind " + p.kind());
        }
        return probe;
    }

    private static List<TopologySpreadConstraint> spread(Tier tier, Map<String, String> selector) {
        List<TopologySpreadConstraint> list = new ArrayList<>(2);
        String when = tier.spread().doNotSchedule() ? "DoNotSchedule" : "ScheduleAnyway";
        if (tier.spread().nodes()) {
            list.add(spreadOver("kubernetes.io/hostname", when, selector));
        }
        if (tier.spread().zones()) {
            list.add(spreadOver("topology.kubernetes.io/zone", when, selector));
        }
        return list;
    }

    private static TopologySpreadConstraint spreadOver(String topologyKey, String when, Map<String, String> selector) {
        TopologySpreadConstraint c = new TopologySpreadConstraint();
        c.setMaxSkew(1);
        c.setTopologyKey(topologyKey);
        c.setWhenUnsatisfiable(when);
        c.setLabelSelector(CoreObjects.selector(selector));
        return c;
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

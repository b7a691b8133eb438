package dev.keelson.core.internal;

import dev.keelson.core.Batch;
import dev.keelson.core.Exposure;
import dev.keelson.core.KubernetesVersion;
import dev.keelson.core.NodeAgent;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Resources;
import dev.keelson.core.Schedule;
import dev.keelson.core.SecretRef;
import dev.keelson.core.Stateful;
import dev.keelson.core.Storage;
import dev.keelson.core.Tier;
import dev.keelson.core.Tls;
import dev.keelson.core.Workload;
import dev.keelson.core.spi.TierObjects;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMap;
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
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
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

    // Objects are made with constructors and setters, not fabric8's builders: a builder keeps a map
    // of visitables and copies every subtree it is given, which was most of synthesis's CPU time.

    static Namespace namespace(String name, Map<String, String> labels) {
        Namespace ns = new Namespace();
        ns.setMetadata(meta(name, null, labels));
        return ns;
    }

    static ServiceAccount serviceAccount(Tier tier, String namespace, Map<String, String> labels) {
        ServiceAccount sa = new ServiceAccount();
        sa.setMetadata(meta(tier.name(), namespace, labels));
        sa.setAutomountServiceAccountToken(false);
        return sa;
    }

    static ConfigMap configMap(Tier tier, String namespace, Map<String, String> labels) {
        ConfigMap cm = new ConfigMap();
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
            ServicePort port = new ServicePort();
            port.setName(p.name());
            port.setPort(p.number());
            port.setTargetPort(new IntOrString(p.name()));
            port.setProtocol(p.protocol().name());
            port.setAppProtocol(p.appProtocol());
            ports.add(port);
        }
        ServiceSpec spec = new ServiceSpec();
        spec.setType("ClusterIP");
        spec.setSelector(new LinkedHashMap<>(selector));
        spec.setPorts(ports);
        Service service = new Service();
        service.setMetadata(meta(tier.name(), namespace, labels));
        service.setSpec(spec);
        return service;
    }

    static Deployment deployment(Tier tier, String namespace, Map<String, String> labels, Map<String, String> podLabels,
                                 Map<String, String> deploymentSelector) {
        RollingUpdateDeployment rolling = new RollingUpdateDeployment();
        rolling.setMaxSurge(intOrPercent(tier.rollingUpdate().maxSurge()));
        rolling.setMaxUnavailable(intOrPercent(tier.rollingUpdate().maxUnavailable()));
        DeploymentStrategy strategy = new DeploymentStrategy();
        strategy.setType("RollingUpdate");
        strategy.setRollingUpdate(rolling);

        PodTemplateSpec template = template(tier, podLabels, deploymentSelector);

        DeploymentSpec spec = new DeploymentSpec();
        spec.setReplicas(tier.replicas());
        spec.setRevisionHistoryLimit(5);
        spec.setSelector(selector(deploymentSelector));
        spec.setStrategy(strategy);
        spec.setTemplate(template);
        Deployment deployment = new Deployment();
        deployment.setMetadata(meta(tier.name(), namespace, labels));
        deployment.setSpec(spec);
        return deployment;
    }

    private static PodTemplateSpec template(Tier tier, Map<String, String> podLabels, Map<String, String> workloadSelector) {
        ObjectMeta podMeta = new ObjectMeta();
        podMeta.setLabels(podLabels);
        podMeta.setAnnotations(tier.podAnnotations().isEmpty() ? null : new LinkedHashMap<>(tier.podAnnotations()));
        PodTemplateSpec template = new PodTemplateSpec();
        template.setMetadata(podMeta);
        template.setSpec(podSpec(tier, workloadSelector));
        return template;
    }

    /** The governing Service of a stateful tier: headless, so each pod gets its own DNS name. */
    static String headlessName(Tier tier) {
        return tier.name() + "-headless";
    }

    static Service headlessService(Tier tier, String namespace, Map<String, String> labels, Map<String, String> selector) {
        Service service = service(tier, namespace, labels, selector);
        service.getMetadata().setName(headlessName(tier));
        service.getMetadata().getLabels().put(TierObjects.HEADLESS, "true");
        service.getSpec().setType(null);
        service.getSpec().setClusterIP("None");
        // peers must find each other while they start (a cluster forms before its members are ready)
        service.getSpec().setPublishNotReadyAddresses(true);
        return service;
    }

    static StatefulSet statefulSet(Tier tier, KubernetesVersion target, String namespace, Map<String, String> labels,
                                   Map<String, String> podLabels, Map<String, String> workloadSelector) {
        Stateful stateful = (Stateful) tier.workload();
        RollingUpdateStatefulSetStrategy rolling = new RollingUpdateStatefulSetStrategy();
        rolling.setPartition(stateful.partition() == 0 ? null : stateful.partition());
        StatefulSetUpdateStrategy strategy = new StatefulSetUpdateStrategy();
        strategy.setType("RollingUpdate");
        strategy.setRollingUpdate(stateful.partition() == 0 ? null : rolling);

        List<PersistentVolumeClaim> claims = new ArrayList<>();
        for (Storage st : stateful.storage()) {
            PersistentVolumeClaimSpec claimSpec = new PersistentVolumeClaimSpec();
            claimSpec.setAccessModes(new ArrayList<>(List.of(st.accessMode().value())));
            claimSpec.setStorageClassName(st.storageClass());
            VolumeResourceRequirements size = new VolumeResourceRequirements();
            Map<String, Quantity> requests = new LinkedHashMap<>();
            requests.put("storage", new Quantity(st.size()));
            size.setRequests(requests);
            claimSpec.setResources(size);
            PersistentVolumeClaim claim = new PersistentVolumeClaim();
            // an embedded template, not an object: no apiVersion or kind (kubectl and the API server write none)
            claim.setApiVersion(null);
            claim.setKind(null);
            claim.setMetadata(meta(st.name(), null, new LinkedHashMap<>(labels)));
            claim.setSpec(claimSpec);
            claims.add(claim);
        }

        StatefulSetSpec spec = new StatefulSetSpec();
        spec.setServiceName(headlessName(tier));
        spec.setReplicas(tier.replicas());
        spec.setRevisionHistoryLimit(5);
        spec.setPodManagementPolicy(stateful.podManagement().value());
        spec.setSelector(selector(workloadSelector));
        spec.setUpdateStrategy(strategy);
        spec.setTemplate(template(tier, podLabels, workloadSelector));
        spec.setVolumeClaimTemplates(claims.isEmpty() ? null : claims);
        if (stateful.whenDeleted() != null) {
            StatefulSetPersistentVolumeClaimRetentionPolicy retention = new StatefulSetPersistentVolumeClaimRetentionPolicy();
            retention.setWhenDeleted(stateful.whenDeleted().value());
            retention.setWhenScaled(stateful.whenScaled().value());
            spec.setPersistentVolumeClaimRetentionPolicy(retention);
        }
        StatefulSet set = new StatefulSet();
        set.setMetadata(meta(tier.name(), namespace, labels));
        set.setSpec(spec);
        return set;
    }

    /** One pod at a time may go (a drain never takes a quorum down); unhealthy pods may always be evicted where the target serves it. */
    static PodDisruptionBudget disruptionBudget(Tier tier, KubernetesVersion target, String namespace, Map<String, String> labels,
                                                Map<String, String> workloadSelector) {
        PodDisruptionBudgetSpec spec = new PodDisruptionBudgetSpec();
        spec.setMaxUnavailable(new IntOrString(1));
        spec.setSelector(selector(workloadSelector));
        if (target.atLeast(new KubernetesVersion(27))) {
            spec.setUnhealthyPodEvictionPolicy("AlwaysAllow");
        }
        PodDisruptionBudget pdb = new PodDisruptionBudget();
        pdb.setMetadata(meta(tier.name(), namespace, labels));
        pdb.setSpec(spec);
        return pdb;
    }

    static Job job(Tier tier, String namespace, Map<String, String> labels, Map<String, String> podLabels,
                   Map<String, String> workloadSelector) {
        Job job = new Job();
        job.setMetadata(meta(tier.name(), namespace, labels));
        job.setSpec(jobSpec(tier, (Batch) tier.workload(), podLabels, workloadSelector));
        return job;
    }

    private static JobSpec jobSpec(Tier tier, Batch batch, Map<String, String> podLabels, Map<String, String> workloadSelector) {
        JobSpec spec = new JobSpec();
        spec.setBackoffLimit(batch.backoffLimit());
        spec.setActiveDeadlineSeconds(batch.activeDeadline() == null ? null : batch.activeDeadline().toSeconds());
        spec.setTtlSecondsAfterFinished(batch.ttlAfterFinished() == null ? null : Math.toIntExact(batch.ttlAfterFinished().toSeconds()));
        spec.setTemplate(template(tier, podLabels, workloadSelector));
        return spec;
    }

    static CronJob cronJob(Tier tier, String namespace, Map<String, String> labels, Map<String, String> podLabels,
                           Map<String, String> workloadSelector) {
        Schedule schedule = (Schedule) tier.workload();
        JobTemplateSpec jobTemplate = new JobTemplateSpec();
        jobTemplate.setMetadata(meta(null, null, new LinkedHashMap<>(labels)));
        jobTemplate.setSpec(jobSpec(tier, schedule.batch(), podLabels, workloadSelector));
        CronJobSpec spec = new CronJobSpec();
        spec.setSchedule(schedule.cron());
        spec.setTimeZone(schedule.timeZone());
        spec.setConcurrencyPolicy(schedule.concurrency().value());
        spec.setSuccessfulJobsHistoryLimit(schedule.successfulJobsHistory());
        spec.setFailedJobsHistoryLimit(schedule.failedJobsHistory());
        spec.setStartingDeadlineSeconds(schedule.startingDeadline() == null ? null : schedule.startingDeadline().toSeconds());
        spec.setJobTemplate(jobTemplate);
        CronJob cron = new CronJob();
        cron.setMetadata(meta(tier.name(), namespace, labels));
        cron.setSpec(spec);
        return cron;
    }

    static DaemonSet daemonSet(Tier tier, String namespace, Map<String, String> labels, Map<String, String> podLabels,
                               Map<String, String> workloadSelector) {
        RollingUpdateDaemonSet rolling = new RollingUpdateDaemonSet();
        rolling.setMaxUnavailable(new IntOrString(1));
        DaemonSetUpdateStrategy strategy = new DaemonSetUpdateStrategy();
        strategy.setType("RollingUpdate");
        strategy.setRollingUpdate(rolling);
        DaemonSetSpec spec = new DaemonSetSpec();
        spec.setRevisionHistoryLimit(5);
        spec.setSelector(selector(workloadSelector));
        spec.setUpdateStrategy(strategy);
        spec.setTemplate(template(tier, podLabels, workloadSelector));
        DaemonSet set = new DaemonSet();
        set.setMetadata(meta(tier.name(), namespace, labels));
        set.setSpec(spec);
        return set;
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
            envFrom.setConfigMapRef(new ConfigMapEnvSource(configMapName(tier), false));
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
        c.setLabelSelector(selector(selector));
        return c;
    }

    private static LabelSelector selector(Map<String, String> matchLabels) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(new LinkedHashMap<>(matchLabels));
        return selector;
    }

    static Ingress ingress(Tls defaultTls, Tier tier, String namespace, Map<String, String> labels) {
        Exposure e = tier.exposure();
        Tls tls = e.tls() != null ? e.tls() : defaultTls;
        String port = e.port() != null ? e.port() : tier.ports().get(0).name();
        ObjectMeta meta = meta(tier.name(), namespace, labels);
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
        if (e.timeout() != null) {
            // NGINX times reads and sends between two packets, in whole seconds
            long ms = e.timeout().toMillis();
            String seconds = String.valueOf((ms + 999) / 1000);
            annotations.put("nginx.ingress.kubernetes.io/proxy-read-timeout", seconds);
            annotations.put("nginx.ingress.kubernetes.io/proxy-send-timeout", seconds);
        }
        if (!annotations.isEmpty()) {
            meta.setAnnotations(annotations);
        }
        ServiceBackendPort backendPort = new ServiceBackendPort();
        backendPort.setName(port);
        IngressServiceBackend service = new IngressServiceBackend();
        service.setName(tier.name());
        service.setPort(backendPort);
        IngressBackend backend = new IngressBackend();
        backend.setService(service);
        HTTPIngressPath path = new HTTPIngressPath();
        path.setPath(e.path());
        path.setPathType("Prefix");
        path.setBackend(backend);
        HTTPIngressRuleValue http = new HTTPIngressRuleValue();
        http.setPaths(new ArrayList<>(List.of(path)));
        IngressRule rule = new IngressRule();
        rule.setHost(e.host());
        rule.setHttp(http);
        IngressSpec spec = new IngressSpec();
        spec.setIngressClassName(e.ingressClass());
        spec.setRules(new ArrayList<>(List.of(rule)));
        if (tls.enabled()) {
            IngressTLS t = new IngressTLS();
            t.setHosts(new ArrayList<>(List.of(e.host())));
            t.setSecretName(tier.name() + "-tls");
            spec.setTls(new ArrayList<>(List.of(t)));
        }
        Ingress ingress = new Ingress();
        ingress.setMetadata(meta);
        ingress.setSpec(spec);
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

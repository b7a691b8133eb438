package dev.keelson.core.internal;

import dev.keelson.core.Batch;
import dev.keelson.core.Exposure;
import dev.keelson.core.KubernetesVersion;
import dev.keelson.core.Port;
import dev.keelson.core.Schedule;
import dev.keelson.core.Stateful;
import dev.keelson.core.Storage;
import dev.keelson.core.Tier;
import dev.keelson.core.Tls;
import dev.keelson.core.spi.TierObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        template.setSpec(PodObjects.podSpec(tier, workloadSelector));
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

    static LabelSelector selector(Map<String, String> matchLabels) {
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

    static IntOrString intOrPercent(String value) {
        return value.endsWith("%") ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
    }

}

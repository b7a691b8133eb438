package dev.keelson.mesh.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.core.Flow;
import dev.keelson.core.Peer;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.mesh.BlueGreen;
import dev.keelson.mesh.DataPlane;
import dev.keelson.mesh.MeshGateway;
import dev.keelson.mesh.MeshPolicy;
import dev.keelson.mesh.TrafficSplit;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contribute phase of {@link MeshPolicy}: namespace labels, pod annotations, the mesh's flows,
 * the Deployments of traffic splits, the waypoint. A split's second Deployment is a copy of the
 * tier's as the features before the mesh left it, added as a workload of the tier
 * ({@link TierObjects#addWorkload}), so the features after the mesh change its pods as they change
 * the tier's. Internal.
 */
public final class MeshContributor {

    private static final ObjectMapper COPIER = new ObjectMapper();

    private MeshContributor() {
    }

    /** Adjusts one environment's objects and adds the mesh's flows. */
    public static void contribute(MeshPolicy mesh, FeatureContext s) {
        Map<String, String> nsLabels = s.namespace().getMetadata().getLabels();
        if (mesh.dataPlane() == DataPlane.SIDECAR) {
            if (mesh.revision() != null) {
                nsLabels.put(Mesh.REVISION, mesh.revision());
            } else {
                nsLabels.put(Mesh.INJECTION, "enabled");
            }
        } else {
            nsLabels.put(Mesh.DATAPLANE_MODE, "ambient");
            if (mesh.waypoint()) {
                nsLabels.put(Mesh.USE_WAYPOINT, Mesh.WAYPOINT);
                // outside traffic passes the waypoint too, so its authorization is enforced there
                nsLabels.put("istio.io/ingress-use-waypoint", "true");
                s.add(waypoint(s.namespaceName()));
            }
        }
        flows(mesh, s);
        for (TierObjects t : s.tiers()) {
            if (mesh.dataPlane() == DataPlane.SIDECAR) {
                if (Mesh.hostNetwork(t.tier())) {
                    // Istio injects no sidecar into a pod on the node's network; say so, so that readers of the
                    // objects (the flow evaluator) do not count it as meshed
                    t.podTemplates().forEach(template -> template.getMetadata().setAnnotations(
                            withEntry(template.getMetadata().getAnnotations(), "sidecar.istio.io/inject", "false")));
                } else {
                    t.podTemplates().forEach(template -> annotate(mesh, template));
                }
                if (!t.kind().longRunning()) {
                    // the proxy as a native sidecar (an init container that restarts) stops when the Job's container
                    // exits, so the Job completes; the annotation wins over istiod's ENABLE_NATIVE_SIDECARS
                    t.podTemplates().forEach(template -> template.getMetadata().getAnnotations().put(Mesh.NATIVE_SIDECAR, "true"));
                }
            }
            TrafficSplit split = Mesh.split(t.tier());
            if (split != null) {
                // a workload of the tier: features that contribute after the mesh change its pods too
                t.addWorkload(splitDeployment(t, split));
            }
            if (mesh.ingressGatewayOrNull() != null && t.ingress().isPresent()) {
                // the Istio gateway replaces the cluster's ingress controller for this tier
                s.remove(t.ingress().get());
            }
        }
    }

    private static void flows(MeshPolicy mesh, FeatureContext s) {
        if (mesh.dataPlane() == DataPlane.SIDECAR) {
            s.flows().add(Flow.of(Flow.Kind.CONTROL_PLANE, Peer.allPods(), mesh.controlPlane(),
                    List.of(Port.tcp("istiod", mesh.controlPlanePort()))));
        } else {
            // ztunnel and waypoints carry mesh traffic between pods over HBONE
            s.flows().add(Flow.of(Flow.Kind.CONTROL_PLANE, Peer.allPods(), Peer.allPods(),
                    List.of(Port.tcp("hbone", Mesh.HBONE_PORT))));
        }
        MeshGateway in = mesh.ingressGatewayOrNull();
        if (in != null) {
            Peer gateway = Peer.workloads(in.namespace(), in.podLabels(), in.serviceAccount());
            Peer controller = s.platform().cluster().ingressController();
            for (TierObjects t : s.tiers()) {
                Tier tier = t.tier();
                if (tier.exposure() != null) {
                    // the Istio gateway replaces the cluster's ingress controller for this tier:
                    // no policy may still admit the controller
                    for (Flow f : s.flows().into(tier.name())) {
                        if (f.kind() == Flow.Kind.INGRESS && f.from().equals(controller)) {
                            s.flows().remove(f);
                        }
                    }
                    s.flows().add(Flow.of(Flow.Kind.INGRESS, gateway, Peer.tier(tier.name()), List.of(exposedPort(tier))));
                }
            }
        }
        MeshGateway out = mesh.egressGatewayOrNull();
        if (out != null) {
            Peer gateway = Peer.workloads(out.namespace(), out.podLabels(), out.serviceAccount());
            List<Flow> toGateway = new ArrayList<>();
            for (Flow f : s.flows().ofKind(Flow.Kind.EXTERNAL)) {
                if (f.to() instanceof Peer.Network n && !n.hosts().isEmpty() && f.from() instanceof Peer.TierPeer) {
                    toGateway.add(Flow.of(Flow.Kind.EXTERNAL, f.from(), gateway, List.of(Port.tcp("tls", out.targetPort()))));
                }
            }
            toGateway.forEach(s.flows()::add);
        }
    }

    static Port exposedPort(Tier tier) {
        String name = tier.exposure().port() != null ? tier.exposure().port() : tier.ports().get(0).name();
        return tier.port(name).orElseThrow();
    }

    private static Map<String, String> withEntry(Map<String, String> map, String key, String value) {
        Map<String, String> copy = map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static void annotate(MeshPolicy mesh, PodTemplateSpec template) {
        ObjectMeta meta = template.getMetadata();
        Map<String, String> annotations = meta.getAnnotations() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(meta.getAnnotations());
        if (mesh.holdApplication()) {
            annotations.putIfAbsent("proxy.istio.io/config", "{\"holdApplicationUntilProxyStarts\":true}");
        }
        var r = mesh.proxyResources();
        annotations.putIfAbsent("sidecar.istio.io/proxyCPU", r.cpuRequest());
        annotations.putIfAbsent("sidecar.istio.io/proxyMemory", r.memoryRequest());
        if (r.cpuLimit() != null) {
            annotations.putIfAbsent("sidecar.istio.io/proxyCPULimit", r.cpuLimit());
        }
        if (r.memoryLimit() != null) {
            annotations.putIfAbsent("sidecar.istio.io/proxyMemoryLimit", r.memoryLimit());
        }
        meta.setAnnotations(annotations);
    }

    private static Deployment splitDeployment(TierObjects t, TrafficSplit split) {
        Deployment d = COPIER.convertValue(t.deployment(), Deployment.class);
        String version = split.version();
        d.getMetadata().setName(t.tier().name() + "-" + version);
        if (d.getMetadata().getLabels() != null && d.getMetadata().getLabels().containsKey("app.kubernetes.io/instance")) {
            // another instance of the same application (its pods keep the tier's labels and selector)
            d.getMetadata().getLabels().put("app.kubernetes.io/instance", d.getMetadata().getName());
        }
        int replicas = split instanceof BlueGreen && split.replicas() == 0 ? t.tier().replicas() : split.replicas();
        d.getSpec().setReplicas(replicas);
        d.getSpec().getSelector().getMatchLabels().put("version", version);
        d.getSpec().getTemplate().getMetadata().getLabels().put("version", version);
        for (TopologySpreadConstraint c : d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()) {
            if (c.getLabelSelector() != null && c.getLabelSelector().getMatchLabels() != null
                    && c.getLabelSelector().getMatchLabels().containsKey("version")) {
                c.getLabelSelector().getMatchLabels().put("version", version);
            }
        }
        Container main = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        main.setImage(split.image().reference());
        main.setImagePullPolicy(split.image().pinned() ? "IfNotPresent" : "Always");
        return d;
    }

    private static GenericKubernetesResource waypoint(String namespace) {
        GenericKubernetesResource gw = new GenericKubernetesResource();
        gw.setApiVersion("gateway.networking.k8s.io/v1");
        gw.setKind("Gateway");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(Mesh.WAYPOINT);
        meta.setNamespace(namespace);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("istio.io/waypoint-for", "service");
        meta.setLabels(labels);
        gw.setMetadata(meta);
        Map<String, Object> listener = new LinkedHashMap<>();
        listener.put("name", "mesh");
        listener.put("port", Mesh.HBONE_PORT);
        listener.put("protocol", "HBONE");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("gatewayClassName", "istio-waypoint");
        spec.put("listeners", List.of(listener));
        gw.setAdditionalProperty("spec", spec);
        return gw;
    }
}

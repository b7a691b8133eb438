package dev.keelson.graph.internal;

import dev.keelson.core.Flow;
import dev.keelson.core.Manifest;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Tier;
import dev.keelson.graph.PlatformGraph;
import dev.keelson.graph.PlatformGraph.Edge;
import dev.keelson.graph.PlatformGraph.Node;
import dev.keelson.graph.PlatformGraph.NodeKind;
import dev.keelson.security.FlowAnalysis;
import dev.keelson.security.FlowAnalysis.Verdict;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds the nodes and edges of one manifest for {@link PlatformGraph}: the tiers, the declared flows with
 * their verdicts (read back by {@link FlowAnalysis}), routes, dependencies and undeclared traffic. Internal.
 */
public final class Drawing {

    /**
     * What {@link #of} drew.
     *
     * @param podSecurity the Pod Security Admission level enforced on the namespace, or {@code null}
     * @param meshEnforced whether mesh authorization is enforced
     * @param nodes the boxes, tiers in declaration order first
     * @param edges the arrows
     */
    public record Result(@Nullable String podSecurity, boolean meshEnforced, List<Node> nodes, List<Edge> edges) {
    }

    private final Platform platform;
    private final Manifest manifest;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();

    private Drawing(Platform platform, Manifest manifest) {
        this.platform = platform;
        this.manifest = manifest;
    }

    /** Draws {@code manifest}, synthesized from {@code platform}. */
    public static Result of(Platform platform, Manifest manifest) {
        return new Drawing(platform, manifest).draw();
    }

    private Result draw() {
        String psa = null;
        for (Namespace ns : manifest.objects(Namespace.class)) {
            if (manifest.namespace().equals(ns.getMetadata().getName()) && ns.getMetadata().getLabels() != null) {
                psa = ns.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce");
            }
        }
        for (Tier t : platform.tiers()) {
            nodes.put(tierId(t.name()), tierNode(t, psa));
        }
        FlowAnalysis analysis = FlowAnalysis.of(platform, manifest);
        for (FlowAnalysis.Declared d : analysis.declared()) {
            Flow f = d.flow();
            String from = peer(f.from(), f.kind(), true);
            String to = peer(f.to(), f.kind(), false);
            List<String> ports = new ArrayList<>();
            for (Port p : f.ports()) {
                ports.add(p.name() + " " + p.number());
            }
            edges.add(new Edge(from, to, f.kind().name(), ports, d.networkPolicy(), d.mesh(), d.reasons()));
        }
        for (Ingress ingress : manifest.objects(Ingress.class)) {
            routes(ingress);
        }
        for (HTTPRoute route : manifest.objects(HTTPRoute.class)) {
            if (route.getSpec() != null) {
                List<String> backends = new ArrayList<>();
                List<String> paths = new ArrayList<>();
                for (var rule : route.getSpec().getRules()) {
                    rule.getBackendRefs().forEach(b -> backends.add(b.getName() + ":" + b.getPort()));
                    for (var match : rule.getMatches()) {
                        paths.add(match.getPath() == null ? "/" : match.getPath().getValue());
                    }
                }
                routes("HTTPRoute/" + route.getMetadata().getName(), route.getSpec().getHostnames(), paths, backends);
            }
        }
        for (GRPCRoute route : manifest.objects(GRPCRoute.class)) {
            if (route.getSpec() != null) {
                List<String> backends = new ArrayList<>();
                route.getSpec().getRules().forEach(rule -> rule.getBackendRefs()
                        .forEach(b -> backends.add(b.getName() + ":" + b.getPort())));
                routes("GRPCRoute/" + route.getMetadata().getName(), route.getSpec().getHostnames(), List.of(), backends);
            }
        }
        for (FlowAnalysis.Undeclared u : analysis.undeclared()) {
            String from = named(u.from());
            String to = named(u.to());
            boolean np = u.layer().equals("NetworkPolicy");
            edges.add(new Edge(from, to, "UNDECLARED", u.ports(), np ? Verdict.ALLOWED : Verdict.NOT_ENFORCED,
                    np ? Verdict.NOT_ENFORCED : Verdict.ALLOWED, List.of(u.policy() + " allows it; no declared flow covers it")));
        }
        return new Result(psa, analysis.meshEnforced(), new ArrayList<>(nodes.values()), edges);
    }

    private Node tierNode(Tier t, @Nullable String psa) {
        Map<String, String> details = new LinkedHashMap<>();
        HasMetadata workload = workload(t.name());
        if (workload != null) {
            details.put("workload", workload.getKind());
            Integer replicas = replicas(workload);
            if (replicas != null) {
                details.put("replicas", String.valueOf(replicas));
            }
            PodTemplateSpec pod = dev.keelson.core.spi.PodTemplates.of(workload).orElse(null);
            if (pod != null && pod.getSpec() != null && !pod.getSpec().getContainers().isEmpty()) {
                Container c = pod.getSpec().getContainers().get(0);
                List<String> probes = new ArrayList<>();
                if (c.getStartupProbe() != null) {
                    probes.add("startup");
                }
                if (c.getReadinessProbe() != null) {
                    probes.add("readiness");
                }
                if (c.getLivenessProbe() != null) {
                    probes.add("liveness");
                }
                details.put("probes", probes.isEmpty() ? "none" : String.join(", ", probes));
                details.put("image", c.getImage());
            }
        }
        for (HorizontalPodAutoscaler hpa : manifest.objects(HorizontalPodAutoscaler.class)) {
            if (hpa.getSpec() != null && hpa.getSpec().getScaleTargetRef() != null
                    && t.name().equals(hpa.getSpec().getScaleTargetRef().getName())) {
                details.put("scaling", "HPA " + hpa.getSpec().getMinReplicas() + ".." + hpa.getSpec().getMaxReplicas());
            }
        }
        if (!details.containsKey("scaling")) {
            details.put("scaling", "fixed");
        }
        details.put("pod security", psa == null ? "not enforced" : psa);
        List<String> findings = new ArrayList<>();
        for (Problem p : manifest.warnings()) {
            if (List.of(p.path().split("/")).contains(t.name())) {
                findings.add((p.rule() == null ? "" : p.rule() + " ") + p.path() + ": " + p.message());
            }
        }
        return new Node(tierId(t.name()), NodeKind.TIER, t.name(), manifest.namespace(), details, findings);
    }

    private @Nullable HasMetadata workload(String tier) {
        for (HasMetadata o : manifest.objects()) {
            if (tier.equals(o.getMetadata().getName()) && dev.keelson.core.spi.PodTemplates.of(o).isPresent()) {
                return o;
            }
        }
        return null;
    }

    private static @Nullable Integer replicas(HasMetadata workload) {
        if (workload instanceof io.fabric8.kubernetes.api.model.apps.Deployment d && d.getSpec() != null) {
            return d.getSpec().getReplicas();
        }
        if (workload instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet s && s.getSpec() != null) {
            return s.getSpec().getReplicas();
        }
        return null;
    }

    private void routes(Ingress ingress) {
        if (ingress.getSpec() == null || ingress.getSpec().getRules() == null) {
            return;
        }
        for (IngressRule rule : ingress.getSpec().getRules()) {
            if (rule.getHost() == null || rule.getHttp() == null) {
                continue;
            }
            String host = "host_" + id(rule.getHost());
            nodes.putIfAbsent(host, new Node(host, NodeKind.HOST, rule.getHost(), null,
                    Map.of("via", "Ingress/" + ingress.getMetadata().getName()), List.of()));
            for (var path : rule.getHttp().getPaths()) {
                if (path.getBackend() == null || path.getBackend().getService() == null) {
                    continue;
                }
                String service = path.getBackend().getService().getName();
                String to = nodes.containsKey(tierId(service)) ? tierId(service) : named(service);
                List<String> ports = new ArrayList<>();
                var port = path.getBackend().getService().getPort();
                if (port != null) {
                    ports.add(port.getName() != null ? port.getName() : String.valueOf(port.getNumber()));
                }
                String p = path.getPath() == null ? "/" : path.getPath();
                edges.add(new Edge(host, to, "ROUTE", ports, Verdict.NOT_ENFORCED, Verdict.NOT_ENFORCED,
                        List.of("Ingress/" + ingress.getMetadata().getName() + " routes " + rule.getHost() + p)));
            }
        }
    }

    /** The hosts of a Gateway API route and an edge from each to each backend Service (given as {@code name:port}). */
    private void routes(String via, List<String> hostnames, List<String> paths, List<String> backends) {
        for (String hostname : hostnames) {
            String host = "host_" + id(hostname);
            nodes.putIfAbsent(host, new Node(host, NodeKind.HOST, hostname, null, Map.of("via", via), List.of()));
            for (String backend : backends) {
                String service = backend.substring(0, backend.lastIndexOf(':'));
                String to = nodes.containsKey(tierId(service)) ? tierId(service) : named(service);
                String p = paths.isEmpty() ? "" : paths.get(0);
                edges.add(new Edge(host, to, "ROUTE", List.of(backend.substring(backend.lastIndexOf(':') + 1)),
                        Verdict.NOT_ENFORCED, Verdict.NOT_ENFORCED, List.of(via + " routes " + hostname + p)));
            }
        }
    }

    private String peer(Peer peer, Flow.Kind flow, boolean source) {
        if (peer instanceof Peer.TierPeer t) {
            return nodes.containsKey(tierId(t.name())) ? tierId(t.name()) : named(t.name());
        }
        if (peer instanceof Peer.AllPods) {
            String id = "all_pods";
            nodes.putIfAbsent(id, new Node(id, NodeKind.ALL_PODS, "all pods", manifest.namespace(), Map.of(), List.of()));
            return id;
        }
        if (peer instanceof Peer.Workloads w) {
            String ns = w.namespace() == null ? manifest.namespace() : w.namespace();
            Map<String, String> labels = new TreeMap<>(w.podLabels());
            String name = labels.getOrDefault("app.kubernetes.io/name", labels.getOrDefault("app",
                    labels.getOrDefault("k8s-app", labels.isEmpty() ? "every pod of " + ns : labels.values().iterator().next())));
            String id = "w_" + id(ns + "_" + labels);
            NodeKind kind = kindOf(flow, source);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("selector", labels.isEmpty() ? "every pod" : labels.toString());
            if (w.serviceAccount() != null) {
                details.put("service account", w.serviceAccount());
            }
            nodes.putIfAbsent(id, new Node(id, kind, name, ns, details, List.of()));
            return id;
        }
        Peer.Network n = (Peer.Network) peer;
        String id = "net_" + id(n.name());
        Map<String, String> details = new LinkedHashMap<>();
        if (!n.hosts().isEmpty()) {
            details.put("hosts", String.join(", ", n.hosts()));
        }
        if (!n.cidrs().isEmpty()) {
            details.put("addresses", String.join(", ", n.cidrs()));
        }
        NodeKind kind = flow == Flow.Kind.KUBERNETES_API && !source ? NodeKind.KUBERNETES_API : NodeKind.EXTERNAL;
        nodes.putIfAbsent(id, new Node(id, kind, n.name(), null, details, List.of()));
        return id;
    }

    private static NodeKind kindOf(Flow.Kind flow, boolean source) {
        if (source) {
            return switch (flow) {
                case INGRESS -> NodeKind.INGRESS;
                case MONITORING -> NodeKind.MONITORING;
                default -> NodeKind.OTHER;
            };
        }
        return switch (flow) {
            case DNS -> NodeKind.DNS;
            case CONTROL_PLANE -> NodeKind.CONTROL_PLANE;
            case DEPENDENCY -> NodeKind.DEPENDENCY;
            case EXTERNAL -> NodeKind.EXTERNAL;
            case KUBERNETES_API -> NodeKind.KUBERNETES_API;
            default -> NodeKind.OTHER;
        };
    }

    private String named(String name) {
        if (nodes.containsKey(tierId(name))) {
            return tierId(name);
        }
        for (Node n : nodes.values()) {
            if (n.label().equals(name)) {
                return n.id();
            }
        }
        String id = "other_" + id(name);
        nodes.putIfAbsent(id, new Node(id, NodeKind.OTHER, name, null, Map.of(), List.of()));
        return id;
    }

    private static String tierId(String tier) {
        return "tier_" + id(tier);
    }

    private static String id(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
        }
        return b.toString();
    }
}

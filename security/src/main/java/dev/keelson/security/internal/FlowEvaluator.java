package dev.keelson.security.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.core.Flow;
import dev.keelson.core.Peer;
import dev.keelson.core.Port;
import dev.keelson.core.spi.PodTemplates;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Computes which flows the generated NetworkPolicies and Istio AuthorizationPolicies of one
 * environment allow, from the objects alone, and compares them with the declared graph of flows:
 * every declared flow must be allowed by both layers, and neither layer may allow a flow nobody
 * declared. Internal.
 *
 * <p>The objects are read by kind and field (Istio objects through their JSON form), so this module
 * does not depend on the mesh module. The comparison works over a finite universe of endpoints: the
 * pods of the namespace's workloads, every peer the flows and the policies name, and an outsider
 * per kind of place (a pod of the namespace, a pod of another namespace, an address outside the
 * cluster); and over every port and HTTP request any of them names, plus a port and a request nobody
 * names.
 *
 * <p>Kubernetes semantics: a pod selected by any NetworkPolicy of a type is isolated for that
 * direction, and then admits the union of the rules of those policies; a flow between two pods
 * needs the egress of the source and the ingress of the destination. Cilium L7 policies count with
 * their L4 part. Istio semantics (sidecars, and ambient without waypoint): a DENY that matches
 * wins; if any ALLOW policy selects the pod, a request must match one of its rules
 * ({@code allow-nothing}, an ALLOW without rules, selects every pod and matches nothing);
 * PeerAuthentication STRICT refuses callers without a mesh identity. Out of scope, and never
 * reported: flows that leave the namespace for the mesh layer (DNS, control plane, dependencies
 * elsewhere, external endpoints and the API server are only enforced by NetworkPolicies here),
 * UDP in the mesh, the mesh's own HBONE flows, waypoint policies ({@code targetRefs}), conditions
 * ({@code when}) and request principals (treated as satisfiable), hosts, named NetworkPolicy ports.
 * Workloads in other namespaces are assumed to carry a mesh identity.
 *
 * <p>Complexity, for a universe of U endpoints, P ports, R requests, F flows and policies with
 * rules: reading builds indexes (pods by tier, by label and by ServiceAccount; tiers, policies and
 * PeerAuthentications by the first label their selector requires; flows by destination tier, else
 * by source tier; the universe by label, namespace and principal), each in time linear in its input.
 * Declared flows are checked one by one ({@code blocked}). Undeclared flows are not searched over
 * all U × U × P × R combinations: each rule contributes the candidates it can grant (the endpoints
 * its peers or sources can match × the endpoints its policy selects × its ports), and only those are
 * decided. For generated platforms, where every rule names one tier or a few, this is about linear
 * in the tiers. What stays as wide as its input: a rule without peers (or an Istio rule without
 * {@code from}, or whose sources name only wildcards or exclusions) stands for the whole universe;
 * a peer without pod labels is checked against every endpoint; a NetworkPolicy port range or
 * protocol-only port is checked against every port; an Istio candidate tries up to R requests.
 *
 * <p>It is one class, over the ~500 lines a class is held to, because reading, the universe, both
 * layers' decisions and the candidate search ({@code Candidates}) work on one evaluation's state: the
 * indexes and universe built once, the per-endpoint caches of selecting NetworkPolicies, applying
 * AuthorizationPolicies and mTLS modes, and the decision count its complexity tests read; split
 * classes would only hand that state around ({@link Cidr}, which needs none of it, is nested).
 */
public final class FlowEvaluator {

    /** The label Gateway API implementations (Istio's automated deployment) put on a Gateway's pods. */
    private static final String GATEWAY_NAME = dev.keelson.core.GatewayApi.GATEWAY_NAME_LABEL;

    /** The layer a result is about. */
    public enum Layer {
        /** Kubernetes NetworkPolicies (and Cilium policies' L4 part). */
        NETWORK_POLICY,
        /** Istio AuthorizationPolicies and PeerAuthentication. */
        AUTHORIZATION
    }

    /**
     * A declared flow one layer blocks.
     *
     * @param layer the layer that blocks it
     * @param flow the declared flow
     * @param from the source endpoint that is refused
     * @param to the destination endpoint
     * @param port the port
     * @param request the HTTP request ({@code any} when not limited)
     * @param reason why, naming the policy or the missing rule
     */
    public record Blocked(Layer layer, Flow flow, Endpoint from, Endpoint to, String port, String request, String reason) {
    }

    /**
     * A flow one layer allows that no declared flow covers.
     *
     * @param layer the layer that allows it
     * @param policy the policy whose rule grants it
     * @param field where in the policy, e.g. {@code spec.ingress[0]}
     * @param from the source endpoint
     * @param to the destination endpoint
     * @param ports the ports (and requests) granted
     */
    public record Undeclared(Layer layer, HasMetadata policy, String field, Endpoint from, Endpoint to, List<String> ports) {
    }

    /** What the evaluation found. */
    public record Result(List<Blocked> blocked, List<Undeclared> undeclared) {
    }

    /** Where an endpoint is. */
    public enum Where {
        /** A pod of the environment's namespace. */
        HERE,
        /** A pod of another namespace. */
        ELSEWHERE,
        /** An address range outside the cluster. */
        NETWORK
    }

    /**
     * One end of a possible flow.
     *
     * @param where where it is
     * @param namespace its namespace (pods)
     * @param namespaceLabels its namespace's labels (pods)
     * @param labels its pod labels (pods)
     * @param serviceAccount its ServiceAccount, or {@code null} if unknown
     * @param cidr its address range (networks)
     * @param tier the tier it belongs to, or {@code null}
     * @param name how to name it in a message
     * @param meshed whether it has a mesh identity
     */
    public record Endpoint(Where where, String namespace, Map<String, String> namespaceLabels, Map<String, String> labels,
                           String serviceAccount, String cidr, String tier, String name, boolean meshed) {
        @Override
        public String toString() {
            return name;
        }

        // equals and hashCode written out here and below: the generated ones bootstrap method handles the first
        // time they run, which was a tenth of a 10-tier synthesis (benchmarks/RESULTS.md)
        @Override
        public boolean equals(Object o) {
            return o instanceof Endpoint e && where == e.where && meshed == e.meshed && Objects.equals(namespace, e.namespace)
                    && Objects.equals(namespaceLabels, e.namespaceLabels) && Objects.equals(labels, e.labels)
                    && Objects.equals(serviceAccount, e.serviceAccount) && Objects.equals(cidr, e.cidr)
                    && Objects.equals(tier, e.tier) && Objects.equals(name, e.name);
        }

        @Override
        public int hashCode() {
            int h = where.hashCode();
            h = 31 * h + Objects.hashCode(namespace);
            h = 31 * h + Objects.hashCode(namespaceLabels);
            h = 31 * h + Objects.hashCode(labels);
            h = 31 * h + Objects.hashCode(serviceAccount);
            h = 31 * h + Objects.hashCode(cidr);
            h = 31 * h + Objects.hashCode(tier);
            h = 31 * h + Objects.hashCode(name);
            return 31 * h + Boolean.hashCode(meshed);
        }
    }

    private record PortKey(int number, String protocol) {
        @Override
        public String toString() {
            return protocol + " " + number;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PortKey k && number == k.number && Objects.equals(protocol, k.protocol);
        }

        @Override
        public int hashCode() {
            return number * 31 + Objects.hashCode(protocol);
        }
    }

    private record Request(String method, String path) {
        static final Request ANY = new Request(null, null);

        @Override
        public boolean equals(Object o) {
            return o instanceof Request r && Objects.equals(method, r.method) && Objects.equals(path, r.path);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(method) * 31 + Objects.hashCode(path);
        }

        @Override
        public String toString() {
            return this == ANY || (method == null && path == null) ? "any request"
                    : (method == null ? "any method" : method) + " " + (path == null ? "any path" : path);
        }
    }

    private record NpDecision(boolean allowed, boolean granted, HasMetadata policy, String field, String reason) {
    }

    private record MeshDecision(boolean applies, boolean allowed, boolean granted, HasMetadata policy, String field, String reason) {
    }

    private static final String NS_LABEL = "kubernetes.io/metadata.name";
    /** Jackson, loaded only when an environment has mesh or Cilium policies to read (a small synthesis has none). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private static final String OUTSIDER = "keelson-outsider";

    private final String namespace;
    private final Map<String, String> namespaceLabels;
    private final List<Flow> flows;
    private final Map<String, Map<String, String>> tierSelectors;
    private final List<NetworkPolicy> networkPolicies = new ArrayList<>();
    private final List<Map<String, Object>> cilium = new ArrayList<>();
    private final List<HasMetadata> ciliumObjects = new ArrayList<>();
    private final List<Map<String, Object>> authz = new ArrayList<>();
    private final List<HasMetadata> authzObjects = new ArrayList<>();
    private final List<Map<String, Object>> peerAuth = new ArrayList<>();
    /** The names of the Gateway API Gateways of class {@code istio} here: Istio runs their pods as gateway proxies. */
    private final java.util.Set<String> istioGateways = new java.util.HashSet<>();
    private final List<Endpoint> pods = new ArrayList<>();
    private final Map<Peer, List<Endpoint>> byPeer = new LinkedHashMap<>();
    private final Set<Endpoint> universe = new LinkedHashSet<>();
    private final Set<PortKey> ports = new LinkedHashSet<>();
    private final Set<Request> requests = new LinkedHashSet<>();
    private boolean meshLayer;
    private final Map<Endpoint, List<NetworkPolicy>> selectingCache = new IdentityHashMap<>();
    private final Map<Endpoint, List<Integer>> applyingCache = new IdentityHashMap<>();
    private final Map<Endpoint, Map<PortKey, String>> mtlsCache = new IdentityHashMap<>();
    private boolean injected;
    /** How many layer decisions ({@code network} and {@code mesh}) the evaluation took; read by tests. */
    private long decisions;

    // indexes, built once so that no lookup scans all pods, tiers, flows or policies
    private final List<String> tierNames = new ArrayList<>();
    private final SelectorIndex tierIndex = new SelectorIndex();
    private final Postings podsByLabel = new Postings();
    private final Map<String, List<Endpoint>> podsByTier = new HashMap<>();
    private final Map<String, Endpoint> podBySa = new HashMap<>();
    private final Map<String, List<Flow>> flowsByToTier = new HashMap<>();
    private final Map<String, List<Flow>> flowsByFromTier = new HashMap<>();
    private final List<Flow> otherFlows = new ArrayList<>();
    private final SelectorIndex npIndex = new SelectorIndex();
    private final SelectorIndex ciliumIndex = new SelectorIndex();
    private final SelectorIndex authzIndex = new SelectorIndex();
    private final SelectorIndex peerAuthIndex = new SelectorIndex();
    private final Map<HasMetadata, Integer> authzByObject = new IdentityHashMap<>();

    private FlowEvaluator(String namespace, Map<String, String> namespaceLabels, List<Flow> flows,
                          Map<String, Map<String, String>> tierSelectors) {
        this.namespace = namespace;
        Map<String, String> nsLabels = new LinkedHashMap<>(namespaceLabels == null ? Map.of() : namespaceLabels);
        nsLabels.put(NS_LABEL, namespace);
        this.namespaceLabels = nsLabels;
        this.flows = flows;
        this.tierSelectors = tierSelectors;
        for (Map.Entry<String, Map<String, String>> t : tierSelectors.entrySet()) {
            if (!t.getValue().isEmpty()) {
                tierIndex.add(tierNames.size(), t.getValue());
            }
            tierNames.add(t.getKey());
        }
        for (Flow f : flows) {
            if (f.to() instanceof Peer.TierPeer t) {
                flowsByToTier.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(f);
            } else if (f.from() instanceof Peer.TierPeer t) {
                flowsByFromTier.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(f);
            } else {
                otherFlows.add(f);
            }
        }
    }

    /**
     * Evaluates the objects of one environment against its declared flows.
     *
     * @param namespace the environment's namespace
     * @param namespaceLabels the namespace's labels (they say whether the namespace is in the mesh)
     * @param objects the environment's final objects
     * @param flows the declared flows
     * @param tierSelectors each tier's pod selector, by tier name
     */
    public static Result evaluate(String namespace, Map<String, String> namespaceLabels, List<HasMetadata> objects,
                                  List<Flow> flows, Map<String, Map<String, String>> tierSelectors) {
        FlowEvaluator e = new FlowEvaluator(namespace, namespaceLabels, flows, tierSelectors);
        e.read(objects);
        e.buildUniverse();
        return new Result(e.blocked(), e.undeclared());
    }

    /** Like {@link #evaluate}, but returns how many layer decisions the evaluation took (for tests of its complexity). */
    static long decisions(String namespace, Map<String, String> namespaceLabels, List<HasMetadata> objects,
                          List<Flow> flows, Map<String, Map<String, String>> tierSelectors) {
        FlowEvaluator e = new FlowEvaluator(namespace, namespaceLabels, flows, tierSelectors);
        e.read(objects);
        e.buildUniverse();
        e.blocked();
        e.undeclared();
        return e.decisions;
    }

    // ---- reading the objects ----------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private void read(List<HasMetadata> objects) {
        boolean injected = "enabled".equals(namespaceLabels.get("istio-injection"))
                || namespaceLabels.containsKey("istio.io/rev")
                || "ambient".equals(namespaceLabels.get("istio.io/dataplane-mode"));
        boolean waypoint = false;
        for (HasMetadata o : objects) {
            String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
            if (ns != null && !ns.equals(namespace)) {
                continue;
            }
            String api = o.getApiVersion() == null ? "" : o.getApiVersion();
            if (o instanceof NetworkPolicy np) {
                npIndex.add(networkPolicies.size(), np.getSpec() == null || np.getSpec().getPodSelector() == null
                        ? null : np.getSpec().getPodSelector().getMatchLabels());
                networkPolicies.add(np);
            } else if ("CiliumNetworkPolicy".equals(o.getKind()) && api.startsWith("cilium.io/")) {
                Map<String, Object> json = Json.MAPPER.convertValue(o, Map.class);
                ciliumIndex.add(cilium.size(), stringMap(mapOf(spec(json).get("endpointSelector")).get("matchLabels")));
                cilium.add(json);
                ciliumObjects.add(o);
            } else if ("AuthorizationPolicy".equals(o.getKind()) && api.startsWith("security.istio.io/")) {
                Map<String, Object> json = Json.MAPPER.convertValue(o, Map.class);
                if (spec(json).get("targetRefs") != null || spec(json).get("targetRef") != null) {
                    waypoint = true;
                }
                authzIndex.add(authz.size(), stringMap(mapOf(spec(json).get("selector")).get("matchLabels")));
                authzByObject.put(o, authz.size());
                authz.add(json);
                authzObjects.add(o);
            } else if ("Gateway".equals(o.getKind()) && o instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway g
                    && g.getSpec() != null
                    && "istio".equals(g.getSpec().getGatewayClassName())) {
                istioGateways.add(g.getMetadata().getName());
            } else if ("PeerAuthentication".equals(o.getKind()) && api.startsWith("security.istio.io/")) {
                Map<String, Object> json = Json.MAPPER.convertValue(o, Map.class);
                peerAuthIndex.add(peerAuth.size(), stringMap(mapOf(spec(json).get("selector")).get("matchLabels")));
                peerAuth.add(json);
            } else {
                PodTemplateSpec template = template(o);
                if (template != null) {
                    ObjectMeta m = template.getMetadata();
                    Map<String, String> labels = m == null || m.getLabels() == null ? Map.of() : m.getLabels();
                    Map<String, String> annotations = m == null || m.getAnnotations() == null ? Map.of() : m.getAnnotations();
                    String sa = template.getSpec() == null ? null : template.getSpec().getServiceAccountName();
                    boolean meshed = injected && !"false".equals(annotations.get("sidecar.istio.io/inject"))
                            && !"false".equals(labels.get("sidecar.istio.io/inject"));
                    String tier = tierOf(labels);
                    Endpoint pod = new Endpoint(Where.HERE, namespace, namespaceLabels, labels, sa == null ? "default" : sa,
                            null, tier, tier != null ? "tier " + tier + " (" + o.getKind() + "/" + o.getMetadata().getName() + ")"
                            : o.getKind() + "/" + o.getMetadata().getName(), meshed);
                    podsByLabel.add(pods.size(), labels);
                    if (tier != null) {
                        podsByTier.computeIfAbsent(tier, k -> new ArrayList<>()).add(pod);
                    }
                    podBySa.putIfAbsent(pod.serviceAccount(), pod);
                    pods.add(pod);
                }
            }
        }
        // waypoints enforce L7 policies outside the pod: not modelled, so the mesh layer is left out
        meshLayer = injected && !authz.isEmpty() && !waypoint;
        this.injected = injected;
    }

    /**
     * The pod template of a Deployment, StatefulSet, DaemonSet, Job or CronJob: the workloads whose pods
     * are endpoints here (a Job's pods call other tiers, as a migration calls its database).
     */
    private static PodTemplateSpec template(HasMetadata o) {
        return o instanceof Deployment || o instanceof StatefulSet || o instanceof DaemonSet || o instanceof Job || o instanceof CronJob
                ? PodTemplates.of(o).orElse(null) : null;
    }


    /** The first tier (in declaration order) whose non-empty selector the labels satisfy. */
    private String tierOf(Map<String, String> labels) {
        for (int t : tierIndex.candidates(labels)) {
            String name = tierNames.get(t);
            if (labels.entrySet().containsAll(tierSelectors.get(name).entrySet())) {
                return name;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Map<String, Object> json) {
        Object spec = json.get("spec");
        return spec instanceof Map ? (Map<String, Object>) spec : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listOf(Object o) {
        return o instanceof List ? (List<Object>) o : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOf(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        for (Object x : listOf(o)) {
            out.add(String.valueOf(x));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> stringMap(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        mapOf(o).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    // ---- the universe -----------------------------------------------------------------------

    private void buildUniverse() {
        universe.addAll(pods);
        for (Flow f : flows) {
            universe.addAll(endpoints(f.from()));
            universe.addAll(endpoints(f.to()));
            for (Port p : f.ports()) {
                ports.add(new PortKey(p.number(), p.protocol().name()));
            }
            for (Request r : requests(f)) {
                requests.add(r);
            }
        }
        for (NetworkPolicy np : networkPolicies) {
            if (np.getSpec() == null) {
                continue;
            }
            for (NetworkPolicyIngressRule r : list(np.getSpec().getIngress())) {
                list(r.getFrom()).forEach(p -> universe.add(endpoint(p)));
                list(r.getPorts()).forEach(this::addPort);
            }
            for (NetworkPolicyEgressRule r : list(np.getSpec().getEgress())) {
                list(r.getTo()).forEach(p -> universe.add(endpoint(p)));
                list(r.getPorts()).forEach(this::addPort);
            }
        }
        for (Map<String, Object> cnp : cilium) {
            for (Object in : listOf(spec(cnp).get("ingress"))) {
                for (Object from : listOf(mapOf(in).get("fromEndpoints"))) {
                    Map<String, String> labels = stringMap(mapOf(from).get("matchLabels"));
                    universe.add(new Endpoint(Where.HERE, namespace, namespaceLabels, labels, null, null, tierOf(labels),
                            "pods " + labels, injected));
                }
                for (Object tp : listOf(mapOf(in).get("toPorts"))) {
                    for (Object p : listOf(mapOf(tp).get("ports"))) {
                        addPort(String.valueOf(mapOf(p).get("port")), String.valueOf(mapOf(p).getOrDefault("protocol", "TCP")));
                    }
                }
            }
        }
        for (Map<String, Object> ap : authz) {
            for (Object rule : listOf(spec(ap).get("rules"))) {
                for (Object from : listOf(mapOf(rule).get("from"))) {
                    Map<String, Object> source = mapOf(mapOf(from).get("source"));
                    for (String principal : strings(source.get("principals"))) {
                        Endpoint e = principalEndpoint(principal);
                        if (e != null) {
                            universe.add(e);
                        }
                    }
                    for (String ns : strings(source.get("namespaces"))) {
                        if (!ns.contains("*")) {
                            universe.add(podIn(ns, Map.of(), null, "any pod of namespace " + ns));
                        }
                    }
                    for (String cidr : strings(source.get("ipBlocks"))) {
                        universe.add(network(cidr, cidr));
                    }
                }
                for (Object to : listOf(mapOf(rule).get("to"))) {
                    Map<String, Object> op = mapOf(mapOf(to).get("operation"));
                    for (String p : strings(op.get("ports"))) {
                        addPort(p, "TCP");
                    }
                }
            }
        }
        universe.add(podIn(namespace, Map.of("app", OUTSIDER), OUTSIDER, "an undeclared pod of " + namespace));
        universe.add(podIn(OUTSIDER, Map.of("app", OUTSIDER), OUTSIDER, "an undeclared pod of another namespace"));
        universe.add(network("198.51.100.0/24", "an undeclared address 198.51.100.0/24"));
        ports.add(new PortKey(1, "TCP"));
        requests.add(Request.ANY);
        requests.add(new Request("TRACE", "/" + OUTSIDER));
    }

    private void addPort(NetworkPolicyPort p) {
        if (p.getPort() != null && p.getPort().getIntVal() != null) {
            ports.add(new PortKey(p.getPort().getIntVal(), p.getProtocol() == null ? "TCP" : p.getProtocol()));
        }
    }

    private void addPort(String number, String protocol) {
        try {
            ports.add(new PortKey(Integer.parseInt(number), protocol));
        } catch (NumberFormatException e) {
            // a named port: not modelled
        }
    }

    private Endpoint principalEndpoint(String principal) {
        int nsAt = principal.indexOf("/ns/");
        int saAt = principal.indexOf("/sa/");
        if (nsAt < 0 || saAt < nsAt || principal.contains("*")) {
            return null;
        }
        String ns = principal.substring(nsAt + 4, saAt);
        String sa = principal.substring(saAt + 4);
        if (ns.equals(namespace) && podBySa.containsKey(sa)) {
            return podBySa.get(sa);
        }
        return podIn(ns, Map.of(), sa, "pods of " + ns + " running as " + sa);
    }

    private Endpoint podIn(String ns, Map<String, String> labels, String sa, String name) {
        boolean here = ns.equals(namespace);
        if (here && !labels.isEmpty() && sa == null) {
            for (int i : podsByLabel.smallest(labels)) { // in the order of pods: the first that matches
                Endpoint p = pods.get(i);
                if (p.labels().entrySet().containsAll(labels.entrySet())) {
                    return p; // a selector of a workload of the namespace: that workload's pods
                }
            }
        }
        Map<String, String> nsLabels = here ? namespaceLabels : Map.of(NS_LABEL, ns);
        return new Endpoint(here ? Where.HERE : Where.ELSEWHERE, ns, nsLabels, Map.copyOf(labels), sa, null,
                here ? tierOf(labels) : null, name, !here || injected);
    }

    private static Endpoint network(String cidr, String name) {
        return new Endpoint(Where.NETWORK, null, Map.of(), Map.of(), null, cidr, null, name, false);
    }

    private Endpoint endpoint(NetworkPolicyPeer p) {
        if (p.getIpBlock() != null) {
            return network(p.getIpBlock().getCidr(), p.getIpBlock().getCidr());
        }
        Map<String, String> labels = p.getPodSelector() == null || p.getPodSelector().getMatchLabels() == null
                ? Map.of() : p.getPodSelector().getMatchLabels();
        if (p.getNamespaceSelector() == null) {
            return podIn(namespace, labels, null, "pods " + labels);
        }
        Map<String, String> nsLabels = p.getNamespaceSelector().getMatchLabels() == null ? Map.of()
                : p.getNamespaceSelector().getMatchLabels();
        String ns = nsLabels.getOrDefault(NS_LABEL, OUTSIDER);
        return podIn(ns, labels, null, "pods " + labels + " of namespace " + ns);
    }

    /** The endpoints that stand for a declared peer. */
    private List<Endpoint> endpoints(Peer peer) {
        return byPeer.computeIfAbsent(peer, p -> {
            List<Endpoint> list = new ArrayList<>();
            if (p instanceof Peer.TierPeer t) {
                list.addAll(podsByTier.getOrDefault(t.name(), List.of()));
            } else if (p == Peer.allPods()) {
                list.addAll(pods);
                list.add(podIn(namespace, Map.of("app", OUTSIDER), OUTSIDER, "an undeclared pod of " + namespace));
            } else if (p instanceof Peer.Workloads w) {
                String ns = w.namespace() == null ? namespace : w.namespace();
                String name = "pods " + w.podLabels() + (ns.equals(namespace) ? "" : " of namespace " + ns);
                list.add(podIn(ns, w.podLabels(), w.serviceAccount(), name));
            } else if (p instanceof Peer.Network n) {
                for (String cidr : n.cidrs()) {
                    list.add(network(cidr, n.name() + " (" + cidr + ")"));
                }
            }
            return list;
        });
    }

    private static List<Request> requests(Flow f) {
        List<Request> list = new ArrayList<>();
        List<String> methods = f.methods().isEmpty() ? java.util.Collections.singletonList(null) : f.methods();
        List<String> paths = f.paths().isEmpty() ? java.util.Collections.singletonList(null) : f.paths();
        for (String m : methods) {
            for (String p : paths) {
                list.add(new Request(m, p));
            }
        }
        return list;
    }

    // ---- declared ---------------------------------------------------------------------------

    /** Whether a declared flow covers this; for the mesh layer at the granularity Istio can express. */
    private boolean declared(Endpoint src, Endpoint dst, PortKey port, Request request, Layer layer) {
        return declared(dst.tier() == null ? List.of() : flowsByToTier.getOrDefault(dst.tier(), List.of()), src, dst, port, request, layer)
                || declared(src.tier() == null ? List.of() : flowsByFromTier.getOrDefault(src.tier(), List.of()), src, dst, port, request, layer)
                || declared(otherFlows, src, dst, port, request, layer);
    }

    /** Whether one of these flows covers this (the flows that cannot are left out by the caller). */
    private boolean declared(List<Flow> flows, Endpoint src, Endpoint dst, PortKey port, Request request, Layer layer) {
        for (Flow f : flows) {
            if (layer == Layer.AUTHORIZATION && f.kind() == Flow.Kind.CONTROL_PLANE) {
                continue;
            }
            if (!covers(f.from(), src, layer) || !covers(f.to(), dst, Layer.NETWORK_POLICY)) {
                continue;
            }
            boolean onPort = false;
            for (Port p : f.ports()) {
                onPort |= p.number() == port.number() && p.protocol().name().equals(port.protocol());
            }
            if (!onPort) {
                continue;
            }
            if (layer == Layer.NETWORK_POLICY) {
                return true;
            }
            boolean method = f.methods().isEmpty() || (request.method() != null && f.methods().contains(request.method()));
            boolean path = f.paths().isEmpty() || (request.path() != null && f.paths().stream().anyMatch(p -> glob(p, request.path())));
            if (method && path) {
                return true;
            }
        }
        return false;
    }

    private boolean covers(Peer peer, Endpoint e, Layer layer) {
        if (peer instanceof Peer.TierPeer t) {
            return t.name().equals(e.tier());
        }
        if (peer == Peer.allPods()) {
            return e.where() == Where.HERE;
        }
        if (peer instanceof Peer.Workloads w) {
            String ns = w.namespace() == null ? namespace : w.namespace();
            if (e.where() == Where.NETWORK || !ns.equals(e.namespace())) {
                return false;
            }
            if (w.serviceAccount() != null && w.serviceAccount().equals(e.serviceAccount())) {
                return true;
            }
            if (layer == Layer.AUTHORIZATION && w.serviceAccount() == null) {
                return true; // without a ServiceAccount the mesh can only name the namespace
            }
            return e.labels().entrySet().containsAll(w.podLabels().entrySet())
                    && (w.serviceAccount() == null || e.serviceAccount() == null || w.serviceAccount().equals(e.serviceAccount()));
        }
        if (peer instanceof Peer.Network n) {
            if (e.where() != Where.NETWORK) {
                return false;
            }
            for (String cidr : n.cidrs()) {
                if (Cidr.contains(cidr, e.cidr())) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- comparing --------------------------------------------------------------------------

    private List<Blocked> blocked() {
        List<Blocked> out = new ArrayList<>();
        for (Flow f : flows) {
            Blocked np = null;
            Blocked mesh = null;
            for (Endpoint src : endpoints(f.from())) {
                for (Endpoint dst : endpoints(f.to())) {
                    if (src.where() != Where.HERE && dst.where() != Where.HERE) {
                        continue;
                    }
                    for (Port p : f.ports()) {
                        PortKey port = new PortKey(p.number(), p.protocol().name());
                        NpDecision d = network(src, dst, port);
                        if (np == null && !d.allowed()) {
                            np = new Blocked(Layer.NETWORK_POLICY, f, src, dst, port.toString(), "any request", d.reason());
                        }
                        if (mesh != null || f.kind() == Flow.Kind.CONTROL_PLANE) {
                            continue;
                        }
                        for (Request r : requests(f)) {
                            MeshDecision m = mesh(src, dst, port, r);
                            if (m.applies() && !m.allowed()) {
                                mesh = new Blocked(Layer.AUTHORIZATION, f, src, dst, port.toString(), r.toString(), m.reason());
                                break;
                            }
                        }
                    }
                }
            }
            if (np != null) {
                out.add(np);
            }
            if (mesh != null) {
                out.add(mesh);
            }
        }
        return out;
    }

    /**
     * The flows the policies allow that no declared flow covers. Only the (source, destination, port)
     * triples some rule can grant are looked at: each rule contributes the endpoints its peers (or
     * sources) can match times the endpoints its policy selects times its ports, a superset of what it
     * grants; each candidate is then decided exactly as before. Results come in the order of the
     * universe (source, then destination), then of the first port found, NetworkPolicy before mesh.
     */
    private List<Undeclared> undeclared() {
        Candidates c = new Candidates();
        // (source index * n + destination index) -> the candidate ports of each layer
        Map<Long, BitSet[]> pairs = new HashMap<>();
        for (NetworkPolicy np : networkPolicies) {
            if (np.getSpec() == null) {
                continue;
            }
            BitSet selected = c.selectedBy(np.getSpec().getPodSelector());
            for (NetworkPolicyIngressRule r : list(np.getSpec().getIngress())) {
                c.grant(pairs, Layer.NETWORK_POLICY, c.peers(r.getFrom()), selected, c.ports(r.getPorts()));
            }
            for (NetworkPolicyEgressRule r : list(np.getSpec().getEgress())) {
                c.grant(pairs, Layer.NETWORK_POLICY, selected, c.peers(r.getTo()), c.ports(r.getPorts()));
            }
        }
        for (Map<String, Object> cnp : cilium) {
            BitSet selected = c.here(stringMap(mapOf(spec(cnp).get("endpointSelector")).get("matchLabels")));
            for (Object in : listOf(spec(cnp).get("ingress"))) {
                BitSet from = new BitSet();
                for (Object e : listOf(mapOf(in).get("fromEndpoints"))) {
                    from.or(c.here(stringMap(mapOf(e).get("matchLabels"))));
                }
                BitSet onPorts = new BitSet();
                for (Object tp : listOf(mapOf(in).get("toPorts"))) {
                    for (Object p : listOf(mapOf(tp).get("ports"))) {
                        c.port(onPorts, String.valueOf(mapOf(p).get("port")), String.valueOf(mapOf(p).getOrDefault("protocol", "TCP")));
                    }
                }
                c.grant(pairs, Layer.NETWORK_POLICY, from, selected, onPorts);
            }
        }
        if (meshLayer) {
            for (Map<String, Object> ap : authz) {
                if (!"ALLOW".equals(String.valueOf(spec(ap).getOrDefault("action", "ALLOW")))) {
                    continue;
                }
                BitSet selected = c.meshed(ap);
                for (Object rule : listOf(spec(ap).get("rules"))) {
                    c.grant(pairs, Layer.AUTHORIZATION, c.sources(listOf(mapOf(rule).get("from"))), selected,
                            c.operations(listOf(mapOf(rule).get("to"))));
                }
            }
        }
        List<Long> keys = new ArrayList<>(pairs.keySet());
        Collections.sort(keys);
        List<Undeclared> out = new ArrayList<>();
        for (long key : keys) {
            Endpoint src = c.all.get((int) (key / c.all.size()));
            Endpoint dst = c.all.get((int) (key % c.all.size()));
            if (src.where() != Where.HERE && dst.where() != Where.HERE) {
                continue;
            }
            BitSet[] onPorts = pairs.get(key);
            Undeclared np = null;
            int npFirst = -1;
            for (int i = onPorts[0].nextSetBit(0); i >= 0; i = onPorts[0].nextSetBit(i + 1)) {
                PortKey port = c.ports.get(i);
                NpDecision d = network(src, dst, port);
                if (d.allowed() && d.granted() && !declared(src, dst, port, Request.ANY, Layer.NETWORK_POLICY)) {
                    if (np == null) {
                        np = new Undeclared(Layer.NETWORK_POLICY, d.policy(), d.field(), src, dst, new ArrayList<>());
                        npFirst = i;
                    }
                    np.ports().add(port.toString());
                }
            }
            Undeclared mesh = null;
            int meshFirst = -1;
            for (int i = onPorts[1].nextSetBit(0); i >= 0; i = onPorts[1].nextSetBit(i + 1)) {
                PortKey port = c.ports.get(i);
                for (Request r : requests) {
                    MeshDecision m = mesh(src, dst, port, r);
                    if (m.applies() && m.allowed() && m.granted() && !anySourceOnPlaintext(m, dst, port)
                            && !declared(src, dst, port, r, Layer.AUTHORIZATION)) {
                        if (mesh == null) {
                            mesh = new Undeclared(Layer.AUTHORIZATION, m.policy(), m.field(), src, dst, new ArrayList<>());
                            meshFirst = i;
                        }
                        mesh.ports().add(port + (r == Request.ANY ? "" : " (" + r + ")"));
                        break; // one request per port is enough to show the widening
                    }
                }
            }
            if (np != null && (mesh == null || npFirst <= meshFirst)) {
                out.add(np);
                np = null;
            }
            if (mesh != null) {
                out.add(mesh);
            }
            if (np != null) {
                out.add(np);
            }
        }
        return out;
    }

    /**
     * The candidates of {@code undeclared()}: the universe and the ports by index, and the indexes
     * that find, without scanning the universe, the endpoints a selector, a peer or a source can match.
     * The sets returned are supersets (the exact decision is taken afterwards); a peer or source this
     * cannot narrow (no labels, no principals or namespaces) stands for the whole universe.
     */
    private final class Candidates {
        final List<Endpoint> all = new ArrayList<>(universe);
        final List<PortKey> ports = new ArrayList<>(FlowEvaluator.this.ports);
        private final Map<PortKey, Integer> portIndex = new HashMap<>();
        private final Postings byLabel = new Postings();
        private final Map<String, List<Integer>> byPrincipal = new HashMap<>();
        private final Map<String, List<Integer>> byNamespace = new HashMap<>();
        private final List<Integer> networks = new ArrayList<>();
        private final BitSet everyone = new BitSet();
        private final BitSet allPorts = new BitSet();

        Candidates() {
            for (int i = 0; i < ports.size(); i++) {
                portIndex.put(ports.get(i), i);
            }
            allPorts.set(0, ports.size());
            everyone.set(0, all.size());
            for (int i = 0; i < all.size(); i++) {
                Endpoint e = all.get(i);
                byLabel.add(i, e.labels());
                if (e.where() == Where.NETWORK) {
                    networks.add(i);
                    continue;
                }
                byNamespace.computeIfAbsent(e.namespace(), k -> new ArrayList<>()).add(i);
                if (e.serviceAccount() != null) {
                    byPrincipal.computeIfAbsent("/ns/" + e.namespace() + "/sa/" + e.serviceAccount(), k -> new ArrayList<>()).add(i);
                }
            }
        }

        /** The endpoints of the namespace a NetworkPolicy's pod selector selects. */
        BitSet selectedBy(LabelSelector selector) {
            BitSet out = new BitSet();
            for (int i : withLabels(selector == null ? null : selector.getMatchLabels())) {
                Endpoint e = all.get(i);
                if (e.where() == Where.HERE && PolicyIndex.matches(selector, e.labels())) {
                    out.set(i);
                }
            }
            return out;
        }

        /** The endpoints of the namespace whose labels include these. */
        BitSet here(Map<String, String> labels) {
            BitSet out = new BitSet();
            for (int i : withLabels(labels)) {
                Endpoint e = all.get(i);
                if (e.where() == Where.HERE && e.labels().entrySet().containsAll(labels.entrySet())) {
                    out.set(i);
                }
            }
            return out;
        }

        /** The meshed endpoints of the namespace an AuthorizationPolicy selects. */
        BitSet meshed(Map<String, Object> ap) {
            BitSet out = here(stringMap(mapOf(spec(ap).get("selector")).get("matchLabels")));
            for (int i = out.nextSetBit(0); i >= 0; i = out.nextSetBit(i + 1)) {
                if (!all.get(i).meshed()) {
                    out.clear(i);
                }
            }
            return out;
        }

        /** The endpoints a NetworkPolicy rule's peers match (no peers: everyone). */
        BitSet peers(List<NetworkPolicyPeer> peers) {
            if (peers == null || peers.isEmpty()) {
                return everyone;
            }
            BitSet out = new BitSet();
            for (NetworkPolicyPeer p : peers) {
                LabelSelector pods = p.getPodSelector();
                Iterable<Integer> candidates = p.getIpBlock() != null ? networks
                        : withLabels(pods == null ? null : pods.getMatchLabels());
                for (int i : candidates) {
                    if (peer(p, all.get(i))) {
                        out.set(i);
                    }
                }
            }
            return out;
        }

        /** The endpoints an Istio rule's {@code from} can match, whatever their identity (no {@code from}: everyone). */
        BitSet sources(List<Object> froms) {
            if (froms.isEmpty()) {
                return everyone;
            }
            BitSet out = new BitSet();
            for (Object f : froms) {
                Map<String, Object> s = mapOf(mapOf(f).get("source"));
                List<String> principals = strings(s.get("principals"));
                List<String> namespaces = strings(s.get("namespaces"));
                List<String> blocks = new ArrayList<>(strings(s.get("ipBlocks")));
                blocks.addAll(strings(s.get("remoteIpBlocks")));
                if (!principals.isEmpty() && principals.stream().noneMatch(x -> x.contains("*"))) {
                    for (String x : principals) {
                        int at = x.indexOf("/ns/");
                        byPrincipal.getOrDefault(at >= 0 ? x.substring(at) : x, List.of()).forEach(out::set);
                    }
                } else if (!namespaces.isEmpty() && namespaces.stream().noneMatch(x -> x.contains("*"))) {
                    for (String x : namespaces) {
                        byNamespace.getOrDefault(x, List.of()).forEach(out::set);
                    }
                } else if (!blocks.isEmpty()) {
                    networks.forEach(out::set);
                } else {
                    return everyone;
                }
            }
            return out;
        }

        /** The ports a NetworkPolicy rule can admit (none listed: all). */
        BitSet ports(List<NetworkPolicyPort> list) {
            if (list == null || list.isEmpty()) {
                return allPorts;
            }
            BitSet out = new BitSet();
            for (NetworkPolicyPort p : list) {
                if (p.getPort() == null || p.getEndPort() != null) {
                    for (int i = 0; i < ports.size(); i++) { // a protocol or a range: rare, checked one by one
                        if (FlowEvaluator.ports(List.of(p), ports.get(i))) {
                            out.set(i);
                        }
                    }
                } else if (p.getPort().getIntVal() != null) {
                    Integer i = portIndex.get(new PortKey(p.getPort().getIntVal(), p.getProtocol() == null ? "TCP" : p.getProtocol()));
                    if (i != null) {
                        out.set(i);
                    }
                }
            }
            return out;
        }

        /** The ports an Istio rule's {@code to} can match (no {@code to}, or an operation without ports: all). */
        BitSet operations(List<Object> tos) {
            if (tos.isEmpty()) {
                return allPorts;
            }
            BitSet out = new BitSet();
            for (Object t : tos) {
                List<String> list = strings(mapOf(mapOf(t).get("operation")).get("ports"));
                if (list.isEmpty()) {
                    return allPorts;
                }
                list.forEach(x -> port(out, x, "TCP"));
            }
            return out;
        }

        void port(BitSet out, String number, String protocol) {
            try {
                Integer i = portIndex.get(new PortKey(Integer.parseInt(number), protocol));
                if (i != null) {
                    out.set(i);
                }
            } catch (NumberFormatException e) {
                // a named port: not modelled
            }
        }

        /** Records that a rule may grant every source to every destination on these ports. */
        void grant(Map<Long, BitSet[]> pairs, Layer layer, BitSet sources, BitSet destinations, BitSet onPorts) {
            if (onPorts.isEmpty() || destinations.isEmpty()) {
                return;
            }
            int l = layer == Layer.NETWORK_POLICY ? 0 : 1;
            for (int s = sources.nextSetBit(0); s >= 0; s = sources.nextSetBit(s + 1)) {
                for (int d = destinations.nextSetBit(0); d >= 0; d = destinations.nextSetBit(d + 1)) {
                    pairs.computeIfAbsent((long) s * all.size() + d, k -> new BitSet[] {new BitSet(), new BitSet()})[l].or(onPorts);
                }
            }
        }

        /** A superset of the endpoints whose labels include these, in order ({@code null} or empty: all). */
        private Iterable<Integer> withLabels(Map<String, String> labels) {
            if (labels == null || labels.isEmpty()) {
                return everyone.stream()::iterator;
            }
            return byLabel.smallest(labels);
        }
    }

    /**
     * Whether the grant is a rule without sources on a port that accepts plaintext (e.g. the mesh's
     * {@code withPlaintextMetrics()}): the mesh cannot identify those callers, so it cannot limit
     * them; the NetworkPolicies do. Not reported.
     */
    private boolean anySourceOnPlaintext(MeshDecision m, Endpoint dst, PortKey port) {
        String mode = mtlsCache.computeIfAbsent(dst, e -> new HashMap<>()).computeIfAbsent(port, p -> mtlsMode(dst, p));
        if ("STRICT".equals(mode) || m.field() == null) {
            return false;
        }
        Integer a = authzByObject.get(m.policy());
        List<Object> rules = a == null ? List.of() : listOf(spec(authz.get(a)).get("rules"));
        int i = Integer.parseInt(m.field().replaceAll("\\D+", ""));
        return i < rules.size() && listOf(mapOf(rules.get(i)).get("from")).isEmpty();
    }

    // ---- Kubernetes NetworkPolicy -----------------------------------------------------------

    private NpDecision network(Endpoint src, Endpoint dst, PortKey port) {
        decisions++;
        NpDecision egress = src.where() == Where.HERE ? side(src, dst, port, false) : new NpDecision(true, false, null, null, null);
        if (!egress.allowed()) {
            return egress;
        }
        NpDecision ingress = dst.where() == Where.HERE ? side(dst, src, port, true) : new NpDecision(true, false, null, null, null);
        if (!ingress.allowed()) {
            return ingress;
        }
        if (ingress.granted()) {
            return ingress;
        }
        return egress;
    }

    /** The decision at one end: {@code self} is the pod the policies select, {@code other} the peer. */
    private NpDecision side(Endpoint self, Endpoint other, PortKey port, boolean ingress) {
        String type = ingress ? "Ingress" : "Egress";
        boolean isolated = false;
        for (NetworkPolicy np : selecting(self)) {
            List<String> types = np.getSpec().getPolicyTypes();
            boolean has = types == null || types.isEmpty()
                    ? ingress || !list(np.getSpec().getEgress()).isEmpty()
                    : types.contains(type);
            if (!has) {
                continue;
            }
            isolated = true;
            if (ingress) {
                List<NetworkPolicyIngressRule> rules = list(np.getSpec().getIngress());
                for (int i = 0; i < rules.size(); i++) {
                    if (peers(rules.get(i).getFrom(), other) && ports(rules.get(i).getPorts(), port)) {
                        return new NpDecision(true, true, np, "spec.ingress[" + i + "]", null);
                    }
                }
            } else {
                List<NetworkPolicyEgressRule> rules = list(np.getSpec().getEgress());
                for (int i = 0; i < rules.size(); i++) {
                    if (peers(rules.get(i).getTo(), other) && ports(rules.get(i).getPorts(), port)) {
                        return new NpDecision(true, true, np, "spec.egress[" + i + "]", null);
                    }
                }
            }
        }
        if (ingress) {
            for (int c : ciliumIndex.candidates(self.labels())) {
                Map<String, Object> cnp = cilium.get(c);
                Map<String, String> selector = stringMap(mapOf(spec(cnp).get("endpointSelector")).get("matchLabels"));
                if (!self.labels().entrySet().containsAll(selector.entrySet())) {
                    continue;
                }
                isolated = true;
                List<Object> rules = listOf(spec(cnp).get("ingress"));
                for (int i = 0; i < rules.size(); i++) {
                    if (ciliumRule(mapOf(rules.get(i)), other, port)) {
                        return new NpDecision(true, true, ciliumObjects.get(c), "spec.ingress[" + i + "]", null);
                    }
                }
            }
        }
        if (!isolated) {
            return new NpDecision(true, false, null, null, null);
        }
        return new NpDecision(false, false, null, null, "no NetworkPolicy that selects " + self + " admits "
                + (ingress ? "ingress from " + other : "egress to " + other) + " on " + port);
    }

    /** The NetworkPolicies whose pod selector selects {@code self}, computed once per endpoint. */
    private List<NetworkPolicy> selecting(Endpoint self) {
        return selectingCache.computeIfAbsent(self, e -> {
            List<NetworkPolicy> list = new ArrayList<>();
            for (int i : npIndex.candidates(e.labels())) {
                NetworkPolicy np = networkPolicies.get(i);
                if (np.getSpec() != null && PolicyIndex.matches(np.getSpec().getPodSelector(), e.labels())) {
                    list.add(np);
                }
            }
            return list;
        });
    }

    private boolean ciliumRule(Map<String, Object> rule, Endpoint other, PortKey port) {
        boolean from = false;
        for (Object e : listOf(rule.get("fromEndpoints"))) {
            Map<String, String> labels = stringMap(mapOf(e).get("matchLabels"));
            from |= other.where() == Where.HERE && other.labels().entrySet().containsAll(labels.entrySet());
        }
        if (!from) {
            return false;
        }
        for (Object tp : listOf(rule.get("toPorts"))) {
            for (Object p : listOf(mapOf(tp).get("ports"))) {
                Map<String, Object> pm = mapOf(p);
                if (String.valueOf(port.number()).equals(String.valueOf(pm.get("port")))
                        && port.protocol().equals(String.valueOf(pm.getOrDefault("protocol", "TCP")))) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean peers(List<NetworkPolicyPeer> peers, Endpoint e) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer p : peers) {
            if (peer(p, e)) {
                return true;
            }
        }
        return false;
    }

    private boolean peer(NetworkPolicyPeer p, Endpoint e) {
        IPBlock block = p.getIpBlock();
        if (block != null) {
            if (e.where() != Where.NETWORK || !Cidr.contains(block.getCidr(), e.cidr())) {
                return false;
            }
            for (String except : list(block.getExcept())) {
                if (Cidr.contains(except, e.cidr())) {
                    return false;
                }
            }
            return true;
        }
        if (e.where() == Where.NETWORK) {
            return false;
        }
        if (p.getNamespaceSelector() == null) {
            if (!namespace.equals(e.namespace())) {
                return false;
            }
        } else if (!PolicyIndex.matches(p.getNamespaceSelector(), e.namespaceLabels())) {
            return false;
        }
        LabelSelector pods = p.getPodSelector();
        return pods == null || PolicyIndex.matches(pods, e.labels());
    }

    private static boolean ports(List<NetworkPolicyPort> ports, PortKey port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : ports) {
            String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
            if (!protocol.equals(port.protocol())) {
                continue;
            }
            if (p.getPort() == null) {
                return true;
            }
            Integer n = p.getPort().getIntVal();
            if (n != null && (n == port.number() || (p.getEndPort() != null && n <= port.number() && port.number() <= p.getEndPort()))) {
                return true;
            }
        }
        return false;
    }

    // ---- Istio ------------------------------------------------------------------------------

    private MeshDecision mesh(Endpoint src, Endpoint dst, PortKey port, Request request) {
        decisions++;
        if (!meshLayer || dst.where() != Where.HERE || !dst.meshed() || !"TCP".equals(port.protocol())) {
            return new MeshDecision(false, true, false, null, null, null);
        }
        String mode = mtlsCache.computeIfAbsent(dst, e -> new HashMap<>()).computeIfAbsent(port, p -> mtlsMode(dst, p));
        boolean identity = src.meshed() && !"DISABLE".equals(mode);
        // an Istio gateway's listeners take outside traffic: PeerAuthentication governs sidecars' inbound, not them
        if ("STRICT".equals(mode) && !src.meshed() && !istioGateways.contains(dst.labels().get(GATEWAY_NAME))) {
            return new MeshDecision(true, false, false, null, null,
                    "PeerAuthentication STRICT refuses " + src + ", which has no mesh identity");
        }
        boolean anyAllow = false;
        List<Integer> applying = applyingCache.computeIfAbsent(dst, e -> {
            List<Integer> list = new ArrayList<>();
            for (int a : authzIndex.candidates(e.labels())) {
                if (selects(spec(authz.get(a)), e)) {
                    list.add(a);
                }
            }
            return list;
        });
        for (int a : applying) {
            Map<String, Object> spec = spec(authz.get(a));
            String action = String.valueOf(spec.getOrDefault("action", "ALLOW"));
            if ("DENY".equals(action)) {
                int i = matchingRule(spec, src, identity, port, request);
                if (i >= 0) {
                    return new MeshDecision(true, false, false, authzObjects.get(a), "spec.rules[" + i + "]",
                            "the DENY AuthorizationPolicy '" + authzObjects.get(a).getMetadata().getName() + "' matches");
                }
            }
        }
        for (int a : applying) {
            Map<String, Object> spec = spec(authz.get(a));
            String action = String.valueOf(spec.getOrDefault("action", "ALLOW"));
            if (!"ALLOW".equals(action)) {
                continue;
            }
            anyAllow = true;
            int i = matchingRule(spec, src, identity, port, request);
            if (i >= 0) {
                return new MeshDecision(true, true, true, authzObjects.get(a), "spec.rules[" + i + "]", null);
            }
        }
        if (!anyAllow) {
            return new MeshDecision(true, true, false, null, null, null);
        }
        return new MeshDecision(true, false, false, null, null, "no ALLOW rule of an AuthorizationPolicy that selects " + dst
                + " matches " + src + " (" + request + "), and allow-nothing denies the rest");
    }

    private boolean selects(Map<String, Object> spec, Endpoint dst) {
        Map<String, String> match = stringMap(mapOf(spec.get("selector")).get("matchLabels"));
        return dst.labels().entrySet().containsAll(match.entrySet());
    }

    private String mtlsMode(Endpoint dst, PortKey port) {
        String mode = "PERMISSIVE";
        String workload = null;
        String portMode = null;
        for (int i : peerAuthIndex.candidates(dst.labels())) {
            Map<String, Object> spec = spec(peerAuth.get(i));
            Map<String, String> match = stringMap(mapOf(spec.get("selector")).get("matchLabels"));
            String m = String.valueOf(mapOf(spec.get("mtls")).getOrDefault("mode", "UNSET"));
            if (match.isEmpty()) {
                if (!"UNSET".equals(m)) {
                    mode = m;
                }
            } else if (dst.labels().entrySet().containsAll(match.entrySet())) {
                if (!"UNSET".equals(m)) {
                    workload = m;
                }
                Object p = mapOf(spec.get("portLevelMtls")).get(String.valueOf(port.number()));
                if (p != null) {
                    portMode = String.valueOf(mapOf(p).getOrDefault("mode", "UNSET"));
                }
            }
        }
        if (portMode != null && !"UNSET".equals(portMode)) {
            return portMode;
        }
        return workload != null ? workload : mode;
    }

    private int matchingRule(Map<String, Object> spec, Endpoint src, boolean identity, PortKey port, Request request) {
        List<Object> rules = listOf(spec.get("rules"));
        for (int i = 0; i < rules.size(); i++) {
            Map<String, Object> rule = mapOf(rules.get(i));
            if (from(listOf(rule.get("from")), src, identity) && to(listOf(rule.get("to")), port, request)) {
                return i;
            }
        }
        return -1;
    }

    private boolean from(List<Object> froms, Endpoint src, boolean identity) {
        if (froms.isEmpty()) {
            return true;
        }
        for (Object f : froms) {
            if (source(mapOf(mapOf(f).get("source")), src, identity)) {
                return true;
            }
        }
        return false;
    }

    private boolean source(Map<String, Object> s, Endpoint src, boolean identity) {
        String principal = identity && src.serviceAccount() != null && src.where() != Where.NETWORK
                ? "/ns/" + src.namespace() + "/sa/" + src.serviceAccount() : null;
        String ns = identity && src.where() != Where.NETWORK ? src.namespace() : null;
        List<String> principals = strings(s.get("principals"));
        if (!principals.isEmpty() && principals.stream().noneMatch(p -> principalMatches(p, principal, identity))) {
            return false;
        }
        List<String> notPrincipals = strings(s.get("notPrincipals"));
        if (!notPrincipals.isEmpty() && (principal == null || notPrincipals.stream().anyMatch(p -> principalMatches(p, principal, identity)))) {
            return false;
        }
        List<String> namespaces = strings(s.get("namespaces"));
        if (!namespaces.isEmpty() && (ns == null || namespaces.stream().noneMatch(n -> glob(n, ns)))) {
            return false;
        }
        List<String> notNamespaces = strings(s.get("notNamespaces"));
        if (!notNamespaces.isEmpty() && (ns == null || notNamespaces.stream().anyMatch(n -> glob(n, ns)))) {
            return false;
        }
        List<String> blocks = new ArrayList<>(strings(s.get("ipBlocks")));
        blocks.addAll(strings(s.get("remoteIpBlocks")));
        if (!blocks.isEmpty() && (src.where() != Where.NETWORK || blocks.stream().noneMatch(b -> Cidr.contains(b, src.cidr())))) {
            return false;
        }
        List<String> notBlocks = strings(s.get("notIpBlocks"));
        return notBlocks.isEmpty() || (src.where() == Where.NETWORK && notBlocks.stream().noneMatch(b -> Cidr.overlaps(b, src.cidr())));
    }

    private static boolean principalMatches(String pattern, String principal, boolean identity) {
        if ("*".equals(pattern)) {
            return identity;
        }
        if (principal == null) {
            return false;
        }
        int at = pattern.indexOf("/ns/");
        return at >= 0 ? glob(pattern.substring(at), principal) : glob(pattern, principal);
    }

    private static boolean to(List<Object> tos, PortKey port, Request request) {
        if (tos.isEmpty()) {
            return true;
        }
        for (Object t : tos) {
            Map<String, Object> op = mapOf(mapOf(t).get("operation"));
            if (operation(op, port, request)) {
                return true;
            }
        }
        return false;
    }

    private static boolean operation(Map<String, Object> op, PortKey port, Request request) {
        String number = String.valueOf(port.number());
        List<String> ports = strings(op.get("ports"));
        if (!ports.isEmpty() && !ports.contains(number)) {
            return false;
        }
        if (strings(op.get("notPorts")).contains(number)) {
            return false;
        }
        if (!values(strings(op.get("methods")), strings(op.get("notMethods")), request.method())) {
            return false;
        }
        return values(strings(op.get("paths")), strings(op.get("notPaths")), request.path());
    }

    /** Whether a request value ({@code null}: any) is within the allowed patterns and outside the excluded ones. */
    private static boolean values(List<String> allowed, List<String> excluded, String value) {
        if (!allowed.isEmpty() && (value == null ? !allowed.contains("*") : allowed.stream().noneMatch(a -> glob(a, value)))) {
            return false;
        }
        return excluded.isEmpty() || (value != null && excluded.stream().noneMatch(x -> glob(x, value)));
    }

    /** Istio's string match: exact, {@code prefix*}, {@code *suffix} or {@code *}. */
    static boolean glob(String pattern, String value) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith("*")) {
            return value.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        if (pattern.startsWith("*")) {
            return value.endsWith(pattern.substring(1));
        }
        return pattern.equals(value);
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static List<String> label(String key, String value) {
        return Arrays.asList(key, value);
    }

    /**
     * Items by the first label their selector requires: {@link #candidates} gives, in the order they
     * were added, every item whose selector the labels can satisfy (and maybe more: callers check).
     * Items with no labels to require are always candidates.
     */
    private static final class SelectorIndex {
        private final Map<List<String>, List<Integer>> byFirstLabel = new HashMap<>();
        private final List<Integer> always = new ArrayList<>();

        void add(int item, Map<String, String> matchLabels) {
            if (matchLabels == null || matchLabels.isEmpty()) {
                always.add(item);
                return;
            }
            Map.Entry<String, String> first = matchLabels.entrySet().iterator().next();
            byFirstLabel.computeIfAbsent(label(first.getKey(), first.getValue()), k -> new ArrayList<>()).add(item);
        }

        List<Integer> candidates(Map<String, String> labels) {
            if (byFirstLabel.isEmpty()) {
                return always;
            }
            List<Integer> out = new ArrayList<>(always);
            for (Map.Entry<String, String> e : labels.entrySet()) {
                out.addAll(byFirstLabel.getOrDefault(label(e.getKey(), e.getValue()), List.of()));
            }
            Collections.sort(out); // each item sits under one label, so there are no duplicates
            return out;
        }
    }

    /** Items by each of their labels (posting lists, in the order the items were added). */
    private static final class Postings {
        private final Map<List<String>, List<Integer>> byLabel = new HashMap<>();

        void add(int item, Map<String, String> labels) {
            for (Map.Entry<String, String> e : labels.entrySet()) {
                byLabel.computeIfAbsent(label(e.getKey(), e.getValue()), k -> new ArrayList<>()).add(item);
            }
        }

        /** The shortest list of the items that carry one of these (non-empty) labels: a superset of those that carry all. */
        List<Integer> smallest(Map<String, String> labels) {
            List<Integer> best = null;
            for (Map.Entry<String, String> e : labels.entrySet()) {
                List<Integer> l = byLabel.getOrDefault(label(e.getKey(), e.getValue()), List.of());
                if (best == null || l.size() < best.size()) {
                    best = l;
                }
            }
            return best == null ? List.of() : best;
        }
    }

    /** IPv4 and IPv6 ranges: containment and overlap. */
    static final class Cidr {

        private Cidr() {
        }

        /** Whether {@code outer} contains all of {@code inner}. */
        static boolean contains(String outer, String inner) {
            byte[][] o = parse(outer);
            byte[][] i = parse(inner);
            if (o == null || i == null || o[0].length != i[0].length) {
                return Objects.equals(outer, inner);
            }
            int oBits = o[1][0] & 0xFF;
            int iBits = i[1][0] & 0xFF;
            return iBits >= oBits && samePrefix(o[0], i[0], oBits);
        }

        /** Whether the ranges share an address. */
        static boolean overlaps(String a, String b) {
            return contains(a, b) || contains(b, a);
        }

        private static boolean samePrefix(byte[] a, byte[] b, int bits) {
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        /** The address bytes and the prefix length, or {@code null}. */
        private static byte[][] parse(String cidr) {
            if (cidr == null) {
                return null;
            }
            String address = cidr;
            int bits = -1;
            int slash = cidr.indexOf('/');
            if (slash >= 0) {
                address = cidr.substring(0, slash);
                try {
                    bits = Integer.parseInt(cidr.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            byte[] bytes = address.contains(":") ? ipv6(address) : ipv4(address);
            if (bytes == null) {
                return null;
            }
            if (bits < 0) {
                bits = bytes.length * 8;
            }
            if (bits > bytes.length * 8) {
                return null;
            }
            return new byte[][] {bytes, {(byte) bits}};
        }

        private static byte[] ipv4(String address) {
            String[] parts = address.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] out = new byte[4];
            try {
                for (int i = 0; i < 4; i++) {
                    int v = Integer.parseInt(parts[i]);
                    if (v < 0 || v > 255) {
                        return null;
                    }
                    out[i] = (byte) v;
                }
            } catch (NumberFormatException e) {
                return null;
            }
            return out;
        }

        private static byte[] ipv6(String address) {
            String a = address.toLowerCase(Locale.ROOT);
            int gap = a.indexOf("::");
            List<String> head = new ArrayList<>();
            List<String> tail = new ArrayList<>();
            if (gap >= 0) {
                if (gap > 0) {
                    head.addAll(List.of(a.substring(0, gap).split(":")));
                }
                if (gap + 2 < a.length()) {
                    tail.addAll(List.of(a.substring(gap + 2).split(":")));
                }
            } else {
                head.addAll(List.of(a.split(":")));
            }
            int missing = 8 - head.size() - tail.size();
            if (missing < 0 || (gap < 0 && missing != 0)) {
                return null;
            }
            List<String> groups = new ArrayList<>(head);
            for (int i = 0; i < missing; i++) {
                groups.add("0");
            }
            groups.addAll(tail);
            byte[] out = new byte[16];
            try {
                for (int i = 0; i < 8; i++) {
                    int v = Integer.parseInt(groups.get(i), 16);
                    if (v < 0 || v > 0xFFFF) {
                        return null;
                    }
                    out[2 * i] = (byte) (v >> 8);
                    out[2 * i + 1] = (byte) v;
                }
            } catch (NumberFormatException e) {
                return null;
            }
            return out;
        }
    }
}

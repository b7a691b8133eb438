package dev.keelson.security.internal;

import static dev.keelson.security.internal.PolicyIndex.annotations;
import static dev.keelson.security.internal.PolicyIndex.list;
import static dev.keelson.security.internal.PolicyIndex.selectsAll;

import dev.keelson.core.Flow;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.security.SecurityRule;
import dev.keelson.security.internal.PolicyIndex.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network rules: SEC-NET-001 to 013 (isolation, default deny and DNS, NetworkPolicies that
 * select pods, exposure, Services, Ingresses, the cloud metadata address, and, through
 * {@link FlowEvaluator}, the declared flows against the NetworkPolicies and the mesh's
 * AuthorizationPolicies). Internal.
 */
final class NetworkRules {

    private NetworkRules() {
    }

    /** SEC-NET-004 on every NetworkPolicy. */
    static void checkPolicySelection(PolicyIndex index, Findings out) {
        for (NetworkPolicy np : index.policies()) {
            if (index.selectedBy(np).isEmpty() && !selectsAll(np.getSpec() == null ? null : np.getSpec().getPodSelector())
                    && !selectsGatewayPods(np, index)) {
                out.add(SecurityRule.NET_004, np, "spec.podSelector", "selects no pod of the namespace",
                        "select the labels of a workload, or remove the policy");
            }
        }
    }

    /**
     * Whether the policy selects the pods a Gateway of the namespace gets from its controller (Istio's
     * automated deployment labels them with the Gateway's name): they are not in the output, but will run.
     */
    private static boolean selectsGatewayPods(NetworkPolicy np, PolicyIndex index) {
        var selector = np.getSpec() == null ? null : np.getSpec().getPodSelector();
        String name = selector == null || selector.getMatchLabels() == null ? null
                : selector.getMatchLabels().get(dev.keelson.core.GatewayApi.GATEWAY_NAME_LABEL);
        return name != null && index.gateways().containsKey(name);
    }

    /** SEC-NET-007 on every HTTPRoute attached to a Gateway of the namespace: TLS on its listeners, an existing backend. */
    static void checkHttpRoutes(PolicyIndex index, Findings out) {
        for (var route : index.httpRoutes()) {
            if (route.getSpec() == null || route.getMetadata().getName().equals("https-redirect")) {
                continue;
            }
            for (var parent : list(route.getSpec().getParentRefs())) {
                var gateway = parent.getNamespace() == null ? index.gateways().get(parent.getName()) : null;
                if (gateway == null || gateway.getSpec() == null || parent.getSectionName() == null) {
                    continue;
                }
                for (var listener : list(gateway.getSpec().getListeners())) {
                    if (listener.getName().equals(parent.getSectionName()) && "HTTP".equals(listener.getProtocol())) {
                        out.add(SecurityRule.NET_007, route, "spec.parentRefs[" + parent.getSectionName() + "]",
                                "serves plain HTTP (no TLS) through Gateway '" + gateway.getMetadata().getName() + "'",
                                "use the platform's certificate issuer, not Tls.none()");
                    }
                }
            }
            for (var rule : list(route.getSpec().getRules())) {
                for (var backend : list(rule.getBackendRefs())) {
                    if ((backend.getKind() == null || "Service".equals(backend.getKind())) && backend.getNamespace() == null
                            && !index.hasService(backend.getName())) {
                        out.add(SecurityRule.NET_007, route, "spec.rules.backendRefs[" + backend.getName() + "]",
                                "routes to Service '" + backend.getName() + "', which does not exist", "route to a tier's Service");
                    }
                }
            }
        }
    }

    /** SEC-NET-006 on every Service that selects pods. */
    static void checkServiceTargets(PolicyIndex index, Findings out) {
        for (Service s : index.services()) {
            if (s.getSpec() != null && s.getSpec().getSelector() != null && !s.getSpec().getSelector().isEmpty()) {
                checkServiceTargets(s, index, out);
            }
        }
    }

    /** SEC-NET-007 and 008 on every Ingress. */
    static void checkIngresses(PolicyIndex index, Findings out) {
        for (Ingress i : index.ingresses()) {
            checkIngress(i, index, out);
        }
    }

    /** SEC-NET-001 on the workload {@code w}. */
    static void checkIsolation(Workload w, PolicyIndex index, Findings out) {
        if (!index.isolated(w)) {
            out.add(SecurityRule.NET_001, w.object(), "spec.template.metadata.labels",
                    "no NetworkPolicy selects its pods for both Ingress and Egress",
                    "keep the namespace's default-deny policy (SecurityBaseline renders it)");
        }
    }

    /** SEC-NET-005 on {@code o}, if it is a Service. */
    static void checkService(HasMetadata o, Findings out) {
        if (!(o instanceof Service s) || s.getSpec() == null) {
            return;
        }
        String type = s.getSpec().getType();
        if ("NodePort".equals(type) || "LoadBalancer".equals(type) || !list(s.getSpec().getExternalIPs()).isEmpty()) {
            out.add(SecurityRule.NET_005, s, "spec.type", "is reachable from outside the cluster (" + (type == null ? "externalIPs" : type) + ")",
                    "use type ClusterIP and expose it with Tier.exposedAt(...) through the ingress controller");
        }
    }

    /** SEC-NET-002, 003 and 009 on the NetworkPolicies of the namespace {@code ns}. */
    static void checkNamespace(Namespace ns, PolicyIndex index, Findings out) {
        boolean defaultDeny = false;
        boolean udp53 = false;
        boolean tcp53 = false;
        for (NetworkPolicy np : index.policies()) {
            var spec = np.getSpec();
            if (spec == null) {
                continue;
            }
            boolean all = selectsAll(spec.getPodSelector());
            List<String> types = list(spec.getPolicyTypes());
            if (all && types.contains("Ingress") && types.contains("Egress") && list(spec.getIngress()).isEmpty()
                    && list(spec.getEgress()).isEmpty()) {
                defaultDeny = true;
            }
            int i = 0;
            for (NetworkPolicyEgressRule rule : list(spec.getEgress())) {
                if (all) {
                    List<NetworkPolicyPort> ports = list(rule.getPorts());
                    if (ports.isEmpty()) {
                        udp53 = true;
                        tcp53 = true;
                    }
                    for (NetworkPolicyPort port : ports) {
                        boolean is53 = port.getPort() != null && Integer.valueOf(53).equals(port.getPort().getIntVal());
                        if (is53 && "UDP".equals(port.getProtocol())) {
                            udp53 = true;
                        }
                        if (is53 && (port.getProtocol() == null || "TCP".equals(port.getProtocol()))) {
                            tcp53 = true;
                        }
                    }
                }
                for (NetworkPolicyPeer peer : list(rule.getTo())) {
                    if (peer.getIpBlock() != null && NetworkRenderer.containsMetadata(peer.getIpBlock().getCidr())
                            && !list(peer.getIpBlock().getExcept()).contains(NetworkRenderer.METADATA)) {
                        out.add(SecurityRule.NET_009, np, "spec.egress[" + i + "].to.ipBlock", "allows egress to "
                                        + peer.getIpBlock().getCidr() + ", which includes the cloud metadata address 169.254.169.254",
                                "add except: [169.254.169.254/32] to the ipBlock");
                    }
                }
                i++;
            }
        }
        if (!defaultDeny) {
            out.add(SecurityRule.NET_002, ns, "NetworkPolicy", "has no default-deny NetworkPolicy (podSelector {}, Ingress and Egress, no rules)",
                    "keep SecurityBaseline's default-deny policy");
        }
        if (defaultDeny && (!udp53 || !tcp53)) {
            out.add(SecurityRule.NET_003, ns, "NetworkPolicy", "denies egress but does not allow DNS on " + (!udp53 ? "UDP" : "TCP")
                            + " 53 for every pod, so names do not resolve",
                    "keep SecurityBaseline's all-pods-dns policy (UDP and TCP 53 to kube-dns)");
        }
    }

    /** Compares what the NetworkPolicies and AuthorizationPolicies allow with the declared flows (SEC-NET-010..013). */
    static void checkFlows(FeatureContext ctx, Namespace ns, Findings out) {
        Map<String, Map<String, String>> selectors = new LinkedHashMap<>();
        for (var t : ctx.tiers()) {
            selectors.put(t.tier().name(), t.selector());
        }
        Map<String, String> nsLabels = ns.getMetadata() == null ? Map.of() : ns.getMetadata().getLabels();
        FlowEvaluator.Result result = FlowEvaluator.evaluate(ctx.namespaceName(), nsLabels, ctx.objects(),
                ctx.flows().all(), selectors);
        for (FlowEvaluator.Blocked b : result.blocked()) {
            Flow f = b.flow();
            String flow = "the declared " + f.kind() + " flow " + b.from() + " -> " + b.to() + " on " + b.port();
            if (b.layer() == FlowEvaluator.Layer.NETWORK_POLICY) {
                out.add(SecurityRule.NET_010, ns, "NetworkPolicy", flow + " is blocked by NetworkPolicy: " + b.reason(),
                        "keep the allow SecurityBaseline renders for this flow (a customize(...) or raw NetworkPolicy must not"
                                + " narrow or replace it), or stop declaring the flow");
            } else {
                out.add(SecurityRule.NET_012, ns, "AuthorizationPolicy", flow + " (" + b.request() + ") is blocked by the mesh: " + b.reason(),
                        "add an ALLOW AuthorizationPolicy that selects " + b.to() + " for " + b.from() + " on port "
                                + b.port().replaceAll("\\D+", "") + " (MeshPolicy renders one from every flow into the namespace),"
                                + " or stop declaring the flow");
            }
        }
        for (FlowEvaluator.Undeclared u : result.undeclared()) {
            String kind = u.policy().getKind() + "/" + u.policy().getMetadata().getName();
            String what = u.from() + " -> " + u.to() + " on " + String.join(", ", u.ports());
            if (u.layer() == FlowEvaluator.Layer.NETWORK_POLICY) {
                out.add(SecurityRule.NET_011, u.policy(), u.field(), "allows " + what + ", which no declared flow covers",
                        "declare the flow (talksTo, dependsOn, metrics, exposedAt), or narrow or remove " + u.field() + " of " + kind);
            } else {
                out.add(SecurityRule.NET_013, u.policy(), u.field(), "allows " + what + ", which no declared flow covers",
                        "declare the flow (talksTo, dependsOn, metrics, exposedAt), or narrow or remove " + u.field() + " of " + kind);
            }
        }
    }

    private static void checkServiceTargets(Service s, PolicyIndex index, Findings out) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(s.getSpec().getSelector());
        List<Workload> selected = index.select(selector, s.getMetadata().getNamespace());
        if (selected.isEmpty()) {
            out.add(SecurityRule.NET_006, s, "spec.selector", "selects no pod of the namespace, so it has no endpoints",
                    "select the labels of the tier's pods (app.kubernetes.io/name and app.kubernetes.io/part-of)");
            return;
        }
        for (var port : list(s.getSpec().getPorts())) {
            String target = port.getTargetPort() == null ? null : port.getTargetPort().getStrVal();
            if (target == null) {
                continue;
            }
            boolean declared = false;
            for (Workload w : selected) {
                for (Container c : list(w.spec() == null ? null : w.spec().getContainers())) {
                    for (ContainerPort cp : list(c.getPorts())) {
                        declared |= target.equals(cp.getName());
                    }
                }
            }
            if (!declared) {
                out.add(SecurityRule.NET_006, s, "spec.ports[" + port.getName() + "].targetPort",
                        "targets the port name '" + target + "', which no selected container declares",
                        "target a port the tier declares");
            }
        }
    }

    private static void checkIngress(Ingress i, PolicyIndex index, Findings out) {
        if (i.getSpec() == null) {
            return;
        }
        if (list(i.getSpec().getTls()).isEmpty()) {
            out.add(SecurityRule.NET_007, i, "spec.tls", "serves plain HTTP (no TLS)", "use the platform's certificate issuer, not Tls.none()");
        }
        for (IngressRule r : list(i.getSpec().getRules())) {
            if (r.getHttp() == null) {
                continue;
            }
            for (var path : list(r.getHttp().getPaths())) {
                if (path.getBackend() != null && path.getBackend().getService() != null
                        && !index.hasService(path.getBackend().getService().getName())) {
                    out.add(SecurityRule.NET_007, i, "spec.rules[" + r.getHost() + "].http.paths[" + path.getPath() + "].backend",
                            "routes to Service '" + path.getBackend().getService().getName() + "', which does not exist",
                            "route to a tier's Service");
                }
            }
        }
        annotations(i.getMetadata()).forEach((k, v) -> {
            if (k.startsWith("nginx.ingress.kubernetes.io/") && k.endsWith("-snippet")) {
                out.add(SecurityRule.NET_008, i, "metadata.annotations[" + k + "]", "injects NGINX configuration (" + k + ")",
                        "remove the snippet annotation (CVE-2021-25742); use the controller's typed annotations");
            }
        });
    }
}

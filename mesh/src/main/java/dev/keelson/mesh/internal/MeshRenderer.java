package dev.keelson.mesh.internal;

import dev.keelson.core.Exposure;
import dev.keelson.core.Flow;
import dev.keelson.core.Peer;
import dev.keelson.core.Port;
import dev.keelson.core.Protocol;
import dev.keelson.core.Synthesis;
import dev.keelson.core.Tier;
import dev.keelson.core.TierObjects;
import dev.keelson.core.TracingSettings;
import dev.keelson.core.Tls;
import dev.keelson.mesh.AbTest;
import dev.keelson.mesh.BlueGreen;
import dev.keelson.mesh.Canary;
import dev.keelson.mesh.DataPlane;
import dev.keelson.mesh.Fault;
import dev.keelson.mesh.Jwt;
import dev.keelson.mesh.LoadBalancer;
import dev.keelson.mesh.MeshGateway;
import dev.keelson.mesh.MeshPolicy;
import dev.keelson.mesh.Mirror;
import dev.keelson.mesh.MtlsMode;
import dev.keelson.mesh.Traffic;
import dev.keelson.mesh.TrafficSplit;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsHTTPSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsTCPSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbort;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortHttpStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayFixedDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetry;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.IstioEgressListener;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHash;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLB;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHTTPCookie_;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpCookie;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpHeaderName;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBUseSourceIp;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimple;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimpleLB;
import io.fabric8.istio.api.api.networking.v1alpha3.LocalityLoadBalancerSetting;
import io.fabric8.istio.api.api.networking.v1alpha3.OutboundTrafficPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.OutboundTrafficPolicyMode;
import io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetection;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import io.fabric8.istio.api.api.networking.v1alpha3.PortSelector;
import io.fabric8.istio.api.api.networking.v1alpha3.RouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntryLocation;
import io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntryResolution;
import io.fabric8.istio.api.api.networking.v1alpha3.ServicePort;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSMatchAttributes;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicyAction;
import io.fabric8.istio.api.api.security.v1beta1.Condition;
import io.fabric8.istio.api.api.security.v1beta1.JWTRule;
import io.fabric8.istio.api.api.security.v1beta1.Operation;
import io.fabric8.istio.api.api.security.v1beta1.PeerAuthenticationMutualTLS;
import io.fabric8.istio.api.api.security.v1beta1.PeerAuthenticationMutualTLSMode;
import io.fabric8.istio.api.api.security.v1beta1.Rule;
import io.fabric8.istio.api.api.security.v1beta1.RuleFrom;
import io.fabric8.istio.api.api.security.v1beta1.RuleTo;
import io.fabric8.istio.api.api.security.v1beta1.Source;
import io.fabric8.istio.api.api.telemetry.v1alpha1.AccessLogging;
import io.fabric8.istio.api.api.telemetry.v1alpha1.ProviderRef;
import io.fabric8.istio.api.api.type.v1beta1.PolicyTargetReference;
import io.fabric8.istio.api.api.type.v1beta1.WorkloadSelector;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.Sidecar;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import io.fabric8.istio.api.security.v1.RequestAuthentication;
import io.fabric8.istio.api.telemetry.v1.Telemetry;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The render phase of {@link MeshPolicy}: every Istio object of one environment, with the
 * authorization derived from the final graph of flows. Internal.
 */
public final class MeshRenderer {

    private final MeshPolicy mesh;
    private final Synthesis s;
    private final String ns;
    private final boolean ambient;
    private final MeshGateway ingress;
    private final MeshGateway egress;

    private MeshRenderer(MeshPolicy mesh, Synthesis s) {
        this.mesh = mesh;
        this.s = s;
        this.ns = s.namespaceName();
        this.ambient = mesh.dataPlane() == DataPlane.AMBIENT;
        this.ingress = mesh.ingressGatewayOrNull();
        this.egress = mesh.egressGatewayOrNull();
    }

    /** Adds the Istio objects of one environment. */
    public static void render(MeshPolicy mesh, Synthesis s) {
        new MeshRenderer(mesh, s).render();
    }

    private void render() {
        peerAuthentication();
        AuthorizationPolicy allowNothing = new AuthorizationPolicy();
        allowNothing.setMetadata(meta("allow-nothing", null));
        allowNothing.setSpec(new io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicy());
        s.add(allowNothing);
        Map<String, List<Flow>> inbound = inbound();
        for (TierObjects t : s.tiers()) {
            Tier tier = t.tier();
            if (!tier.serves()) {
                continue;
            }
            authorization(t, inbound.getOrDefault(tier.name(), List.of()));
            destinationRule(t);
            virtualService(t);
            if (ingress != null && tier.exposure() != null) {
                gateway(t);
            }
        }
        workloadAuthorization();
        serviceEntries();
        if (!ambient) {
            sidecar();
        }
        telemetry();
    }

    private ObjectMeta meta(String name, Map<String, String> labels) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(ns);
        meta.setLabels(labels);
        return meta;
    }

    // ---------------------------------------------------------------- mTLS

    private void peerAuthentication() {
        PeerAuthentication pa = new PeerAuthentication();
        pa.setMetadata(meta("default", null));
        var spec = new io.fabric8.istio.api.api.security.v1beta1.PeerAuthentication();
        spec.setMtls(new PeerAuthenticationMutualTLS(mode(mesh.mtls())));
        pa.setSpec(spec);
        s.add(pa);
        if (!mesh.plaintextMetrics()) {
            return;
        }
        for (TierObjects t : s.tiers()) {
            if (t.tier().metrics() == null) {
                continue;
            }
            Port metrics = t.tier().port(t.tier().metrics().port()).orElseThrow();
            PeerAuthentication exception = new PeerAuthentication();
            exception.setMetadata(meta(t.tier().name() + "-plaintext-metrics", t.labels()));
            var e = new io.fabric8.istio.api.api.security.v1beta1.PeerAuthentication();
            e.setSelector(new WorkloadSelector(t.selector()));
            e.setMtls(new PeerAuthenticationMutualTLS(mode(mesh.mtls())));
            Map<String, PeerAuthenticationMutualTLS> ports = new LinkedHashMap<>();
            ports.put(String.valueOf(metrics.number()), new PeerAuthenticationMutualTLS(PeerAuthenticationMutualTLSMode.PERMISSIVE));
            e.setPortLevelMtls(ports);
            exception.setSpec(e);
            s.add(exception);
        }
    }

    private static PeerAuthenticationMutualTLSMode mode(MtlsMode mode) {
        return mode == MtlsMode.STRICT ? PeerAuthenticationMutualTLSMode.STRICT : PeerAuthenticationMutualTLSMode.PERMISSIVE;
    }

    // ---------------------------------------------------------------- authorization

    /** The flows that arrive at each tier, grouped in one pass (flows to every pod go to every tier). */
    private Map<String, List<Flow>> inbound() {
        Map<String, List<Flow>> byTier = new HashMap<>();
        List<Flow> toAll = new ArrayList<>();
        for (Flow f : s.flows().all()) {
            if (f.kind() == Flow.Kind.CONTROL_PLANE) {
                continue;
            }
            if (f.to() instanceof Peer.TierPeer t) {
                byTier.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(f);
            } else if (f.to() == Peer.allPods()) {
                toAll.add(f);
            }
        }
        if (!toAll.isEmpty()) {
            for (TierObjects t : s.tiers()) {
                byTier.computeIfAbsent(t.tier().name(), k -> new ArrayList<>()).addAll(toAll);
            }
        }
        return byTier;
    }

    private void authorization(TierObjects t, List<Flow> flows) {
        Tier tier = t.tier();
        Jwt jwt = tier.features(Jwt.class).isEmpty() ? null : tier.features(Jwt.class).get(0);
        boolean waypoint = ambient && mesh.waypoint();
        List<Rule> rules = new ArrayList<>();
        List<Rule> direct = new ArrayList<>();
        for (Flow f : flows) {
            Rule rule = rule(f, jwt);
            if (rule == null) {
                continue;
            }
            if (waypoint && f.kind() == Flow.Kind.MONITORING) {
                direct.add(rule); // scrapes reach the pod directly, not through the waypoint
            } else {
                rules.add(rule);
            }
        }
        if (waypoint) {
            if (rules.isEmpty() && direct.isEmpty()) {
                return; // no declared caller: allow-nothing stands, at the waypoint and at ztunnel
            }
            if (!rules.isEmpty()) {
                // the waypoint enforces the rules below; ztunnel only lets the waypoint through
                direct.add(0, new Rule(List.of(new RuleFrom(principals(principal(ns, Mesh.WAYPOINT)))),
                    List.of(new RuleTo(operation(tcpPorts(tier.ports()), List.of(), List.of()))), null));
            }
            if (!rules.isEmpty()) {
                var spec = allow(rules);
                PolicyTargetReference ref = new PolicyTargetReference("", "Service", tier.name(), null);
                spec.setTargetRefs(List.of(ref));
                addPolicy(tier.name(), t, spec);
            }
            var l4 = allow(direct);
            l4.setSelector(new WorkloadSelector(t.selector()));
            addPolicy(tier.name() + "-ztunnel", t, l4);
        } else if (!rules.isEmpty()) {
            var spec = allow(rules);
            spec.setSelector(new WorkloadSelector(t.selector()));
            addPolicy(tier.name(), t, spec);
        }
        if (jwt != null) {
            requestAuthentication(t, jwt);
        }
    }

    /**
     * ALLOW policies for workloads of the namespace that are not tiers (an in-cluster dependency in
     * the platform's own namespace): {@code allow-nothing} covers their pods too, so without these
     * the mesh would block flows the network policies allow. One policy per set of pod labels,
     * named like the network policy that opens the same pods ({@code ingress-<labels>}).
     */
    private void workloadAuthorization() {
        Map<Map<String, String>, List<Rule>> byLabels = new LinkedHashMap<>();
        for (Flow f : s.flows().all()) {
            if (f.kind() == Flow.Kind.CONTROL_PLANE || !(f.to() instanceof Peer.Workloads w)
                    || (w.namespace() != null && !w.namespace().equals(ns))) {
                continue;
            }
            Rule rule = rule(f, null);
            if (rule != null) {
                byLabels.computeIfAbsent(w.podLabels(), k -> new ArrayList<>()).add(rule);
            }
        }
        for (Map.Entry<Map<String, String>, List<Rule>> e : byLabels.entrySet()) {
            var spec = allow(e.getValue());
            if (!e.getKey().isEmpty()) {
                spec.setSelector(new WorkloadSelector(new LinkedHashMap<>(e.getKey())));
            }
            AuthorizationPolicy policy = new AuthorizationPolicy();
            policy.setMetadata(meta("ingress-" + labelName(e.getKey()), s.labels()));
            policy.setSpec(spec);
            s.add(policy);
        }
    }

    /** The same name NetworkRenderer gives the policy of these pods. */
    private static String labelName(Map<String, String> labels) {
        String joined = labels.isEmpty() ? "all" : String.join("-", labels.values());
        String name = joined.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return name.length() > 50 ? name.substring(0, 50).replaceAll("-+$", "") : name;
    }

    private static io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicy allow(List<Rule> rules) {
        var spec = new io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicy();
        spec.setAction(AuthorizationPolicyAction.ALLOW);
        spec.setRules(rules);
        return spec;
    }

    private void addPolicy(String name, TierObjects t, io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicy spec) {
        AuthorizationPolicy policy = new AuthorizationPolicy();
        policy.setMetadata(meta(name, t.labels()));
        policy.setSpec(spec);
        s.add(policy);
    }

    /** One ALLOW rule for one flow: who (identity) may call which ports, methods and paths. */
    private Rule rule(Flow f, Jwt jwt) {
        List<String> ports = tcpPorts(f.ports());
        if (ports.isEmpty()) {
            return null;
        }
        Operation op = operation(ports, f.methods(), f.paths());
        boolean plaintext = f.kind() == Flow.Kind.MONITORING && mesh.plaintextMetrics();
        List<RuleFrom> from = null;
        List<Condition> when = null;
        if (!plaintext) {
            Source source = source(f.from());
            if (source == null) {
                return null;
            }
            boolean needsToken = jwt != null && (f.kind() == Flow.Kind.INGRESS || f.kind() == Flow.Kind.TIER && !jwt.ingressOnly());
            if (needsToken) {
                source.setRequestPrincipals(List.of(jwt.issuer() + "/*"));
                if (!jwt.claims().isEmpty()) {
                    when = new ArrayList<>();
                    for (Map.Entry<String, List<String>> claim : jwt.claims().entrySet()) {
                        when.add(new Condition("request.auth.claims[" + claim.getKey() + "]", null, new ArrayList<>(claim.getValue())));
                    }
                }
            }
            from = List.of(new RuleFrom(source));
        }
        return new Rule(from, List.of(new RuleTo(op)), when);
    }

    private static Operation operation(List<String> ports, List<String> methods, List<String> paths) {
        Operation op = new Operation();
        op.setPorts(ports);
        op.setMethods(methods.isEmpty() ? null : new ArrayList<>(methods));
        op.setPaths(paths.isEmpty() ? null : new ArrayList<>(paths));
        return op;
    }

    private static List<String> tcpPorts(List<Port> ports) {
        Set<String> numbers = new LinkedHashSet<>();
        for (Port p : ports) {
            if (p.protocol() == Protocol.TCP) {
                numbers.add(String.valueOf(p.number()));
            }
        }
        return new ArrayList<>(numbers);
    }

    /** The mesh identity of a peer, or {@code null} when it has none the mesh can check. */
    private Source source(Peer peer) {
        if (peer instanceof Peer.TierPeer t) {
            String sa = s.tier(t.name()).map(o -> o.serviceAccount().getMetadata().getName()).orElse(t.name());
            return principals(principal(ns, sa));
        } else if (peer == Peer.allPods()) {
            return namespaces(ns);
        } else if (peer instanceof Peer.Workloads w) {
            String namespace = w.namespace() != null ? w.namespace() : ns;
            return w.serviceAccount() != null ? principals(principal(namespace, w.serviceAccount())) : namespaces(namespace);
        } else if (peer instanceof Peer.Network n && !n.cidrs().isEmpty()) {
            Source source = new Source();
            source.setIpBlocks(new ArrayList<>(n.cidrs()));
            return source;
        }
        return null;
    }

    private String principal(String namespace, String serviceAccount) {
        return mesh.trustDomain() + "/ns/" + namespace + "/sa/" + serviceAccount;
    }

    private static Source principals(String principal) {
        Source source = new Source();
        source.setPrincipals(List.of(principal));
        return source;
    }

    private static Source namespaces(String namespace) {
        Source source = new Source();
        source.setNamespaces(List.of(namespace));
        return source;
    }

    private void requestAuthentication(TierObjects t, Jwt jwt) {
        JWTRule rule = new JWTRule();
        rule.setIssuer(jwt.issuer());
        rule.setJwksUri(jwt.jwksUri());
        rule.setAudiences(jwt.audiences().isEmpty() ? null : new ArrayList<>(jwt.audiences()));
        rule.setForwardOriginalToken(jwt.ingressOnly() ? null : Boolean.TRUE);
        var spec = new io.fabric8.istio.api.api.security.v1beta1.RequestAuthentication();
        spec.setJwtRules(List.of(rule));
        spec.setSelector(new WorkloadSelector(t.selector()));
        RequestAuthentication ra = new RequestAuthentication();
        ra.setMetadata(meta(t.tier().name() + "-jwt", t.labels()));
        ra.setSpec(spec);
        s.add(ra);
    }

    // ---------------------------------------------------------------- traffic

    private static Traffic traffic(Tier tier) {
        List<Traffic> list = tier.features(Traffic.class);
        return list.isEmpty() ? Traffic.defaults() : list.get(0);
    }

    private List<String> exportTo(boolean toIngressGateway) {
        List<String> to = new ArrayList<>();
        to.add(".");
        if (toIngressGateway && !ingress.namespace().equals(ns)) {
            to.add(ingress.namespace());
        }
        return to;
    }

    private void destinationRule(TierObjects t) {
        Tier tier = t.tier();
        Traffic traffic = traffic(tier);
        TrafficPolicy policy = new TrafficPolicy();
        if (!ambient) {
            ClientTLSSettings tls = new ClientTLSSettings();
            tls.setMode(ClientTLSSettingsTLSmode.ISTIO_MUTUAL);
            policy.setTls(tls);
        }
        LoadBalancerSettings lb = new LoadBalancerSettings();
        lb.setLbPolicy(lbPolicy(traffic.loadBalancer()));
        if (traffic.localityAware()) {
            LocalityLoadBalancerSetting locality = new LocalityLoadBalancerSetting();
            locality.setEnabled(true);
            lb.setLocalityLbSetting(locality);
        }
        policy.setLoadBalancer(lb);
        var pool = traffic.connectionPool();
        ConnectionPoolSettingsTCPSettings tcp = new ConnectionPoolSettingsTCPSettings();
        tcp.setMaxConnections(pool.maxConnections());
        tcp.setConnectTimeout(pool.connectTimeoutMillis() % 1000 == 0 ? pool.connectTimeoutMillis() / 1000 + "s"
                : pool.connectTimeoutMillis() + "ms");
        ConnectionPoolSettingsHTTPSettings http = new ConnectionPoolSettingsHTTPSettings();
        http.setHttp1MaxPendingRequests(pool.maxPendingRequests());
        http.setHttp2MaxRequests(pool.maxRequests());
        http.setMaxRetries(pool.maxRetries());
        policy.setConnectionPool(new ConnectionPoolSettings(http, tcp));
        var od = traffic.outlierDetection();
        OutlierDetection outlier = new OutlierDetection();
        outlier.setConsecutive5xxErrors(od.consecutive5xxErrors());
        outlier.setInterval(Mesh.duration(od.interval()));
        outlier.setBaseEjectionTime(Mesh.duration(od.baseEjectionTime()));
        outlier.setMaxEjectionPercent(od.maxEjectionPercent());
        policy.setOutlierDetection(outlier);

        var spec = new io.fabric8.istio.api.api.networking.v1alpha3.DestinationRule();
        spec.setHost(Mesh.fqdn(tier.name(), ns));
        spec.setTrafficPolicy(policy);
        List<Subset> subsets = new ArrayList<>();
        subsets.add(new Subset(Map.of("version", "stable"), "stable", null));
        TrafficSplit split = Mesh.split(tier);
        if (split != null) {
            subsets.add(new Subset(Map.of("version", split.version()), split.version(), null));
        }
        spec.setSubsets(subsets);
        spec.setExportTo(exportTo(ingress != null && tier.exposure() != null));
        DestinationRule dr = new DestinationRule();
        dr.setMetadata(meta(tier.name(), t.labels()));
        dr.setSpec(spec);
        s.add(dr);
    }

    private static io.fabric8.istio.api.api.networking.v1alpha3.IsLoadBalancerSettingsLbPolicy lbPolicy(LoadBalancer lb) {
        return switch (lb.kind()) {
            case ROUND_ROBIN -> new LoadBalancerSettingsSimple(LoadBalancerSettingsSimpleLB.ROUND_ROBIN);
            case LEAST_REQUEST -> new LoadBalancerSettingsSimple(LoadBalancerSettingsSimpleLB.LEAST_REQUEST);
            case RANDOM -> new LoadBalancerSettingsSimple(LoadBalancerSettingsSimpleLB.RANDOM);
            case HASH_HEADER -> hash(new LoadBalancerSettingsConsistentHashLBHttpHeaderName(lb.key()));
            case HASH_COOKIE -> hash(new LoadBalancerSettingsConsistentHashLBHttpCookie(
                    new LoadBalancerSettingsConsistentHashLBHTTPCookie_(null, lb.key(), null, Mesh.duration(lb.cookieTtl()))));
            case HASH_SOURCE_IP -> hash(new LoadBalancerSettingsConsistentHashLBUseSourceIp(true));
        };
    }

    private static LoadBalancerSettingsConsistentHash hash(
            io.fabric8.istio.api.api.networking.v1alpha3.IsLoadBalancerSettingsConsistentHashLBHashKey key) {
        LoadBalancerSettingsConsistentHashLB lb = new LoadBalancerSettingsConsistentHashLB();
        lb.setHashKey(key);
        return new LoadBalancerSettingsConsistentHash(lb);
    }

    private void virtualService(TierObjects t) {
        Tier tier = t.tier();
        List<Port> ports = Mesh.httpPorts(tier);
        if (ports.isEmpty()) {
            return;
        }
        boolean multi = tier.ports().size() > 1;
        String host = Mesh.fqdn(tier.name(), ns);
        List<HTTPRoute> routes = new ArrayList<>();
        for (Port p : ports) {
            routes.addAll(routes(tier, host, p, multi ? p : null, null, true));
        }
        var spec = new io.fabric8.istio.api.api.networking.v1alpha3.VirtualService();
        spec.setHosts(List.of(host));
        spec.setHttp(routes);
        spec.setExportTo(List.of("."));
        VirtualService vs = new VirtualService();
        vs.setMetadata(meta(tier.name(), t.labels()));
        vs.setSpec(spec);
        s.add(vs);
    }

    /**
     * The routes for one port: the A/B variant's match first, then the default route with the
     * split's destinations, timeout, retries and (where the stage allows) faults.
     */
    private List<HTTPRoute> routes(Tier tier, String host, Port port, Port matchPort, String pathPrefix, boolean faults) {
        Traffic traffic = traffic(tier);
        TrafficSplit split = Mesh.split(tier);
        List<HTTPRoute> routes = new ArrayList<>();
        if (split instanceof AbTest ab) {
            HTTPMatchRequest match = match(matchPort, pathPrefix);
            Map<String, StringMatch> headers = new LinkedHashMap<>();
            if (ab.cookie()) {
                headers.put("cookie", new StringMatch(new StringMatchRegex(
                        "^(.*?;\\s*)?(" + (ab.name() + "=" + ab.value()).replaceAll("[.^$*+?()\\[\\]{}|\\\\]", "\\\\$0")
                                + ")(;.*)?$")));
            } else {
                headers.put(ab.name(), new StringMatch(new StringMatchExact(ab.value())));
            }
            match.setHeaders(headers);
            HTTPRoute b = route(port.name() + "-" + ab.version(), List.of(match), traffic, faults);
            b.setRoute(List.of(destination(host, port, ab.version(), null)));
            routes.add(b);
        }
        HTTPMatchRequest match = matchPort == null && pathPrefix == null ? null : match(matchPort, pathPrefix);
        HTTPRoute main = route(port.name(), match == null ? null : List.of(match), traffic, faults);
        String subset = split == null ? null : "stable";
        if (split instanceof Canary c) {
            main.setRoute(List.of(destination(host, port, "stable", c.stableWeight()),
                    destination(host, port, c.version(), c.canaryWeight())));
        } else if (split instanceof BlueGreen bg) {
            main.setRoute(List.of(destination(host, port, bg.greenLive() ? bg.version() : "stable", null)));
        } else {
            main.setRoute(List.of(destination(host, port, subset, null)));
        }
        if (split instanceof Mirror m) {
            main.setMirror(new Destination(host, new PortSelector((long) port.number()), m.version()));
            main.setMirrorPercentage(new Percent(m.percentage()));
        }
        routes.add(main);
        return routes;
    }

    private static HTTPMatchRequest match(Port port, String pathPrefix) {
        HTTPMatchRequest match = new HTTPMatchRequest();
        if (port != null) {
            match.setPort((long) port.number());
        }
        if (pathPrefix != null) {
            match.setUri(new StringMatch(new StringMatchPrefix(pathPrefix)));
        }
        return match;
    }

    private HTTPRoute route(String name, List<HTTPMatchRequest> match, Traffic traffic, boolean faults) {
        HTTPRoute route = new HTTPRoute();
        route.setName(name);
        route.setMatch(match);
        route.setTimeout(Mesh.duration(traffic.timeout()));
        HTTPRetry retry = new HTTPRetry();
        retry.setAttempts(traffic.retries().attempts());
        if (traffic.retries().attempts() > 0) {
            retry.setPerTryTimeout(Mesh.duration(traffic.retries().perTryTimeout()));
            retry.setRetryOn(String.join(",", traffic.retries().retryOn()));
        }
        route.setRetries(retry);
        Fault fault = traffic.fault();
        if (faults && fault != null && fault.appliesTo(s.environment().stage())
                && (!s.environment().production() || fault.allowedInProduction())) {
            HTTPFaultInjection injection = new HTTPFaultInjection();
            if (fault.delay() != null) {
                injection.setDelay(new HTTPFaultInjectionDelay(new HTTPFaultInjectionDelayFixedDelay(Mesh.duration(fault.delay())),
                        null, new Percent(fault.percentage())));
            } else {
                injection.setAbort(new HTTPFaultInjectionAbort(new HTTPFaultInjectionAbortHttpStatus(fault.abortStatus()),
                        new Percent(fault.percentage())));
            }
            route.setFault(injection);
        }
        return route;
    }

    private static HTTPRouteDestination destination(String host, Port port, String subset, Integer weight) {
        return new HTTPRouteDestination(new Destination(host, new PortSelector((long) port.number()), subset), null, weight);
    }

    // ---------------------------------------------------------------- edges

    private void gateway(TierObjects t) {
        Tier tier = t.tier();
        Exposure e = tier.exposure();
        Tls tls = e.tls() != null ? e.tls() : s.platform().certificateIssuerIn(s.environment());
        String name = tier.name() + "-ingress";
        String secret = ns + "-" + tier.name() + "-tls";
        List<String> hosts = List.of("./" + e.host());

        Server https = new Server();
        https.setName("https");
        https.setPort(new io.fabric8.istio.api.api.networking.v1alpha3.Port("https", 443L, "HTTPS", null));
        https.setHosts(hosts);
        ServerTLSSettings serverTls = new ServerTLSSettings();
        serverTls.setMode(ServerTLSSettingsTLSmode.SIMPLE);
        serverTls.setCredentialName(secret);
        https.setTls(serverTls);
        Server http = new Server();
        http.setName("http");
        http.setPort(new io.fabric8.istio.api.api.networking.v1alpha3.Port("http", 80L, "HTTP", null));
        http.setHosts(hosts);
        ServerTLSSettings redirect = new ServerTLSSettings();
        redirect.setHttpsRedirect(true);
        http.setTls(redirect);
        var spec = new io.fabric8.istio.api.api.networking.v1alpha3.Gateway();
        spec.setSelector(new LinkedHashMap<>(ingress.podLabels()));
        spec.setServers(List.of(https, http));
        Gateway gateway = new Gateway();
        gateway.setMetadata(meta(name, t.labels()));
        gateway.setSpec(spec);
        s.add(gateway);

        Port port = MeshContributor.exposedPort(tier);
        var vsSpec = new io.fabric8.istio.api.api.networking.v1alpha3.VirtualService();
        vsSpec.setHosts(List.of(e.host()));
        vsSpec.setGateways(List.of(name));
        vsSpec.setHttp(routes(tier, Mesh.fqdn(tier.name(), ns), port, null, e.path(), false));
        vsSpec.setExportTo(exportTo(true));
        VirtualService vs = new VirtualService();
        vs.setMetadata(meta(name, t.labels()));
        vs.setSpec(vsSpec);
        s.add(vs);

        // the gateway reads its certificate from a Secret in its own namespace
        GenericKubernetesResource cert = new GenericKubernetesResource();
        cert.setApiVersion("cert-manager.io/v1");
        cert.setKind("Certificate");
        ObjectMeta certMeta = meta(ns + "-" + tier.name(), t.labels());
        certMeta.setNamespace(ingress.namespace());
        cert.setMetadata(certMeta);
        Map<String, Object> issuer = new LinkedHashMap<>();
        issuer.put("name", tls.issuerName());
        issuer.put("kind", tls.issuerKind());
        issuer.put("group", "cert-manager.io");
        Map<String, Object> certSpec = new LinkedHashMap<>();
        certSpec.put("secretName", secret);
        certSpec.put("dnsNames", List.of(e.host()));
        certSpec.put("issuerRef", issuer);
        cert.setAdditionalProperty("spec", certSpec);
        s.add(cert);
    }

    private void serviceEntries() {
        Map<String, Peer.Network> networks = new LinkedHashMap<>();
        Map<String, Set<Port>> ports = new LinkedHashMap<>();
        for (Flow f : s.flows().ofKind(Flow.Kind.EXTERNAL)) {
            if (f.to() instanceof Peer.Network n && !n.hosts().isEmpty()) {
                networks.putIfAbsent(n.name(), n);
                ports.computeIfAbsent(n.name(), k -> new LinkedHashSet<>()).addAll(f.ports());
            }
        }
        for (Peer.Network n : networks.values()) {
            List<ServicePort> servicePorts = new ArrayList<>();
            Set<Integer> numbers = new LinkedHashSet<>();
            boolean tls443 = false;
            for (Port p : ports.get(n.name())) {
                if (p.protocol() == Protocol.TCP && numbers.add(p.number())) {
                    servicePorts.add(new ServicePort(p.name(), (long) p.number(), Mesh.istioProtocol(p), null));
                    tls443 |= p.number() == 443 && "TLS".equals(Mesh.istioProtocol(p));
                }
            }
            var spec = new io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntry();
            spec.setHosts(new ArrayList<>(n.hosts()));
            spec.setPorts(servicePorts);
            spec.setLocation(ServiceEntryLocation.MESH_EXTERNAL);
            spec.setResolution(ServiceEntryResolution.DNS);
            boolean viaGateway = egress != null && tls443;
            List<String> exportTo = new ArrayList<>(List.of("."));
            if (viaGateway && !egress.namespace().equals(ns)) {
                exportTo.add(egress.namespace());
            }
            spec.setExportTo(exportTo);
            ServiceEntry se = new ServiceEntry();
            se.setMetadata(meta(n.name(), null));
            se.setSpec(spec);
            s.add(se);
            if (viaGateway) {
                egressRoute(n, exportTo);
            }
        }
    }

    /** TLS passthrough through the egress gateway: sidecar -> gateway -> external host, on 443. */
    private void egressRoute(Peer.Network n, List<String> exportTo) {
        String name = "egress-" + n.name();
        Server server = new Server();
        server.setName("tls");
        server.setPort(new io.fabric8.istio.api.api.networking.v1alpha3.Port("tls", 443L, "TLS", null));
        List<String> hosts = new ArrayList<>();
        for (String h : n.hosts()) {
            hosts.add("./" + h);
        }
        server.setHosts(hosts);
        ServerTLSSettings passthrough = new ServerTLSSettings();
        passthrough.setMode(ServerTLSSettingsTLSmode.PASSTHROUGH);
        server.setTls(passthrough);
        var gwSpec = new io.fabric8.istio.api.api.networking.v1alpha3.Gateway();
        gwSpec.setSelector(new LinkedHashMap<>(egress.podLabels()));
        gwSpec.setServers(List.of(server));
        Gateway gateway = new Gateway();
        gateway.setMetadata(meta(name, null));
        gateway.setSpec(gwSpec);
        s.add(gateway);

        String gatewayHost = egress.serviceAccount() + "." + egress.namespace() + ".svc.cluster.local";
        List<TLSRoute> routes = new ArrayList<>();
        routes.add(new TLSRoute(List.of(tlsMatch("mesh", new ArrayList<>(n.hosts()))),
                List.of(new RouteDestination(new Destination(gatewayHost, new PortSelector(443L), null), null))));
        for (String h : n.hosts()) {
            routes.add(new TLSRoute(List.of(tlsMatch(name, List.of(h))),
                    List.of(new RouteDestination(new Destination(h, new PortSelector(443L), null), null))));
        }
        var vsSpec = new io.fabric8.istio.api.api.networking.v1alpha3.VirtualService();
        vsSpec.setHosts(new ArrayList<>(n.hosts()));
        vsSpec.setGateways(List.of("mesh", name));
        vsSpec.setTls(routes);
        vsSpec.setExportTo(exportTo);
        VirtualService vs = new VirtualService();
        vs.setMetadata(meta(name, null));
        vs.setSpec(vsSpec);
        s.add(vs);
    }

    private static TLSMatchAttributes tlsMatch(String gateway, List<String> sniHosts) {
        TLSMatchAttributes match = new TLSMatchAttributes();
        match.setGateways(List.of(gateway));
        match.setPort(443L);
        match.setSniHosts(sniHosts);
        return match;
    }

    /** Scopes the sidecars' configuration to what the namespace calls (not a security boundary). */
    private void sidecar() {
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add("./*");
        hosts.add(mesh.controlPlane().namespace() + "/*");
        if (egress != null) {
            hosts.add(egress.namespace() + "/*");
        }
        for (Flow f : s.flows().ofKind(Flow.Kind.DEPENDENCY)) {
            if (f.to() instanceof Peer.Workloads w && w.namespace() != null && !w.namespace().equals(ns)) {
                hosts.add(w.namespace() + "/*");
            }
        }
        IstioEgressListener listener = new IstioEgressListener();
        listener.setHosts(new ArrayList<>(hosts));
        var spec = new io.fabric8.istio.api.api.networking.v1alpha3.Sidecar();
        spec.setEgress(List.of(listener));
        if (mesh.registryOnly()) {
            spec.setOutboundTrafficPolicy(new OutboundTrafficPolicy(null, OutboundTrafficPolicyMode.REGISTRY_ONLY));
        }
        Sidecar sidecar = new Sidecar();
        sidecar.setMetadata(meta("default", null));
        sidecar.setSpec(spec);
        s.add(sidecar);
    }

    private void telemetry() {
        // the mesh's own tracing, else the platform's tracing feature when it names a mesh provider
        String provider = null;
        double sampling = 0;
        if (mesh.tracingOrNull() != null) {
            provider = mesh.tracingOrNull().provider();
            sampling = mesh.tracingOrNull().samplingPercentage();
        } else {
            for (TracingSettings settings : s.platform().features(TracingSettings.class)) {
                if (settings.meshProvider().isPresent()) {
                    provider = settings.meshProvider().get();
                    sampling = settings.samplingPercent(s.environment());
                }
            }
        }
        if (provider == null && mesh.accessLogProvider() == null) {
            return;
        }
        var spec = new io.fabric8.istio.api.api.telemetry.v1alpha1.Telemetry();
        if (provider != null) {
            var tracing = new io.fabric8.istio.api.api.telemetry.v1alpha1.Tracing();
            tracing.setProviders(List.of(new ProviderRef(provider)));
            tracing.setRandomSamplingPercentage(sampling);
            spec.setTracing(List.of(tracing));
        }
        if (mesh.accessLogProvider() != null) {
            AccessLogging logging = new AccessLogging();
            logging.setProviders(List.of(new ProviderRef(mesh.accessLogProvider())));
            spec.setAccessLogging(List.of(logging));
        }
        Telemetry telemetry = new Telemetry();
        telemetry.setMetadata(meta("default", null));
        telemetry.setSpec(spec);
        s.add(telemetry);
    }
}

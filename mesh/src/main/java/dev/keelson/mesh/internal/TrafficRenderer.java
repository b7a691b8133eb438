package dev.keelson.mesh.internal;

import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.mesh.AbTest;
import dev.keelson.mesh.BlueGreen;
import dev.keelson.mesh.Canary;
import dev.keelson.mesh.Fault;
import dev.keelson.mesh.LoadBalancer;
import dev.keelson.mesh.Mirror;
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
import io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetection;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import io.fabric8.istio.api.api.networking.v1alpha3.PortSelector;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders how requests reach a serving tier inside the mesh, from its {@link Traffic} settings and
 * {@link TrafficSplit}: a DestinationRule (load balancing, connection pool, outlier detection,
 * subsets) and, for its HTTP ports, a VirtualService (timeouts, retries, faults, the split's
 * routes). Internal.
 */
final class TrafficRenderer {

    private final RenderContext ctx;

    TrafficRenderer(RenderContext ctx) {
        this.ctx = ctx;
    }

    /** Adds one serving tier's DestinationRule, then its VirtualService if it has HTTP ports. */
    void tier(TierObjects t) {
        destinationRule(t);
        virtualService(t);
    }

    private static Traffic traffic(Tier tier) {
        List<Traffic> list = tier.features(Traffic.class);
        return list.isEmpty() ? Traffic.defaults() : list.get(0);
    }

    private void destinationRule(TierObjects t) {
        Tier tier = t.tier();
        Traffic traffic = traffic(tier);
        TrafficPolicy policy = new TrafficPolicy();
        if (!ctx.ambient()) {
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
        spec.setHost(Mesh.fqdn(tier.name(), ctx.ns()));
        spec.setTrafficPolicy(policy);
        List<Subset> subsets = new ArrayList<>();
        subsets.add(new Subset(Map.of("version", "stable"), "stable", null));
        TrafficSplit split = Mesh.split(tier);
        if (split != null) {
            subsets.add(new Subset(Map.of("version", split.version()), split.version(), null));
        }
        spec.setSubsets(subsets);
        spec.setExportTo(ctx.exportTo(ctx.ingress() != null && tier.exposure() != null));
        DestinationRule dr = new DestinationRule();
        dr.setMetadata(ctx.meta(tier.name(), t.labels()));
        dr.setSpec(spec);
        ctx.add(dr);
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
        String host = Mesh.fqdn(tier.name(), ctx.ns());
        List<HTTPRoute> routes = new ArrayList<>();
        for (Port p : ports) {
            routes.addAll(routes(tier, host, p, multi ? p : null, null, true));
        }
        var spec = new io.fabric8.istio.api.api.networking.v1alpha3.VirtualService();
        spec.setHosts(List.of(host));
        spec.setHttp(routes);
        spec.setExportTo(List.of("."));
        VirtualService vs = new VirtualService();
        vs.setMetadata(ctx.meta(tier.name(), t.labels()));
        vs.setSpec(spec);
        ctx.add(vs);
    }

    /**
     * The routes for one port: the A/B variant's match first, then the default route with the
     * split's destinations, timeout, retries and (where the stage allows) faults.
     */
    List<HTTPRoute> routes(Tier tier, String host, Port port, Port matchPort, String pathPrefix, boolean faults) {
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
            main.setMirrorPercentage(new Percent(m.percentage().doubleValue()));
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
        if (faults && fault != null && fault.appliesTo(ctx.synthesis().environment().stage())
                && (!ctx.synthesis().environment().production() || fault.allowedInProduction())) {
            HTTPFaultInjection injection = new HTTPFaultInjection();
            if (fault.delay() != null) {
                injection.setDelay(new HTTPFaultInjectionDelay(new HTTPFaultInjectionDelayFixedDelay(Mesh.duration(fault.delay())),
                        null, new Percent(fault.percentage().doubleValue())));
            } else {
                injection.setAbort(new HTTPFaultInjectionAbort(new HTTPFaultInjectionAbortHttpStatus(fault.abortStatus()),
                        new Percent(fault.percentage().doubleValue())));
            }
            route.setFault(injection);
        }
        return route;
    }

    private static HTTPRouteDestination destination(String host, Port port, String subset, Integer weight) {
        return new HTTPRouteDestination(new Destination(host, new PortSelector((long) port.number()), subset), null, weight);
    }
}

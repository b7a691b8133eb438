package dev.keelson.mesh.internal;

import dev.keelson.core.Flow;
import dev.keelson.core.Peer;
import dev.keelson.core.Port;
import dev.keelson.core.Protocol;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.PortSelector;
import io.fabric8.istio.api.api.networking.v1alpha3.RouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntryLocation;
import io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntryResolution;
import io.fabric8.istio.api.api.networking.v1alpha3.ServicePort;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSMatchAttributes;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSRoute;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the way out to external hosts, from the graph's external flows that name hosts: a
 * ServiceEntry per network and, where the policy has an egress gateway and the network is
 * reached by TLS on 443, the Gateway and VirtualService that pass it through that gateway.
 * Internal.
 */
final class EgressRenderer {

    private final RenderContext ctx;

    EgressRenderer(RenderContext ctx) {
        this.ctx = ctx;
    }

    /** Adds each external network's ServiceEntry, each followed by its egress gateway route if any. */
    void render() {
        Map<String, Peer.Network> networks = new LinkedHashMap<>();
        Map<String, Set<Port>> ports = new LinkedHashMap<>();
        for (Flow f : ctx.synthesis().flows().ofKind(Flow.Kind.EXTERNAL)) {
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
            boolean viaGateway = ctx.egress() != null && tls443;
            List<String> exportTo = new ArrayList<>(List.of("."));
            if (viaGateway && !ctx.egress().namespace().equals(ctx.ns())) {
                exportTo.add(ctx.egress().namespace());
            }
            spec.setExportTo(exportTo);
            ServiceEntry se = new ServiceEntry();
            se.setMetadata(ctx.meta(n.name(), null));
            se.setSpec(spec);
            ctx.add(se);
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
        gwSpec.setSelector(new LinkedHashMap<>(ctx.egress().podLabels()));
        gwSpec.setServers(List.of(server));
        Gateway gateway = new Gateway();
        gateway.setMetadata(ctx.meta(name, null));
        gateway.setSpec(gwSpec);
        ctx.add(gateway);

        String gatewayHost = ctx.egress().serviceAccount() + "." + ctx.egress().namespace() + ".svc.cluster.local";
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
        vs.setMetadata(ctx.meta(name, null));
        vs.setSpec(vsSpec);
        ctx.add(vs);
    }

    private static TLSMatchAttributes tlsMatch(String gateway, List<String> sniHosts) {
        TLSMatchAttributes match = new TLSMatchAttributes();
        match.setGateways(List.of(gateway));
        match.setPort(443L);
        match.setSniHosts(sniHosts);
        return match;
    }
}

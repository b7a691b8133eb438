package dev.keelson.mesh.internal;

import dev.keelson.core.Exposure;
import dev.keelson.core.Port;
import dev.keelson.core.Tier;
import dev.keelson.core.Tls;
import dev.keelson.core.spi.TierObjects;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the way in for a tier with an {@link Exposure}, through the policy's ingress gateway: a
 * Gateway (HTTPS, and HTTP that redirects to it), a VirtualService with the tier's routes, and the
 * cert-manager Certificate the gateway reads in its own namespace. Internal.
 */
final class IngressGatewayRenderer {

    private final RenderContext ctx;
    private final TrafficRenderer traffic;

    IngressGatewayRenderer(RenderContext ctx, TrafficRenderer traffic) {
        this.ctx = ctx;
        this.traffic = traffic;
    }

    /** Adds the Gateway, VirtualService and Certificate of one exposed tier. */
    void tier(TierObjects t) {
        Tier tier = t.tier();
        Exposure e = tier.exposure();
        Tls tls = e.tls() != null ? e.tls() : ctx.synthesis().platform().certificateIssuerIn(ctx.synthesis().environment());
        String name = tier.name() + "-ingress";
        String secret = ctx.ns() + "-" + tier.name() + "-tls";
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
        spec.setSelector(new LinkedHashMap<>(ctx.ingress().podLabels()));
        spec.setServers(List.of(https, http));
        Gateway gateway = new Gateway();
        gateway.setMetadata(ctx.meta(name, t.labels()));
        gateway.setSpec(spec);
        ctx.add(gateway);

        Port port = MeshContributor.exposedPort(tier);
        var vsSpec = new io.fabric8.istio.api.api.networking.v1alpha3.VirtualService();
        vsSpec.setHosts(List.of(e.host()));
        vsSpec.setGateways(List.of(name));
        vsSpec.setHttp(traffic.routes(tier, Mesh.fqdn(tier.name(), ctx.ns()), port, null, e.path(), false));
        vsSpec.setExportTo(ctx.exportTo(true));
        VirtualService vs = new VirtualService();
        vs.setMetadata(ctx.meta(name, t.labels()));
        vs.setSpec(vsSpec);
        ctx.add(vs);

        // the gateway reads its certificate from a Secret in its own namespace
        GenericKubernetesResource cert = new GenericKubernetesResource();
        cert.setApiVersion("cert-manager.io/v1");
        cert.setKind("Certificate");
        ObjectMeta certMeta = ctx.meta(ctx.ns() + "-" + tier.name(), t.labels());
        certMeta.setNamespace(ctx.ingress().namespace());
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
        ctx.add(cert);
    }
}

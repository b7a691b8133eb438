package dev.keelson.mesh.internal;

import dev.keelson.core.Port;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.mesh.MtlsMode;
import io.fabric8.istio.api.api.security.v1beta1.PeerAuthenticationMutualTLS;
import io.fabric8.istio.api.api.security.v1beta1.PeerAuthenticationMutualTLSMode;
import io.fabric8.istio.api.api.type.v1beta1.WorkloadSelector;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders mutual TLS between workloads from the policy's {@link MtlsMode}: the namespace's default
 * PeerAuthentication, and, where metrics are scraped in plaintext, one per tier that leaves its
 * metrics port permissive. Internal.
 */
final class MtlsRenderer {

    private final RenderContext ctx;

    MtlsRenderer(RenderContext ctx) {
        this.ctx = ctx;
    }

    /** Adds the namespace's PeerAuthentication, then the tiers' plaintext-metrics exceptions. */
    void render() {
        PeerAuthentication pa = new PeerAuthentication();
        pa.setMetadata(ctx.meta("default", null));
        var spec = new io.fabric8.istio.api.api.security.v1beta1.PeerAuthentication();
        spec.setMtls(new PeerAuthenticationMutualTLS(mode(ctx.mesh().mtls())));
        pa.setSpec(spec);
        ctx.add(pa);
        if (!ctx.mesh().plaintextMetrics()) {
            return;
        }
        for (TierObjects t : ctx.synthesis().tiers()) {
            if (t.tier().metrics() == null) {
                continue;
            }
            Port metrics = t.tier().port(t.tier().metrics().port()).orElseThrow();
            PeerAuthentication exception = new PeerAuthentication();
            exception.setMetadata(ctx.meta(t.tier().name() + "-plaintext-metrics", t.labels()));
            var e = new io.fabric8.istio.api.api.security.v1beta1.PeerAuthentication();
            e.setSelector(new WorkloadSelector(t.selector()));
            e.setMtls(new PeerAuthenticationMutualTLS(mode(ctx.mesh().mtls())));
            Map<String, PeerAuthenticationMutualTLS> ports = new LinkedHashMap<>();
            ports.put(String.valueOf(metrics.number()), new PeerAuthenticationMutualTLS(PeerAuthenticationMutualTLSMode.PERMISSIVE));
            e.setPortLevelMtls(ports);
            exception.setSpec(e);
            ctx.add(exception);
        }
    }

    private static PeerAuthenticationMutualTLSMode mode(MtlsMode mode) {
        return mode == MtlsMode.STRICT ? PeerAuthenticationMutualTLSMode.STRICT : PeerAuthenticationMutualTLSMode.PERMISSIVE;
    }
}

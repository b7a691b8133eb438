package dev.keelson.mesh.internal;

import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.mesh.MeshPolicy;

/**
 * The render phase of {@link MeshPolicy}: every Istio object of one environment, with the
 * authorization derived from the final graph of flows. Calls one renderer per concern, in the order
 * the objects come out: mTLS, the default deny, per serving tier its authorization, traffic and
 * ingress gateway, then the other workloads' authorization, egress, sidecar scope and telemetry.
 * Internal.
 */
public final class MeshRenderer {

    private MeshRenderer() {
    }

    /** Adds the Istio objects of one environment. */
    public static void render(MeshPolicy mesh, FeatureContext s) {
        RenderContext ctx = RenderContext.of(mesh, s);
        new MtlsRenderer(ctx).render();
        AuthorizationRenderer authorization = new AuthorizationRenderer(ctx);
        TrafficRenderer traffic = new TrafficRenderer(ctx);
        IngressGatewayRenderer ingress = new IngressGatewayRenderer(ctx, traffic);
        authorization.allowNothing();
        for (TierObjects t : s.tiers()) {
            if (!t.tier().serves()) {
                continue;
            }
            authorization.tier(t);
            traffic.tier(t);
            if (ctx.ingress() != null && t.tier().exposure() != null) {
                ingress.tier(t);
            }
        }
        authorization.workloads();
        new EgressRenderer(ctx).render();
        SidecarTelemetryRenderer proxies = new SidecarTelemetryRenderer(ctx);
        if (!ctx.ambient()) {
            proxies.sidecar();
        }
        proxies.telemetry();
    }
}

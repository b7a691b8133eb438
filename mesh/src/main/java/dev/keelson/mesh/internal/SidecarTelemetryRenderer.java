package dev.keelson.mesh.internal;

import dev.keelson.core.Flow;
import dev.keelson.core.Peer;
import dev.keelson.core.Percent;
import dev.keelson.core.TracingSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.IstioEgressListener;
import io.fabric8.istio.api.api.networking.v1alpha3.OutboundTrafficPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.OutboundTrafficPolicyMode;
import io.fabric8.istio.api.api.telemetry.v1alpha1.AccessLogging;
import io.fabric8.istio.api.api.telemetry.v1alpha1.ProviderRef;
import io.fabric8.istio.api.networking.v1.Sidecar;
import io.fabric8.istio.api.telemetry.v1.Telemetry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders the namespace-wide defaults of the proxies: the Sidecar that scopes their configuration
 * (sidecar mode only), and the Telemetry that turns on tracing and access logs, from the policy
 * or the platform's {@link TracingSettings}. Internal.
 */
final class SidecarTelemetryRenderer {

    private final RenderContext ctx;

    SidecarTelemetryRenderer(RenderContext ctx) {
        this.ctx = ctx;
    }

    /** Scopes the sidecars' configuration to what the namespace calls (not a security boundary). */
    void sidecar() {
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add("./*");
        hosts.add(ctx.mesh().controlPlane().namespace() + "/*");
        if (ctx.egress() != null) {
            hosts.add(ctx.egress().namespace() + "/*");
        }
        for (Flow f : ctx.synthesis().flows().ofKind(Flow.Kind.DEPENDENCY)) {
            if (f.to() instanceof Peer.Workloads w && w.namespace() != null && !w.namespace().equals(ctx.ns())) {
                hosts.add(w.namespace() + "/*");
            }
        }
        IstioEgressListener listener = new IstioEgressListener();
        listener.setHosts(new ArrayList<>(hosts));
        var spec = new io.fabric8.istio.api.api.networking.v1alpha3.Sidecar();
        spec.setEgress(List.of(listener));
        if (ctx.mesh().registryOnly()) {
            spec.setOutboundTrafficPolicy(new OutboundTrafficPolicy(null, OutboundTrafficPolicyMode.REGISTRY_ONLY));
        }
        Sidecar sidecar = new Sidecar();
        sidecar.setMetadata(ctx.meta("default", null));
        sidecar.setSpec(spec);
        ctx.add(sidecar);
    }

    /** Adds the Telemetry, unless neither tracing nor access logs are asked for. */
    void telemetry() {
        // the mesh's own tracing, else the platform's tracing feature when it names a mesh provider
        String provider = null;
        Percent sampling = Percent.of(0);
        if (ctx.mesh().tracingOrNull() != null) {
            provider = ctx.mesh().tracingOrNull().provider();
            sampling = ctx.mesh().tracingOrNull().samplingPercentage();
        } else {
            for (TracingSettings settings : ctx.synthesis().platform().features(TracingSettings.class)) {
                if (settings.meshProvider().isPresent()) {
                    provider = settings.meshProvider().get();
                    sampling = settings.samplingPercent(ctx.synthesis().environment());
                }
            }
        }
        if (provider == null && ctx.mesh().accessLogProvider() == null) {
            return;
        }
        var spec = new io.fabric8.istio.api.api.telemetry.v1alpha1.Telemetry();
        if (provider != null) {
            var tracing = new io.fabric8.istio.api.api.telemetry.v1alpha1.Tracing();
            tracing.setProviders(List.of(new ProviderRef(provider)));
            tracing.setRandomSamplingPercentage(sampling.doubleValue());
            spec.setTracing(List.of(tracing));
        }
        if (ctx.mesh().accessLogProvider() != null) {
            AccessLogging logging = new AccessLogging();
            logging.setProviders(List.of(new ProviderRef(ctx.mesh().accessLogProvider())));
            spec.setAccessLogging(List.of(logging));
        }
        Telemetry telemetry = new Telemetry();
        telemetry.setMetadata(ctx.meta("default", null));
        telemetry.setSpec(spec);
        ctx.add(telemetry);
    }
}

package dev.keelson.autoscaling.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.core.spi.FeatureContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/**
 * The share of a tier's traffic a version gets, read from the Istio VirtualServices among the final
 * objects without depending on the mesh module: the weight of the routes to its subset, or the
 * mirror percentage. Internal.
 */
final class TrafficShares {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrafficShares() {
    }

    /**
     * The largest percentage of requests any HTTP route of a VirtualService for {@code tier} sends to
     * subset {@code version}; {@code null} if no route names it with a weight or mirror percentage.
     */
    static Integer of(FeatureContext synthesis, String tier, String version) {
        Integer share = null;
        for (HasMetadata o : synthesis.objects()) {
            if (!"VirtualService".equals(o.getKind())) {
                continue;
            }
            Map<?, ?> vs = JSON.convertValue(o, Map.class);
            if (!(vs.get("spec") instanceof Map<?, ?> spec) || !(spec.get("http") instanceof List<?> routes)) {
                continue;
            }
            for (Object r : routes) {
                if (!(r instanceof Map<?, ?> route)) {
                    continue;
                }
                if (selective(route)) {
                    continue; // only requests with some header or parameter: their share cannot be read here
                }
                if (route.get("route") instanceof List<?> destinations) {
                    int total = 0;
                    for (Object d : destinations) {
                        if (d instanceof Map<?, ?> dw && dw.get("destination") instanceof Map<?, ?> dest && ours(dest, tier, version)) {
                            // a destination without a weight gets every request of its route (Istio's default for one destination)
                            total += dw.get("weight") instanceof Number w ? w.intValue() : destinations.size() == 1 ? 100 : 0;
                        }
                    }
                    if (total > 0 || containsOurs(destinations, tier, version)) {
                        share = share == null ? total : Math.max(share, total);
                    }
                }
                if (route.get("mirror") instanceof Map<?, ?> mirror && ours(mirror, tier, version)) {
                    int percent = route.get("mirrorPercentage") instanceof Map<?, ?> mp && mp.get("value") instanceof Number v
                            ? (int) Math.ceil(v.doubleValue()) : 100;
                    share = share == null ? percent : Math.max(share, percent);
                }
            }
        }
        return share;
    }

    private static boolean selective(Map<?, ?> route) {
        if (route.get("match") instanceof List<?> matches) {
            for (Object m : matches) {
                if (m instanceof Map<?, ?> match && (match.containsKey("headers") || match.containsKey("queryParams")
                        || match.containsKey("sourceLabels") || match.containsKey("withoutHeaders"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean containsOurs(List<?> destinations, String tier, String version) {
        for (Object d : destinations) {
            if (d instanceof Map<?, ?> dw && dw.get("destination") instanceof Map<?, ?> dest && ours(dest, tier, version)) {
                return true;
            }
        }
        return false;
    }

    /** A destination of {@code tier}'s Service ({@code api}, {@code api.ns.svc.cluster.local}) and subset {@code version}. */
    private static boolean ours(Map<?, ?> destination, String tier, String version) {
        return version.equals(destination.get("subset")) && destination.get("host") instanceof String host
                && (host.equals(tier) || host.startsWith(tier + "."));
    }
}

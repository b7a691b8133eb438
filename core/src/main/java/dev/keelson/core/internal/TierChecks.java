package dev.keelson.core.internal;

import dev.keelson.core.Image;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Protocol;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.Problems;
import org.jspecify.annotations.Nullable;

/**
 * A tier's own settings: its name, image, replicas, rollout, metrics and pod annotations (rules
 * KEE-TIER-*, KEE-ROLL-*, KEE-METRIC-*, KEE-LABEL-003).
 */
final class TierChecks extends Checks {

    TierChecks(Problems problems) {
        super(problems);
    }

    void checkName(Tier tier, ModelPath path) {
        if (!Names.dns1035Label(tier.name())) {
            error("KEE-TIER-002", path, "tier name '" + tier.name() + "' is not a DNS-1035 label",
                    "start with a letter and use at most 63 lower-case letters, digits and inner dashes, e.g. 'api'");
        }
    }

    void checkImage(@Nullable Image image, ModelPath path) {
        if (image == null) {
            error("KEE-TIER-003", path, "tier has no image", "call image(\"registry/repository:tag\")");
            return;
        }
        String problem = image.problem();
        if (problem != null) {
            // only the version is wrong when the same repository with a fixed tag would do
            boolean unpinned = Image.parse(image.repository() + ":1.0.0").problem() == null
                    && image.digest().isEmpty() && (image.tag().isEmpty() || image.tag().get().equals("latest"));
            error("KEE-TIER-004", path, problem, unpinned
                    ? "use a fixed version tag (e.g. 'ghcr.io/acme/web:1.4.2') or a digest ('...@sha256:<64 hex>')"
                    : "write 'registry/repository:tag' with a fixed version tag (e.g. 'ghcr.io/acme/web:1.4.2')"
                            + " or pin a digest ('...@sha256:<64 hex>')");
        }
    }

    void checkReplicas(Tier tier, ModelPath path) {
        if (tier.replicas() < 0) {
            error("KEE-TIER-005", path.child("replicas"), "replicas " + tier.replicas() + " is negative", "use 0 or more replicas");
        }
    }

    void checkRollingUpdate(Tier tier, ModelPath path) {
        String surge = tier.rollingUpdate().maxSurge();
        String unavailable = tier.rollingUpdate().maxUnavailable();
        boolean ok = true;
        if (!Names.intOrPercent(surge)) {
            error("KEE-ROLL-001", path.child("maxSurge"), "maxSurge '" + surge + "' is not a count or a percentage", "use e.g. '1' or '25%'");
            ok = false;
        }
        if (!Names.intOrPercent(unavailable)) {
            error("KEE-ROLL-001", path.child("maxUnavailable"),
                    "maxUnavailable '" + unavailable + "' is not a count or a percentage", "use e.g. '0' or '25%'");
            ok = false;
        }
        if (ok && Names.zero(surge) && Names.zero(unavailable)) {
            error("KEE-ROLL-002", path, "maxSurge and maxUnavailable are both zero, so a rollout can never progress",
                    "allow a surge, e.g. RollingUpdate.of(\"25%\", \"0\")");
        }
    }

    void checkMetrics(Tier tier, ModelPath path) {
        if (tier.metrics() != null) {
            if (tier.port(tier.metrics().port()).isEmpty()) {
                error("KEE-METRIC-001", path.child("metrics"), "metrics port '" + tier.metrics().port() + "' is not declared",
                        "declare it with port(Port.metrics(9090)) or use metrics(Port.metrics(9090))");
            } else if (tier.port(tier.metrics().port()).get().protocol() != Protocol.TCP) {
                error("KEE-METRIC-002", path.child("metrics"),
                        "metrics port '" + tier.metrics().port() + "' is not a TCP port, so Prometheus cannot scrape it",
                        "serve metrics over HTTP on a TCP port, e.g. metrics(Port.metrics(9090))");
            }
            if (!tier.metrics().path().startsWith("/")) {
                error("KEE-METRIC-003", path.child("metrics"),
                        "metrics path '" + tier.metrics().path() + "' does not start with '/'", "use e.g. '/metrics'");
            } else {
                controlCharacters(tier.metrics().path(), "metrics path", path.child("metrics"));
            }
        }
    }

    void checkPodAnnotations(Tier tier, ModelPath path) {
        tier.podAnnotations().keySet().forEach(k -> {
            if (!Names.labelKey(k)) {
                error("KEE-LABEL-003", path.child("podAnnotations", k), "annotation key '" + k + "' is not valid",
                        "use an optional DNS prefix and a name of at most 63 letters, digits, '-', '_' and '.'");
            }
        });
    }
}

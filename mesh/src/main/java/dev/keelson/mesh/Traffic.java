package dev.keelson.mesh;

import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.Require;
import dev.keelson.core.Tier;
import dev.keelson.core.TierFeature;
import dev.keelson.core.spi.Problems;
import dev.keelson.core.spi.TierExtension;
import dev.keelson.mesh.internal.TierValidator;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How callers reach one tier through the mesh: timeout, retries, load balancing, circuit breaking
 * and (outside production) fault injection. A tier without it gets {@link #defaults()}.
 * Rendered by {@link MeshPolicy} as the tier's DestinationRule and VirtualService.
 *
 * <pre>{@code
 * Tier.named("api")...
 *     .with(Traffic.defaults()
 *         .timeout(Duration.ofSeconds(5))
 *         .retries(Retries.attempts(3).perTry(Duration.ofSeconds(1)))
 *         .loadBalancer(LoadBalancer.hashHeader("x-user-id"))
 *         .fault(Fault.abort(503, 5).onlyIn(Stage.DEVELOPMENT)))
 * }</pre>
 *
 * @param timeout the whole request's timeout, retries included; default 10 s
 * @param retries the retries; default {@link Retries#DEFAULT}
 * @param loadBalancer the algorithm; default {@link LoadBalancer#leastRequest()}
 * @param localityAware whether callers prefer pods in their own zone (failing over when
 *     outlier detection ejects them); default true
 * @param connectionPool connection limits; default {@link ConnectionPool#DEFAULT}
 * @param outlierDetection ejection of failing pods; default {@link OutlierDetection#DEFAULT}
 * @param fault injected failures, or {@code null} for none (the default)
 */
public record Traffic(Duration timeout, Retries retries, LoadBalancer loadBalancer, boolean localityAware,
                      ConnectionPool connectionPool, OutlierDetection outlierDetection, @Nullable Fault fault)
        implements TierFeature {

    /** The request timeout unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Checks {@code timeout}, {@code retries}, {@code loadBalancer}, {@code connectionPool} and {@code
     * outlierDetection} at once, naming the argument and the call when one is invalid.
     *
     * @param timeout the whole request's timeout, retries included; default 10 s
     * @param retries the retries; default {@link Retries#DEFAULT}
     * @param loadBalancer the algorithm; default {@link LoadBalancer#leastRequest()}
     * @param localityAware whether callers prefer pods in their own zone (failing over when
     *     outlier detection ejects them); default true
     * @param connectionPool connection limits; default {@link ConnectionPool#DEFAULT}
     * @param outlierDetection ejection of failing pods; default {@link OutlierDetection#DEFAULT}
     * @param fault injected failures, or {@code null} for none (the default)
     */
    public Traffic {
        Require.nonNull(timeout, "timeout");
        Require.nonNull(retries, "retries");
        Require.nonNull(loadBalancer, "loadBalancer");
        Require.nonNull(connectionPool, "connectionPool");
        Require.nonNull(outlierDetection, "outlierDetection");
    }

    /** 10 s timeout, default retries, least-request balancing, locality-aware, default circuit breaking, no faults. */
    public static Traffic defaults() {
        return new Traffic(DEFAULT_TIMEOUT, Retries.DEFAULT, LoadBalancer.leastRequest(), true, ConnectionPool.DEFAULT,
                OutlierDetection.DEFAULT, null);
    }

    /** This traffic with another request timeout. */
    public Traffic timeout(Duration newTimeout) {
        Require.nonNull(newTimeout, "newTimeout");
        return new Traffic(newTimeout, retries, loadBalancer, localityAware, connectionPool, outlierDetection, fault);
    }

    /** This traffic with other retries. */
    public Traffic retries(Retries newRetries) {
        Require.nonNull(newRetries, "newRetries");
        return new Traffic(timeout, newRetries, loadBalancer, localityAware, connectionPool, outlierDetection, fault);
    }

    /** This traffic with another load balancer. */
    public Traffic loadBalancer(LoadBalancer newLoadBalancer) {
        Require.nonNull(newLoadBalancer, "newLoadBalancer");
        return new Traffic(timeout, retries, newLoadBalancer, localityAware, connectionPool, outlierDetection, fault);
    }

    /** This traffic spread over every zone equally, ignoring locality. */
    public Traffic withoutLocality() {
        return new Traffic(timeout, retries, loadBalancer, false, connectionPool, outlierDetection, fault);
    }

    /** This traffic with other connection limits. */
    public Traffic connectionPool(ConnectionPool pool) {
        Require.nonNull(pool, "pool");
        return new Traffic(timeout, retries, loadBalancer, localityAware, pool, outlierDetection, fault);
    }

    /** This traffic with other outlier detection. */
    public Traffic outlierDetection(OutlierDetection detection) {
        Require.nonNull(detection, "detection");
        return new Traffic(timeout, retries, loadBalancer, localityAware, connectionPool, detection, fault);
    }

    /** This traffic with injected failures (refused for PRODUCTION unless {@link Fault#allowInProduction()}). */
    public Traffic fault(Fault newFault) {
        Require.nonNull(newFault, "newFault");
        return new Traffic(timeout, retries, loadBalancer, localityAware, connectionPool, outlierDetection, newFault);
    }

    /** What carries this feature out during synthesis; called by Keelson, not by users. */
    @Override
    public TierExtension extension() {
        return new TierExtension() {
            @Override
            public void validate(Platform platform, Tier tier, ModelPath path, Problems problems) {
                Traffic.this.validate(platform, tier, path, problems);
            }
        };
    }

    private void validate(Platform platform, Tier tier, ModelPath path, Problems problems) {
        Require.nonNull(platform, "platform");
        Require.nonNull(tier, "tier");
        Require.nonNull(path, "path");
        Require.nonNull(problems, "problems");
        TierValidator.traffic(this, platform, tier, path, problems);
    }
}

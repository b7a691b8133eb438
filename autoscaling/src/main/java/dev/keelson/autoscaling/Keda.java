package dev.keelson.autoscaling;

import dev.keelson.core.Require;
import dev.keelson.autoscaling.internal.Quantities;
import java.time.Duration;
import java.util.List;

/**
 * Event-driven and scheduled scaling with KEDA: a {@code keda.sh/v1alpha1 ScaledObject} replaces
 * the tier's HPA (KEDA creates and owns an HPA itself; Keelson never writes both).
 *
 * <pre>{@code
 * ScalingProfile.standard().keda(Keda.with(
 *     KedaTrigger.cron(ZoneId.of("Europe/Berlin"), "0 8 * * 1-5", "0 20 * * 1-5", 10),
 *     KedaTrigger.rabbitmq("orders", 10).authenticatedBy("rabbitmq-auth")))
 * }</pre>
 *
 * <p>The profile's replicas become {@code minReplicaCount}/{@code maxReplicaCount}, its cpu and
 * memory metrics become KEDA {@code cpu}/{@code memory} triggers (for the tier's own container)
 * and its behavior is passed to KEDA's HPA. Custom, object and external HPA metrics cannot be
 * carried over: express them as triggers (e.g. {@link KedaTrigger#prometheus}). Needs KEDA
 * installed in the cluster.
 *
 * @param triggers the scalers, in order, besides those made from the profile's cpu/memory metrics
 * @param pollingInterval how often KEDA checks its triggers. Default: 30 s (KEDA's)
 * @param cooldown how long after the last active trigger KEDA scales to {@code minReplicaCount} 0.
 *     Default: 300 s (KEDA's)
 */
public record Keda(List<KedaTrigger> triggers, Duration pollingInterval, Duration cooldown) {

    /**
     * Checks {@code triggers}, {@code pollingInterval} and {@code cooldown} at once, naming the argument and the call
     * when one is invalid. Copies the collections, so the value stays immutable.
     *
     * @param triggers the scalers, in order, besides those made from the profile's cpu/memory metrics
     * @param pollingInterval how often KEDA checks its triggers. Default: 30 s (KEDA's)
     * @param cooldown how long after the last active trigger KEDA scales to {@code minReplicaCount} 0.
     *     Default: 300 s (KEDA's)
     */
    public Keda {
        Require.noNulls(triggers, "triggers");
        Require.nonNull(pollingInterval, "pollingInterval");
        Require.nonNull(cooldown, "cooldown");
        triggers = List.copyOf(triggers);
        Quantities.wholeSeconds(pollingInterval, 1, 86400, "pollingInterval");
        Quantities.wholeSeconds(cooldown, 0, 86400, "cooldown");
    }

    /** KEDA with these triggers, KEDA's default polling (30 s) and cooldown (300 s). */
    public static Keda with(KedaTrigger... triggers) {
        Require.noNulls(triggers, "triggers");
        return new Keda(List.of(triggers), Duration.ofSeconds(30), Duration.ofSeconds(300));
    }

    /** This setup polling every {@code interval}. */
    public Keda pollingInterval(Duration interval) {
        Require.nonNull(interval, "interval");
        return new Keda(triggers, interval, cooldown);
    }

    /** This setup with another cooldown. */
    public Keda cooldown(Duration period) {
        Require.nonNull(period, "period");
        return new Keda(triggers, pollingInterval, period);
    }
}

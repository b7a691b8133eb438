package dev.keelson.mesh;

import dev.keelson.core.Percent;
import dev.keelson.core.Require;
import java.time.Duration;

/**
 * Ejects failing pods from the load-balancing pool for a while: the second half of circuit
 * breaking (DestinationRule {@code outlierDetection}); it also turns on locality failover.
 *
 * <pre>{@code
 * OutlierDetection.DEFAULT                 // 5 consecutive 5xx in 10 s -> out for 30 s, at most 50%
 * OutlierDetection.after(3).ejectFor(Duration.ofMinutes(1))
 * }</pre>
 *
 * @param consecutive5xxErrors errors in a row that eject a pod; default 5
 * @param interval how often pods are analysed; default 10 s
 * @param baseEjectionTime how long a pod is ejected the first time; default 30 s
 * @param maxEjectionPercent the most of the pool ever ejected; default 50
 */
public record OutlierDetection(int consecutive5xxErrors, Duration interval, Duration baseEjectionTime,
                               int maxEjectionPercent) {

    /** 5 consecutive 5xx errors, every 10 s, ejected 30 s, at most 50% of pods. */
    public static final OutlierDetection DEFAULT = new OutlierDetection(5, Duration.ofSeconds(10), Duration.ofSeconds(30), 50);

    /**
     * Checks {@code interval} and {@code baseEjectionTime} at once, naming the argument and the call when one is
     * invalid.
     *
     * @param consecutive5xxErrors errors in a row that eject a pod; default 5
     * @param interval how often pods are analysed; default 10 s
     * @param baseEjectionTime how long a pod is ejected the first time; default 30 s
     * @param maxEjectionPercent the most of the pool ever ejected; default 50
     */
    public OutlierDetection {
        Require.nonNull(interval, "interval");
        Require.nonNull(baseEjectionTime, "baseEjectionTime");
    }

    /** Ejection after {@code errors} consecutive 5xx errors, otherwise {@link #DEFAULT}. */
    public static OutlierDetection after(int errors) {
        return new OutlierDetection(errors, DEFAULT.interval(), DEFAULT.baseEjectionTime(), DEFAULT.maxEjectionPercent());
    }

    /** This detection with another base ejection time. */
    public OutlierDetection ejectFor(Duration time) {
        Require.nonNull(time, "time");
        return new OutlierDetection(consecutive5xxErrors, interval, time, maxEjectionPercent);
    }

    /** This detection with another ceiling on ejected pods. */
    public OutlierDetection maxEjectionPercent(int percent) {
        return new OutlierDetection(consecutive5xxErrors, interval, baseEjectionTime, percent);
    }

    /** This detection with another ceiling on ejected pods: a whole number, as Istio holds it (a fraction is refused at once). */
    public OutlierDetection maxEjectionPercent(Percent percent) {
        Require.nonNull(percent, "percent");
        return maxEjectionPercent(percent.intValueExact());
    }
}

package dev.keelson.autoscaling.internal;

import dev.keelson.core.KubernetesSyntax;
import dev.keelson.core.Percent;
import java.math.BigDecimal;
import java.time.Duration;

/** Kubernetes quantities: parsing (core's {@link KubernetesSyntax#quantity}), comparing and writing them. Internal. */
public final class Quantities {

    private Quantities() {
    }

    /** Whether {@code s} is a non-negative Kubernetes quantity such as {@code 250m} or {@code 1Gi}. */
    public static boolean valid(String s) {
        return KubernetesSyntax.quantity(s) != null;
    }

    /** The quantity's value (in cores for CPU, bytes for memory), or {@code null} if it is not one. */
    public static BigDecimal value(String s) {
        return KubernetesSyntax.quantity(s);
    }

    /** {@code s}, checked: a non-negative quantity, or an {@link IllegalArgumentException} naming {@code parameter}. */
    public static String require(String s, String parameter) {
        if (!valid(s)) {
            throw new IllegalArgumentException(parameter + " '" + s
                    + "' is not a Kubernetes quantity; use e.g. '250m' or '0.5' for CPU, '256Mi' or '1Gi' for memory, '100' for a count");
        }
        return s;
    }

    /**
     * {@code percent} as the whole number of at least 1 that Kubernetes holds for a utilization
     * target or a scaling step, or an {@link IllegalArgumentException} naming {@code parameter}.
     */
    public static int wholePercent(Percent percent, String parameter) {
        if (!percent.isWhole()) {
            throw new IllegalArgumentException(parameter + " must be a whole number, was " + percent.text());
        }
        if (!percent.isBetween(1, Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(parameter + " must be at least 1, was " + percent.text());
        }
        return percent.intValueExact();
    }

    /** A positive number as a quantity: {@code 100}, or {@code 500m} for 0.5; finer than a thousandth is refused. */
    public static String of(BigDecimal number, String parameter) {
        if (number.signum() <= 0) {
            throw new IllegalArgumentException(parameter + " must be positive, was " + number.toPlainString());
        }
        BigDecimal n = number.stripTrailingZeros();
        if (n.scale() <= 0) {
            return n.toBigIntegerExact().toString();
        }
        BigDecimal milli = n.movePointRight(3).stripTrailingZeros();
        if (milli.scale() > 0) {
            throw new IllegalArgumentException(parameter + " " + number.toPlainString()
                    + " is finer than a thousandth, which a Kubernetes quantity cannot hold; round it");
        }
        return milli.toBigIntegerExact() + "m";
    }

    /** A positive duration in seconds as a quantity: 500 ms is {@code 500m}. */
    public static String seconds(Duration duration, String parameter) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(parameter + " must be positive, was " + duration);
        }
        return of(BigDecimal.valueOf(duration.toNanos(), 9), parameter);
    }

    /** Whole seconds of {@code d} within {@code min..max}, or an {@link IllegalArgumentException} naming {@code parameter}. */
    public static int wholeSeconds(Duration d, int min, int max, String parameter) {
        if (d.toNanosPart() != 0 || d.getSeconds() < min || d.getSeconds() > max) {
            throw new IllegalArgumentException(parameter + " must be whole seconds from " + min + " to " + max + ", was " + d);
        }
        return (int) d.getSeconds();
    }
}

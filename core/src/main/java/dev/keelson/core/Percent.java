package dev.keelson.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A percentage, held exactly as a decimal: a canary's share of requests, a mirrored or faulted
 * share, a sampling rate, a utilization target or a scaling step.
 *
 * <pre>{@code
 * Percent.of(70)          // 70 %, e.g. a CPU utilization target
 * Percent.of(0.5)         // 0.5 %, e.g. a sampling rate
 * Percent.parse("12.5")   // 12.5 %
 * }</pre>
 *
 * <p>The value type alone rejects only what no use accepts (a {@code null}, a NaN or an infinite
 * {@code double}, text that is not a decimal number); each use checks its own range when the
 * platform is built, with its rule id: a canary's weight is 0 to 100, a sampling rate 0 to 100, a
 * mirrored share above 0 and at most 100, while a utilization target or a scaling step may exceed
 * 100 (150 % of the request is a legal CPU target).
 *
 * <p>Equal values are equal whatever their scale: {@code Percent.of(10)} equals
 * {@code Percent.parse("10.0")}, and both are written {@code 10}.
 *
 * @param value the percentage, e.g. {@code 70} for 70 %; held without trailing zeros
 */
public record Percent(BigDecimal value) implements Comparable<Percent> {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * Checks {@code value} at once and normalizes its scale, so equal values are equal records.
     *
     * @param value the percentage, e.g. {@code 70} for 70 %
     */
    public Percent {
        Require.nonNull(value, "value");
        BigDecimal stripped = value.stripTrailingZeros();
        value = stripped.scale() < 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY) : stripped;
    }

    /** {@code value} percent, a whole number; its range is checked where it is used. */
    public static Percent of(int value) {
        return new Percent(BigDecimal.valueOf(value));
    }

    /**
     * {@code value} percent, exactly as written in Java ({@code 0.1} is 0.1 %, not the nearest
     * binary fraction); a NaN or an infinite value is refused at once.
     */
    public static Percent of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Percent.of(): a percentage must be a finite number, was " + value);
        }
        return new Percent(BigDecimal.valueOf(value));
    }

    /** {@code value} percent. */
    public static Percent of(BigDecimal value) {
        Require.nonNull(value, "value");
        return new Percent(value);
    }

    /** The percentage written as a decimal number, e.g. {@code "12.5"}; a trailing {@code %} is allowed. */
    public static Percent parse(String text) {
        Require.nonNull(text, "text");
        String number = text.strip();
        if (number.endsWith("%")) {
            number = number.substring(0, number.length() - 1).strip();
        }
        try {
            return new Percent(new BigDecimal(number));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Percent.parse(): '" + text + "' is not a percentage such as \"12.5\" or \"70%\"", e);
        }
    }

    /** Whether this is a whole number of percent, e.g. 70 but not 0.5. */
    public boolean isWhole() {
        return value.scale() <= 0;
    }

    /**
     * The whole number of percent, for a field that holds only whole numbers (an Istio route weight);
     * an {@link IllegalArgumentException} if this has a fraction or is beyond an {@code int}.
     */
    public int intValueExact() {
        if (!isWhole() || !isBetween(Integer.MIN_VALUE, Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("a whole number of percent is needed here, was " + this);
        }
        return value.intValueExact();
    }

    /** The percentage as a {@code double}, e.g. for a model field typed {@code Double}. */
    public double doubleValue() {
        return value.doubleValue();
    }

    /** The share as a fraction of one, e.g. {@code 0.1} for 10 %. */
    public BigDecimal fraction() {
        return value.divide(HUNDRED);
    }

    /** Whether this is from {@code min} to {@code max}, both included. */
    public boolean isBetween(int min, int max) {
        return value.compareTo(BigDecimal.valueOf(min)) >= 0 && value.compareTo(BigDecimal.valueOf(max)) <= 0;
    }

    /** The number as written in YAML or a message, without exponent or trailing zeros: {@code 10}, {@code 0.5}. */
    public String text() {
        return value.toPlainString();
    }

    @Override
    public int compareTo(Percent other) {
        Require.nonNull(other, "other");
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return text() + "%";
    }
}

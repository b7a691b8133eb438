package dev.keelson.core.testkit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of sample values from a {@link Random}, for {@link Seeded} property tests.
 *
 * <p>The number generators mix in their edge cases (the bounds, their neighbours, and -2..2 where in
 * range) on about one sample in {@value #EDGE_ONE_IN}, and the list and string generators their
 * shortest and longest sizes, so that boundaries are tried on every run rather than by luck.
 *
 * <pre>{@code
 * Gen<String> names = Gen.oneOf(Gen.of("api", "web"), Gen.strings("az09-", 12));
 * Gen<List<Integer>> ports = Gen.ints(1, 65535).list(0, 3);
 * }</pre>
 *
 * @param <T> the type of the samples
 */
@FunctionalInterface
public interface Gen<T> {

    /** One sample in this many is an edge case of a number generator, or a shortest or longest list or string. */
    int EDGE_ONE_IN = 10;

    /**
     * One sample.
     *
     * @param random the source of randomness; everything random about the sample comes from it
     * @return the sample
     */
    T next(Random random);

    /** A generator of this generator's samples transformed by {@code f}. */
    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return r -> f.apply(next(r));
    }

    /** Samples of this generator that satisfy {@code keep}; fails after 10,000 rejections in a row. */
    default Gen<T> filter(Predicate<? super T> keep) {
        return r -> {
            for (int i = 0; i < 10_000; i++) {
                T t = next(r);
                if (keep.test(t)) {
                    return t;
                }
            }
            throw new IllegalStateException("filter rejected 10000 samples in a row");
        };
    }

    /** {@code null} with probability {@code p}, else a sample of this generator. */
    default Gen<T> injectNull(double p) {
        return r -> r.nextDouble() < p ? null : next(r);
    }

    /** Lists of {@code min} to {@code max} samples; the shortest and the longest are edge cases. */
    default Gen<List<T>> list(int min, int max) {
        Gen<Integer> size = sizes(min, max);
        return r -> {
            int n = size.next(r);
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(next(r));
            }
            return out;
        };
    }

    /**
     * Lists of {@code min} to {@code max} samples whose {@code key}s differ; duplicates are drawn
     * again, and the list stops short (never below {@code min}) when no new key turns up.
     */
    default Gen<List<T>> uniqueList(int min, int max, Function<? super T, ?> key) {
        Gen<Integer> size = sizes(min, max);
        return r -> {
            int n = size.next(r);
            List<T> out = new ArrayList<>(n);
            Set<Object> keys = new HashSet<>();
            for (int attempts = 0; out.size() < n && attempts < 100 * (n + 1); attempts++) {
                T t = next(r);
                if (keys.add(key.apply(t))) {
                    out.add(t);
                }
            }
            if (out.size() < min) {
                throw new IllegalStateException("found only " + out.size() + " distinct values, " + min + " required");
            }
            return out;
        };
    }

    /** Like {@link #uniqueList}, as an insertion-ordered set. */
    default Gen<Set<T>> set(int min, int max) {
        return uniqueList(min, max, Function.identity()).map(LinkedHashSet::new);
    }

    /** Maps of {@code min} to {@code max} entries, in the order drawn, with distinct keys. */
    static <K, V> Gen<Map<K, V>> maps(Gen<K> keys, Gen<V> values, int min, int max) {
        Gen<Map.Entry<K, V>> entry = r -> new java.util.AbstractMap.SimpleEntry<>(keys.next(r), values.next(r));
        return entry.uniqueList(min, max, Map.Entry::getKey).map(list -> {
            Map<K, V> m = new LinkedHashMap<>();
            list.forEach(e -> m.put(e.getKey(), e.getValue()));
            return m;
        });
    }

    /** Always {@code value}. */
    static <T> Gen<T> constant(T value) {
        return r -> value;
    }

    /** One of {@code values}, equally likely. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(Arrays.asList(values));
    }

    /** One of {@code values}, equally likely. */
    static <T> Gen<T> of(List<? extends T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("Gen.of needs at least one value");
        }
        List<T> copy = new ArrayList<>(values);
        return r -> copy.get(r.nextInt(copy.size()));
    }

    /** One of the constants of {@code type}. */
    static <E extends Enum<E>> Gen<E> of(Class<E> type) {
        return of(type.getEnumConstants());
    }

    /** A sample of one of {@code gens}, each equally likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return oneOf(Arrays.asList(gens));
    }

    /** A sample of one of {@code gens}, each equally likely. */
    static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
        List<Gen<? extends T>> copy = new ArrayList<>(gens);
        return r -> copy.get(r.nextInt(copy.size())).next(r);
    }

    /** A weighted choice: {@code weight(2, a), weight(1, b)} draws from {@code a} twice as often as from {@code b}. */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> live = Arrays.stream(choices).filter(w -> w.weight() > 0).toList();
        int total = live.stream().mapToInt(Weighted::weight).sum();
        if (total == 0) {
            throw new IllegalArgumentException("Gen.frequency needs a positive weight");
        }
        return r -> {
            int pick = r.nextInt(total);
            for (Weighted<? extends T> w : live) {
                pick -= w.weight();
                if (pick < 0) {
                    return w.gen().next(r);
                }
            }
            throw new AssertionError("unreachable");
        };
    }

    /** A choice for {@link #frequency}. */
    static <T> Weighted<T> weight(int weight, Gen<T> gen) {
        return new Weighted<>(weight, gen);
    }

    /**
     * A generator with a weight, for {@link #frequency}.
     *
     * @param weight how often, relative to the others; 0 never
     * @param gen the generator
     * @param <T> the type of the samples
     */
    record Weighted<T>(int weight, Gen<T> gen) {
        public Weighted {
            if (weight < 0) {
                throw new IllegalArgumentException("weight must be >= 0, was " + weight);
            }
            Objects.requireNonNull(gen, "gen");
        }
    }

    /** {@code true} or {@code false}. */
    static Gen<Boolean> booleans() {
        return Random::nextBoolean;
    }

    /** Integers from {@code min} to {@code max}, both included, uniformly, with edge cases mixed in. */
    static Gen<Integer> ints(int min, int max) {
        return longs(min, max).map(Long::intValue);
    }

    /** Any int: mostly small ones, also anywhere in the range, with edge cases mixed in. */
    static Gen<Integer> ints() {
        Gen<Integer> small = ints(-10_000, 10_000);
        return r -> r.nextBoolean() ? small.next(r) : r.nextInt();
    }

    /** Longs from {@code min} to {@code max}, both included, uniformly, with edge cases mixed in. */
    static Gen<Long> longs(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        List<Long> edges = new ArrayList<>(List.of(min, max));
        if (min < max) {
            edges.add(min + 1);
            edges.add(max - 1);
        }
        for (long v = -2; v <= 2; v++) {
            if (v >= min && v <= max) {
                edges.add(v);
            }
        }
        Gen<Long> edge = of(List.copyOf(new LinkedHashSet<>(edges)));
        return r -> {
            if (r.nextInt(EDGE_ONE_IN) == 0) {
                return edge.next(r);
            }
            long span = max - min + 1;
            if (span <= 0) {
                // the range covers more than half of all longs: draw until inside
                while (true) {
                    long v = r.nextLong();
                    if (v >= min && v <= max) {
                        return v;
                    }
                }
            }
            return min + Math.floorMod(r.nextLong(), span);
        };
    }

    /** Any long: mostly small ones, also anywhere in the range, with edge cases mixed in. */
    static Gen<Long> longs() {
        Gen<Long> all = longs(Long.MIN_VALUE, Long.MAX_VALUE);
        Gen<Long> small = longs(-10_000, 10_000);
        return r -> r.nextBoolean() ? small.next(r) : all.next(r);
    }

    /**
     * Doubles from {@code min} to {@code max} with {@code scale} decimal places, uniformly, with edge
     * cases mixed in (the bounds, 0, 1, -1 and one unit of the last place either side of 0, where in range).
     */
    static Gen<Double> doubles(double min, double max, int scale) {
        BigDecimal lo = BigDecimal.valueOf(min).setScale(scale, java.math.RoundingMode.CEILING);
        BigDecimal hi = BigDecimal.valueOf(max).setScale(scale, java.math.RoundingMode.FLOOR);
        BigInteger units = hi.subtract(lo).unscaledValue().add(BigInteger.ONE);
        BigDecimal ulp = BigDecimal.ONE.movePointLeft(scale);
        List<Double> edges = new ArrayList<>(List.of(lo.doubleValue(), hi.doubleValue()));
        for (BigDecimal v : List.of(BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE.negate(), ulp, ulp.negate())) {
            if (v.compareTo(lo) >= 0 && v.compareTo(hi) <= 0) {
                edges.add(v.doubleValue());
            }
        }
        Gen<Double> edge = of(List.copyOf(new LinkedHashSet<>(edges)));
        return r -> {
            if (r.nextInt(EDGE_ONE_IN) == 0) {
                return edge.next(r);
            }
            BigInteger u = new BigInteger(units.bitLength() + 8, r).mod(units);
            return lo.add(new BigDecimal(u, scale)).doubleValue();
        };
    }

    /**
     * Any finite double: small decimals, any bit pattern (huge, tiny and subnormal values), and the
     * edge cases 0, -0, 1, -1, 0.01, -0.01, {@code Double.MAX_VALUE}, {@code -Double.MAX_VALUE} and
     * {@code Double.MIN_VALUE}.
     */
    static Gen<Double> doubles() {
        Gen<Double> decimals = doubles(-1e6, 1e6, 2);
        Gen<Double> bits = r -> Double.longBitsToDouble(r.nextLong());
        Gen<Double> edge = of(0.0, -0.0, 1.0, -1.0, 0.01, -0.01, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE);
        return frequency(weight(5, decimals), weight(4, bits.filter(Double::isFinite)), weight(1, edge));
    }

    /** BigIntegers from {@code min} to {@code max}, both included, of every magnitude, with edge cases mixed in. */
    static Gen<BigInteger> bigIntegers(BigInteger min, BigInteger max) {
        List<BigInteger> edges = new ArrayList<>(List.of(min, max, min.add(BigInteger.ONE), max.subtract(BigInteger.ONE)));
        for (long v = -2; v <= 2; v++) {
            edges.add(BigInteger.valueOf(v));
        }
        Gen<BigInteger> edge = of(edges.stream().filter(v -> v.compareTo(min) >= 0 && v.compareTo(max) <= 0).distinct().toList());
        int bits = Math.max(min.abs().bitLength(), max.abs().bitLength());
        return r -> {
            if (r.nextInt(EDGE_ONE_IN) == 0) {
                return edge.next(r);
            }
            while (true) {
                BigInteger v = new BigInteger(r.nextInt(bits + 1), r);
                v = r.nextBoolean() ? v.negate() : v;
                if (v.compareTo(min) >= 0 && v.compareTo(max) <= 0) {
                    return v;
                }
            }
        };
    }

    /** Strings of 0 to {@code maxLength} characters taken from {@code chars}; "" and one-character strings are edge cases. */
    static Gen<String> strings(String chars, int maxLength) {
        int[] codePoints = chars.codePoints().distinct().toArray();
        return strings(r -> codePoints[r.nextInt(codePoints.length)], maxLength);
    }

    /** Strings of 0 to {@code maxLength} characters from {@code first} to {@code last}; "" and one-character strings are edge cases. */
    static Gen<String> strings(char first, char last, int maxLength) {
        return strings(r -> first + r.nextInt(last - first + 1), maxLength);
    }

    /**
     * Strings of 0 to {@code maxLength} of any character of the Basic Multilingual Plane but
     * surrogates, private-use characters and noncharacters; "" and one-character strings are edge cases.
     */
    static Gen<String> strings(int maxLength) {
        return strings(r -> {
            while (true) {
                int c = r.nextInt(0x10000);
                int type = Character.getType(c);
                boolean nonCharacter = (c >= 0xfdd0 && c <= 0xfdef) || c >= 0xfffe;
                if (type != Character.SURROGATE && type != Character.PRIVATE_USE && !nonCharacter) {
                    return c;
                }
            }
        }, maxLength);
    }

    private static Gen<String> strings(Gen<Integer> codePoint, int maxLength) {
        Gen<Integer> length = sizes(0, maxLength);
        return r -> {
            int n = length.next(r);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < n; i++) {
                s.appendCodePoint(codePoint.next(r));
            }
            return s.toString();
        };
    }

    /** Sizes from {@code min} to {@code max}, uniformly; the shortest, {@code min + 1} and the longest as edge cases. */
    private static Gen<Integer> sizes(int min, int max) {
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("sizes need 0 <= min <= max, were " + min + ", " + max);
        }
        Gen<Integer> edge = of(List.copyOf(new LinkedHashSet<>(List.of(min, Math.min(min + 1, max), max))));
        return r -> r.nextInt(EDGE_ONE_IN) == 0 ? edge.next(r) : min + r.nextInt(max - min + 1);
    }
}

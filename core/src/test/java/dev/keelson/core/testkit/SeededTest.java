package dev.keelson.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The seeded property runner reports what a failure needs to be reproduced, and reproduces it. */
class SeededTest {

    @Test
    @DisplayName("a failing property names its base seed, the try, the sample and the command that reproduces it")
    void failureNamesSeed() {
        AssertionError e = catchThrowableOfType(AssertionError.class,
                () -> Seeded.forAll(42L, 100, Gen.ints(0, 9), n -> assertThat(n).isNotEqualTo(7)));
        assertThat(e).as("a property that fails on 7 fails within 100 tries of 0..9").isNotNull();
        assertThat(e.getMessage())
                .startsWith("property failed on try ")
                .contains(" of 100 with keelson.seed=42")
                .contains("sample: 7")
                .contains("-Dtest='SeededTest#failureNamesSeed'")
                .contains("-Dsurefire.failIfNoSpecifiedTests=false")
                .endsWith("-Dkeelson.seed=42");
        assertThat(e.getMessage()).contains("-pl core -am ");
        assertThat(e.getCause()).isInstanceOf(AssertionError.class).hasMessageContaining("7");
    }

    @Test
    @DisplayName("any exception fails the property, with the exception as the cause")
    void exceptionsFail() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> Seeded.forAll(7L, 3, Gen.constant("x"), s -> {
            throw boom;
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("try 1 of 3 with keelson.seed=7")
                .hasMessageContaining("failure: java.lang.IllegalStateException: boom")
                .hasCause(boom);
    }

    @Test
    @DisplayName("a generator that throws fails the property too, naming the seed")
    void generatorFailures() {
        Gen<Integer> broken = r -> {
            throw new IllegalStateException("no sample");
        };
        assertThatThrownBy(() -> Seeded.forAll(11L, 5, broken, n -> { }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("try 1 of 5 with keelson.seed=11")
                .hasMessageContaining("sample: none, the generator failed")
                .hasRootCauseMessage("no sample");
    }

    @Test
    @DisplayName("rerunning with the reported seed fails on the same try with the same sample")
    void seedReproduces() {
        for (long base : new long[] {1L, 99L, -5L, Seeded.DEFAULT_SEED}) {
            Seeded.Property<Integer> evenOnly = n -> assertThat(n % 2).isZero();
            AssertionError first = catchThrowableOfType(AssertionError.class, () -> Seeded.forAll(base, 50, Gen.ints(0, 1000), evenOnly));
            AssertionError again = catchThrowableOfType(AssertionError.class, () -> Seeded.forAll(base, 50, Gen.ints(0, 1000), evenOnly));
            assertThat(first).isNotNull();
            assertThat(again.getMessage()).isEqualTo(first.getMessage());
        }
    }

    @Test
    @DisplayName("a passing property runs exactly its number of tries, each with a sample of its own")
    void runsEveryTry() {
        AtomicInteger runs = new AtomicInteger();
        List<Long> samples = new ArrayList<>();
        Seeded.forAll(3L, 250, Gen.longs(), n -> {
            runs.incrementAndGet();
            samples.add(n);
        });
        assertThat(runs).hasValue(250);
        assertThat(new HashSet<>(samples)).hasSizeGreaterThan(200);
    }

    @Test
    @DisplayName("the base seed is -Dkeelson.seed when set, the fixed default otherwise; a malformed one is refused")
    void baseSeedFromSystemProperty() {
        String before = System.getProperty(Seeded.SEED_PROPERTY);
        try {
            System.clearProperty(Seeded.SEED_PROPERTY);
            assertThat(Seeded.baseSeed()).isEqualTo(Seeded.DEFAULT_SEED);
            System.setProperty(Seeded.SEED_PROPERTY, "-123");
            assertThat(Seeded.baseSeed()).isEqualTo(-123L);
            AssertionError e = catchThrowableOfType(AssertionError.class,
                    () -> Seeded.forAll(1, Gen.constant(0), n -> assertThat(n).isOne()));
            assertThat(e).hasMessageContaining("with keelson.seed=-123").hasMessageEndingWith("-Dkeelson.seed=-123");
            System.setProperty(Seeded.SEED_PROPERTY, "abc");
            assertThatThrownBy(Seeded::baseSeed).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("-Dkeelson.seed must be a long, was 'abc'");
        } finally {
            if (before == null) {
                System.clearProperty(Seeded.SEED_PROPERTY);
            } else {
                System.setProperty(Seeded.SEED_PROPERTY, before);
            }
        }
    }

    @Test
    @DisplayName("different base seeds give different samples; tries of one run differ from each other")
    void seedsDiffer() {
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        Seeded.forAll(1L, 20, Gen.ints(), a::add);
        Seeded.forAll(2L, 20, Gen.ints(), b::add);
        assertThat(a).isNotEqualTo(b);
        assertThat(Seeded.seedOf(1L, 0)).isNotEqualTo(Seeded.seedOf(1L, 1)).isNotEqualTo(Seeded.seedOf(2L, 0));
    }

    @Test
    @DisplayName("a property drawing its own values names the seed of the failing try's Random")
    void checkNamesTrySeed() {
        AssertionError e = catchThrowableOfType(AssertionError.class,
                () -> Seeded.forAll(5L, 10, r -> r, r -> assertThat(r.nextInt(10)).isNegative()));
        assertThat(e.getMessage()).contains("sample: drawn by the property from new Random(" + Seeded.seedOf(5L, 0) + ")");
    }

    @Test
    @DisplayName("number generators stay in range and hit their edge cases; sized ones hit their shortest and longest")
    void edgeCases() {
        Set<Integer> ints = new HashSet<>();
        Set<Double> doubles = new HashSet<>();
        Set<Integer> sizes = new HashSet<>();
        Set<String> strings = new HashSet<>();
        Seeded.forAll(0L, 300, r -> {
            ints.add(Gen.ints(-20, 120).next(r));
            doubles.add(Gen.doubles(-10, 110, 2).next(r));
            sizes.add(Gen.ints(0, 4).list(0, 30).next(r).size());
            strings.add(Gen.strings("ab", 8).next(r));
            return null;
        }, x -> { });
        assertThat(ints).allMatch(i -> i >= -20 && i <= 120).contains(-20, 120, 0, -1, 1);
        assertThat(doubles).allMatch(d -> d >= -10 && d <= 110 && java.math.BigDecimal.valueOf(d).scale() <= 2).contains(-10.0, 110.0, 0.0);
        assertThat(sizes).contains(0, 30);
        assertThat(strings).contains("").allMatch(s -> s.matches("[ab]{0,8}")).anyMatch(s -> s.length() == 8);
    }

    @Test
    @DisplayName("the default string generator leaves out lone surrogates, private-use characters and noncharacters")
    void anyStrings() {
        StringBuilder all = new StringBuilder();
        Seeded.forAll(0L, 2000, Gen.strings(12), all::append);
        assertThat(all.chars()).noneMatch(c -> Character.isSurrogate((char) (int) c) || Character.getType(c) == Character.PRIVATE_USE
                || (c >= 0xfdd0 && c <= 0xfdef) || c >= 0xfffe);
        assertThat(all.chars().filter(c -> c > 0x3000).count()).as("characters across the plane").isGreaterThan(1000);
    }
}

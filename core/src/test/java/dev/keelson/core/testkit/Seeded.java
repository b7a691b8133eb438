package dev.keelson.core.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Runs a property over generated samples with plain JUnit 5, reproducibly.
 *
 * <p>Try {@code i} draws its sample from {@code new Random(seedOf(base, i))}. The base seed is the
 * system property {@value #SEED_PROPERTY} when set, else {@value #DEFAULT_SEED}, so every run on CI
 * sees the same samples. Surefire passes a {@code -D} user property of the Maven command line on to
 * the forked test JVM, so another seed is one flag away:
 *
 * <pre>{@code
 * mvn -B test -pl mesh -am -Dtest='MeshPropertiesTest#validOrClearError' -Dsurefire.failIfNoSpecifiedTests=false -Dkeelson.seed=42
 *
 * Seeded.forAll(200, Gen.ints(-2, 30), n -> assertThat(Math.abs(n)).isBetween(0, 30));
 * }</pre>
 *
 * <p>A failing try throws an {@link AssertionError} naming the base seed, the try, the sample and
 * that command for the test at hand, with the property's own failure as its cause.
 */
public final class Seeded {

    /** The system property that sets the base seed. */
    public static final String SEED_PROPERTY = "keelson.seed";

    /** The base seed when {@value #SEED_PROPERTY} is not set. */
    public static final long DEFAULT_SEED = 20_241_207L;

    private Seeded() {
    }

    /**
     * A property of one sample; may throw anything, which fails the run.
     *
     * @param <T> the type of the sample
     */
    @FunctionalInterface
    public interface Property<T> {
        /**
         * Checks the property of one sample.
         *
         * @param sample the sample
         * @throws Exception any failure
         */
        void check(T sample) throws Exception;
    }

    /** The base seed: {@value #SEED_PROPERTY} if set, else {@value #DEFAULT_SEED}. */
    public static long baseSeed() {
        String value = System.getProperty(SEED_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_SEED;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + SEED_PROPERTY + " must be a long, was '" + value + "'", e);
        }
    }

    /** The seed of try {@code index} of a run with base seed {@code base} (SplitMix64 of the pair). */
    public static long seedOf(long base, int index) {
        long z = base + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Checks {@code property} on {@code tries} samples of {@code gen}, from the {@link #baseSeed()}.
     *
     * @throws AssertionError for the first failing try, naming the seed, the try, the sample and how to reproduce it
     */
    public static <T> void forAll(int tries, Gen<T> gen, Property<? super T> property) {
        forAll(baseSeed(), tries, gen, property);
    }

    /** Checks {@code property} on {@code tries} fresh {@link Random}s, for a property that draws its own values. */
    public static void check(int tries, Property<Random> property) {
        forAll(tries, r -> r, property);
    }

    /** As {@link #forAll(int, Gen, Property)} from the base seed {@code base}. */
    static <T> void forAll(long base, int tries, Gen<T> gen, Property<? super T> property) {
        Objects.requireNonNull(gen, "gen");
        Objects.requireNonNull(property, "property");
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be >= 1, was " + tries);
        }
        String test = caller();
        for (int i = 0; i < tries; i++) {
            T sample = null;
            boolean generated = false;
            try {
                sample = gen.next(new Random(seedOf(base, i)));
                generated = true;
                property.check(sample);
            } catch (Throwable failure) {
                if (failure instanceof VirtualMachineError vm) {
                    throw vm;
                }
                String shown = !generated ? "none, the generator failed"
                        : sample instanceof Random ? "drawn by the property from new Random(" + seedOf(base, i) + ")"
                        : abbreviate(String.valueOf(sample));
                throw new AssertionError(String.format(
                        "property failed on try %d of %d with %s=%d%n  sample: %s%n  failure: %s%n"
                                + "  reproduce: mvn -B test %s-Dtest='%s' -Dsurefire.failIfNoSpecifiedTests=false -D%s=%d",
                        i + 1, tries, SEED_PROPERTY, base, shown, failure,
                        module().map(m -> "-pl " + m + " -am ").orElse(""), test, SEED_PROPERTY, base), failure);
            }
        }
    }

    /**
     * The test method that called in, as surefire's {@code -Dtest} spells it ({@code SimpleClassName#method}):
     * the nearest caller annotated with one of JUnit Jupiter's test annotations, else the nearest caller.
     */
    private static String caller() {
        List<StackWalker.StackFrame> callers = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.filter(f -> f.getDeclaringClass() != Seeded.class).toList());
        return callers.stream().filter(Seeded::isTestMethod).findFirst()
                .or(() -> callers.stream().findFirst())
                .map(f -> {
                    String outer = f.getClassName().replaceFirst("\\$.*", "");
                    return outer.substring(outer.lastIndexOf('.') + 1) + "#" + f.getMethodName();
                })
                .orElse("?");
    }

    private static boolean isTestMethod(StackWalker.StackFrame frame) {
        return Arrays.stream(frame.getDeclaringClass().getDeclaredMethods())
                .filter(m -> m.getName().equals(frame.getMethodName()))
                .flatMap(m -> Arrays.stream(m.getAnnotations()))
                .map(a -> a.annotationType().getName())
                .anyMatch(n -> n.startsWith("org.junit.jupiter.api.") && n.endsWith("Test")
                        || n.startsWith("org.junit.jupiter.params."));
    }

    /** The Maven module under test: surefire runs the tests in the module's folder. */
    private static Optional<String> module() {
        Path dir = Path.of("").toAbsolutePath();
        if (Files.isRegularFile(dir.resolve("pom.xml")) && dir.getFileName() != null) {
            return Optional.of(dir.getFileName().toString());
        }
        return Optional.empty();
    }

    private static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "... (" + s.length() + " characters)";
    }
}

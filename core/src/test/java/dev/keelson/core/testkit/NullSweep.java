package dev.keelson.core.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Calls every public constructor and method of a module's API with {@code null} in each argument
 * that is not {@link Nullable} (and with a null element in each varargs or array argument), and
 * checks that each call fails at once with a {@link NullPointerException} that names the call and the
 * parameter, as {@link dev.keelson.core.Require} words it: {@code Tier.Builder.image(): argument 'image' is null}.
 *
 * <p>Like Guava's {@code NullPointerTester}, but it also checks the message, and it never skips: a
 * parameter type or a receiver without a sample is itself reported, so a new public method cannot
 * escape the sweep.
 *
 * <pre>{@code
 * NullSweep.of("dev.keelson.mesh")                       // the module's API packages (internal excluded)
 *         .sample(Canary.class, () -> Canary.of("ghcr.io/acme/api:2", 10))
 *         .run();                                         // fails listing every offending call
 * }</pre>
 *
 * <p>Parameter names come from the class files (the build compiles with {@code -parameters}).
 */
public final class NullSweep {

    private final List<String> packages;
    private final Map<Class<?>, Supplier<?>> samples = new LinkedHashMap<>();
    private final Set<String> skipped = new TreeSet<>();

    private NullSweep(List<String> packages) {
        this.packages = packages;
        sample(String.class, () -> "x");
        sample(CharSequence.class, () -> "x");
        sample(Object.class, () -> "x");
        sample(Integer.class, () -> 1);
        sample(Long.class, () -> 1L);
        sample(Double.class, () -> 1.0);
        sample(Boolean.class, () -> true);
        sample(Duration.class, () -> Duration.ofSeconds(1));
        sample(Path.class, () -> Path.of("target", "null-sweep"));
        sample(List.class, List::of);
        sample(Collection.class, List::of);
        sample(Iterable.class, List::of);
        sample(Set.class, Set::of);
        sample(SortedSet.class, TreeSet::new);
        sample(Map.class, Map::of);
        sample(SortedMap.class, TreeMap::new);
        sample(Optional.class, Optional::empty);
    }

    /** A sweep over the public classes of {@code packages} (and their sub-packages other than {@code internal}). */
    public static NullSweep of(String... packages) {
        return new NullSweep(List.of(packages));
    }

    /** How to make a valid value of {@code type}: for parameters and for receivers of instance methods. */
    public <T> NullSweep sample(Class<T> type, Supplier<? extends T> supplier) {
        samples.put(type, supplier);
        return this;
    }

    /**
     * Leaves {@code Owner.method} out of the sweep (all its overloads), with the reason in the test
     * source: for methods whose contract is to accept anything (there are few).
     */
    public NullSweep skip(Class<?> owner, String method) {
        skipped.add(owner.getName() + "#" + method);
        return this;
    }

    /** Runs the sweep; fails with every offending call and every missing sample. */
    public void run() {
        List<String> failures = new ArrayList<>();
        Set<String> missing = new TreeSet<>();
        int calls = 0;
        for (Class<?> type : publicClasses()) {
            for (Executable e : executables(type)) {
                if (skipped.contains(type.getName() + "#" + e.getName())) {
                    continue;
                }
                Parameter[] params = e.getParameters();
                for (int i = 0; i < params.length; i++) {
                    if (params[i].getType().isPrimitive() || isNullable(params[i].getAnnotatedType())) {
                        continue;
                    }
                    calls++;
                    check(type, e, i, false, failures, missing);
                    if (params[i].getType().isArray() && !params[i].getType().getComponentType().isPrimitive()
                            && !isNullableComponent(params[i].getAnnotatedType())) {
                        calls++;
                        check(type, e, i, true, failures, missing);
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            failures.add(0, "no sample for " + missing + ": add .sample(Type.class, () -> ...) to the sweep");
        }
        if (calls == 0) {
            failures.add("no public method with a reference parameter found in " + packages + ": is the package right?");
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " problem(s) in the null-argument sweep of " + packages + " ("
                    + calls + " calls):\n  " + String.join("\n  ", failures));
        }
    }

    private void check(Class<?> type, Executable e, int slot, boolean element, List<String> failures, Set<String> missing) {
        Parameter[] params = e.getParameters();
        Object[] args = new Object[params.length];
        for (int j = 0; j < params.length; j++) {
            if (j == slot) {
                if (element) {
                    Object array = Array.newInstance(params[j].getType().getComponentType(), 1);
                    args[j] = array; // one null element
                } else {
                    args[j] = null;
                }
                continue;
            }
            Optional<Object> value = valueOf(params[j].getType(), missing);
            if (value.isEmpty()) {
                return;
            }
            args[j] = value.get();
        }
        Object receiver = null;
        if (e instanceof Method m && !Modifier.isStatic(m.getModifiers())) {
            Optional<Object> r = valueOf(type, missing);
            if (r.isEmpty()) {
                return;
            }
            receiver = r.get();
        }
        String call = describe(type, e) + " with " + (element ? "a null element in" : "null for") + " '" + params[slot].getName() + "'";
        Throwable thrown;
        try {
            if (e instanceof Method m) {
                m.invoke(receiver, args);
            } else {
                ((Constructor<?>) e).newInstance(args);
            }
            failures.add(call + ": returned normally (mark the parameter @Nullable if null is meant, else Require.nonNull)");
            return;
        } catch (InvocationTargetException ex) {
            thrown = ex.getCause();
        } catch (ReflectiveOperationException | IllegalArgumentException ex) {
            failures.add(call + ": could not be called: " + ex);
            return;
        }
        String name = e instanceof Constructor<?> ? "new " + simpleName(type) + "()" : "." + e.getName() + "()";
        String expected = "argument '" + params[slot].getName() + "'";
        if (!(thrown instanceof NullPointerException) || thrown.getMessage() == null
                || !thrown.getMessage().contains(name) || !thrown.getMessage().contains(expected)) {
            failures.add(call + ": threw " + thrown + " (want a NullPointerException naming " + name + " and " + expected + ")");
        }
    }

    private Optional<Object> valueOf(Class<?> type, Set<String> missing) {
        Supplier<?> s = samples.get(type);
        if (s != null) {
            return Optional.of(s.get());
        }
        if (type.isEnum()) {
            return Optional.of(type.getEnumConstants()[0]);
        }
        if (type.isArray()) {
            return Optional.of(Array.newInstance(type.getComponentType(), 0));
        }
        if (type.isPrimitive()) {
            return Optional.of(primitive(type));
        }
        if (type.isInterface() && isFunctional(type)) {
            return Optional.of(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                    return switch (method.getName()) {
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "sample " + type.getSimpleName();
                    };
                }
                if (method.isDefault()) {
                    return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                }
                Class<?> r = method.getReturnType();
                if (r == void.class) {
                    return null;
                }
                if (args != null && args.length > 0 && args[0] != null && r.isInstance(args[0])) {
                    return args[0];
                }
                return r.isPrimitive() ? primitive(r) : valueOf(r, missing).orElse(null);
            }));
        }
        missing.add(type.getName());
        return Optional.empty();
    }

    private static boolean isFunctional(Class<?> type) {
        return Arrays.stream(type.getMethods()).filter(m -> Modifier.isAbstract(m.getModifiers())).count() == 1;
    }

    private static Object primitive(Class<?> type) {
        if (type == boolean.class) {
            return true;
        }
        if (type == char.class) {
            return 'x';
        }
        if (type == long.class) {
            return 1L;
        }
        if (type == double.class) {
            return 1.0;
        }
        if (type == float.class) {
            return 1.0f;
        }
        if (type == byte.class) {
            return (byte) 1;
        }
        if (type == short.class) {
            return (short) 1;
        }
        return 1;
    }

    private static boolean isNullable(AnnotatedType type) {
        return type.isAnnotationPresent(Nullable.class);
    }

    private static boolean isNullableComponent(AnnotatedType type) {
        return type instanceof AnnotatedArrayType a && a.getAnnotatedGenericComponentType().isAnnotationPresent(Nullable.class);
    }

    private List<Executable> executables(Class<?> type) {
        List<Executable> out = new ArrayList<>();
        if (!Modifier.isAbstract(type.getModifiers())) {
            out.addAll(Arrays.asList(type.getConstructors()));
        }
        for (Method m : type.getMethods()) {
            if (m.getDeclaringClass() != type || m.isSynthetic() || m.isBridge()) {
                continue;
            }
            if (Modifier.isAbstract(m.getModifiers())) {
                continue; // an SPI method: the implementations are swept where they live
            }
            if (m.getName().equals("equals") && m.getParameterCount() == 1) {
                continue; // equals(null) is false by contract
            }
            if (type.isEnum() && m.getName().equals("valueOf") && Modifier.isStatic(m.getModifiers())) {
                continue; // the JDK's Enum.valueOf
            }
            if (!Modifier.isStatic(m.getModifiers()) && type.isInterface() && !m.isDefault()) {
                continue;
            }
            out.add(m);
        }
        out.sort(Comparator.comparing(Executable::toGenericString));
        return out;
    }

    private List<Class<?>> publicClasses() {
        Path classes = Path.of("target", "classes");
        List<Class<?>> out = new ArrayList<>();
        for (String pkg : packages) {
            Path dir = classes.resolve(pkg.replace('.', '/'));
            if (!Files.isDirectory(dir)) {
                throw new AssertionError("no compiled classes at " + dir.toAbsolutePath() + ": run the sweep from the module that holds " + pkg);
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                    String rel = classes.relativize(f).toString();
                    String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.').replace('\\', '.');
                    if (name.contains(".internal.") || name.endsWith("package-info") || name.endsWith("module-info")) {
                        continue;
                    }
                    Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                    if (isPublicApi(c)) {
                        out.add(c);
                    }
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            } catch (ClassNotFoundException ex) {
                throw new AssertionError(ex);
            }
        }
        return out;
    }

    private static boolean isPublicApi(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass() || k.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Class<?> type, Executable e) {
        String params = Arrays.stream(e.getParameters()).map(p -> p.getType().getSimpleName() + " " + p.getName())
                .reduce((a, b) -> a + ", " + b).orElse("");
        return (e instanceof Constructor<?> ? "new " + simpleName(type) : simpleName(type) + "." + e.getName()) + "(" + params + ")";
    }

    private static String simpleName(Class<?> type) {
        return type.getName().substring(type.getName().lastIndexOf('.') + 1).replace('$', '.');
    }
}

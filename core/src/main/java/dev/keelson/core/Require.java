package dev.keelson.core;

import dev.keelson.core.spi.FeatureContext;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Argument checks for Keelson's public methods and for feature authors: a {@code null} argument
 * fails at once with a message that names the call and the parameter, e.g.
 * {@code Tier.Builder.image(): argument 'image' is null}, never with a bare
 * {@link NullPointerException} from deep inside synthesis.
 *
 * <p>The call is the method that called {@code Require} (read from the stack only when the check
 * fails), so check every argument in the public method itself, before anything else. A parameter
 * that may be {@code null} is marked {@link Nullable} in the signature; the packages of the API
 * are {@code @NullMarked}.
 *
 * <pre>{@code
 * public Builder env(String name, String value) {
 *     Require.nonNull(name, "name");
 *     Require.nonNull(value, "value");
 *     ...
 * }
 * }</pre>
 */
public final class Require {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private Require() {
    }

    /**
     * {@code value}, or a {@link NullPointerException} naming the calling method and {@code parameter}.
     */
    public static <T> T nonNull(@Nullable T value, String parameter) {
        named(parameter, "nonNull", "parameter");
        if (value == null) {
            throw new NullPointerException(caller() + ": argument '" + parameter + "' is null");
        }
        return value;
    }

    /**
     * {@code values}, checked for {@code null} itself and in every element (a varargs array), e.g.
     * {@code Tier.Builder.ports(): argument 'ports' holds null at index 1}.
     */
    public static <T> T[] noNulls(T @Nullable [] values, String parameter) {
        named(parameter, "noNulls", "parameter");
        return elements(values, parameter, null);
    }

    /**
     * {@code value}, or a {@link NullPointerException} naming {@code call} and {@code parameter}: for
     * an implementation of a public interface, whose users know the call by the interface's name
     * ({@code Require.nonNullIn("FeatureContext.add", object, "object")} fails with
     * {@code FeatureContext.add(): argument 'object' is null}), not by the implementing class.
     */
    public static <T> T nonNullIn(String call, @Nullable T value, String parameter) {
        named(call, "nonNullIn", "call");
        named(parameter, "nonNullIn", "parameter");
        if (value == null) {
            throw new NullPointerException(call + "(): argument '" + parameter + "' is null");
        }
        return value;
    }

    /** {@code values}, checked like {@link #noNulls(Object[], String)} but naming {@code call} as {@link #nonNullIn} does. */
    public static <T> T[] noNullsIn(String call, T @Nullable [] values, String parameter) {
        named(call, "noNullsIn", "call");
        named(parameter, "noNullsIn", "parameter");
        return elements(values, parameter, call);
    }

    /** The array checked; the message names {@code call}, or the calling method when it is {@code null}. */
    private static <T> T[] elements(T @Nullable [] values, String parameter, @Nullable String call) {
        if (values == null) {
            throw new NullPointerException((call == null ? caller() : call + "()") + ": argument '" + parameter + "' is null");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new NullPointerException((call == null ? caller() : call + "()") + ": argument '" + parameter
                        + "' holds null at index " + i);
            }
        }
        return values;
    }

    /** {@code values}, checked for {@code null} itself and in every element. */
    public static <C extends Collection<?>> C noNulls(@Nullable C values, String parameter) {
        named(parameter, "noNulls", "parameter");
        if (values == null) {
            throw new NullPointerException(caller() + ": argument '" + parameter + "' is null");
        }
        int i = 0;
        for (Object v : values) {
            if (v == null) {
                throw new NullPointerException(caller() + ": argument '" + parameter + "' holds null at index " + i);
            }
            i++;
        }
        return values;
    }

    /** {@code values}, checked for {@code null} itself and in every key and value. */
    public static <M extends Map<?, ?>> M noNulls(@Nullable M values, String parameter) {
        named(parameter, "noNulls", "parameter");
        if (values == null) {
            throw new NullPointerException(caller() + ": argument '" + parameter + "' is null");
        }
        for (Map.Entry<?, ?> e : values.entrySet()) {
            if (e.getKey() == null) {
                throw new NullPointerException(caller() + ": argument '" + parameter + "' holds a null key");
            }
            if (e.getValue() == null) {
                throw new NullPointerException(caller() + ": argument '" + parameter + "' holds null for key '" + e.getKey() + "'");
            }
        }
        return values;
    }

    /**
     * Require's own check of a name it was given ({@code argument} names that argument): a check
     * without the parameter's name could not say what is null, a bug in the caller.
     */
    private static void named(@Nullable String name, String method, String argument) {
        if (name == null) {
            throw new NullPointerException("Require." + method + "(): argument '" + argument + "' is null");
        }
    }

    /** The method that called {@code Require}, as a user writes it: {@code Tier.Builder.image()}, {@code new Port()}. */
    private static String caller() {
        return WALKER.walk(frames -> frames.filter(f -> f.getDeclaringClass() != Require.class).findFirst())
                .map(f -> {
                    Class<?> owner = f.getDeclaringClass();
                    String type = owner.getName().substring(owner.getName().lastIndexOf('.') + 1).replace('$', '.');
                    return "<init>".equals(f.getMethodName()) ? "new " + type + "()" : type + "." + f.getMethodName() + "()";
                })
                .orElse("a Keelson call");
    }
}

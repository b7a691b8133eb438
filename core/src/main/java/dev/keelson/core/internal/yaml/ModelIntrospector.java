package dev.keelson.core.internal.yaml;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keelson.core.internal.yaml.ModelWriter.Inclusion;
import dev.keelson.core.internal.yaml.ModelWriter.Plan;
import dev.keelson.core.internal.yaml.ModelWriter.Property;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a class's Jackson annotations and decides whether {@link ModelWriter} can write its objects
 * without Jackson's databind, and how: the properties in {@code @JsonPropertyOrder}'s order, each
 * with its inclusion, and the field or getter behind {@code @JsonAnyGetter}. Any doubt (an unknown
 * annotation, a getter Jackson would turn into a property of its own, a type that could carry type
 * information) gives null, and Jackson writes the class. Internal.
 */
final class ModelIntrospector {

    /** Jackson annotations that never change how a value is serialized. */
    private static final Set<String> NEUTRAL = Set.of(
            "JsonProperty", "JsonPropertyOrder", "JsonInclude", "JsonIgnore", "JsonIgnoreProperties",
            "JsonAnyGetter", "JsonAnySetter", "JsonCreator", "JsonDeserialize", "JsonPOJOBuilder",
            "JsonPropertyDescription", "JsonClassDescription", "JsonSetter", "JsonAlias", "JsonMerge",
            "JsonRootName", "JsonTypeName", "JsonSubTypes", "JsonEnumDefaultValue");

    private ModelIntrospector() {
    }

    /**
     * How to write {@code type} directly, or null when Jackson must: from {@link PlanIndex} when it
     * holds the class as it is on the class path, else by reading the class's annotations.
     */
    static Plan plan(Class<?> type) {
        PlanIndex.Entry indexed = PlanIndex.entry(type);
        if (indexed != null) {
            Plan plan = indexed.plan(type);
            if (plan != null || indexed.jackson()) {
                return plan;
            }
        }
        return read(type);
    }

    /** {@link #plan}, by reading the class's annotations (what {@link PlanIndex} was made from). */
    static Plan read(Class<?> type) {
        try {
            if (type.isEnum()) {
                return ofEnum(type);
            }
            return ofBean(type);
        } catch (RuntimeException e) {
            return null; // inaccessible or unexpected: Jackson knows best
        }
    }

    private static Plan ofEnum(Class<?> type) throws SecurityException {
        if (hasUnknownJacksonAnnotation(type.getAnnotations())) {
            return null;
        }
        for (Method m : type.getDeclaredMethods()) {
            if (hasUnknownJacksonAnnotation(m.getAnnotations())) {
                return null; // @JsonValue, @JsonFormat, ...
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (f.isEnumConstant() && jacksonAnnotations(f.getAnnotations()) > 0) {
                return null; // @JsonProperty on a constant renames it
            }
        }
        Map<Object, String> names = new HashMap<>();
        for (Object constant : type.getEnumConstants()) {
            names.put(constant, ((Enum<?>) constant).name());
        }
        return new Plan(null, null, null, names);
    }

    private static Plan ofBean(Class<?> type) {
        if (type.isInterface() || type.isArray() || type.isPrimitive() || Modifier.isAbstract(type.getModifiers())
                || type.getName().startsWith("java.") || type.getName().startsWith("javax.")
                || type.isRecord() || type.isAnonymousClass()) {
            return null;
        }
        JsonPropertyOrder order = null;
        JsonInclude classInclude = null;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Annotation[] annotations = c.getDeclaredAnnotations();
            if (hasUnknownJacksonAnnotation(annotations)) {
                return null;
            }
            if (order == null) {
                order = c.getDeclaredAnnotation(JsonPropertyOrder.class);
            }
            if (classInclude == null) {
                classInclude = c.getDeclaredAnnotation(JsonInclude.class);
            }
            JsonIgnoreProperties ignored = c.getDeclaredAnnotation(JsonIgnoreProperties.class);
            if (ignored != null && ignored.value().length > 0) {
                return null;
            }
        }
        if (order == null || order.alphabetic() || annotatedInterface(type, new HashSet<>())) {
            return null;
        }
        Inclusion defaultInclusion = inclusion(classInclude, Inclusion.ALWAYS);
        if (defaultInclusion == null) {
            return null;
        }

        // properties from annotated fields
        Map<String, Field> fields = new LinkedHashMap<>();
        Map<String, JsonInclude> includes = new HashMap<>();
        Set<String> ignoredNames = new HashSet<>();
        Field anyField = null;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || f.isSynthetic()) {
                    continue;
                }
                Annotation[] annotations = f.getDeclaredAnnotations();
                if (hasUnknownJacksonAnnotation(annotations)) {
                    return null;
                }
                JsonProperty prop = f.getDeclaredAnnotation(JsonProperty.class);
                JsonIgnore ignore = f.getDeclaredAnnotation(JsonIgnore.class);
                if (ignore != null && ignore.value()) {
                    if (prop != null) {
                        return null;
                    }
                    ignoredNames.add(f.getName());
                    if (f.getName().equals("additionalProperties") && Map.class.isAssignableFrom(f.getType())) {
                        anyField = f;
                    }
                    continue;
                }
                if (prop == null) {
                    if (Modifier.isPublic(mod) && !Modifier.isTransient(mod)) {
                        return null; // Jackson would pick up a public field
                    }
                    continue;
                }
                if (Modifier.isTransient(mod) || prop.access() == JsonProperty.Access.WRITE_ONLY
                        || f.getType().isArray() || !staticallyPlain(f.getGenericType())) {
                    return null;
                }
                String name = prop.value().isEmpty() ? f.getName() : prop.value();
                if (fields.putIfAbsent(name, f) != null) {
                    return null;
                }
                JsonInclude include = f.getDeclaredAnnotation(JsonInclude.class);
                if (include != null) {
                    includes.put(name, include);
                }
            }
        }

        // getters: each must belong to a field's property, be ignored, or be the any-getter
        Method anyGetter = null;
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.isBridge()
                    || m.isSynthetic() || m.getReturnType() == void.class || m.getDeclaringClass() == Object.class) {
                continue;
            }
            List<Annotation> annotations = inheritedAnnotations(type, m);
            Annotation[] array = annotations.toArray(Annotation[]::new);
            if (hasUnknownJacksonAnnotation(array)) {
                return null;
            }
            JsonAnyGetter anyAnnotation = find(annotations, JsonAnyGetter.class);
            if (anyAnnotation != null && anyAnnotation.enabled()) {
                if (anyGetter != null || !Map.class.isAssignableFrom(m.getReturnType())) {
                    return null;
                }
                anyGetter = m;
                continue;
            }
            JsonProperty prop = find(annotations, JsonProperty.class);
            JsonIgnore ignore = find(annotations, JsonIgnore.class);
            String implicit = getterName(m);
            if (ignore != null && ignore.value()) {
                if (prop != null || (implicit != null && fields.containsKey(implicit))) {
                    return null; // Jackson would drop or rename a property: too subtle to mirror
                }
                continue;
            }
            String name = prop != null && !prop.value().isEmpty() ? prop.value() : implicit;
            if (prop == null && implicit == null) {
                continue; // not a getter
            }
            if (name == null || !fields.containsKey(name) || ignoredNames.contains(name)) {
                return null; // a property Jackson would find through this getter alone
            }
            if (prop != null && prop.access() == JsonProperty.Access.WRITE_ONLY) {
                return null;
            }
            JsonInclude include = find(annotations, JsonInclude.class);
            if (include != null) {
                JsonInclude onField = includes.putIfAbsent(name, include);
                if (onField != null && !onField.equals(include)) {
                    return null;
                }
            }
        }
        if (anyField != null && (anyGetter == null
                || !anyGetter.getName().equals("getAdditionalProperties"))) {
            anyField = null;
        }

        // the order: every property named in @JsonPropertyOrder
        List<String> names = Arrays.asList(order.value());
        if (!names.containsAll(fields.keySet())) {
            return null;
        }
        List<Property> properties = new ArrayList<>(fields.size());
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            Field f = fields.get(name);
            if (f == null || !seen.add(name)) {
                continue;
            }
            Inclusion inclusion = inclusion(includes.get(name), defaultInclusion);
            if (inclusion == null || (inclusion == Inclusion.NON_EMPTY && !emptiable(f.getType()))) {
                return null;
            }
            f.setAccessible(true);
            properties.add(new Property(name, f, inclusion));
        }
        if (anyField != null) {
            anyField.setAccessible(true);
        } else if (anyGetter != null) {
            anyGetter.setAccessible(true);
        }
        return new Plan(properties.toArray(Property[]::new), anyField, anyField == null ? anyGetter : null, null);
    }

    /**
     * Whether a declared type (with its type arguments) can carry no Jackson type information:
     * no interface or abstract class of a model, whose annotations Jackson would apply to the value.
     */
    private static boolean staticallyPlain(java.lang.reflect.Type declared) {
        if (declared instanceof Class<?> c) {
            if (c.isArray()) {
                return false;
            }
            return c.isPrimitive() || c.getName().startsWith("java.")
                    || (!c.isInterface() && !Modifier.isAbstract(c.getModifiers()));
        }
        if (declared instanceof java.lang.reflect.ParameterizedType p) {
            if (!staticallyPlain(p.getRawType())) {
                return false;
            }
            for (java.lang.reflect.Type arg : p.getActualTypeArguments()) {
                if (!staticallyPlain(arg)) {
                    return false;
                }
            }
            return true;
        }
        return false; // wildcards, type variables
    }

    /** Whether an interface of {@code type} carries a Jackson annotation that matters. */
    private static boolean annotatedInterface(Class<?> type, Set<Class<?>> visited) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (visited.add(i) && (hasUnknownJacksonAnnotation(i.getDeclaredAnnotations())
                        || annotatedInterface(i, visited))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Declared types whose emptiness under NON_EMPTY the direct path decides as Jackson does. */
    private static boolean emptiable(Class<?> type) {
        return type == String.class || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
                || (!type.isPrimitive() && !type.isArray() && !Number.class.isAssignableFrom(type)
                && type != Boolean.class && type != Object.class && type != Character.class
                && !type.isInterface() && !type.getName().startsWith("java."));
    }

    /** The inclusion an annotation asks for, {@code dflt} when it defers, null when unsupported. */
    private static Inclusion inclusion(JsonInclude include, Inclusion dflt) {
        if (include == null) {
            return dflt;
        }
        JsonInclude.Include content = include.content();
        if (content != JsonInclude.Include.USE_DEFAULTS && content != JsonInclude.Include.ALWAYS) {
            return null;
        }
        return switch (include.value()) {
            case USE_DEFAULTS -> dflt;
            case ALWAYS -> Inclusion.ALWAYS;
            case NON_NULL -> Inclusion.NON_NULL;
            case NON_EMPTY -> Inclusion.NON_EMPTY;
            default -> null;
        };
    }

    /** Jackson's implicit name for a getter ({@code getFooBar} is {@code fooBar}), or null. */
    private static String getterName(Method m) {
        String n = m.getName();
        String rest;
        if (n.startsWith("get") && n.length() > 3) {
            rest = n.substring(3);
        } else if (n.startsWith("is") && n.length() > 2 && m.getReturnType() == boolean.class) {
            rest = n.substring(2);
        } else {
            return null;
        }
        // Jackson 2's legacy mangling: lower-case the leading upper-case run
        StringBuilder sb = new StringBuilder(rest);
        for (int i = 0; i < sb.length() && Character.isUpperCase(sb.charAt(i)); i++) {
            sb.setCharAt(i, Character.toLowerCase(sb.charAt(i)));
        }
        return sb.toString();
    }

    /** The annotations of {@code m} and of every method it overrides (Jackson merges them). */
    private static List<Annotation> inheritedAnnotations(Class<?> type, Method m) {
        List<Annotation> all = new ArrayList<>(Arrays.asList(m.getAnnotations()));
        Set<Class<?>> visited = new HashSet<>();
        collect(type, m, all, visited);
        return all;
    }

    private static void collect(Class<?> c, Method m, List<Annotation> into, Set<Class<?>> visited) {
        if (c == null || c == Object.class || !visited.add(c)) {
            return;
        }
        if (c != m.getDeclaringClass()) {
            try {
                Method declared = c.getDeclaredMethod(m.getName());
                into.addAll(Arrays.asList(declared.getDeclaredAnnotations()));
            } catch (NoSuchMethodException e) {
                // not declared here
            }
        }
        collect(c.getSuperclass(), m, into, visited);
        for (Class<?> i : c.getInterfaces()) {
            collect(i, m, into, visited);
        }
    }

    private static <A extends Annotation> A find(List<Annotation> annotations, Class<A> type) {
        for (Annotation a : annotations) {
            if (a.annotationType() == type) {
                return type.cast(a);
            }
        }
        return null;
    }

    private static boolean hasUnknownJacksonAnnotation(Annotation[] annotations) {
        return jacksonAnnotations(annotations) > countNeutral(annotations);
    }

    private static int jacksonAnnotations(Annotation[] annotations) {
        int n = 0;
        for (Annotation a : annotations) {
            if (a.annotationType().getName().startsWith("com.fasterxml.jackson.")) {
                n++;
            }
        }
        return n;
    }

    private static int countNeutral(Annotation[] annotations) {
        int n = 0;
        for (Annotation a : annotations) {
            if (a.annotationType().getName().startsWith("com.fasterxml.jackson.")
                    && NEUTRAL.contains(a.annotationType().getSimpleName())) {
                n++;
            }
        }
        return n;
    }
}

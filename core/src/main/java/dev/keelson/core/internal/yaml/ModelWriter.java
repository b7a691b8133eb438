package dev.keelson.core.internal.yaml;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes fabric8 model objects to a {@link YamlGenerator} without Jackson's databind, producing
 * exactly the events Jackson's {@code ObjectMapper} would: the same properties, in the same order,
 * with the same inclusion rules.
 *
 * <p>Why: a short synthesis spends most of its time in Jackson building bean serializers (class
 * loading, annotation introspection, type resolution) for the few dozen model classes it meets.
 * The generated fabric8 classes follow one simple pattern, so a much smaller reflective plan per
 * class does the same job: annotated fields read through {@link Field}, the order of
 * {@link JsonPropertyOrder}, {@link JsonInclude} {@code ALWAYS}, {@code NON_NULL} and
 * {@code NON_EMPTY}, an empty {@link JsonAnyGetter} map.
 *
 * <p>Whatever falls outside that pattern is handed to Jackson, value by value: a class with a
 * custom serializer, type information, unwrapped or raw properties, a property missing from its
 * {@code @JsonPropertyOrder}, a getter Jackson would turn into a property of its own; an object
 * whose additional properties are set; a map with keys that are not strings; arrays, enums with
 * Jackson annotations and any value type not listed in {@link #write}. {@link ModelIntrospector}
 * reads the annotations and makes each class's {@link Plan}, once; {@link #writesDirectly} tells
 * which classes take the direct path; tests compare both paths byte for byte. Internal.
 */
final class ModelWriter {

    private static final ClassValue<Plan> PLANS = new ClassValue<>() {
        @Override
        protected Plan computeValue(Class<?> type) {
            return ModelIntrospector.plan(type);
        }
    };

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    private ModelWriter() {
    }

    /**
     * Writes {@code value} at the generator's current position, as {@code ObjectMapper.writeValue}
     * would: null, strings, numbers, booleans, maps with string keys, collections, fabric8
     * {@code Quantity} and {@code IntOrString}, enums and beans of the generated pattern directly;
     * anything else through {@code jackson}.
     */
    static void write(Object value, YamlGenerator out, Fallback jackson) throws IOException {
        if (value == null) {
            out.writeNull();
            return;
        }
        switch (SHAPES.get(value.getClass())) {
            case STRING -> out.writeString((String) value);
            case INTEGER -> out.writeNumber(((Integer) value).intValue());
            case LONG -> out.writeNumber(((Long) value).longValue());
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case MAP -> writeMap((Map<?, ?>) value, out, jackson);
            case COLLECTION -> {
                Collection<?> items = (Collection<?>) value;
                out.writeStartArray(items, items.size());
                for (Object item : items) {
                    write(item, out, jackson);
                }
                out.writeEndArray();
            }
            case QUANTITY -> {
                Quantity q = (Quantity) value;
                // fabric8's Quantity.Serializer: amount then format, each only when set
                String amount = q.getAmount();
                String format = q.getFormat();
                out.writeString(amount == null ? (format == null ? "" : format)
                        : format == null ? amount : amount + format);
            }
            // fabric8's AnyType.Serializer: the wrapped value as it is
            case ANY_TYPE -> write(((AnyType) value).getValue(), out, jackson);
            case DOUBLE -> out.writeNumber(((Double) value).doubleValue());
            case FLOAT -> out.writeNumber(((Float) value).floatValue());
            case SHORT -> out.writeNumber(((Short) value).shortValue());
            case BIG_DECIMAL -> out.writeNumber((BigDecimal) value);
            case BIG_INTEGER -> out.writeNumber((BigInteger) value);
            default -> {
                Plan plan = PLANS.get(value.getClass());
                if (plan == null || !plan.writeBean(value, out, jackson)) {
                    jackson.write(value, out);
                }
            }
        }
    }

    /**
     * What {@link #write} does with a value, by its class. Decided once per class: testing a value
     * against {@code Map}, {@code List} and {@code Set} in turn, for every value written, was a
     * tenth of the writer's time (an interface {@code instanceof} that fails scans the class's
     * interfaces every time).
     */
    private enum Shape {
        STRING, INTEGER, LONG, BOOLEAN, MAP, COLLECTION, QUANTITY, ANY_TYPE, DOUBLE, FLOAT, SHORT, BIG_DECIMAL, BIG_INTEGER,
        OTHER;

        static Shape of(Class<?> type) {
            if (type == String.class) {
                return STRING;
            } else if (type == Integer.class) {
                return INTEGER;
            } else if (type == Long.class) {
                return LONG;
            } else if (type == Boolean.class) {
                return BOOLEAN;
            } else if (Map.class.isAssignableFrom(type)) {
                return MAP;
            } else if (List.class.isAssignableFrom(type) || Set.class.isAssignableFrom(type)) {
                return COLLECTION;
            } else if (type == Quantity.class) {
                return QUANTITY;
            } else if (type == IntOrString.class || type == AnyType.class) {
                return ANY_TYPE;
            } else if (type == Double.class) {
                return DOUBLE;
            } else if (type == Float.class) {
                return FLOAT;
            } else if (type == Short.class) {
                return SHORT;
            } else if (BigDecimal.class.isAssignableFrom(type)) {
                return BIG_DECIMAL;
            } else if (BigInteger.class.isAssignableFrom(type)) {
                return BIG_INTEGER;
            }
            return OTHER;
        }
    }

    /** Whether objects of {@code type} are written without Jackson (when their additional properties are empty). */
    static boolean writesDirectly(Class<?> type) {
        return PLANS.get(type) != null;
    }

    private static void writeMap(Map<?, ?> map, YamlGenerator out, Fallback jackson) throws IOException {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                jackson.write(map, out);
                return;
            }
        }
        out.writeStartObject(map, map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.writeFieldName((String) e.getKey());
            write(e.getValue(), out, jackson);
        }
        out.writeEndObject();
    }

    /** Writes a value the direct path does not handle. */
    @FunctionalInterface
    interface Fallback {
        /** Writes {@code value} at the generator's current position. */
        void write(Object value, YamlGenerator out) throws IOException;
    }

    /** The {@code @JsonInclude} rules the direct path mirrors. */
    enum Inclusion { ALWAYS, NON_NULL, NON_EMPTY }

    /**
     * One property of a {@link Plan}: its name as written, the field read, when it is written, and
     * whether the name is written as it is (decided once per class, not once per object).
     */
    record Property(String name, Field field, Inclusion inclusion, boolean plainName) {
        Property(String name, Field field, Inclusion inclusion) {
            this(name, field, inclusion, ScalarStyle.isPlain(name) && name.length() <= YamlGenerator.MAX_KEY_LENGTH);
        }

        boolean included(Object value) {
            return switch (inclusion) {
                case ALWAYS -> true;
                case NON_NULL -> value != null;
                case NON_EMPTY -> value != null && switch (SHAPES.get(value.getClass())) {
                    case STRING -> !((String) value).isEmpty();
                    case MAP -> !((Map<?, ?>) value).isEmpty();
                    case COLLECTION -> !((Collection<?>) value).isEmpty();
                    case OTHER -> !(value instanceof Collection<?> c && c.isEmpty());
                    default -> true;
                };
            };
        }
    }

    /** How to write one class, made by {@link ModelIntrospector#plan}. */
    static final class Plan {
        private final Property[] properties;
        /** The field behind the {@code @JsonAnyGetter}, or null. */
        private final Field any;
        /** The {@code @JsonAnyGetter} method when no field backs it, or null. */
        private final Method anyMethod;
        /** Enum constants' names as Jackson writes them, or null for beans. */
        private final Map<Object, String> constants;

        Plan(Property[] properties, Field any, Method anyMethod, Map<Object, String> constants) {
            this.properties = properties;
            this.any = any;
            this.anyMethod = anyMethod;
            this.constants = constants;
        }

        /** The properties written, in order (null for an enum's plan). */
        Property[] properties() {
            return properties;
        }

        /**
         * This bean plan as one line of {@link PlanIndex}: the any-getter ({@code field:<name>},
         * {@code method:<name>} or {@code -}), then each property as
         * {@code <json name>,<declaring class>,<field>,<inclusion>}, space-separated; null for an
         * enum's plan or a name the format cannot hold.
         */
        String describe() {
            if (constants != null) {
                return null;
            }
            StringBuilder b = new StringBuilder(any != null ? "field:" + any.getName()
                    : anyMethod != null ? "method:" + anyMethod.getName() : "-");
            for (Property p : properties) {
                if (!PlanIndex.safe(p.name())) {
                    return null;
                }
                b.append(' ').append(p.name()).append(',').append(p.field().getDeclaringClass().getName()).append(',')
                        .append(p.field().getName()).append(',').append(p.inclusion().name());
            }
            return b.toString();
        }

        /** Writes {@code bean}; false (having written nothing) when it carries additional properties. */
        boolean writeBean(Object bean, YamlGenerator out, Fallback jackson) throws IOException {
            if (constants != null) {
                out.writeString(constants.get(bean));
                return true;
            }
            try {
                Object extra = any != null ? any.get(bean) : anyMethod != null ? anyMethod.invoke(bean) : null;
                if (extra != null && !((Map<?, ?>) extra).isEmpty()) {
                    return false;
                }
                out.writeStartObject(bean);
                for (Property p : properties) {
                    Object value = p.field.get(bean);
                    if (p.included(value)) {
                        if (p.plainName) {
                            out.writePlainFieldName(p.name);
                        } else {
                            out.writeFieldName(p.name);
                        }
                        write(value, out, jackson);
                    }
                }
                out.writeEndObject();
                return true;
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalStateException("cannot read " + bean.getClass().getName() + ": " + e, e);
            }
        }
    }
}

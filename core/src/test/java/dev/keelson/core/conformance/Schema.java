package dev.keelson.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.net.InetAddresses;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One compiled node of an upstream schema (a Kubernetes OpenAPI v2 definition or a CRD's
 * {@code openAPIV3Schema}), with the semantics the API server applies under strict field
 * validation ({@code kubectl apply --validate=strict}, the default):
 * <ul>
 *   <li>an object is closed: a field its schema does not declare is a violation, unless the
 *       schema has {@code additionalProperties} or {@code x-kubernetes-preserve-unknown-fields};</li>
 *   <li>fields declared only inside {@code anyOf}/{@code oneOf}/{@code allOf}/{@code not} do not
 *       open an object (those branches are value validations, as in structural schemas);</li>
 *   <li>{@code int-or-string} (format or {@code x-kubernetes-int-or-string}) takes an integer or a
 *       string, a {@code Quantity} a number or a string in the quantity grammar;</li>
 *   <li>{@code null} is a violation unless {@code nullable: true};</li>
 *   <li>{@code x-kubernetes-list-type: map/set} lists must not repeat a key or an item.</li>
 * </ul>
 * A keyword this class does not implement makes compilation fail, so nothing is skipped
 * silently. CEL rules ({@code x-kubernetes-validations}) are not evaluated. Internal to the harness.
 */
final class Schema {

    /** Keywords that describe and never constrain: ignored. */
    private static final Set<String> ANNOTATIONS = Set.of(
            "description", "default", "example", "title", "x-kubernetes-patch-strategy", "x-kubernetes-patch-merge-key",
            "x-kubernetes-map-type", "x-kubernetes-unions", "x-kubernetes-group-version-kind", "x-kubernetes-validations");
    private static final Set<String> KEYWORDS = Set.of(
            "$ref", "type", "format", "properties", "required", "additionalProperties", "items", "enum", "pattern",
            "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems",
            "maxItems", "minProperties", "maxProperties", "nullable", "anyOf", "oneOf", "allOf", "not",
            "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string", "x-kubernetes-list-type",
            "x-kubernetes-list-map-keys");
    private static final Set<String> FORMATS = Set.of("int32", "int64", "double", "float", "byte", "date-time",
            "int-or-string", "cidr", "ipv4", "ipv6");
    /**
     * Formats the API server does not check: a CRD may name any format, and formats outside
     * apiextensions' supported list (kube-openapi's strfmt registry) are ignored by its
     * validation, so checking them here would refuse objects a real server accepts.
     */
    private static final Set<String> UNCHECKED_FORMATS = Set.of("https", "idn-hostname");
    private static final Pattern QUANTITY_STRICT = Pattern.compile(
            "^[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))?$");

    /** Resolves {@code $ref}s lazily (definitions may be recursive) and caches what it compiled. */
    interface Resolver extends Function<String, Schema> {
    }

    private final String name;
    private Set<String> types;
    private String format;
    private final Map<String, Schema> properties = new LinkedHashMap<>();
    private List<String> required = List.of();
    private Schema additional;
    private boolean open;
    private Schema items;
    private List<JsonNode> enumValues;
    private Pattern pattern;
    private BigDecimal minimum;
    private BigDecimal maximum;
    private boolean exclusiveMinimum;
    private boolean exclusiveMaximum;
    private Integer minLength;
    private Integer maxLength;
    private Integer minItems;
    private Integer maxItems;
    private Integer minProperties;
    private Integer maxProperties;
    private boolean nullable;
    private boolean intOrString;
    private boolean quantity;
    private List<Schema> anyOf = List.of();
    private List<Schema> oneOf = List.of();
    private List<Schema> allOf = List.of();
    private Schema not;
    private String listType;
    private List<String> listMapKeys = List.of();
    private String ref;
    private Resolver resolver;

    private Schema(String name) {
        this.name = name;
    }

    /**
     * Compiles a schema node.
     *
     * @param name a name for messages (the definition or the CRD version)
     * @param node the schema
     * @param structural whether the node declares fields (false inside anyOf/oneOf/allOf/not)
     * @param openWithoutProperties whether an object schema without properties is open
     *     (Kubernetes' opaque types such as RawExtension) rather than empty (CRD pruning)
     * @param resolver resolves {@code #/definitions/...} references
     */
    static Schema compile(String name, JsonNode node, boolean structural, boolean openWithoutProperties,
                          Resolver resolver) {
        Schema s = new Schema(name);
        if (!node.isObject()) {
            throw new IllegalStateException(name + ": a schema must be an object, got " + node);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!KEYWORDS.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
                throw new IllegalStateException(name + ": unsupported schema keyword '" + keyword
                        + "': the conformance harness must implement it before it can vouch for this schema");
            }
        }
        if (node.has("$ref")) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String keyword = it.next();
                if (!keyword.equals("$ref") && !ANNOTATIONS.contains(keyword)) {
                    throw new IllegalStateException(name + ": '" + keyword + "' beside $ref is not supported");
                }
            }
            String target = node.get("$ref").asText();
            if (!target.startsWith("#/definitions/")) {
                throw new IllegalStateException(name + ": only #/definitions/ references are supported: " + target);
            }
            s.ref = target.substring("#/definitions/".length());
            s.resolver = resolver;
            return s;
        }
        JsonNode type = node.get("type");
        if (type != null) {
            s.types = new HashSet<>();
            if (type.isArray()) {
                type.forEach(t -> s.types.add(t.asText()));
            } else {
                s.types.add(type.asText());
            }
        }
        if (node.has("format")) {
            s.format = node.get("format").asText();
            if (!FORMATS.contains(s.format) && !UNCHECKED_FORMATS.contains(s.format)) {
                throw new IllegalStateException(name + ": unsupported format '" + s.format + "'");
            }
        }
        s.intOrString = "int-or-string".equals(s.format) || node.path("x-kubernetes-int-or-string").asBoolean(false);
        s.quantity = name.equals("io.k8s.apimachinery.pkg.api.resource.Quantity");
        s.nullable = node.path("nullable").asBoolean(false);
        JsonNode props = node.get("properties");
        if (props != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                s.properties.put(p.getKey(), compile(name, p.getValue(), structural, openWithoutProperties, resolver));
            }
        }
        if (node.has("required")) {
            List<String> req = new ArrayList<>();
            node.get("required").forEach(r -> req.add(r.asText()));
            s.required = req;
        }
        JsonNode additional = node.get("additionalProperties");
        boolean preserve = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (additional != null && additional.isObject()) {
            s.additional = compile(name, additional, structural, openWithoutProperties, resolver);
        }
        boolean objectLike = s.types != null && s.types.contains("object") || props != null;
        s.open = !structural || !objectLike || preserve
                || additional != null && (additional.isObject() || additional.asBoolean(false))
                || openWithoutProperties && props == null && additional == null;
        if (node.has("items")) {
            s.items = compile(name, node.get("items"), structural, openWithoutProperties, resolver);
        }
        if (node.has("enum")) {
            List<JsonNode> values = new ArrayList<>();
            node.get("enum").forEach(values::add);
            s.enumValues = values;
        }
        if (node.has("pattern")) {
            s.pattern = Pattern.compile(node.get("pattern").asText());
        }
        if (node.has("minimum")) {
            s.minimum = node.get("minimum").decimalValue();
        }
        if (node.has("maximum")) {
            s.maximum = node.get("maximum").decimalValue();
        }
        s.exclusiveMinimum = node.path("exclusiveMinimum").asBoolean(false);
        s.exclusiveMaximum = node.path("exclusiveMaximum").asBoolean(false);
        s.minLength = intOrNull(node, "minLength");
        s.maxLength = intOrNull(node, "maxLength");
        s.minItems = intOrNull(node, "minItems");
        s.maxItems = intOrNull(node, "maxItems");
        s.minProperties = intOrNull(node, "minProperties");
        s.maxProperties = intOrNull(node, "maxProperties");
        s.anyOf = branches(name, node.get("anyOf"), resolver);
        s.oneOf = branches(name, node.get("oneOf"), resolver);
        s.allOf = branches(name, node.get("allOf"), resolver);
        if (node.has("not")) {
            s.not = compile(name, node.get("not"), false, true, resolver);
        }
        if (node.has("x-kubernetes-list-type")) {
            s.listType = node.get("x-kubernetes-list-type").asText();
            if (node.has("x-kubernetes-list-map-keys")) {
                List<String> keys = new ArrayList<>();
                node.get("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
                s.listMapKeys = keys;
            }
        }
        return s;
    }

    /** Replaces (or adds) the schema of one property, e.g. a CRD's {@code metadata} by ObjectMeta. */
    void property(String field, Schema schema) {
        properties.put(field, schema);
    }

    /** Adds the schema of a property the node does not declare. */
    void propertyIfAbsent(String field, Schema schema) {
        properties.putIfAbsent(field, schema);
    }

    /** A schema that is only a reference to a definition. */
    static Schema reference(String definition, Resolver resolver) {
        Schema s = new Schema(definition);
        s.ref = definition;
        s.resolver = resolver;
        return s;
    }

    private static List<Schema> branches(String name, JsonNode list, Resolver resolver) {
        if (list == null) {
            return List.of();
        }
        List<Schema> out = new ArrayList<>();
        list.forEach(b -> out.add(compile(name, b, false, true, resolver)));
        return out;
    }

    private static Integer intOrNull(JsonNode node, String field) {
        return node.has(field) ? node.get(field).intValue() : null;
    }

    /** Appends a violation per problem found in {@code value} at {@code path}. */
    void validate(JsonNode value, String path, List<String> out) {
        if (ref != null) {
            resolver.apply(ref).validate(value, path, out);
            return;
        }
        if (value.isNull()) {
            if (!nullable) {
                out.add(at(path) + "null is not allowed here (leave the field out instead)");
            }
            return;
        }
        if (!typeMatches(value)) {
            out.add(at(path) + "expected " + expected() + ", got " + describe(value));
            return;
        }
        if (value.isObject()) {
            object(value, path, out);
        } else if (value.isArray()) {
            array(value, path, out);
        } else if (value.isTextual()) {
            string(value.textValue(), path, out);
        } else if (value.isNumber()) {
            number(value, path, out);
        }
        if (enumValues != null && enumValues.stream().noneMatch(e -> same(e, value))) {
            out.add(at(path) + describe(value) + " is not one of " + enumValues);
        }
        if (!anyOf.isEmpty() && anyOf.stream().noneMatch(b -> b.matches(value))) {
            out.add(at(path) + describe(value) + " matches none of the anyOf alternatives");
        }
        if (!oneOf.isEmpty()) {
            long matching = oneOf.stream().filter(b -> b.matches(value)).count();
            if (matching != 1) {
                out.add(at(path) + describe(value) + " matches " + matching + " of the oneOf alternatives, not exactly one");
            }
        }
        for (Schema b : allOf) {
            b.validate(value, path, out);
        }
        if (not != null && not.matches(value)) {
            out.add(at(path) + describe(value) + " matches a schema it must not match ('not')");
        }
    }

    private boolean matches(JsonNode value) {
        List<String> found = new ArrayList<>();
        validate(value, "", found);
        return found.isEmpty();
    }

    private void object(JsonNode value, String path, List<String> out) {
        for (String r : required) {
            if (!value.has(r)) {
                out.add(at(path) + "missing required field '" + r + "'");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            Schema declared = properties.get(field.getKey());
            if (declared != null) {
                declared.validate(field.getValue(), child, out);
            } else if (additional != null) {
                additional.validate(field.getValue(), child, out);
            } else if (!open) {
                out.add(at(child) + "unknown field '" + field.getKey() + "' (not in " + name + ")");
            }
        }
        if (minProperties != null && value.size() < minProperties) {
            out.add(at(path) + "has " + value.size() + " fields, at least " + minProperties + " required");
        }
        if (maxProperties != null && value.size() > maxProperties) {
            out.add(at(path) + "has " + value.size() + " fields, at most " + maxProperties + " allowed");
        }
    }

    private void array(JsonNode value, String path, List<String> out) {
        if (items != null) {
            for (int i = 0; i < value.size(); i++) {
                items.validate(value.get(i), path + "[" + i + "]", out);
            }
        }
        if (minItems != null && value.size() < minItems) {
            out.add(at(path) + "has " + value.size() + " items, at least " + minItems + " required");
        }
        if (maxItems != null && value.size() > maxItems) {
            out.add(at(path) + "has " + value.size() + " items, at most " + maxItems + " allowed");
        }
        if ("set".equals(listType) || "map".equals(listType)) {
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                Object key;
                if ("set".equals(listType)) {
                    key = item;
                } else {
                    List<JsonNode> k = new ArrayList<>();
                    for (String field : listMapKeys) {
                        k.add(item.get(field));
                    }
                    key = k;
                }
                if (!seen.add(key)) {
                    out.add(at(path + "[" + i + "]") + "duplicate " + ("set".equals(listType) ? "item " + item
                            : "entry for key " + listMapKeys + " = " + key) + " in a list of type " + listType);
                }
            }
        }
    }

    private void string(String text, String path, List<String> out) {
        int length = text.codePointCount(0, text.length());
        if (minLength != null && length < minLength) {
            out.add(at(path) + "\"" + text + "\" is shorter than " + minLength);
        }
        if (maxLength != null && length > maxLength) {
            out.add(at(path) + "\"" + text + "\" is longer than " + maxLength);
        }
        if (pattern != null && !pattern.matcher(text).find()) {
            out.add(at(path) + "\"" + text + "\" does not match " + pattern.pattern());
        }
        if (quantity && !QUANTITY_STRICT.matcher(text).matches()) {
            out.add(at(path) + "\"" + text + "\" is not a quantity (e.g. 100m, 1.5, 128Mi, 1e3)");
        }
        if ("byte".equals(format)) {
            try {
                Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                out.add(at(path) + "\"" + text + "\" is not base64");
            }
        } else if ("cidr".equals(format) && !isCidr(text)) {
            out.add(at(path) + "\"" + text + "\" is not a CIDR (e.g. 10.0.0.0/8 or fd00::/64)");
        } else if ("ipv4".equals(format) && !(isIp(text) && text.indexOf(':') < 0)) {
            out.add(at(path) + "\"" + text + "\" is not an IPv4 address");
        } else if ("ipv6".equals(format) && !(isIp(text) && text.indexOf(':') >= 0)) {
            out.add(at(path) + "\"" + text + "\" is not an IPv6 address");
        } else if ("date-time".equals(format)) {
            try {
                OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                out.add(at(path) + "\"" + text + "\" is not an RFC 3339 date-time");
            }
        }
    }

    private void number(JsonNode value, String path, List<String> out) {
        BigDecimal n = value.decimalValue();
        if ("int32".equals(format) && value.isIntegralNumber() && !fits(value.bigIntegerValue(), 31)) {
            out.add(at(path) + value + " does not fit in int32");
        }
        if ("int64".equals(format) && value.isIntegralNumber() && !fits(value.bigIntegerValue(), 63)) {
            out.add(at(path) + value + " does not fit in int64");
        }
        if (minimum != null && (exclusiveMinimum ? n.compareTo(minimum) <= 0 : n.compareTo(minimum) < 0)) {
            out.add(at(path) + value + " is below the minimum " + minimum.toPlainString());
        }
        if (maximum != null && (exclusiveMaximum ? n.compareTo(maximum) >= 0 : n.compareTo(maximum) > 0)) {
            out.add(at(path) + value + " is above the maximum " + maximum.toPlainString());
        }
    }

    /** An IP literal as Go's {@code net.ParseIP} takes it: no zone, no leading zeros (Guava's parser). */
    static boolean isIp(String text) {
        return text.indexOf('%') < 0 && InetAddresses.isInetAddress(text);
    }

    /** {@code address/prefix} as Go's {@code net.ParseCIDR} takes it: prefix 0-32 for IPv4, 0-128 for IPv6. */
    static boolean isCidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            return false;
        }
        String address = text.substring(0, slash);
        String prefix = text.substring(slash + 1);
        if (!isIp(address) || prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Integer.parseInt(prefix) <= (address.indexOf(':') < 0 ? 32 : 128);
    }

    private static boolean fits(BigInteger n, int bits) {
        return n.bitLength() <= bits;
    }

    private boolean typeMatches(JsonNode value) {
        if (intOrString || quantity) {
            return value.isTextual() || value.isIntegralNumber() || quantity && value.isNumber();
        }
        if (types == null) {
            return true;
        }
        for (String t : types) {
            boolean ok = switch (t) {
                case "object" -> value.isObject();
                case "array" -> value.isArray();
                case "string" -> value.isTextual();
                case "integer" -> value.isIntegralNumber();
                case "number" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                default -> throw new IllegalStateException(name + ": unknown type '" + t + "'");
            };
            if (ok) {
                return true;
            }
        }
        return false;
    }

    private String expected() {
        if (quantity) {
            return "a quantity (string or number)";
        }
        if (intOrString) {
            return "an integer or a string";
        }
        return String.join(" or ", types);
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "string \"" + value.textValue() + "\"";
        }
        if (value.isIntegralNumber()) {
            return "integer " + value;
        }
        if (value.isNumber()) {
            return "number " + value;
        }
        if (value.isBoolean()) {
            return "boolean " + value;
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.toString();
    }

    private static String at(String path) {
        return (path.isEmpty() ? "(root)" : path) + ": ";
    }
}

package dev.keelson.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link Problem} is in the model: the platform's name, then one segment per step down,
 * printed joined by {@code /} ({@code shop/tiers/api/ports/grpc}), the string tests and tools match
 * on. Validation and synthesis build paths with these steps, never by concatenating strings.
 *
 * <p>A step is either a <em>field</em> the code names ({@link #child(String)}: {@code ports},
 * {@code scaling}), which must be non-empty and hold no {@code /}, or a <em>key</em> the user wrote
 * ({@link #key(String)}: a tier's, port's or label's name), taken as written, even empty or with a
 * {@code /} (a label key such as {@code app.kubernetes.io/name}): a problem about an empty name
 * still needs a place to point at. Both reject {@code null} at once. Two paths are equal when
 * their segments are; a key holding {@code /} prints like two segments but stays one.
 *
 * <p>Immutable and cheap: a step links to its parent, and the string is built once, when first
 * asked for.
 *
 * <pre>{@code
 * ModelPath api = ModelPath.root("shop").tier("api");      // shop/tiers/api
 * problems.error("ACME-001", api.child("ports", "grpc"), "port 'grpc' is not served", "serve it");
 * }</pre>
 */
public final class ModelPath {

    private final @Nullable ModelPath parent;
    private final String segment;
    private final int depth;
    private final int hash;
    /** Built on first use; a racy but safe cache (a String is immutable), as String caches its hash. */
    private @Nullable String string;

    private ModelPath(@Nullable ModelPath parent, String segment) {
        this.parent = parent;
        this.segment = segment;
        this.depth = parent == null ? 1 : parent.depth + 1;
        this.hash = (parent == null ? 0 : 31 * parent.hash) + segment.hashCode();
    }

    /**
     * The path of a platform: its name, as written ({@code Platform.named(...)} takes any name and
     * {@code build()} reports a bad one, at this path).
     *
     * @param platformName the platform's name
     */
    public static ModelPath root(String platformName) {
        Require.nonNull(platformName, "platformName");
        return new ModelPath(null, platformName);
    }

    /**
     * One step down to a field the code names, e.g. {@code replicas} or {@code exposure}.
     *
     * @param field a non-empty name without {@code /} (two fields are two steps:
     *        {@code child("keda").child("triggers")})
     * @throws IllegalArgumentException if {@code field} is empty or holds a {@code /}
     */
    public ModelPath child(String field) {
        Require.nonNull(field, "field");
        if (field.isEmpty() || field.indexOf('/') >= 0) {
            throw new IllegalArgumentException("ModelPath.child(): argument 'field' is '" + field + "', but a field is a"
                    + " non-empty name without '/'; for a name the user wrote, use key(...)");
        }
        return new ModelPath(this, field);
    }

    /**
     * Two steps down: a field the code names, then an entry of it the user named, e.g.
     * {@code child("ports", "grpc")} for {@code .../ports/grpc}.
     *
     * @param field as in {@link #child(String)}
     * @param key as in {@link #key(String)}
     */
    public ModelPath child(String field, String key) {
        Require.nonNull(field, "field");
        Require.nonNull(key, "key");
        return child(field).key(key);
    }

    /**
     * Two steps down: a field the code names, then an entry of it by its number, e.g.
     * {@code child("triggers", 0)} for {@code .../triggers/0}.
     *
     * @param field as in {@link #child(String)}
     * @param index the entry's number, printed in decimal
     */
    public ModelPath child(String field, int index) {
        Require.nonNull(field, "field");
        return child(field).key(Integer.toString(index));
    }

    /**
     * One step down to an entry the user named (a port, an environment variable, a label key),
     * taken as written: it may be empty or hold a {@code /}, since a problem may be about just that.
     *
     * @param key the entry's name
     */
    public ModelPath key(String key) {
        Require.nonNull(key, "key");
        return new ModelPath(this, key);
    }

    /** {@code child("tiers", name)}: the path of tier {@code name} under a platform's path. */
    public ModelPath tier(String name) {
        Require.nonNull(name, "name");
        return child("tiers").key(name);
    }

    /** {@code child("environments", name)}: the path of environment {@code name} under a platform's path. */
    public ModelPath environment(String name) {
        Require.nonNull(name, "name");
        return child("environments").key(name);
    }

    /** The path one step up; empty for a platform's path. */
    public Optional<ModelPath> parent() {
        return Optional.ofNullable(parent);
    }

    /** The segments from the platform's name down to this step (a fresh, unmodifiable list). */
    public List<String> segments() {
        List<String> segments = new ArrayList<>(depth);
        for (ModelPath p = this; p != null; p = p.parent) {
            segments.add(p.segment);
        }
        Collections.reverse(segments);
        return Collections.unmodifiableList(segments);
    }

    /** Whether {@code ancestor} is this path or one of its parents (a tool's "every problem of tier api"). */
    public boolean startsWith(ModelPath ancestor) {
        Require.nonNull(ancestor, "ancestor");
        ModelPath p = this;
        while (p != null && p.depth > ancestor.depth) {
            p = p.parent;
        }
        return ancestor.equals(p);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ModelPath other) || other.hash != hash || other.depth != depth) {
            return false;
        }
        ModelPath a = this;
        ModelPath b = other;
        while (a != null && b != null) {
            if (a == b) {
                return true;
            }
            if (!a.segment.equals(b.segment)) {
                return false;
            }
            a = a.parent;
            b = b.parent;
        }
        return a == b;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The segments joined by {@code /}, e.g. {@code shop/tiers/api/ports/grpc}. */
    @Override
    public String toString() {
        String s = string;
        if (s == null) {
            s = parent == null ? segment : parent.toString() + "/" + segment;
            string = s;
        }
        return s;
    }
}

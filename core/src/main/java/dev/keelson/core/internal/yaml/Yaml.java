package dev.keelson.core.internal.yaml;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Deterministic YAML for Kubernetes objects, streamed by {@link YamlGenerator} straight from the
 * fabric8 objects (no intermediate tree; {@link ModelWriter} walks the model classes it knows,
 * Jackson's databind the rest): block style, two-space indent, sequences at the
 * indentation of their key (as kubectl writes them), strings quoted exactly when a YAML 1.1 or
 * 1.2 parser could read them as something else. Internal.
 *
 * <pre>{@code
 * try (YamlGenerator out = Yaml.generator(writer)) {
 *     for (HasMetadata o : objects) {
 *         out.startDocument();
 *         Yaml.write(o, out);
 *     }
 * }
 * }</pre>
 */
public final class Yaml {

    /** Writes what {@link ModelWriter} leaves to Jackson; the mapper is built on first use. */
    private static final ModelWriter.Fallback JACKSON = (value, out) -> {
        if (out.getCodec() == null) {
            out.setCodec(Jackson.MAPPER);
        }
        Jackson.MAPPER.writeValue(out, value);
    };

    /** Jackson's databind, loaded only when a value needs it (most runs never do). */
    private static final class Jackson {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                .disable(SerializationFeature.CLOSE_CLOSEABLE);
    }

    private Yaml() {
    }

    /** A generator writing YAML to {@code out}; closing it closes {@code out}. */
    public static YamlGenerator generator(Writer out) {
        return new YamlGenerator(out, null);
    }

    /** Streams {@code object} (a fabric8 object, a map, a list, a scalar) to {@code out} as one YAML value. */
    public static void write(Object object, YamlGenerator out) throws IOException {
        ModelWriter.write(object, out, JACKSON);
    }

    /**
     * Streams {@code object} through Jackson's databind alone, bypassing {@link ModelWriter}: the
     * reference the direct path is compared with in tests.
     */
    static void writeWithJackson(Object object, YamlGenerator out) throws IOException {
        JACKSON.write(object, out);
    }

    /** An object as YAML, without a document separator. */
    public static String toYaml(Object object) {
        StringBuilder out = new StringBuilder(2048);
        write(object, out);
        return out.toString();
    }

    /** Appends an object as YAML, without a document separator. */
    public static void write(Object object, StringBuilder out) {
        try (YamlGenerator gen = generator(new StringBuilderWriter(out))) {
            write(object, gen);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + describe(object) + " as YAML: " + e.getMessage(), e);
        }
    }

    /** Appends objects as a YAML stream, each document preceded by {@code ---}. */
    public static void writeDocuments(Iterable<?> objects, StringBuilder out) {
        try {
            writeDocuments(objects, new StringBuilderWriter(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write YAML: " + e.getMessage(), e);
        }
    }

    /**
     * Streams {@code objects} to {@code out} as YAML documents, as {@link #writeDocuments(Iterable, StringBuilder)}
     * but without holding the text: {@code print}'s path, one stream per environment as {@code helm template} writes.
     * Flushes {@code out} and leaves it open.
     */
    public static void writeDocuments(Iterable<?> objects, Writer out) throws IOException {
        try (YamlGenerator gen = generator(out)) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            for (Object o : objects) {
                gen.startDocument();
                write(o, gen);
            }
        }
        out.flush();
    }

    static String describe(Object object) {
        return object == null ? "null" : object.getClass().getSimpleName();
    }

    /** A {@link Writer} over a {@link StringBuilder}, without locks. */
    static final class StringBuilderWriter extends Writer {
        private final StringBuilder sb;

        StringBuilderWriter(StringBuilder sb) {
            this.sb = sb;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            sb.append(cbuf, off, len);
        }

        @Override
        public void write(String str) {
            sb.append(str);
        }

        @Override
        public void write(int c) {
            sb.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}

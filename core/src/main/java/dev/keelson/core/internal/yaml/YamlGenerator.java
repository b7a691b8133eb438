package dev.keelson.core.internal.yaml;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.base.GeneratorBase;
import com.fasterxml.jackson.core.json.JsonWriteContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Jackson generator that streams YAML in block style, with no intermediate tree: what
 * {@code ObjectMapper.writeValue(generator, object)} serializes is written as it comes.
 *
 * <p>The layout is kubectl's: two-space indent, a sequence at the indentation of its key, the
 * first field of a mapping inside a sequence on the dash's line, {@code {}} and {@code []} for
 * empty containers. How each scalar is spelled (plain or double-quoted, escapes, numbers that YAML
 * 1.1 and 1.2 both read as numbers) is {@link ScalarStyle}'s to decide; the chars go through a
 * {@link CharSink}. Output depends only on the events written, so it is byte-for-byte deterministic.
 *
 * <p>Not thread-safe; one generator writes one stream. Container depth only grows the state
 * arrays. Mapping keys longer than {@value #MAX_KEY_LENGTH} characters are refused: YAML parsers
 * do not accept longer implicit keys. Internal.
 */
public final class YamlGenerator extends GeneratorBase {

    /** The longest mapping key written (as written, with quotes and escapes). */
    public static final int MAX_KEY_LENGTH = 1000;

    private static final byte ROOT = 0;
    private static final byte MAPPING = 1;
    private static final byte SEQUENCE = 2;

    private final CharSink out;

    /** Per depth: the kind of container, the indent of its children, whether its first line is out. */
    private byte[] kind = new byte[32];
    private int[] indent = new int[32];
    private boolean[] open = new boolean[32];
    private int depth;
    /** The next mapping key follows "- " on the current line. */
    private boolean keyInline;

    /** A generator writing to {@code out}; {@code codec} may be null. See {@link Yaml#generator}. */
    YamlGenerator(Writer out, ObjectCodec codec) {
        super(Feature.collectDefaults(), codec);
        this.out = new CharSink(out);
        kind[0] = ROOT;
        open[0] = true;
    }

    /** Starts a document: writes {@code ---} (only between top-level values). */
    public void startDocument() throws IOException {
        requireTopLevel();
        out.append("---\n");
    }

    /** Writes a comment line (only between top-level values); {@code text} must be one line. */
    public void comment(String text) throws IOException {
        requireTopLevel();
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a comment is one line: " + text);
        }
        out.append("# ");
        out.append(text);
        out.append('\n');
    }

    private void requireTopLevel() throws JsonGenerationException {
        if (depth != 0) {
            throw new JsonGenerationException("only between top-level values, not inside one", this);
        }
    }

    // ---- structure

    @Override
    public void writeStartArray() throws IOException {
        start(SEQUENCE, null);
    }

    @Override
    public void writeStartArray(Object forValue) throws IOException {
        start(SEQUENCE, forValue);
    }

    @Override
    public void writeStartArray(Object forValue, int size) throws IOException {
        start(SEQUENCE, forValue);
    }

    @Override
    public void writeStartObject() throws IOException {
        start(MAPPING, null);
    }

    @Override
    public void writeStartObject(Object forValue) throws IOException {
        start(MAPPING, forValue);
    }

    @Override
    public void writeStartObject(Object forValue, int size) throws IOException {
        start(MAPPING, forValue);
    }

    private void start(byte type, Object forValue) throws IOException {
        _verifyValueWrite(type == MAPPING ? "start an object" : "start an array");
        streamWriteConstraints().validateNestingDepth(depth + 1);
        _writeContext = type == MAPPING ? _writeContext.createChildObjectContext(forValue)
                : _writeContext.createChildArrayContext(forValue);
        if (kind[depth] == SEQUENCE) {
            openCurrent();
        }
        depth++;
        if (depth == kind.length) {
            kind = Arrays.copyOf(kind, depth * 2);
            indent = Arrays.copyOf(indent, depth * 2);
            open = Arrays.copyOf(open, depth * 2);
        }
        kind[depth] = type;
        open[depth] = false;
    }

    @Override
    public void writeEndArray() throws IOException {
        if (!_writeContext.inArray()) {
            _reportError("Current context not Array but " + _writeContext.typeDesc());
        }
        end("[]");
    }

    @Override
    public void writeEndObject() throws IOException {
        if (!_writeContext.inObject()) {
            _reportError("Current context not Object but " + _writeContext.typeDesc());
        }
        end("{}");
    }

    private void end(String empty) throws IOException {
        _writeContext = _writeContext.clearAndGetParent();
        boolean wasOpen = open[depth];
        depth--;
        if (!wasOpen) {
            beforeScalar();
            out.append(empty);
            out.append('\n');
        }
    }

    /** Writes what precedes the first child of the current container. */
    private void openCurrent() throws IOException {
        int d = depth;
        if (open[d]) {
            return;
        }
        open[d] = true;
        int at = indent[d - 1];
        switch (kind[d - 1]) {
            case MAPPING -> {
                out.append('\n');
                // kubectl style: a sequence's dashes line up with its key
                indent[d] = kind[d] == MAPPING ? at + 2 : at;
            }
            case SEQUENCE -> {
                out.pad(at);
                if (kind[d] == MAPPING) {
                    out.append("- ");
                    keyInline = true;
                } else {
                    out.append("-\n");
                }
                indent[d] = at + 2;
            }
            default -> indent[d] = 0;
        }
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        beforeKey(name);
        long before = out.written();
        ScalarStyle.string(name, out);
        if (out.written() - before > MAX_KEY_LENGTH) {
            throw new JsonGenerationException("a mapping key longer than " + MAX_KEY_LENGTH
                    + " characters cannot be read back by YAML parsers: " + name.substring(0, 40) + "...", this);
        }
        out.append(':');
    }

    /** Writes what precedes mapping key {@code name} at the current position. */
    private void beforeKey(String name) throws IOException {
        if (_writeContext.writeFieldName(name) == JsonWriteContext.STATUS_EXPECT_VALUE) {
            _reportError("Cannot write a field name, expecting a value");
        }
        openCurrent();
        if (keyInline) {
            keyInline = false;
        } else {
            out.pad(indent[depth]);
        }
    }

    /**
     * {@link #writeFieldName} for a name known to be {@linkplain ScalarStyle#isPlain plain} and at
     * most {@value #MAX_KEY_LENGTH} characters: a model class's property, checked once per class.
     */
    void writePlainFieldName(String name) throws IOException {
        beforeKey(name);
        out.append(name);
        out.append(':');
    }

    /** Writes what precedes a scalar (or an empty container) at the current position. */
    private void beforeScalar() throws IOException {
        switch (kind[depth]) {
            case MAPPING -> out.append(' ');
            case SEQUENCE -> {
                openCurrent();
                out.pad(indent[depth]);
                out.append("- ");
            }
            default -> {
            }
        }
    }

    // ---- scalars

    @Override
    public void writeString(String text) throws IOException {
        if (text == null) {
            writeNull();
            return;
        }
        _verifyValueWrite(WRITE_STRING);
        beforeScalar();
        ScalarStyle.string(text, out);
        out.append('\n');
    }

    @Override
    public void writeString(char[] text, int offset, int len) throws IOException {
        writeString(new String(text, offset, len));
    }

    @Override
    public void writeString(Reader reader, int len) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] chunk = new char[4096];
        int left = len < 0 ? Integer.MAX_VALUE : len;
        int n;
        while (left > 0 && (n = reader.read(chunk, 0, Math.min(chunk.length, left))) >= 0) {
            sb.append(chunk, 0, n);
            left -= n;
        }
        writeString(sb.toString());
    }

    @Override
    public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void writeBinary(Base64Variant variant, byte[] data, int offset, int len) throws IOException {
        writeString(variant.encode(Arrays.copyOfRange(data, offset, offset + len)));
    }

    @Override
    public int writeBinary(Base64Variant variant, InputStream data, int dataLength) throws IOException {
        byte[] bytes = dataLength < 0 ? data.readAllBytes() : data.readNBytes(dataLength);
        writeString(variant.encode(bytes));
        return bytes.length;
    }

    @Override
    public void writeNumber(int v) throws IOException {
        scalar(Integer.toString(v), WRITE_NUMBER);
    }

    @Override
    public void writeNumber(long v) throws IOException {
        scalar(Long.toString(v), WRITE_NUMBER);
    }

    @Override
    public void writeNumber(BigInteger v) throws IOException {
        if (v == null) {
            writeNull();
            return;
        }
        scalar(v.toString(), WRITE_NUMBER);
    }

    @Override
    public void writeNumber(double v) throws IOException {
        scalar(ScalarStyle.floating(v), WRITE_NUMBER);
    }

    @Override
    public void writeNumber(float v) throws IOException {
        scalar(ScalarStyle.floating(v), WRITE_NUMBER);
    }

    @Override
    public void writeNumber(BigDecimal v) throws IOException {
        if (v == null) {
            writeNull();
            return;
        }
        scalar(ScalarStyle.decimal(isEnabled(Feature.WRITE_BIGDECIMAL_AS_PLAIN) ? _asString(v) : v.toString()), WRITE_NUMBER);
    }

    @Override
    public void writeNumber(String encodedValue) throws IOException {
        if (encodedValue == null) {
            writeNull();
        } else if (ScalarStyle.isNumber(encodedValue)) {
            scalar(encodedValue, WRITE_NUMBER);
        } else {
            writeString(encodedValue);
        }
    }

    @Override
    public void writeBoolean(boolean state) throws IOException {
        scalar(ScalarStyle.bool(state), WRITE_BOOLEAN);
    }

    @Override
    public void writeNull() throws IOException {
        scalar(ScalarStyle.NULL, WRITE_NULL);
    }

    private void scalar(String text, String what) throws IOException {
        _verifyValueWrite(what);
        beforeScalar();
        out.append(text);
        out.append('\n');
    }

    // ---- raw output

    @Override
    public void writeRaw(String text) throws IOException {
        out.append(text);
    }

    @Override
    public void writeRaw(String text, int offset, int len) throws IOException {
        out.append(text.substring(offset, offset + len));
    }

    @Override
    public void writeRaw(char[] text, int offset, int len) throws IOException {
        out.append(new String(text, offset, len));
    }

    @Override
    public void writeRaw(char c) throws IOException {
        out.append(c);
    }

    @Override
    public void writeRawValue(String text) throws IOException {
        scalar(text, WRITE_RAW);
    }

    @Override
    public void writeRawValue(String text, int offset, int len) throws IOException {
        scalar(text.substring(offset, offset + len), WRITE_RAW);
    }

    @Override
    public void writeRawValue(char[] text, int offset, int len) throws IOException {
        scalar(new String(text, offset, len), WRITE_RAW);
    }

    @Override
    protected void _verifyValueWrite(String typeMsg) throws IOException {
        if (_writeContext.writeValue() == JsonWriteContext.STATUS_EXPECT_NAME) {
            _reportError("Can not " + typeMsg + ", expecting field name (context: " + _writeContext.typeDesc() + ")");
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
        if (isEnabled(Feature.FLUSH_PASSED_TO_STREAM)) {
            out.target().flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (_closed) {
            return;
        }
        super.close();
        out.flush();
        if (isEnabled(Feature.AUTO_CLOSE_TARGET)) {
            out.target().close();
        } else if (isEnabled(Feature.FLUSH_PASSED_TO_STREAM)) {
            out.target().flush();
        }
    }

    @Override
    protected void _releaseBuffers() {
    }

    @Override
    public Object getOutputTarget() {
        return out.target();
    }

    @Override
    public int getOutputBuffered() {
        return out.buffered();
    }
}

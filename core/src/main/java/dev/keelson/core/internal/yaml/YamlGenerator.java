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
import java.util.regex.Pattern;

/**
 * A Jackson generator that streams YAML in block style, with no intermediate tree: what
 * {@code ObjectMapper.writeValue(generator, object)} serializes is written as it comes.
 *
 * <p>The layout is kubectl's: two-space indent, a sequence at the indentation of its key, the
 * first field of a mapping inside a sequence on the dash's line, {@code {}} and {@code []} for
 * empty containers. Strings are plain when no YAML 1.1 or 1.2 parser can read them as anything but
 * that string (see {@link #isPlainSafe(String)}), double-quoted with escapes otherwise. Numbers are
 * written so that both YAML 1.1 and 1.2 read them as numbers ({@code 1.0e+20}, {@code .inf},
 * {@code .nan}). Output depends only on the events written, so it is byte-for-byte deterministic.
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
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /**
     * The union, loosened, of what YAML 1.1 (spec and SnakeYAML), YAML 1.2 (core and JSON
     * schemas) and Jackson resolve to an int, a float or a timestamp: {@code 0123}, {@code 1e3},
     * {@code 0x1F}, {@code 1:30}, {@code 1.0.0}, {@code .5}, {@code .} (a 1.1 float), {@code -.inf},
     * {@code 2024-01-01}. Quantities such as {@code 128Mi} or {@code 100m} stay plain.
     */
    private static final Pattern NUMBER_OR_TIMESTAMP = Pattern.compile(
            "[-+]?(?:[0-9][0-9_]*(?::[0-9_]+)*(?:\\.[0-9_.]*)?(?:[eE][-+]?[0-9_]+)?|0[xXoObB][0-9a-fA-F_]+"
                    + "|\\.[0-9_.]*(?:[eE][-+]?[0-9_]+)?|\\.(?:[iI][nN][fF]|[nN][aA][nN]))"
                    + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt \\t].*)?");

    private final Writer out;
    private final char[] buf = new char[16 * 1024];
    private int pos;

    /** Per depth: the kind of container, the indent of its children, whether its first line is out. */
    private byte[] kind = new byte[32];
    private int[] indent = new int[32];
    private boolean[] open = new boolean[32];
    private int depth;
    /** The next mapping key follows "- " on the current line. */
    private boolean keyInline;

    /** A generator writing to {@code out}; {@code codec} may be null. */
    public YamlGenerator(Writer out, ObjectCodec codec) {
        super(Feature.collectDefaults(), codec);
        this.out = out;
        kind[0] = ROOT;
        open[0] = true;
    }

    /** Starts a document: writes {@code ---} (only between top-level values). */
    public void startDocument() throws IOException {
        requireTopLevel();
        raw("---\n");
    }

    /** Writes a comment line (only between top-level values); {@code text} must be one line. */
    public void comment(String text) throws IOException {
        requireTopLevel();
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a comment is one line: " + text);
        }
        raw("# ");
        raw(text);
        append('\n');
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
            raw(empty);
            append('\n');
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
                append('\n');
                // kubectl style: a sequence's dashes line up with its key
                indent[d] = kind[d] == MAPPING ? at + 2 : at;
            }
            case SEQUENCE -> {
                pad(at);
                if (kind[d] == MAPPING) {
                    raw("- ");
                    keyInline = true;
                } else {
                    raw("-\n");
                }
                indent[d] = at + 2;
            }
            default -> indent[d] = 0;
        }
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        if (_writeContext.writeFieldName(name) == JsonWriteContext.STATUS_EXPECT_VALUE) {
            _reportError("Cannot write a field name, expecting a value");
        }
        openCurrent();
        if (keyInline) {
            keyInline = false;
        } else {
            pad(indent[depth]);
        }
        int before = pos;
        long flushedBefore = flushed;
        string(name);
        if (flushed - flushedBefore + pos - before > MAX_KEY_LENGTH) {
            throw new JsonGenerationException("a mapping key longer than " + MAX_KEY_LENGTH
                    + " characters cannot be read back by YAML parsers: " + name.substring(0, 40) + "...", this);
        }
        append(':');
    }

    /** Writes what precedes a scalar (or an empty container) at the current position. */
    private void beforeScalar() throws IOException {
        switch (kind[depth]) {
            case MAPPING -> append(' ');
            case SEQUENCE -> {
                openCurrent();
                pad(indent[depth]);
                raw("- ");
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
        string(text);
        append('\n');
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
        if (Double.isNaN(v)) {
            scalar(".nan", WRITE_NUMBER);
        } else if (Double.isInfinite(v)) {
            scalar(v > 0 ? ".inf" : "-.inf", WRITE_NUMBER);
        } else {
            scalar(decimal(Double.toString(v)), WRITE_NUMBER);
        }
    }

    @Override
    public void writeNumber(float v) throws IOException {
        if (Float.isNaN(v)) {
            scalar(".nan", WRITE_NUMBER);
        } else if (Float.isInfinite(v)) {
            scalar(v > 0 ? ".inf" : "-.inf", WRITE_NUMBER);
        } else {
            scalar(decimal(Float.toString(v)), WRITE_NUMBER);
        }
    }

    @Override
    public void writeNumber(BigDecimal v) throws IOException {
        if (v == null) {
            writeNull();
            return;
        }
        String s = isEnabled(Feature.WRITE_BIGDECIMAL_AS_PLAIN) ? _asString(v) : v.toString();
        scalar(s.indexOf('E') >= 0 ? decimal(s) : s, WRITE_NUMBER);
    }

    @Override
    public void writeNumber(String encodedValue) throws IOException {
        if (encodedValue == null) {
            writeNull();
        } else if (isYamlNumber(encodedValue)) {
            scalar(encodedValue, WRITE_NUMBER);
        } else {
            writeString(encodedValue);
        }
    }

    @Override
    public void writeBoolean(boolean state) throws IOException {
        scalar(state ? "true" : "false", WRITE_BOOLEAN);
    }

    @Override
    public void writeNull() throws IOException {
        scalar("null", WRITE_NULL);
    }

    private void scalar(String text, String what) throws IOException {
        _verifyValueWrite(what);
        beforeScalar();
        raw(text);
        append('\n');
    }

    /**
     * A Java floating-point literal as YAML 1.1 reads it too: a dot before the exponent and a
     * signed exponent ({@code 1.0E20} becomes {@code 1.0e+20}, {@code 1E+3} becomes {@code 1.0e+3}).
     */
    static String decimal(String java) {
        int e = java.indexOf('E');
        if (e < 0) {
            return java;
        }
        String mantissa = java.substring(0, e);
        if (mantissa.indexOf('.') < 0) {
            mantissa = mantissa + ".0";
        }
        String exponent = java.substring(e + 1);
        if (!exponent.startsWith("-") && !exponent.startsWith("+")) {
            exponent = "+" + exponent;
        }
        return mantissa + "e" + exponent;
    }

    private static boolean isYamlNumber(String s) {
        return s.matches("[-+]?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+][0-9]+)?");
    }

    // ---- raw output

    @Override
    public void writeRaw(String text) throws IOException {
        raw(text);
    }

    @Override
    public void writeRaw(String text, int offset, int len) throws IOException {
        raw(text.substring(offset, offset + len));
    }

    @Override
    public void writeRaw(char[] text, int offset, int len) throws IOException {
        raw(new String(text, offset, len));
    }

    @Override
    public void writeRaw(char c) throws IOException {
        append(c);
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
        flushBuffer();
        if (isEnabled(Feature.FLUSH_PASSED_TO_STREAM)) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (_closed) {
            return;
        }
        super.close();
        flushBuffer();
        if (isEnabled(Feature.AUTO_CLOSE_TARGET)) {
            out.close();
        } else if (isEnabled(Feature.FLUSH_PASSED_TO_STREAM)) {
            out.flush();
        }
    }

    @Override
    protected void _releaseBuffers() {
    }

    @Override
    public Object getOutputTarget() {
        return out;
    }

    @Override
    public int getOutputBuffered() {
        return pos;
    }

    // ---- strings

    /**
     * Whether {@code s} can be written as a plain scalar: no YAML 1.1 or 1.2 parser reads it as
     * anything but this string. Errs on the side of quoting (all that starts like a number, a
     * timestamp or a keyword in any case is quoted).
     */
    public static boolean isPlainSafe(String s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        switch (s.charAt(0)) {
            case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ', '~' -> {
                return false;
            }
            case '-' -> {
                if (n == 1 || s.charAt(1) == ' ' || s.startsWith("---")) {
                    return false;
                }
            }
            case '.' -> {
                if (s.startsWith("...")) {
                    return false;
                }
            }
            default -> {
            }
        }
        char last = s.charAt(n - 1);
        if (last == ' ' || last == ':') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                if (c == ':' && s.charAt(i + 1) == ' ' || c == '#' && s.charAt(i - 1) == ' ') {
                    return false;
                }
            } else if (c < 0xa0 || c == '\u2028' || c == '\u2029' || c == '\ufeff' || c >= '\ufffe') {
                return false;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return !resolvesToNonString(s);
    }

    /** Whether a plain {@code s} could be read as null, a boolean, a number, a timestamp, a merge key. */
    private static boolean resolvesToNonString(String s) {
        int n = s.length();
        if (n <= 5 && reserved(s)) {
            return true;
        }
        char c = s.charAt(0);
        if ((c == '+' || c == '-') && n > 1) {
            c = s.charAt(1);
        }
        return (c >= '0' && c <= '9' || c == '.') && NUMBER_OR_TIMESTAMP.matcher(s).matches();
    }

    private static boolean reserved(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "y", "n", "yes", "no", "on", "off", "true", "false", "null", "=", "<<" -> true;
            default -> false;
        };
    }

    /** Writes a string, plain when safe, double-quoted otherwise. */
    private void string(String s) throws IOException {
        if (isPlainSafe(s)) {
            raw(s);
            return;
        }
        append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                if (c == '"' || c == '\\') {
                    append('\\');
                }
                append(c);
            } else if (c >= 0xa0 && c != '\u2028' && c != '\u2029' && c != '\ufeff' && c < '\ufffe'
                    && !Character.isSurrogate(c)) {
                append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                append(c);
                append(s.charAt(++i));
            } else {
                switch (c) {
                    case '\n' -> raw("\\n");
                    case '\t' -> raw("\\t");
                    case '\r' -> raw("\\r");
                    case '\0' -> raw("\\0");
                    default -> {
                        raw("\\u");
                        append(HEX[c >> 12 & 0xf]);
                        append(HEX[c >> 8 & 0xf]);
                        append(HEX[c >> 4 & 0xf]);
                        append(HEX[c & 0xf]);
                    }
                }
            }
        }
        append('"');
    }

    // ---- buffer

    private long flushed;

    private void pad(int n) throws IOException {
        while (n > 0) {
            if (pos == buf.length) {
                flushBuffer();
            }
            int chunk = Math.min(n, buf.length - pos);
            Arrays.fill(buf, pos, pos + chunk, ' ');
            pos += chunk;
            n -= chunk;
        }
    }

    private void append(char c) throws IOException {
        if (pos == buf.length) {
            flushBuffer();
        }
        buf[pos++] = c;
    }

    private void raw(String s) throws IOException {
        int len = s.length();
        if (pos + len > buf.length) {
            flushBuffer();
            if (len > buf.length) {
                out.write(s);
                flushed += len;
                return;
            }
        }
        s.getChars(0, len, buf, pos);
        pos += len;
    }

    private void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            flushed += pos;
            pos = 0;
        }
    }
}

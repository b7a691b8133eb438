package dev.keelson.core.internal.yaml;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * The buffer between {@link YamlGenerator} and its {@link Writer}: a 16K char array flushed when
 * full, with the count of chars written so far. A final class with no locks, so the per-char calls
 * of the generator and of {@link ScalarStyle} inline. Not thread-safe. Internal.
 */
final class CharSink {

    private final Writer out;
    private final char[] buf = new char[16 * 1024];
    private int pos;
    /** Chars handed to {@link #out} so far. */
    private long flushed;

    CharSink(Writer out) {
        this.out = out;
    }

    /** The writer this sink flushes to. */
    Writer target() {
        return out;
    }

    /** Chars written through this sink so far, buffered or not. */
    long written() {
        return flushed + pos;
    }

    /** Chars buffered and not yet handed to the writer. */
    int buffered() {
        return pos;
    }

    void append(char c) throws IOException {
        if (pos == buf.length) {
            flush();
        }
        buf[pos++] = c;
    }

    void append(String s) throws IOException {
        int len = s.length();
        if (pos + len > buf.length) {
            flush();
            if (len > buf.length) {
                out.write(s);
                flushed += len;
                return;
            }
        }
        s.getChars(0, len, buf, pos);
        pos += len;
    }

    /** Appends {@code n} spaces. */
    void pad(int n) throws IOException {
        while (n > 0) {
            if (pos == buf.length) {
                flush();
            }
            int chunk = Math.min(n, buf.length - pos);
            Arrays.fill(buf, pos, pos + chunk, ' ');
            pos += chunk;
            n -= chunk;
        }
    }

    /** Hands the buffered chars to the writer (without flushing the writer itself). */
    void flush() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            flushed += pos;
            pos = 0;
        }
    }
}

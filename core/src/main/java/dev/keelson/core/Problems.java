package dev.keelson.core;

/**
 * Where validation reports what it finds; every problem is collected before anything is thrown.
 */
public interface Problems {

    /** Reports an error at {@code path} with how to fix it ({@code fix} may be {@code null}). */
    void error(String path, String message, String fix);

    /** Reports a warning at {@code path}. */
    void warning(String path, String message, String fix);
}

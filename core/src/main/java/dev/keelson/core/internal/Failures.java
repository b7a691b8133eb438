package dev.keelson.core.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Says why an I/O operation failed, in words: the JDK's file exceptions often carry only a path
 * as their message ({@code AccessDeniedException: /out/dev}), which reads as no reason at all.
 * Internal.
 */
public final class Failures {

    private Failures() {
    }

    /** {@code what: <reason> (<file>)}, with a fix where the reason suggests one. */
    public static String describe(String what, IOException e) {
        String file = e instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() : null;
        String reason;
        String fix = null;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
            fix = "make it writable for this user, or choose another directory";
        } else if (e instanceof NoSuchFileException) {
            reason = "no such file or directory";
        } else if (e instanceof FileAlreadyExistsException && file != null && Files.exists(Path.of(file))
                && !Files.isDirectory(Path.of(file))) {
            reason = "a file stands where a directory is needed";
            fix = "remove or rename that file, or choose another directory";
        } else if (e instanceof FileAlreadyExistsException) {
            reason = "it already exists";
            fix = "another process may be writing the same output at the same time; run again";
        } else if (e instanceof NotDirectoryException) {
            reason = "not a directory";
        } else if (e instanceof DirectoryNotEmptyException) {
            reason = "the directory is not empty";
            fix = "another process may be writing the same output at the same time; run again";
        } else if (e instanceof FileSystemException fs) {
            reason = fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
            if (reason.contains("No space left")) {
                fix = "free some space on that file system, or choose another directory";
            } else if (reason.contains("Read-only file system")) {
                fix = "choose a directory on a writable file system";
            }
        } else {
            reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return what + ": " + reason + (file != null ? " (" + file + ")" : "") + (fix != null ? ". Fix: " + fix : "");
    }
}

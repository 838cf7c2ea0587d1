package dev.wasmjar.runtime.wasi.internal.fs;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Locale;

/**
 * Maps the exceptions of {@code java.nio} to WASI error codes.
 *
 * <p>The JDK hides errno: a plain {@link FileSystemException} carries only the C library's
 * {@code strerror} text as its reason, so the Linux/glibc messages are matched here to recover
 * the precise code (e.g. {@code EISDIR}, {@code EROFS}); anything unrecognised is {@code io}.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** The error code for {@code e}. */
    public static ErrorCode code(Throwable e) {
        if (e instanceof FsException) {
            return ((FsException) e).code();
        }
        if (e instanceof NoSuchFileException) {
            return ErrorCode.NO_ENTRY;
        }
        if (e instanceof FileAlreadyExistsException) {
            return ErrorCode.EXIST;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return ErrorCode.NOT_EMPTY;
        }
        if (e instanceof NotDirectoryException) {
            return ErrorCode.NOT_DIRECTORY;
        }
        if (e instanceof AccessDeniedException) {
            return ErrorCode.ACCESS;
        }
        if (e instanceof NotLinkException) {
            return ErrorCode.INVALID;
        }
        if (e instanceof FileSystemLoopException) {
            return ErrorCode.LOOP;
        }
        if (e instanceof ClosedChannelException || e instanceof NonReadableChannelException
                || e instanceof NonWritableChannelException) {
            return ErrorCode.BAD_DESCRIPTOR;
        }
        if (e instanceof InvalidPathException) {
            return ErrorCode.INVALID;
        }
        if (e instanceof UnsupportedOperationException) {
            return ErrorCode.UNSUPPORTED;
        }
        if (e instanceof OutOfMemoryError) {
            return ErrorCode.INSUFFICIENT_MEMORY;
        }
        if (e instanceof FileSystemException) {
            ErrorCode c = fromReason(((FileSystemException) e).getReason());
            if (c != null) {
                return c;
            }
        }
        if (e instanceof IOException) {
            ErrorCode c = fromReason(e.getMessage());
            if (c != null) {
                return c;
            }
        }
        return ErrorCode.IO;
    }

    /** Wraps {@code e} as an {@link FsException} with its mapped code. */
    public static FsException wrap(Throwable e) {
        if (e instanceof FsException) {
            return (FsException) e;
        }
        return new FsException(code(e), String.valueOf(e.getMessage()));
    }

    /** The code for a {@code strerror} text, or {@code null}. */
    static ErrorCode fromReason(String reason) {
        if (reason == null) {
            return null;
        }
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("is a directory")) {
            return ErrorCode.IS_DIRECTORY;
        }
        if (r.contains("not a directory")) {
            return ErrorCode.NOT_DIRECTORY;
        }
        if (r.contains("read-only file system")) {
            return ErrorCode.READ_ONLY;
        }
        if (r.contains("too many levels of symbolic links")) {
            return ErrorCode.LOOP;
        }
        if (r.contains("directory not empty")) {
            return ErrorCode.NOT_EMPTY;
        }
        if (r.contains("file exists")) {
            return ErrorCode.EXIST;
        }
        if (r.contains("no such file or directory")) {
            return ErrorCode.NO_ENTRY;
        }
        if (r.contains("operation not permitted")) {
            return ErrorCode.NOT_PERMITTED;
        }
        if (r.contains("permission denied")) {
            return ErrorCode.ACCESS;
        }
        if (r.contains("invalid argument")) {
            return ErrorCode.INVALID;
        }
        if (r.contains("no space left")) {
            return ErrorCode.INSUFFICIENT_SPACE;
        }
        if (r.contains("quota exceeded")) {
            return ErrorCode.QUOTA;
        }
        if (r.contains("file name too long")) {
            return ErrorCode.NAME_TOO_LONG;
        }
        if (r.contains("cross-device link")) {
            return ErrorCode.CROSS_DEVICE;
        }
        if (r.contains("too many links")) {
            return ErrorCode.TOO_MANY_LINKS;
        }
        if (r.contains("text file busy")) {
            return ErrorCode.TEXT_FILE_BUSY;
        }
        if (r.contains("device or resource busy")) {
            return ErrorCode.BUSY;
        }
        if (r.contains("file too large")) {
            return ErrorCode.FILE_TOO_LARGE;
        }
        if (r.contains("illegal seek")) {
            return ErrorCode.INVALID_SEEK;
        }
        if (r.contains("bad file descriptor")) {
            return ErrorCode.BAD_DESCRIPTOR;
        }
        if (r.contains("broken pipe")) {
            return ErrorCode.PIPE;
        }
        if (r.contains("operation not supported") || r.contains("function not implemented")) {
            return ErrorCode.UNSUPPORTED;
        }
        if (r.contains("value too large")) {
            return ErrorCode.OVERFLOW;
        }
        if (r.contains("input/output error")) {
            return ErrorCode.IO;
        }
        return null;
    }
}

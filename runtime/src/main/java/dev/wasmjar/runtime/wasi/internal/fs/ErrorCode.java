package dev.wasmjar.runtime.wasi.internal.fs;

/**
 * {@code wasi:filesystem/types.error-code}. The declaration order is the WIT order, so
 * {@link #ordinal()} is the canonical-ABI discriminant.
 */
public enum ErrorCode {
    ACCESS,
    WOULD_BLOCK,
    ALREADY,
    BAD_DESCRIPTOR,
    BUSY,
    DEADLOCK,
    QUOTA,
    EXIST,
    FILE_TOO_LARGE,
    ILLEGAL_BYTE_SEQUENCE,
    IN_PROGRESS,
    INTERRUPTED,
    INVALID,
    IO,
    IS_DIRECTORY,
    LOOP,
    TOO_MANY_LINKS,
    MESSAGE_SIZE,
    NAME_TOO_LONG,
    NO_DEVICE,
    NO_ENTRY,
    NO_LOCK,
    INSUFFICIENT_MEMORY,
    INSUFFICIENT_SPACE,
    NOT_DIRECTORY,
    NOT_EMPTY,
    NOT_RECOVERABLE,
    UNSUPPORTED,
    NO_TTY,
    NO_SUCH_DEVICE,
    OVERFLOW,
    NOT_PERMITTED,
    PIPE,
    READ_ONLY,
    INVALID_SEEK,
    TEXT_FILE_BUSY,
    CROSS_DEVICE;

    private static final ErrorCode[] VALUES = values();

    /** The case with discriminant {@code d}, or {@code null} if out of range. */
    public static ErrorCode of(int d) {
        return d >= 0 && d < VALUES.length ? VALUES[d] : null;
    }
}

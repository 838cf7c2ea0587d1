package dev.wasmjar.runtime.wasi.internal;

/**
 * A {@code wasi:io/error.error} resource: what went wrong in a failed stream operation. Other
 * interfaces (e.g. {@code wasi:filesystem/types.filesystem-error-code}) inspect {@link #cause()}.
 */
public final class ErrorResource {
    private final String message;
    private final Throwable cause;

    public ErrorResource(String message, Throwable cause) {
        this.message = message == null ? "error" : message;
        this.cause = cause;
    }

    /** The text {@code to-debug-string} returns. */
    public String debugString() {
        return cause == null || cause.getMessage() == null || message.contains(cause.getMessage())
                ? message : message + ": " + cause.getMessage();
    }

    /** The host exception behind the error, or {@code null}. */
    public Throwable cause() {
        return cause;
    }
}

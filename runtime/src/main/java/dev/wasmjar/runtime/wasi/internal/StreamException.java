package dev.wasmjar.runtime.wasi.internal;

/**
 * A {@code wasi:io/streams.stream-error}: either {@code closed} (end of input, or the output's
 * reader went away) or {@code last-operation-failed} with a cause the guest sees as an
 * {@code error} resource. Thrown by stream implementations, lowered by the streams interface.
 */
public final class StreamException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final StreamException CLOSED = new StreamException(true, "stream closed", null);

    private final boolean closed;

    private StreamException(boolean closed, String message, Throwable cause) {
        super(message, cause, false, false);
        this.closed = closed;
    }

    /** The {@code closed} case (shared instance: carries no stack trace). */
    public static StreamException closed() {
        return CLOSED;
    }

    /** The {@code last-operation-failed} case. */
    public static StreamException failed(String message, Throwable cause) {
        return new StreamException(false, message, cause);
    }

    public boolean isClosed() {
        return closed;
    }
}

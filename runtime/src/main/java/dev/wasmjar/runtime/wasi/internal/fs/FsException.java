package dev.wasmjar.runtime.wasi.internal.fs;

/**
 * A filesystem operation failed with a WASI {@link ErrorCode}: the {@code err} arm of a
 * {@code result<_, error-code>}. Checked, so that no operation forgets to report its failure
 * to the guest as a value rather than letting it escape as a host exception.
 */
public final class FsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public FsException(ErrorCode code) {
        this(code, code.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }

    public FsException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}

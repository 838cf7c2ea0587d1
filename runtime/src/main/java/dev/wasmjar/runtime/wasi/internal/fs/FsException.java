package dev.wasmjar.runtime.wasi.internal.fs;

/**
 * A filesystem operation failed with a WASI {@link ErrorCode}: the {@code err} arm of a
 * {@code result<_, error-code>}. Checked, so that no operation forgets to report its failure
 * to the guest as a value rather than letting it escape as a host exception.
 */
public final class FsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final boolean outsideSandbox;

    public FsException(ErrorCode code) {
        this(code, code.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }

    public FsException(ErrorCode code, String message) {
        this(code, message, false);
    }

    private FsException(ErrorCode code, String message, boolean outsideSandbox) {
        super(message, null, false, false);
        this.code = code;
        this.outsideSandbox = outsideSandbox;
    }

    /**
     * A path that would leave its directory (absolute, {@code ..} above it, an absolute symlink):
     * {@code not-permitted} in WASI 0.2, where preview1 says {@code ENOTCAPABLE}.
     */
    public static FsException outsideSandbox(String message) {
        return new FsException(ErrorCode.NOT_PERMITTED, message, true);
    }

    /** Whether the operation was refused because its path leaves the sandbox. */
    public boolean isOutsideSandbox() {
        return outsideSandbox;
    }

    public ErrorCode code() {
        return code;
    }
}

package dev.wasmjar.runtime.wasi;

/**
 * Thrown by {@code wasi:cli/exit.exit} to end the guest: it unwinds through generated code
 * unchanged (it is not a trap) up to {@link WasiHost#run}, which returns {@link #code()}.
 */
public final class WasiExitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    public WasiExitException(int code) {
        super("exit " + code, null, false, false);
        this.code = code;
    }

    /** The process exit code: 0 for {@code ok}, 1 for {@code err}. */
    public int code() {
        return code;
    }
}

package dev.wasmjar.runtime.wasi.internal.preview1;

/**
 * A preview1 call failed with {@link #errno}: thrown inside the host functions and turned into
 * their return value at the one place each function catches it, so no path forgets an errno.
 */
final class WasiError extends Exception {
    private static final long serialVersionUID = 1L;
    final int errno;

    WasiError(int errno) {
        super("errno " + errno, null, false, false);
        this.errno = errno;
    }
}

package dev.wasmjar.runtime.wasi.internal.fs;

/**
 * Bit values of the WIT {@code flags} types of {@code wasi:filesystem/types}. A WIT flags value
 * is lowered as a bit set whose bit {@code i} is the {@code i}-th declared flag, so these constants
 * are exactly the canonical-ABI encoding.
 */
public final class FsFlags {
    private FsFlags() {
    }

    // descriptor-flags
    public static final int READ = 1;
    public static final int WRITE = 1 << 1;
    public static final int FILE_INTEGRITY_SYNC = 1 << 2;
    public static final int DATA_INTEGRITY_SYNC = 1 << 3;
    public static final int REQUESTED_WRITE_SYNC = 1 << 4;
    public static final int MUTATE_DIRECTORY = 1 << 5;
    /** Every defined descriptor flag. */
    public static final int DESCRIPTOR_FLAGS_MASK = (1 << 6) - 1;

    // path-flags
    public static final int SYMLINK_FOLLOW = 1;

    // open-flags
    public static final int CREATE = 1;
    public static final int DIRECTORY = 1 << 1;
    public static final int EXCLUSIVE = 1 << 2;
    public static final int TRUNCATE = 1 << 3;
}

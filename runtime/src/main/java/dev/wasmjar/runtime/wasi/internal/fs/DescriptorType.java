package dev.wasmjar.runtime.wasi.internal.fs;

/**
 * {@code wasi:filesystem/types.descriptor-type}, in WIT order so {@link #ordinal()} is the
 * canonical-ABI discriminant.
 */
public enum DescriptorType {
    UNKNOWN,
    BLOCK_DEVICE,
    CHARACTER_DEVICE,
    DIRECTORY,
    FIFO,
    SYMBOLIC_LINK,
    REGULAR_FILE,
    SOCKET;

    /** The type named by the {@code S_IFMT} bits of a POSIX {@code st_mode}. */
    public static DescriptorType ofMode(int mode) {
        switch (mode & 0170000) {
            case 0140000:
                return SOCKET;
            case 0120000:
                return SYMBOLIC_LINK;
            case 0100000:
                return REGULAR_FILE;
            case 0060000:
                return BLOCK_DEVICE;
            case 0040000:
                return DIRECTORY;
            case 0020000:
                return CHARACTER_DEVICE;
            case 0010000:
                return FIFO;
            default:
                return UNKNOWN;
        }
    }

    /** The type as far as portable {@link java.nio.file.attribute.BasicFileAttributes} can tell. */
    public static DescriptorType of(java.nio.file.attribute.BasicFileAttributes a) {
        if (a.isSymbolicLink()) {
            return SYMBOLIC_LINK;
        }
        if (a.isDirectory()) {
            return DIRECTORY;
        }
        if (a.isRegularFile()) {
            return REGULAR_FILE;
        }
        return UNKNOWN;
    }
}

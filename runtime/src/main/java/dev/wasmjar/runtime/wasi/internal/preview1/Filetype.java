package dev.wasmjar.runtime.wasi.internal.preview1;

import dev.wasmjar.runtime.wasi.internal.fs.DescriptorType;

/** Preview1 {@code filetype} values. */
final class Filetype {
    static final int UNKNOWN = 0;
    static final int BLOCK_DEVICE = 1;
    static final int CHARACTER_DEVICE = 2;
    static final int DIRECTORY = 3;
    static final int REGULAR_FILE = 4;
    static final int SOCKET_DGRAM = 5;
    static final int SOCKET_STREAM = 6;
    static final int SYMBOLIC_LINK = 7;

    private Filetype() {
    }

    /** The preview1 type of a 0.2 descriptor type (preview1 has no FIFO: it is unknown there). */
    static int of(DescriptorType t) {
        switch (t) {
            case BLOCK_DEVICE: return BLOCK_DEVICE;
            case CHARACTER_DEVICE: return CHARACTER_DEVICE;
            case DIRECTORY: return DIRECTORY;
            case REGULAR_FILE: return REGULAR_FILE;
            case SYMBOLIC_LINK: return SYMBOLIC_LINK;
            case SOCKET: return SOCKET_STREAM;
            default: return UNKNOWN;
        }
    }
}

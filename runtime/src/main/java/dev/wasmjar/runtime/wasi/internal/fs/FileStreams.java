package dev.wasmjar.runtime.wasi.internal.fs;

import dev.wasmjar.runtime.wasi.internal.InputStreamResource;
import dev.wasmjar.runtime.wasi.internal.OutputStreamResource;

/** {@code read-via-stream}, {@code write-via-stream} and {@code append-via-stream}. */
public final class FileStreams {
    private FileStreams() {
    }

    /** A stream reading {@code d} from {@code offset}. */
    public static InputStreamResource readVia(Descriptor d, long offset) throws FsException {
        FileOperations.checkReadable(d);
        if (offset < 0) {
            throw new FsException(ErrorCode.INVALID);
        }
        return new FileInputStream(d, offset);
    }

    /** A stream writing {@code d} from {@code offset}. */
    public static OutputStreamResource writeVia(Descriptor d, long offset) throws FsException {
        FileOperations.writable(d);
        if (offset < 0) {
            throw new FsException(ErrorCode.INVALID);
        }
        return new FileOutputStream(d, offset, false);
    }

    /** A stream appending to {@code d}. */
    public static OutputStreamResource appendVia(Descriptor d) throws FsException {
        FileOperations.writable(d);
        return new FileOutputStream(d, 0, true);
    }
}

package dev.wasmjar.runtime.wasi.internal.fs;

import dev.wasmjar.runtime.wasi.internal.OutputStreamResource;
import dev.wasmjar.runtime.wasi.internal.Pollable;
import dev.wasmjar.runtime.wasi.internal.ReadyPollable;
import dev.wasmjar.runtime.wasi.internal.StreamException;

/**
 * The {@code output-stream} of {@code write-via-stream} (from an offset onwards) and
 * {@code append-via-stream} (each write at the current end of the file). Writes are synchronous,
 * so the stream is always writable and flushing has nothing left to do. A failure carries its
 * {@link FsException} as the cause, which {@code filesystem-error-code} reports.
 */
final class FileOutputStream extends OutputStreamResource {
    /** What check-write grants; writes are synchronous, so this is only a chunking hint. */
    static final long WRITE_BUDGET = 1 << 20;

    private final Descriptor file;
    private final boolean append;
    private long position;
    private boolean released;

    /** Takes a reference on {@code file}'s channel until the stream is dropped. */
    FileOutputStream(Descriptor file, long offset, boolean append) {
        this.file = file;
        this.append = append;
        this.position = offset;
        file.retain();
    }

    @Override
    public long checkWrite() {
        return WRITE_BUDGET;
    }

    @Override
    public void write(byte[] src, int off, int len) throws StreamException {
        try {
            long at = append ? FileOperations.size(file) : position;
            FileOperations.write(file, src, off, len, at);
            position = at + len;
        } catch (FsException e) {
            throw StreamException.failed("write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() {
        // Every write already reached the file.
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public Pollable subscribe() {
        return new ReadyPollable();
    }

    @Override
    public void dropped() {
        if (!released) {
            released = true;
            file.release();
        }
    }
}

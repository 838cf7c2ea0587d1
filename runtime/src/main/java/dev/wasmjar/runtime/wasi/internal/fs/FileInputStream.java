package dev.wasmjar.runtime.wasi.internal.fs;

import dev.wasmjar.runtime.wasi.internal.InputStreamResource;
import dev.wasmjar.runtime.wasi.internal.Pollable;
import dev.wasmjar.runtime.wasi.internal.ReadyPollable;
import dev.wasmjar.runtime.wasi.internal.StreamException;

/**
 * The {@code input-stream} of {@code read-via-stream}: reads a file from an offset onwards.
 * File reads never wait, so the stream is always ready. A failure carries its
 * {@link FsException} as the cause, which {@code filesystem-error-code} reports.
 */
final class FileInputStream extends InputStreamResource {
    private final Descriptor file;
    private long position;
    private boolean released;

    /** Takes a reference on {@code file}'s channel until the stream is dropped. */
    FileInputStream(Descriptor file, long offset) {
        this.file = file;
        this.position = offset;
        file.retain();
    }

    @Override
    public int read(byte[] dst, int off, int len) throws StreamException {
        FileOperations.ReadResult r;
        try {
            r = FileOperations.read(file, len, position);
        } catch (FsException e) {
            throw StreamException.failed("read failed: " + e.getMessage(), e);
        }
        int n = r.data().length;
        if (n == 0 && len > 0) {
            throw StreamException.closed();
        }
        System.arraycopy(r.data(), 0, dst, off, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long len) throws StreamException {
        // Skipping a file needs no reading, but like read it reports the end of the file.
        try {
            long size = FileOperations.stat(file).size();
            long n = Math.max(0, Math.min(len, size - position));
            if (n == 0 && len > 0) {
                throw StreamException.closed();
            }
            position += n;
            return n;
        } catch (FsException e) {
            throw StreamException.failed("skip failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isReadable() {
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

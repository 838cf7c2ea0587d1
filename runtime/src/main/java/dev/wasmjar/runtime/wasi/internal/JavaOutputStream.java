package dev.wasmjar.runtime.wasi.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream onto a Java {@link OutputStream} (stdout, stderr): writes go straight from the
 * guest's memory array to {@code out} with no per-byte work. Writes are synchronous, so the
 * stream is always writable. After a failure it reports {@code closed}, as WASI requires.
 */
public final class JavaOutputStream extends OutputStreamResource {
    /** What check-write grants: large, so guests that honour it write in big chunks. */
    static final long WRITE_BUDGET = 1 << 20;

    private final OutputStream out;
    private final boolean closeOnDrop;
    private boolean failed;

    /** {@code closeOnDrop}: whether dropping the handle closes {@code out} (never for shared stdio). */
    public JavaOutputStream(OutputStream out, boolean closeOnDrop) {
        this.out = out;
        this.closeOnDrop = closeOnDrop;
    }

    @Override
    public long checkWrite() throws StreamException {
        if (failed) {
            throw StreamException.closed();
        }
        return WRITE_BUDGET;
    }

    @Override
    public void write(byte[] src, int off, int len) throws StreamException {
        if (failed) {
            throw StreamException.closed();
        }
        try {
            out.write(src, off, len);
        } catch (IOException e) {
            failed = true;
            throw StreamException.failed("write failed", e);
        }
    }

    @Override
    public void flush() throws StreamException {
        if (failed) {
            throw StreamException.closed();
        }
        try {
            out.flush();
        } catch (IOException e) {
            failed = true;
            throw StreamException.failed("flush failed", e);
        }
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
        if (closeOnDrop) {
            try {
                out.close();
            } catch (IOException ignored) {
                // Nothing to report to: the guest has let go of the stream.
            }
        }
    }
}

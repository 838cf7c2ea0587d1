package dev.wasmjar.runtime.wasi.internal;

/**
 * A {@code wasi:io/streams.output-stream}. Implementations supply check-write / write / flush and
 * a readiness test; the blocking variants, {@code write-zeroes}, {@code splice} and
 * {@code subscribe} are built on them by the streams interface.
 */
public abstract class OutputStreamResource implements HandleTable.Droppable {
    /**
     * How many bytes the next {@link #write} may take without blocking (0: not now).
     *
     * @throws StreamException closed, or the previous operation failed
     */
    public abstract long checkWrite() throws StreamException;

    /**
     * Writes {@code src[off, off+len)}. Hosts here accept more than {@link #checkWrite()} permitted
     * rather than trapping: being lenient costs nothing and helps guests that write large chunks.
     */
    public abstract void write(byte[] src, int off, int len) throws StreamException;

    /** Starts (or, for synchronous streams, performs) a flush of everything written so far. */
    public abstract void flush() throws StreamException;

    /**
     * Whether {@link #checkWrite()} would now return non-zero or throw. Called with the host's
     * {@link PollWaiter#monitor()} held; must not block.
     */
    public abstract boolean isWritable();

    /** A pollable that is ready when {@link #isWritable()}. */
    public Pollable subscribe() {
        return new Pollable() {
            @Override
            public boolean isReady() {
                return isWritable();
            }
        };
    }

    /** Releases what the stream holds; called when the guest drops its handle. */
    @Override
    public void dropped() {
    }
}

package dev.wasmjar.runtime.wasi.internal;

/**
 * A {@code wasi:io/streams.input-stream}. Implementations supply a non-blocking {@link #read}
 * and a readiness test; {@code blocking-read}, {@code skip}, {@code subscribe} and
 * {@code splice} are built on them by the streams interface. Files implement this by reading
 * directly (always ready); stdin by draining a buffer a host thread fills.
 */
public abstract class InputStreamResource implements HandleTable.Droppable {
    /**
     * Copies up to {@code len} (> 0) available bytes into {@code dst} without blocking and returns
     * how many (0 when nothing is available yet).
     *
     * @throws StreamException {@linkplain StreamException#closed() closed} at end of stream, or failed
     */
    public abstract int read(byte[] dst, int off, int len) throws StreamException;

    /**
     * Whether {@link #read} would now return data or throw (end, failure) rather than return 0.
     * Called with the host's {@link PollWaiter#monitor()} held; must not block.
     */
    public abstract boolean isReadable();

    /** A pollable that is ready when {@link #isReadable()}. */
    public Pollable subscribe() {
        return new Pollable() {
            @Override
            public boolean isReady() {
                return isReadable();
            }
        };
    }

    /**
     * Skips up to {@code len} available bytes without blocking; returns how many. The default reads
     * and discards.
     */
    public long skip(long len) throws StreamException {
        byte[] scratch = new byte[(int) Math.min(len, 64 * 1024)];
        long done = 0;
        while (done < len) {
            int n = read(scratch, 0, (int) Math.min(scratch.length, len - done));
            if (n == 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    /** Releases what the stream holds; called when the guest drops its handle. */
    @Override
    public void dropped() {
    }
}

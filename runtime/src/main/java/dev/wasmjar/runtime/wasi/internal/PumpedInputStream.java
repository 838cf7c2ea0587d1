package dev.wasmjar.runtime.wasi.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream fed by a daemon host thread that pulls from a Java {@link InputStream} (stdin)
 * into a bounded ring buffer, so the guest's {@code read} never blocks and {@code blocking-read}
 * waits on the host's {@link PollWaiter} instead of in a JVM read it could not be interrupted from.
 *
 * <p>The thread and its ring start on first use: a guest that never reads stdin consumes none of
 * it, and its host allocates no buffer. Ring state is guarded by the waiter's monitor; the pump
 * reads into the free part of the ring outside the lock (the guest only copies from the filled
 * part), then publishes and notifies.
 */
public final class PumpedInputStream extends InputStreamResource {
    /** Default ring size: large enough that a fast producer and consumer rarely wait on each other. */
    public static final int DEFAULT_CAPACITY = 1 << 20;

    private final InputStream in;
    private final PollWaiter waiter;
    private final Object lock;
    private final int capacity;
    private final int maxRead;
    private final String threadName;
    // Guarded by lock.
    private int head;
    private int count;
    private boolean eof;
    private IOException error;
    private boolean errorReported;
    private boolean pumpWaitingForSpace;
    private boolean stopped;
    private Thread pump;
    /** Allocated with the pump; the pump writes its free part, the guest reads its filled part. */
    private byte[] ring;

    /**
     * {@code maxRead}: the most one {@link #read} hands out, whatever the guest asks for (see
     * {@link WasiContext#STDIN_MAX_READ} for why stdin limits it).
     */
    public PumpedInputStream(InputStream in, PollWaiter waiter, int capacity, int maxRead, String threadName) {
        this.in = in;
        this.waiter = waiter;
        this.lock = waiter.monitor();
        this.capacity = capacity;
        this.maxRead = maxRead;
        this.threadName = threadName;
    }

    @Override
    public int read(byte[] dst, int off, int len) throws StreamException {
        synchronized (lock) {
            startPump();
            if (count == 0) {
                if (error != null && !errorReported) {
                    errorReported = true;
                    throw StreamException.failed("read failed", error);
                }
                if (eof || error != null) {
                    throw StreamException.closed();
                }
                return 0;
            }
            int n = Math.min(Math.min(len, count), maxRead);
            int first = Math.min(n, ring.length - head);
            System.arraycopy(ring, head, dst, off, first);
            if (first < n) {
                System.arraycopy(ring, 0, dst, off + first, n - first);
            }
            head = (head + n) % ring.length;
            count -= n;
            if (pumpWaitingForSpace) {
                lock.notifyAll();
            }
            return n;
        }
    }

    @Override
    public boolean isReadable() {
        synchronized (lock) {
            startPump();
            return count > 0 || eof || error != null;
        }
    }

    /** Stops the pump once its current read returns (the JVM read itself cannot be cancelled). */
    public void stop() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
    }

    /** Called with lock held. */
    private void startPump() {
        if (pump == null && !stopped) {
            ring = new byte[capacity];
            pump = new Thread(this::pumpLoop, threadName);
            pump.setDaemon(true);
            pump.start();
        }
    }

    private void pumpLoop() {
        while (true) {
            int pos;
            int space;
            synchronized (lock) {
                while (count == ring.length && !stopped) {
                    pumpWaitingForSpace = true;
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                pumpWaitingForSpace = false;
                if (stopped) {
                    return;
                }
                pos = (head + count) % ring.length;
                space = Math.min(ring.length - count, ring.length - pos);
            }
            int n;
            IOException failure = null;
            try {
                n = in.read(ring, pos, space);
            } catch (IOException e) {
                n = -1;
                failure = e;
            }
            synchronized (lock) {
                if (failure != null) {
                    error = failure;
                } else if (n < 0) {
                    eof = true;
                } else {
                    count += n;
                }
                lock.notifyAll();
                if (n < 0) {
                    return;
                }
            }
        }
    }
}

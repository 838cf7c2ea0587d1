package dev.wasmjar.runtime.wasi.internal;

import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import dev.wasmjar.runtime.wasi.MonotonicClock;
import dev.wasmjar.runtime.wasi.WasiConfig;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The state one WASI host shares between its interfaces: configuration, the resource table, the
 * poll waiter, the stdio streams and, once bound, the guest's memory. One per host and guest
 * instance; used only on the guest's thread, except where noted on {@link PollWaiter}.
 */
public final class WasiContext {
    /**
     * The most one read of stdin returns. TinyGo 0.33's {@code writeStream} splits writes into
     * 4096-byte {@code blocking-write-and-flush} calls but passes {@code src[:4096]} every time
     * without advancing, so a write of more than 4096 bytes repeats its first 4 KiB. Programs that
     * copy stdin to stdout (cat) stay correct only if no read returns more than that; wasmtime's
     * stdin hands out chunks this small too. Guests that read in a loop lose nothing by it.
     */
    public static final int STDIN_MAX_READ = 4096;

    private final WasiConfig config;
    private final HandleTable table;
    private final PollWaiter waiter;
    private final MonotonicClock monotonicClock;
    /**
     * The generators, made on first use unless configured: a {@link SecureRandom} initialises
     * the JDK's security providers, about a hundred classes (40-80 ms of a fresh JVM), which a
     * guest that never asks for randomness should not pay for.
     */
    private RandomGenerator random;
    private RandomGenerator insecureRandom;
    private final InputStreamResource stdin;
    private final OutputStreamResource stdout;
    private final OutputStreamResource stderr;
    private GuestMemory memory;
    private final java.util.List<Runnable> closeActions = new java.util.ArrayList<>();

    public WasiContext(WasiConfig config) {
        this.config = config;
        this.table = new HandleTable(config.maxResources());
        this.monotonicClock = config.monotonicClock() != null ? config.monotonicClock() : MonotonicClock.system();
        this.waiter = new PollWaiter(monotonicClock);
        this.random = config.random();
        this.insecureRandom = config.insecureRandom();
        this.stdin = config.stdin() == null ? new EmptyInputStream()
                : new PumpedInputStream(config.stdin(), waiter, PumpedInputStream.DEFAULT_CAPACITY,
                        STDIN_MAX_READ, "wasi-stdin");
        this.stdout = new JavaOutputStream(orNull(config.stdout()), false);
        this.stderr = new JavaOutputStream(orNull(config.stderr()), false);
    }

    private static OutputStream orNull(OutputStream out) {
        return out != null ? out : OutputStream.nullOutputStream();
    }

    public WasiConfig config() {
        return config;
    }

    public HandleTable table() {
        return table;
    }

    public PollWaiter waiter() {
        return waiter;
    }

    public MonotonicClock monotonicClock() {
        return monotonicClock;
    }

    public synchronized RandomGenerator random() {
        if (random == null) {
            random = new SecureRandom();
        }
        return random;
    }

    public synchronized RandomGenerator insecureRandom() {
        if (insecureRandom == null) {
            insecureRandom = new SplittableRandom(random().nextLong());
        }
        return insecureRandom;
    }

    /** The one stdin stream every {@code get-stdin} handle refers to. */
    public InputStreamResource stdin() {
        return stdin;
    }

    public OutputStreamResource stdout() {
        return stdout;
    }

    public OutputStreamResource stderr() {
        return stderr;
    }

    /** Binds the guest's memory (after instantiation). */
    public void bind(GuestMemory memory) {
        this.memory = memory;
    }

    /** The guest's memory; traps if the host is not bound to an instance yet. */
    public GuestMemory memory() {
        GuestMemory m = memory;
        if (m == null) {
            throw new Trap(TrapKind.UNREACHABLE,
                    "WASI function called before the host was bound to the instance's memory");
        }
        return m;
    }

    /** Stores a {@code stream-error}-carrying failure as an {@code error} resource; returns its handle. */
    public int newError(StreamException e) {
        return table.add(new ErrorResource(e.getMessage(), e.getCause()));
    }

    /**
     * Releases what the guest still holds (files it left open: its handles are dropped, its
     * preview1 descriptors closed), stops host threads (stdin pump) and flushes stdout/stderr;
     * the host is done.
     */
    public void close() {
        table.dropAll();
        for (Runnable r : closeActions) {
            r.run();
        }
        closeActions.clear();
        if (stdin instanceof PumpedInputStream) {
            ((PumpedInputStream) stdin).stop();
        }
        flushQuietly(stdout);
        flushQuietly(stderr);
    }

    /** Runs {@code action} when the host is closed (e.g. to close the files a guest left open). */
    public void onClose(Runnable action) {
        closeActions.add(action);
    }

    /** Flushes stdout and stderr, ignoring failures (the guest already saw them, or is gone). */
    public void flushStdio() {
        flushQuietly(stdout);
        flushQuietly(stderr);
    }

    private static void flushQuietly(OutputStreamResource s) {
        try {
            s.flush();
        } catch (StreamException ignored) {
            // Reported to the guest when it wrote; nothing more to do.
        }
    }
}

package dev.wasmjar.runtime.internal;

/**
 * Runs a guest on a thread of its own with a deep stack, as the command line and a compiled
 * command's {@code main} do: wasm call depth maps onto the JVM stack, and
 * {@value #STACK_MIB} MiB hold hundreds of thousands of wasm frames, yet a runaway recursion
 * still traps within seconds (every frame is unwound through its handler to build the
 * backtrace). <b>For wasmjar's own entry points only.</b>
 */
public final class GuestThread {
    /** The guest thread's stack, in MiB. */
    public static final int STACK_MIB = 64;

    /** A guest's run: an exit code, or whatever it threw. */
    @FunctionalInterface
    public interface Body {
        int run() throws Exception;
    }

    private GuestThread() {
    }

    /**
     * Runs {@code body} on a new thread named {@code wasm-main} and waits for it; returns its
     * result or throws what it threw. If this thread is interrupted while waiting, the guest
     * thread is interrupted too and this throws {@link InterruptedException} (with this
     * thread's interrupt status set again).
     */
    public static int run(Body body) throws Throwable {
        int[] result = {0};
        Throwable[] failure = {null};
        Thread guest = new Thread(null, () -> {
            try {
                result[0] = body.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "wasm-main", (long) STACK_MIB << 20);
        guest.start();
        try {
            guest.join();
        } catch (InterruptedException e) {
            guest.interrupt();
            Thread.currentThread().interrupt();
            throw e;
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }
}

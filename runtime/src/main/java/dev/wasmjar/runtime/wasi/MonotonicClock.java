package dev.wasmjar.runtime.wasi;

/**
 * The clock behind {@code wasi:clocks/monotonic-clock}: nanoseconds since an arbitrary origin,
 * never negative and never going backwards. Inject one through
 * {@link WasiConfig.Builder#monotonicClock} to make guests deterministic in tests; timed waits
 * (sleeps) end when this clock reaches their deadline, so an injected clock must advance.
 */
@FunctionalInterface
public interface MonotonicClock {
    /** The current instant in nanoseconds (treated as unsigned by the guest; keep it non-negative). */
    long nanoTime();

    /** The clock's resolution in nanoseconds. */
    default long resolutionNanos() {
        return 1;
    }

    /** A clock over {@link System#nanoTime()} that starts near zero when created. */
    static MonotonicClock system() {
        long origin = System.nanoTime();
        return () -> System.nanoTime() - origin;
    }
}

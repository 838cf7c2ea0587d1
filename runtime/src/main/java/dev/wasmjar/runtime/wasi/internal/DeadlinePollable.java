package dev.wasmjar.runtime.wasi.internal;

import dev.wasmjar.runtime.wasi.MonotonicClock;

/** A pollable from {@code monotonic-clock.subscribe-instant}/{@code subscribe-duration}. */
public final class DeadlinePollable extends Pollable {
    private final MonotonicClock clock;
    private final long deadline;

    /** Ready once {@code clock} reaches {@code deadline} (ns; {@link Long#MAX_VALUE} = never). */
    public DeadlinePollable(MonotonicClock clock, long deadline) {
        this.clock = clock;
        this.deadline = deadline;
    }

    /** {@code now + duration}, with the unsigned u64 {@code duration} saturating at "never". */
    public static long deadlineAfter(long now, long duration) {
        if (duration < 0) {
            return Long.MAX_VALUE;
        }
        long d = now + duration;
        return d < now ? Long.MAX_VALUE : d;
    }

    @Override
    public boolean isReady() {
        return deadline != Long.MAX_VALUE && clock.nanoTime() >= deadline;
    }

    @Override
    public long deadline() {
        return deadline;
    }

    @Override
    protected boolean staysReady() {
        return true;
    }
}

package dev.wasmjar.runtime.wasi.internal;

/**
 * A {@code wasi:io/poll.pollable}: something the guest can wait for. Readiness is checked with
 * the host's {@link PollWaiter} monitor held; whatever makes a pollable ready on another thread
 * must change its state under that monitor and call {@link PollWaiter#wakeUp()} (notifyAll), and a
 * pollable that becomes ready at a time reports that time through {@link #deadline()}, so waiting
 * never spins.
 */
public abstract class Pollable implements HandleTable.Reclaimable {
    private boolean observedReady;

    /** Whether the event has happened. Must not block; called with the waiter's monitor held. */
    public abstract boolean isReady();

    /**
     * The monotonic-clock instant (ns) at which this pollable becomes ready by itself, or
     * {@link Long#MAX_VALUE} if only a host event can make it ready.
     */
    public long deadline() {
        return Long.MAX_VALUE;
    }

    /**
     * Whether this pollable, once ready, stays ready for ever (a passed deadline does; a stream
     * that has data may not). Only such pollables can be reclaimed from a full handle table.
     */
    protected boolean staysReady() {
        return false;
    }

    /** Records that the guest has seen this pollable ready (from block, ready or poll). */
    final void markObservedReady() {
        observedReady = true;
    }

    @Override
    public final boolean reclaimable() {
        return observedReady && staysReady();
    }
}

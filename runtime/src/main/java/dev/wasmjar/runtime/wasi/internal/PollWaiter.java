package dev.wasmjar.runtime.wasi.internal;

import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import dev.wasmjar.runtime.wasi.MonotonicClock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Blocks the guest thread until pollables are ready, without spinning: it waits on one monitor
 * per host with a timeout computed from the earliest pollable deadline, and host threads that
 * deliver data (stdin pump, ...) change state under {@link #monitor()} and call {@link #wakeUp()}.
 *
 * <p>Waiting stops with a {@link Trap} of kind {@link TrapKind#INTERRUPTED} when the guest thread
 * is interrupted or the run's deadline (in {@link System#nanoTime()} terms) passes.
 */
public final class PollWaiter {
    private final Object monitor = new Object();
    private final MonotonicClock clock;
    /** System.nanoTime() deadline of the whole run, or 0 for none. */
    private volatile long runDeadline;
    private volatile boolean hasRunDeadline;

    public PollWaiter(MonotonicClock clock) {
        this.clock = clock;
    }

    /** The monitor that guards pollable state changes made by host threads. */
    public Object monitor() {
        return monitor;
    }

    /** The clock deadlines are measured on. */
    public MonotonicClock clock() {
        return clock;
    }

    /** Sets the run deadline as a {@link System#nanoTime()} value. */
    public void setRunDeadline(long systemNanoTime) {
        this.runDeadline = systemNanoTime;
        this.hasRunDeadline = true;
    }

    /** Clears the run deadline. */
    public void clearRunDeadline() {
        this.hasRunDeadline = false;
    }

    /** Wakes every waiter so it rechecks readiness; call after a state change that may make something ready. */
    public void wakeUp() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** {@code pollable.block}: returns once {@code p} is ready. */
    public void block(Pollable p) {
        checkStop();
        synchronized (monitor) {
            while (!p.isReady()) {
                await(p.deadline());
            }
            p.markObservedReady();
        }
    }

    /** {@code pollable.ready}: whether {@code p} is ready now. */
    public boolean ready(Pollable p) {
        synchronized (monitor) {
            boolean r = p.isReady();
            if (r) {
                p.markObservedReady();
            }
            return r;
        }
    }

    /**
     * {@code poll}: blocks until at least one of {@code ps} is ready and returns the indexes of all
     * ready ones, ascending. An empty list traps, as it could never return.
     */
    public int[] poll(List<Pollable> ps) {
        if (ps.isEmpty()) {
            throw new Trap(TrapKind.UNREACHABLE, "wasi:io/poll.poll called with an empty list");
        }
        checkStop();
        synchronized (monitor) {
            while (true) {
                int count = 0;
                long earliest = Long.MAX_VALUE;
                boolean[] ready = new boolean[ps.size()];
                for (int i = 0; i < ready.length; i++) {
                    Pollable p = ps.get(i);
                    if (p.isReady()) {
                        ready[i] = true;
                        count++;
                    } else {
                        earliest = Math.min(earliest, p.deadline());
                    }
                }
                if (count > 0) {
                    int[] out = new int[count];
                    for (int i = 0, j = 0; i < ready.length; i++) {
                        if (ready[i]) {
                            out[j++] = i;
                            ps.get(i).markObservedReady();
                        }
                    }
                    return out;
                }
                await(earliest);
            }
        }
    }

    /**
     * Waits (monitor held) until notified or until the clock reaches {@code deadline}; may return
     * early (spurious wake-up): callers loop and recheck. Checks interruption and the run deadline.
     */
    private void await(long deadline) {
        long timeout = Long.MAX_VALUE;
        if (deadline != Long.MAX_VALUE) {
            // Clock time and real time advance alike for real clocks; for an injected clock this
            // is only the next time to look again, never a busy loop.
            timeout = Math.max(deadline - clock.nanoTime(), 0);
            if (timeout == 0) {
                return;
            }
        }
        if (hasRunDeadline) {
            long left = runDeadline - System.nanoTime();
            if (left <= 0) {
                throw new Trap(TrapKind.INTERRUPTED, "the run's deadline passed while the guest was waiting");
            }
            timeout = Math.min(timeout, left);
        }
        try {
            if (timeout == Long.MAX_VALUE) {
                monitor.wait();
            } else {
                TimeUnit.NANOSECONDS.timedWait(monitor, timeout);
            }
        } catch (InterruptedException e) {
            // Keep the thread's interrupt status for whoever runs the guest.
            Thread.currentThread().interrupt();
            if (hasRunDeadline && runDeadline - System.nanoTime() <= 0) {
                throw new Trap(TrapKind.INTERRUPTED, "the run's deadline passed while the guest was waiting", e);
            }
            throw new Trap(TrapKind.INTERRUPTED, "the guest thread was interrupted while blocked in WASI", e);
        }
    }

    /**
     * Traps if the guest thread has been interrupted or the run's deadline has passed. Called on
     * entry to every blocking operation, so a guest that keeps doing I/O whose pollables happen to
     * be ready still stops.
     */
    public void checkStop() {
        if (hasRunDeadline && runDeadline - System.nanoTime() <= 0) {
            throw new Trap(TrapKind.INTERRUPTED, "the run's deadline passed");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new Trap(TrapKind.INTERRUPTED, "the guest thread was interrupted");
        }
    }
}

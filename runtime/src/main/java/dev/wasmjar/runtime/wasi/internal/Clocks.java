package dev.wasmjar.runtime.wasi.internal;

import java.lang.invoke.MethodHandles;
import java.time.Instant;

/**
 * {@code wasi:clocks/monotonic-clock} and {@code wasi:clocks/wall-clock}. A {@code datetime}
 * record ({@code seconds: u64, nanoseconds: u32}) is returned in the return area: the seconds at
 * 0, the nanoseconds at 8.
 */
final class Clocks {
    static final String MONOTONIC = "wasi:clocks/monotonic-clock";
    static final String WALL = "wasi:clocks/wall-clock";

    private final WasiContext ctx;

    private Clocks(WasiContext ctx) {
        this.ctx = ctx;
    }

    static void register(HostFunctions f, WasiContext ctx) {
        Clocks c = new Clocks(ctx);
        MethodHandles.Lookup l = MethodHandles.lookup();
        f.define(MONOTONIC, "now", "()->(i64)", l, c, "monotonicNow");
        f.define(MONOTONIC, "resolution", "()->(i64)", l, c, "monotonicResolution");
        f.define(MONOTONIC, "subscribe-instant", "(i64)->(i32)", l, c, "subscribeInstant");
        f.define(MONOTONIC, "subscribe-duration", "(i64)->(i32)", l, c, "subscribeDuration");
        f.define(WALL, "now", "(i32)->()", l, c, "wallNow");
        f.define(WALL, "resolution", "(i32)->()", l, c, "wallResolution");
    }

    private long monotonicNow() {
        return ctx.monotonicClock().nanoTime();
    }

    private long monotonicResolution() {
        return ctx.monotonicClock().resolutionNanos();
    }

    /** {@code when} is an unsigned u64: values past {@link Long#MAX_VALUE} mean "never". */
    private int subscribeInstant(long when) {
        long deadline = when < 0 ? Long.MAX_VALUE : when;
        return ctx.table().add(new DeadlinePollable(ctx.monotonicClock(), deadline));
    }

    private int subscribeDuration(long duration) {
        long deadline = DeadlinePollable.deadlineAfter(ctx.monotonicClock().nanoTime(), duration);
        return ctx.table().add(new DeadlinePollable(ctx.monotonicClock(), deadline));
    }

    private void wallNow(int ret) {
        Instant now = ctx.config().wallClock().instant();
        GuestMemory mem = ctx.memory();
        // Times before 1970 cannot be expressed (seconds is unsigned): clamp to the epoch.
        boolean beforeEpoch = now.getEpochSecond() < 0;
        mem.storeI64(ret, beforeEpoch ? 0 : now.getEpochSecond());
        mem.storeI32(ret + 8, beforeEpoch ? 0 : now.getNano());
    }

    /** Java's system clock ticks in microseconds at best on common platforms. */
    private void wallResolution(int ret) {
        GuestMemory mem = ctx.memory();
        mem.storeI64(ret, 0);
        mem.storeI32(ret + 8, 1000);
    }
}

package dev.wasmjar.runtime.wasi.internal;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;

/** {@code wasi:io/poll}: the pollable resource and {@code poll}, on the host's {@link PollWaiter}. */
final class IoPoll {
    static final String IFACE = "wasi:io/poll";

    private final WasiContext ctx;

    private IoPoll(WasiContext ctx) {
        this.ctx = ctx;
    }

    static void register(HostFunctions f, WasiContext ctx) {
        IoPoll p = new IoPoll(ctx);
        MethodHandles.Lookup l = MethodHandles.lookup();
        f.define(IFACE, "[method]pollable.ready", "(i32)->(i32)", l, p, "ready");
        f.define(IFACE, "[method]pollable.block", "(i32)->()", l, p, "block");
        f.define(IFACE, "poll", "(i32 i32 i32)->()", l, p, "poll");
        f.define(IFACE, "[resource-drop]pollable", "(i32)->()", l, p, "drop");
    }

    private int ready(int self) {
        return ctx.waiter().ready(ctx.table().get(self, Pollable.class)) ? 1 : 0;
    }

    private void block(int self) {
        ctx.waiter().block(ctx.table().get(self, Pollable.class));
    }

    /** {@code poll(in: list<borrow<pollable>>) -> list<u32>}: handles in, indexes out via the return area. */
    private void poll(int ptr, int len, int ret) {
        GuestMemory mem = ctx.memory();
        mem.checkRange(ptr, (int) Math.min((long) len * 4, Integer.MAX_VALUE));
        List<Pollable> ps = new ArrayList<>(len);
        for (int i = 0; i < len; i++) {
            ps.add(ctx.table().get(mem.memory().readInt(ptr + 4 * i), Pollable.class));
        }
        int[] ready = ctx.waiter().poll(ps);
        int out = mem.storeListHeader(ret, ready.length, 4, 4);
        for (int i = 0; i < ready.length; i++) {
            mem.storeI32(out + 4 * i, ready[i]);
        }
    }

    private void drop(int self) {
        ctx.table().drop(self, Pollable.class);
    }
}

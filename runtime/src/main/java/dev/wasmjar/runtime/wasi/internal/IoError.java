package dev.wasmjar.runtime.wasi.internal;

import java.lang.invoke.MethodHandles;

/** {@code wasi:io/error}: the error resource handed out with {@code last-operation-failed}. */
final class IoError {
    static final String IFACE = "wasi:io/error";

    private final WasiContext ctx;

    private IoError(WasiContext ctx) {
        this.ctx = ctx;
    }

    static void register(HostFunctions f, WasiContext ctx) {
        IoError e = new IoError(ctx);
        MethodHandles.Lookup l = MethodHandles.lookup();
        f.define(IFACE, "[method]error.to-debug-string", "(i32 i32)->()", l, e, "toDebugString");
        f.define(IFACE, "[resource-drop]error", "(i32)->()", l, e, "drop");
    }

    /** Returns a string: {@code (ptr, len)} in the return area. */
    private void toDebugString(int self, int ret) {
        String s = ctx.table().get(self, ErrorResource.class).debugString();
        ctx.memory().storeString(ret, s);
    }

    private void drop(int self) {
        ctx.table().drop(self, ErrorResource.class);
    }
}

package dev.wasmjar.runtime.wasi.internal.fs;

import dev.wasmjar.runtime.wasi.internal.GuestMemory;
import dev.wasmjar.runtime.wasi.internal.HostFunctions;
import dev.wasmjar.runtime.wasi.internal.WasiContext;
import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * {@code wasi:filesystem/preopens.get-directories}: a fresh descriptor for every preopen, lowered
 * as {@code list<tuple<own<descriptor>, string>>} ({@code (ptr, len)} at the return area; each
 * 12-byte element holds the handle at 0 and the guest path's {@code (ptr, len)} at 4).
 */
final class FilesystemPreopens {
    static final String IFACE = "wasi:filesystem/preopens";

    private final WasiContext ctx;
    private final List<Preopen> preopens;

    private FilesystemPreopens(WasiContext ctx, List<Preopen> preopens) {
        this.ctx = ctx;
        this.preopens = preopens;
    }

    static void register(HostFunctions f, WasiContext ctx, List<Preopen> preopens) {
        FilesystemPreopens p = new FilesystemPreopens(ctx, preopens);
        f.define(IFACE, "get-directories", "(i32)->()", MethodHandles.lookup(), p, "getDirectories");
    }

    private void getDirectories(int ret) {
        GuestMemory mem = ctx.memory();
        int base = mem.storeListHeader(ret, preopens.size(), 12, 4);
        for (int i = 0; i < preopens.size(); i++) {
            Preopen p = preopens.get(i);
            int at = base + 12 * i;
            mem.storeI32(at, ctx.table().add(p.open()));
            mem.storeString(at + 4, p.guestPath());
        }
    }
}

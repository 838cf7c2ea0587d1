package dev.wasmjar.runtime.wasi.internal.preview1;

import dev.wasmjar.runtime.wasi.internal.HostFunctions;
import dev.wasmjar.runtime.wasi.internal.WasiContext;

/**
 * WASI preview1 ({@code wasi_snapshot_preview1}) and its predecessor {@code wasi_unstable} as a
 * thin layer over the WASI 0.2 host: the same config, stdio streams, clocks, randomness, poll
 * waiter and filesystem sandbox, plus what preview1 keeps per descriptor (numbers, rights,
 * offsets, flags). Both modules share one descriptor table.
 */
public final class Preview1 {
    private Preview1() {
    }

    /** Declares every preview1 and {@code wasi_unstable} function of the host {@code ctx}. */
    public static void register(HostFunctions f, WasiContext ctx) {
        Preview1State state = new Preview1State(ctx);
        for (Abi abi : Abi.values()) {
            ProcFunctions.register(f, state, abi);
            FdFunctions.register(f, state, abi);
            PathFunctions.register(f, state, abi);
            PollFunctions.register(f, state, abi, ProcFunctions.clocks(state));
        }
        ctx.onClose(state.fds::closeAll);
    }
}

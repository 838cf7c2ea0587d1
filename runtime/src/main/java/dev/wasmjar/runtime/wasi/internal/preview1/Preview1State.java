package dev.wasmjar.runtime.wasi.internal.preview1;

import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.wasi.WasiConfig;
import dev.wasmjar.runtime.wasi.internal.WasiContext;
import dev.wasmjar.runtime.wasi.internal.fs.FsException;
import dev.wasmjar.runtime.wasi.internal.fs.Preopen;
import java.nio.charset.StandardCharsets;

/**
 * What the preview1 functions of one host share: the 0.2 {@link WasiContext} (config, stdio,
 * clocks, waiter, memory) and the descriptor table, which starts with stdio at 0–2 and the
 * preopens from 3 in the configured order.
 */
final class Preview1State {
    /** Most open descriptors, as a typical {@code RLIMIT_NOFILE}. */
    static final int MAX_FDS = 1 << 16;

    final WasiContext ctx;
    final FdTable fds = new FdTable(MAX_FDS);

    Preview1State(WasiContext ctx) {
        this.ctx = ctx;
        try {
            fds.add(new OpenFd.Stream(ctx.stdin(), null));
            fds.add(new OpenFd.Stream(null, ctx.stdout()));
            fds.add(new OpenFd.Stream(null, ctx.stderr()));
            for (WasiConfig.Preopen p : ctx.config().preopens()) {
                Preopen preopen = new Preopen(p.hostPath(), p.guestPath(), p.readOnly());
                fds.add(new OpenFd.Directory(preopen.open(), p.guestPath(), Rights.DIRECTORY, Rights.ALL));
            }
        } catch (WasiError e) {
            throw new IllegalStateException("too many preopens", e);
        }
    }

    /** The guest's memory (traps if the host is not bound yet). */
    Memory memory() {
        return ctx.memory().memory();
    }

    /** A UTF-8 path argument; {@code EILSEQ} if not valid UTF-8, as the WASI string type requires. */
    String path(int ptr, int len) throws WasiError {
        Memory m = memory();
        Memory.check(ptr, len, m.buffer().length);
        java.nio.charset.CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder();
        try {
            return dec.decode(java.nio.ByteBuffer.wrap(m.buffer(), ptr, len)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new WasiError(Errno.ILSEQ);
        }
    }

    /** Total length of an iovec array; {@code EINVAL} if it exceeds what one call can move. */
    int iovTotal(int iovs, int count) throws WasiError {
        Memory m = memory();
        Memory.check(iovs, count * 8, m.buffer().length);
        long total = 0;
        for (int i = 0; i < count; i++) {
            int ptr = m.readInt(iovs + 8 * i);
            int len = m.readInt(iovs + 8 * i + 4);
            Memory.check(ptr, len, m.buffer().length);
            total += Integer.toUnsignedLong(len);
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new WasiError(Errno.INVAL);
        }
        return (int) total;
    }

    /** Copies the bytes of an iovec array into one array. */
    byte[] gather(int iovs, int count) throws WasiError {
        byte[] out = new byte[iovTotal(iovs, count)];
        Memory m = memory();
        byte[] mem = m.buffer();
        int at = 0;
        for (int i = 0; i < count; i++) {
            int ptr = m.readInt(iovs + 8 * i);
            int len = m.readInt(iovs + 8 * i + 4);
            System.arraycopy(mem, ptr, out, at, len);
            at += len;
        }
        return out;
    }

    /** Spreads {@code data[0, n)} over an iovec array (which {@link #iovTotal} checked). */
    void scatter(int iovs, int count, byte[] data, int n) {
        Memory m = memory();
        byte[] mem = m.buffer();
        int at = 0;
        for (int i = 0; i < count && at < n; i++) {
            int ptr = m.readInt(iovs + 8 * i);
            int len = Math.min(m.readInt(iovs + 8 * i + 4), n - at);
            System.arraycopy(data, at, mem, ptr, len);
            at += len;
        }
    }

    /** The errno of a filesystem failure. */
    static int errno(FsException e) {
        return Errno.of(e);
    }
}

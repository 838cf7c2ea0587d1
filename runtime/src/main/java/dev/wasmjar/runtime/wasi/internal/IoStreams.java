package dev.wasmjar.runtime.wasi.internal;

import java.lang.invoke.MethodHandles;

/**
 * {@code wasi:io/streams}: input-stream and output-stream methods over
 * {@link InputStreamResource} / {@link OutputStreamResource}.
 *
 * <p>Return areas: {@code result<list<u8>, stream-error>} and {@code result<_, stream-error>}
 * put the discriminant at 0 and the payload at 4 ({@code (ptr, len)}, or the stream-error's own
 * discriminant at 4 and its error handle at 8); {@code result<u64, stream-error>} is 8-aligned,
 * so its payload sits at 8 (the u64, or the stream-error at 8 and 12).
 */
final class IoStreams {
    static final String IFACE = "wasi:io/streams";
    /** The most a single read hands the guest, whatever it asks for. */
    static final int MAX_READ = 1 << 20;

    private final WasiContext ctx;
    private final HandleTable table;
    /** Reused between calls: reads land here before being copied into a right-sized guest allocation. */
    private byte[] scratch = new byte[64 * 1024];

    private IoStreams(WasiContext ctx) {
        this.ctx = ctx;
        this.table = ctx.table();
    }

    static void register(HostFunctions f, WasiContext ctx) {
        IoStreams s = new IoStreams(ctx);
        MethodHandles.Lookup l = MethodHandles.lookup();
        f.define(IFACE, "[method]input-stream.read", "(i32 i64 i32)->()", l, s, "read");
        f.define(IFACE, "[method]input-stream.blocking-read", "(i32 i64 i32)->()", l, s, "blockingRead");
        f.define(IFACE, "[method]input-stream.skip", "(i32 i64 i32)->()", l, s, "skip");
        f.define(IFACE, "[method]input-stream.blocking-skip", "(i32 i64 i32)->()", l, s, "blockingSkip");
        f.define(IFACE, "[method]input-stream.subscribe", "(i32)->(i32)", l, s, "subscribeInput");
        f.define(IFACE, "[resource-drop]input-stream", "(i32)->()", l, s, "dropInput");
        f.define(IFACE, "[method]output-stream.check-write", "(i32 i32)->()", l, s, "checkWrite");
        f.define(IFACE, "[method]output-stream.write", "(i32 i32 i32 i32)->()", l, s, "write");
        f.define(IFACE, "[method]output-stream.blocking-write-and-flush", "(i32 i32 i32 i32)->()", l, s,
                "blockingWriteAndFlush");
        f.define(IFACE, "[method]output-stream.flush", "(i32 i32)->()", l, s, "flush");
        f.define(IFACE, "[method]output-stream.blocking-flush", "(i32 i32)->()", l, s, "blockingFlush");
        f.define(IFACE, "[method]output-stream.subscribe", "(i32)->(i32)", l, s, "subscribeOutput");
        f.define(IFACE, "[method]output-stream.write-zeroes", "(i32 i64 i32)->()", l, s, "writeZeroes");
        f.define(IFACE, "[method]output-stream.blocking-write-zeroes-and-flush", "(i32 i64 i32)->()", l, s,
                "blockingWriteZeroesAndFlush");
        f.define(IFACE, "[method]output-stream.splice", "(i32 i32 i64 i32)->()", l, s, "splice");
        f.define(IFACE, "[method]output-stream.blocking-splice", "(i32 i32 i64 i32)->()", l, s, "blockingSplice");
        f.define(IFACE, "[resource-drop]output-stream", "(i32)->()", l, s, "dropOutput");
    }

    // --- input-stream -----------------------------------------------------------------------

    private void read(int self, long len, int ret) {
        readInto(table.get(self, InputStreamResource.class), len, ret, false);
    }

    private void blockingRead(int self, long len, int ret) {
        readInto(table.get(self, InputStreamResource.class), len, ret, true);
    }

    private void readInto(InputStreamResource in, long len, int ret, boolean blocking) {
        GuestMemory mem = ctx.memory();
        if (blocking) {
            ctx.waiter().checkStop();
        }
        int max = clampLen(len, MAX_READ);
        int n = 0;
        try {
            if (max > 0) {
                byte[] buf = scratchOf(max);
                n = blocking ? blockingRead(in, buf, max) : in.read(buf, 0, max);
            }
        } catch (StreamException e) {
            storeError(mem, ret, 4, e);
            return;
        }
        mem.storeBytes(ret + 4, scratch, 0, n);
        mem.storeU8(ret, 0);
    }

    /** Reads at least one byte into {@code buf}, waiting while the stream has nothing. */
    int blockingRead(InputStreamResource in, byte[] buf, int max) throws StreamException {
        while (true) {
            int n = in.read(buf, 0, max);
            if (n != 0) {
                return n;
            }
            ctx.waiter().block(in.subscribe());
        }
    }

    private void skip(int self, long len, int ret) {
        skipIn(self, len, ret, false);
    }

    private void blockingSkip(int self, long len, int ret) {
        skipIn(self, len, ret, true);
    }

    private void skipIn(int self, long len, int ret, boolean blocking) {
        InputStreamResource in = table.get(self, InputStreamResource.class);
        GuestMemory mem = ctx.memory();
        long want = len < 0 ? Long.MAX_VALUE : len;
        long n = 0;
        try {
            if (want > 0) {
                n = in.skip(want);
                while (blocking && n == 0) {
                    ctx.waiter().block(in.subscribe());
                    n = in.skip(want);
                }
            }
        } catch (StreamException e) {
            storeError(mem, ret, 8, e);
            return;
        }
        mem.storeI64(ret + 8, n);
        mem.storeU8(ret, 0);
    }

    private int subscribeInput(int self) {
        return table.add(table.get(self, InputStreamResource.class).subscribe());
    }

    private void dropInput(int self) {
        table.drop(self, InputStreamResource.class);
    }

    // --- output-stream ----------------------------------------------------------------------

    private void checkWrite(int self, int ret) {
        OutputStreamResource out = table.get(self, OutputStreamResource.class);
        GuestMemory mem = ctx.memory();
        try {
            long n = out.checkWrite();
            mem.storeI64(ret + 8, n);
            mem.storeU8(ret, 0);
        } catch (StreamException e) {
            storeError(mem, ret, 8, e);
        }
    }

    private void write(int self, int ptr, int len, int ret) {
        OutputStreamResource out = table.get(self, OutputStreamResource.class);
        GuestMemory mem = ctx.memory();
        mem.checkRange(ptr, len);
        try {
            // Straight from guest memory: no copy.
            out.write(mem.buffer(), ptr, len);
            mem.storeU8(ret, 0);
        } catch (StreamException e) {
            storeError(mem, ret, 4, e);
        }
    }

    private void blockingWriteAndFlush(int self, int ptr, int len, int ret) {
        OutputStreamResource out = table.get(self, OutputStreamResource.class);
        GuestMemory mem = ctx.memory();
        mem.checkRange(ptr, len);
        try {
            awaitWritable(out);
            out.write(mem.buffer(), ptr, len);
            out.flush();
            awaitWritable(out);
            mem.storeU8(ret, 0);
        } catch (StreamException e) {
            storeError(mem, ret, 4, e);
        }
    }

    private void flush(int self, int ret) {
        OutputStreamResource out = table.get(self, OutputStreamResource.class);
        GuestMemory mem = ctx.memory();
        try {
            out.flush();
            mem.storeU8(ret, 0);
        } catch (StreamException e) {
            storeError(mem, ret, 4, e);
        }
    }

    private void blockingFlush(int self, int ret) {
        OutputStreamResource out = table.get(self, OutputStreamResource.class);
        GuestMemory mem = ctx.memory();
        try {
            out.flush();
            awaitWritable(out);
            mem.storeU8(ret, 0);
        } catch (StreamException e) {
            storeError(mem, ret, 4, e);
        }
    }

    private int subscribeOutput(int self) {
        return table.add(table.get(self, OutputStreamResource.class).subscribe());
    }

    private void writeZeroes(int self, long len, int ret) {
        zeroes(self, len, ret, false);
    }

    private void blockingWriteZeroesAndFlush(int self, long len, int ret) {
        zeroes(self, len, ret, true);
    }

    private void zeroes(int self, long len, int ret, boolean blocking) {
        OutputStreamResource out = table.get(self, OutputStreamResource.class);
        GuestMemory mem = ctx.memory();
        try {
            if (blocking) {
                awaitWritable(out);
            }
            long left = len < 0 ? Long.MAX_VALUE : len;
            byte[] zeros = new byte[(int) Math.min(left, 64 * 1024)];
            while (left > 0) {
                int n = (int) Math.min(left, zeros.length);
                out.write(zeros, 0, n);
                left -= n;
            }
            if (blocking) {
                out.flush();
                awaitWritable(out);
            }
            mem.storeU8(ret, 0);
        } catch (StreamException e) {
            storeError(mem, ret, 4, e);
        }
    }

    private void splice(int self, int src, long len, int ret) {
        spliceIn(self, src, len, ret, false);
    }

    private void blockingSplice(int self, int src, long len, int ret) {
        spliceIn(self, src, len, ret, true);
    }

    private void spliceIn(int self, int src, long len, int ret, boolean blocking) {
        OutputStreamResource out = table.get(self, OutputStreamResource.class);
        InputStreamResource in = table.get(src, InputStreamResource.class);
        GuestMemory mem = ctx.memory();
        long n = 0;
        try {
            if (blocking) {
                awaitWritable(out);
            }
            int max = (int) Math.min(clampLen(len, MAX_READ), out.checkWrite());
            if (max > 0) {
                byte[] buf = scratchOf(max);
                n = blocking ? blockingRead(in, buf, max) : in.read(buf, 0, max);
                if (n > 0) {
                    out.write(buf, 0, (int) n);
                }
            }
        } catch (StreamException e) {
            storeError(mem, ret, 8, e);
            return;
        }
        mem.storeI64(ret + 8, n);
        mem.storeU8(ret, 0);
    }

    private void dropOutput(int self) {
        table.drop(self, OutputStreamResource.class);
    }

    // --- helpers ----------------------------------------------------------------------------

    /** Waits until {@code out} accepts writes (or has failed, which check-write then reports). */
    private void awaitWritable(OutputStreamResource out) throws StreamException {
        ctx.waiter().checkStop();
        if (out.checkWrite() == 0) {
            ctx.waiter().block(out.subscribe());
        }
    }

    /** Stores {@code err(stream-error)}: discriminant 1 at 0, the stream-error at {@code payload}. */
    private void storeError(GuestMemory mem, int ret, int payload, StreamException e) {
        if (e.isClosed()) {
            mem.storeU8(ret + payload, 1);
        } else {
            mem.storeI32(ret + payload + 4, ctx.newError(e));
            mem.storeU8(ret + payload, 0);
        }
        mem.storeU8(ret, 1);
    }

    private byte[] scratchOf(int n) {
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, Math.min(scratch.length * 2, MAX_READ))];
        }
        return scratch;
    }

    /** An unsigned u64 length as an int no larger than {@code max}. */
    static int clampLen(long len, int max) {
        return len < 0 || len > max ? max : (int) len;
    }
}

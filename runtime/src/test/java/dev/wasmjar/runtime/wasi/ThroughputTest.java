package dev.wasmjar.runtime.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The host's share of a TinyGo {@code cat}: blocking-read into fresh guest allocations, then
 * blocking-write-and-flush in 4 KiB pieces, for many megabytes: every byte arrives, in order.
 * The rate is printed for information only; the speed target is checked by
 * {@code CatThroughputBenchmark}, not by a timed test on a shared machine.
 */
class ThroughputTest {
    private static final String S = "wasi:io/streams";

    /** The byte at stream position {@code p}: a pattern in which misplaced or lost bytes show. */
    static byte at(long p) {
        return (byte) (p ^ (p >>> 8) ^ (p >>> 16));
    }

    /** {@code size} bytes of {@link #at}. */
    private static final class Source extends InputStream {
        private final long size;
        private long pos;

        Source(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return pos < size ? at(pos++) & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - pos);
            for (int k = 0; k < n; k++) {
                b[off + k] = at(pos++);
            }
            return n;
        }
    }

    /** Counts bytes and the first one that differs from {@link #at} (-1: none). */
    private static final class Sink extends OutputStream {
        long count;
        long firstWrong = -1;

        @Override
        public void write(int b) {
            check((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int k = 0; k < len; k++) {
                check(b[off + k]);
            }
        }

        private void check(byte b) {
            if (b != at(count) && firstWrong < 0) {
                firstWrong = count;
            }
            count++;
        }
    }

    @Test
    @Timeout(60)
    void catThroughTheHostDeliversEveryByteInOrder() {
        long size = (64L << 20) + 12345;
        Sink sink = new Sink();
        FakeGuest g = new FakeGuest(WasiConfig.builder().stdin(new Source(size)).stdout(sink).build());
        int in = g.callInt("wasi:cli/stdin", "get-stdin");
        int out = g.callInt("wasi:cli/stdout", "get-stdout");
        var read = (dev.wasmjar.runtime.WasmFunction) g.host.resolver().resolve(S + "@0.2.0",
                "[method]input-stream.blocking-read");
        var write = (dev.wasmjar.runtime.WasmFunction) g.host.resolver().resolve(S + "@0.2.0",
                "[method]output-stream.blocking-write-and-flush");
        int ret = FakeGuest.RET;
        long start = System.nanoTime();
        try {
            while (true) {
                g.resetHeap();
                read.handle().invokeExact(in, 65536L, ret);
                if (g.u8(ret) != 0) {
                    break;
                }
                int ptr = g.i32(ret + 4);
                int len = g.i32(ret + 8);
                for (int off = 0; off < len; off += 4096) {
                    write.handle().invokeExact(out, ptr + off, Math.min(4096, len - off), ret + 16);
                }
            }
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double mbps = size / 1e6 / seconds;
        System.out.printf("host cat: %.0f MB/s%n", mbps);
        assertEquals(size, sink.count);
        assertEquals(-1, sink.firstWrong, "first wrong byte at this position");
    }
}

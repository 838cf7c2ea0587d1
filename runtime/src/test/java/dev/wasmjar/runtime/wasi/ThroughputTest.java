package dev.wasmjar.runtime.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The host's share of a TinyGo {@code cat}: blocking-read into fresh guest allocations, then
 * blocking-write-and-flush in 4 KiB pieces. The whole program must reach 500 MB/s, so the host
 * alone must be much faster than that.
 */
class ThroughputTest {
    private static final String S = "wasi:io/streams";

    /** An endless-ish source that costs next to nothing per byte. */
    private static final class Source extends InputStream {
        private long left;

        Source(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? 'x' : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            left -= n;
            return n;
        }
    }

    /** Counts bytes. */
    private static final class Sink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    @Test
    @Timeout(60)
    void catThroughTheHostIsFast() {
        long size = 512L << 20;
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
        assertTrue(mbps > 500, "host-side cat only reached " + mbps + " MB/s");
    }
}

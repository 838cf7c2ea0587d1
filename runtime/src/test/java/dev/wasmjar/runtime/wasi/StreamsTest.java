package dev.wasmjar.runtime.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.runtime.Trap;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class StreamsTest {
    private static final String S = "wasi:io/streams";
    private static final int RET = FakeGuest.RET;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(10)
    void readIsNonBlockingAndReportsClosedAtEnd() throws Exception {
        PipedOutputStream producer = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(producer, 1 << 16);
        FakeGuest g = new FakeGuest(WasiConfig.builder().stdin(in).build());
        int h = g.callInt("wasi:cli/stdin", "get-stdin");

        g.call(S, "[method]input-stream.read", h, 100L, RET);
        assertEquals(0, g.u8(RET), "ok");
        assertEquals(0, g.i32(RET + 8), "nothing yet: an empty list, not an error");

        producer.write(bytes("abc"));
        producer.flush();
        int p = g.callInt(S, "[method]input-stream.subscribe", h);
        g.call("wasi:io/poll", "[method]pollable.block", p);
        assertEquals(1, g.callInt("wasi:io/poll", "[method]pollable.ready", p));
        g.call(S, "[method]input-stream.read", h, 2L, RET);
        assertEquals(0, g.u8(RET));
        assertEquals("ab", g.stringAt(RET + 4));

        producer.close();
        g.call(S, "[method]input-stream.blocking-read", h, 100L, RET);
        assertEquals("c", g.stringAt(RET + 4));
        g.call(S, "[method]input-stream.blocking-read", h, 100L, RET);
        assertEquals(1, g.u8(RET), "err");
        assertEquals(1, g.u8(RET + 4), "stream-error.closed");
        g.call(S, "[method]input-stream.read", h, 100L, RET);
        assertEquals(1, g.u8(RET + 4), "still closed");
    }

    @Test
    @Timeout(10)
    void blockingReadWakesPromptlyWhenAProducerWrites() throws Exception {
        PipedOutputStream producer = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(producer, 1 << 16);
        FakeGuest g = new FakeGuest(WasiConfig.builder().stdin(in).build());
        int h = g.callInt("wasi:cli/stdin", "get-stdin");
        long[] writtenAt = new long[1];
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(300);
                writtenAt[0] = System.nanoTime();
                producer.write(bytes("late"));
                producer.flush();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        long start = System.nanoTime();
        t.start();
        g.call(S, "[method]input-stream.blocking-read", h, 100L, RET);
        long end = System.nanoTime();
        t.join();
        assertEquals(0, g.u8(RET));
        assertEquals("late", g.stringAt(RET + 4));
        assertTrue(end - start >= TimeUnit.MILLISECONDS.toNanos(250), "it did wait");
        // PipedInputStream itself polls once a second at worst; our side must not add a poll
        // interval of its own. The bound leaves a loaded machine several seconds of slack.
        long lag = TimeUnit.NANOSECONDS.toMillis(end - writtenAt[0]);
        assertTrue(lag < 5000, "woke " + lag + " ms after the write");
    }

    @Test
    @Timeout(10)
    void largeBinaryInputArrivesIntactThroughBlockingReads() {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(1).nextBytes(data);
        FakeGuest g = new FakeGuest(WasiConfig.builder().stdin(new ByteArrayInputStream(data)).build());
        int h = g.callInt("wasi:cli/stdin", "get-stdin");
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (true) {
            g.call(S, "[method]input-stream.blocking-read", h, 40000L, RET);
            if (g.u8(RET) != 0) {
                assertEquals(1, g.u8(RET + 4));
                break;
            }
            byte[] chunk = g.listAt(RET + 4);
            // At most 4 KiB per read: see WasiContext.STDIN_MAX_READ (TinyGo 0.33 write bug).
            assertTrue(chunk.length > 0 && chunk.length <= 4096, "chunk of " + chunk.length);
            got.writeBytes(chunk);
        }
        assertArrayEquals(data, got.toByteArray());
    }

    @Test
    void skipAndZeroLengthReads() {
        FakeGuest g = new FakeGuest(WasiConfig.builder().stdin(new ByteArrayInputStream(bytes("0123456789"))).build());
        int h = g.callInt("wasi:cli/stdin", "get-stdin");
        g.call(S, "[method]input-stream.blocking-read", h, 0L, RET);
        assertEquals(0, g.u8(RET));
        assertEquals(0, g.i32(RET + 8));
        g.call(S, "[method]input-stream.blocking-skip", h, 4L, RET);
        assertEquals(0, g.u8(RET));
        long skipped = g.i64(RET + 8);
        assertTrue(skipped >= 1 && skipped <= 4);
        g.call(S, "[method]input-stream.blocking-skip", h, 4L - skipped, RET);
        g.call(S, "[method]input-stream.blocking-read", h, 100L, RET);
        assertTrue(g.stringAt(RET + 4).startsWith("4"), g.stringAt(RET + 4));
    }

    @Test
    void emptyStdinIsClosedImmediately() {
        FakeGuest g = new FakeGuest(WasiConfig.builder().stdin(null).build());
        int h = g.callInt("wasi:cli/stdin", "get-stdin");
        g.call(S, "[method]input-stream.blocking-read", h, 10L, RET);
        assertEquals(1, g.u8(RET));
        assertEquals(1, g.u8(RET + 4));
        g.call(S, "[method]input-stream.skip", h, 10L, RET);
        assertEquals(1, g.u8(RET));
        assertEquals(1, g.u8(RET + 8), "u64 result: stream-error at offset 8");
    }

    @Test
    void failedWriteIsLastOperationFailedWithAnErrorThenClosed() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk on fire");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk on fire");
            }
        };
        FakeGuest g = new FakeGuest(WasiConfig.builder().stdout(broken).build());
        int h = g.callInt("wasi:cli/stdout", "get-stdout");
        g.call(S, "[method]output-stream.write", h, g.put(bytes("x")), 1, RET);
        assertEquals(1, g.u8(RET), "err");
        assertEquals(0, g.u8(RET + 4), "last-operation-failed");
        int err = g.i32(RET + 8);
        g.call("wasi:io/error", "[method]error.to-debug-string", err, RET + 16);
        assertTrue(g.stringAt(RET + 16).contains("disk on fire"), g.stringAt(RET + 16));
        g.call("wasi:io/error", "[resource-drop]error", err);

        g.call(S, "[method]output-stream.check-write", h, RET);
        assertEquals(1, g.u8(RET));
        assertEquals(1, g.u8(RET + 8), "closed, at the u64 result's payload offset");
        g.call(S, "[method]output-stream.blocking-write-and-flush", h, g.put(bytes("x")), 1, RET);
        assertEquals(1, g.u8(RET + 4), "closed");
    }

    @Test
    void checkWriteFlushZeroesAndSubscribe() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FakeGuest g = new FakeGuest(WasiConfig.builder().stdout(out).build());
        int h = g.callInt("wasi:cli/stdout", "get-stdout");
        g.call(S, "[method]output-stream.check-write", h, RET);
        assertEquals(0, g.u8(RET));
        assertTrue(g.i64(RET + 8) >= 4096);
        g.call(S, "[method]output-stream.write-zeroes", h, 3L, RET);
        assertEquals(0, g.u8(RET));
        g.call(S, "[method]output-stream.blocking-write-zeroes-and-flush", h, 2L, RET);
        g.call(S, "[method]output-stream.flush", h, RET);
        g.call(S, "[method]output-stream.blocking-flush", h, RET);
        assertEquals(0, g.u8(RET));
        assertArrayEquals(new byte[5], out.toByteArray());
        int p = g.callInt(S, "[method]output-stream.subscribe", h);
        assertEquals(1, g.callInt("wasi:io/poll", "[method]pollable.ready", p));
        g.call("wasi:io/poll", "[resource-drop]pollable", p);
        assertThrows(Trap.class, () -> g.call("wasi:io/poll", "[method]pollable.ready", p));
    }

    @Test
    @Timeout(10)
    void spliceCopiesFromStdinToStdout() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FakeGuest g = new FakeGuest(WasiConfig.builder()
                .stdin(new ByteArrayInputStream(bytes("spliced!"))).stdout(out).build());
        int in = g.callInt("wasi:cli/stdin", "get-stdin");
        int o = g.callInt("wasi:cli/stdout", "get-stdout");
        long total = 0;
        while (true) {
            g.call(S, "[method]output-stream.blocking-splice", o, in, 3L, RET);
            if (g.u8(RET) != 0) {
                assertEquals(1, g.u8(RET + 8), "closed");
                break;
            }
            long n = g.i64(RET + 8);
            assertTrue(n > 0 && n <= 3);
            total += n;
        }
        assertEquals(8, total);
        assertEquals("spliced!", out.toString(StandardCharsets.UTF_8));
        // Non-blocking splice at end of input is closed as well.
        g.call(S, "[method]output-stream.splice", o, in, 3L, RET);
        assertEquals(1, g.u8(RET));
    }

    @Test
    void wrongHandleTypesTrap() {
        FakeGuest g = new FakeGuest(WasiConfig.builder().stdin(null).build());
        int in = g.callInt("wasi:cli/stdin", "get-stdin");
        assertThrows(Trap.class, () -> g.call(S, "[method]output-stream.check-write", in, RET));
        assertThrows(Trap.class, () -> g.call(S, "[method]input-stream.read", 12345, 1L, RET));
    }

    @Test
    void writeOutOfBoundsTraps() {
        FakeGuest g = new FakeGuest(WasiConfig.builder().stdout(new ByteArrayOutputStream()).build());
        int o = g.callInt("wasi:cli/stdout", "get-stdout");
        assertThrows(Trap.class, () -> g.call(S, "[method]output-stream.write", o, 65530, 100, RET));
    }
}

package dev.wasmjar.runtime.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PollTest {
    private static final String POLL = "wasi:io/poll";
    private static final String MONO = "wasi:clocks/monotonic-clock";
    private static final int RET = FakeGuest.RET;

    @Test
    @Timeout(20)
    void sleepingOneSecondCostsAlmostNoCpu() {
        FakeGuest g = new FakeGuest(WasiConfig.builder().build());
        // a first short sleep loads and links the host's classes, whose CPU cost is not the sleep's
        g.call(POLL, "[method]pollable.block", g.callInt(MONO, "subscribe-duration", TimeUnit.MILLISECONDS.toNanos(1)));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int p = g.callInt(MONO, "subscribe-duration", TimeUnit.SECONDS.toNanos(1));
        g.call(POLL, "[method]pollable.block", p);
        long wall = System.nanoTime() - t0;
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        assertTrue(wall >= TimeUnit.MILLISECONDS.toNanos(999), "slept only " + wall / 1_000_000 + " ms");
        // only a hang fails this: how far sleeps overshoot is measured by sleepbench, not by a test
        assertTrue(wall < TimeUnit.SECONDS.toNanos(10), "overslept: " + wall / 1_000_000 + " ms");
        // < 5 % of a core is the goal; a noisy machine gets a generous margin (a spin loop would be ~100 %).
        assertTrue(cpu < TimeUnit.MILLISECONDS.toNanos(100), "the sleep used " + cpu / 1_000_000 + " ms of CPU");
    }

    @Test
    @Timeout(10)
    void pollReturnsTheIndexesOfReadyPollables() {
        long[] now = {1000};
        FakeGuest g = new FakeGuest(WasiConfig.builder().monotonicClock(() -> now[0]).stdin(null).build());
        assertEquals(1000, g.callLong(MONO, "now"));
        int later = g.callInt(MONO, "subscribe-duration", 500L);
        int past = g.callInt(MONO, "subscribe-instant", 10L);
        int never = g.callInt(MONO, "subscribe-duration", -1L); // u64 max: never
        int stdin = g.callInt("wasi:io/streams", "[method]input-stream.subscribe",
                g.callInt("wasi:cli/stdin", "get-stdin")); // empty stdin: at end, so ready
        int list = 2048;
        int[] hs = {later, past, never, stdin};
        for (int i = 0; i < hs.length; i++) {
            g.memory.writeInt(list + 4 * i, hs[i]);
        }
        g.call(POLL, "poll", list, hs.length, RET);
        assertEquals(2, g.i32(RET + 4));
        int out = g.i32(RET);
        assertEquals(1, g.i32(out));
        assertEquals(3, g.i32(out + 4));
        assertEquals(0, g.callInt(POLL, "[method]pollable.ready", later));
        now[0] = 1500;
        assertEquals(1, g.callInt(POLL, "[method]pollable.ready", later));
        assertEquals(0, g.callInt(POLL, "[method]pollable.ready", never));
    }

    @Test
    @Timeout(10)
    void pollWaitsForTheEarliestDeadline() {
        FakeGuest g = new FakeGuest(WasiConfig.builder().build());
        int slow = g.callInt(MONO, "subscribe-duration", TimeUnit.SECONDS.toNanos(5));
        int fast = g.callInt(MONO, "subscribe-duration", TimeUnit.MILLISECONDS.toNanos(200));
        g.memory.writeInt(2048, slow);
        g.memory.writeInt(2052, fast);
        long t0 = System.nanoTime();
        g.call(POLL, "poll", 2048, 2, RET);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms >= 199 && ms < 10_000, ms + " ms");
        assertEquals(1, g.i32(RET + 4));
        assertEquals(1, g.i32(g.i32(RET)));
    }

    @Test
    void pollingNothingTraps() {
        FakeGuest g = new FakeGuest(WasiConfig.builder().build());
        assertThrows(Trap.class, () -> g.call(POLL, "poll", 2048, 0, RET));
    }

    @Test
    @Timeout(10)
    void interruptingABlockedGuestStopsItWithATrap() throws Exception {
        PipedInputStream stdin = new PipedInputStream(new PipedOutputStream());
        FakeGuest g = new FakeGuest(WasiConfig.builder().stdin(stdin).build());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        boolean[] interruptKept = new boolean[1];
        Thread guest = new Thread(() -> {
            try {
                int h = g.callInt("wasi:cli/stdin", "get-stdin");
                g.call("wasi:io/streams", "[method]input-stream.blocking-read", h, 10L, RET);
            } catch (Throwable t) {
                thrown.set(t);
                interruptKept[0] = Thread.currentThread().isInterrupted();
            }
        });
        guest.start();
        Thread.sleep(200);
        assertTrue(guest.isAlive(), "blocked");
        guest.interrupt();
        guest.join(2000);
        assertTrue(!guest.isAlive(), "stopped");
        Trap trap = assertTrapInterrupted(thrown.get());
        assertTrue(trap.getMessage().contains("interrupted"), trap.getMessage());
        assertTrue(interruptKept[0], "the interrupt status is preserved for the caller");
    }

    @Test
    @Timeout(10)
    void aConfiguredDeadlineStopsAWaitingRun() {
        FakeGuest[] holder = new FakeGuest[1];
        // A guest whose run sleeps for a minute.
        FakeGuest g = new FakeGuest(WasiConfig.builder().deadline(Duration.ofMillis(300)).build(),
                sleeper(() -> holder[0], 60));
        holder[0] = g;
        long t0 = System.nanoTime();
        Trap trap = assertThrows(Trap.class, () -> g.host.run(g));
        long blockedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(TrapKind.INTERRUPTED, trap.kind());
        assertTrue(trap.getMessage().contains("deadline"), trap.getMessage());
        assertTrue(blockedMs >= 290 && blockedMs < 10_000, blockedMs + " ms");
        assertTrue(!Thread.currentThread().isInterrupted(), "the host's own interrupt is cleared");
    }

    @Test
    @Timeout(10)
    void aDeadlineAlsoStopsAGuestBusyWithReadyIo() {
        FakeGuest[] holder = new FakeGuest[1];
        java.util.function.IntSupplier body = () -> {
            FakeGuest g = holder[0];
            int out = g.callInt("wasi:cli/stdout", "get-stdout");
            while (true) {
                g.call("wasi:io/streams", "[method]output-stream.blocking-write-and-flush", out, g.put(new byte[] {1}), 1, RET);
            }
        };
        dev.wasmjar.runtime.WasmFunction run;
        try {
            run = dev.wasmjar.runtime.WasmFunction.of(dev.wasmjar.runtime.FunctionType.parse("()->(i32)"),
                    java.lang.invoke.MethodHandles.lookup().findVirtual(java.util.function.IntSupplier.class,
                            "getAsInt", java.lang.invoke.MethodType.methodType(int.class)).bindTo(body));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        FakeGuest g = new FakeGuest(WasiConfig.builder().stdout(java.io.OutputStream.nullOutputStream())
                .deadline(Duration.ofMillis(200)).build(), run);
        holder[0] = g;
        Trap trap = assertThrows(Trap.class, () -> g.host.run(g));
        assertEquals(TrapKind.INTERRUPTED, trap.kind());
        assertTrue(trap.getMessage().contains("deadline"), trap.getMessage());
        assertTrue(!Thread.currentThread().isInterrupted());
    }

    /** A {@code run} export that sleeps {@code seconds} through WASI. */
    static dev.wasmjar.runtime.WasmFunction sleeper(java.util.function.Supplier<FakeGuest> guest, int seconds) {
        java.util.function.IntSupplier body = () -> {
            FakeGuest g = guest.get();
            int p = g.callInt(MONO, "subscribe-duration", TimeUnit.SECONDS.toNanos(seconds));
            g.call(POLL, "[method]pollable.block", p);
            return 0;
        };
        try {
            return dev.wasmjar.runtime.WasmFunction.of(dev.wasmjar.runtime.FunctionType.parse("()->(i32)"),
                    java.lang.invoke.MethodHandles.lookup().findVirtual(java.util.function.IntSupplier.class,
                            "getAsInt", java.lang.invoke.MethodType.methodType(int.class)).bindTo(body));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Trap assertTrapInterrupted(Throwable t) {
        assertTrue(t instanceof Trap, String.valueOf(t));
        Trap trap = (Trap) t;
        assertEquals(TrapKind.INTERRUPTED, trap.kind());
        return trap;
    }
}

package dev.wasmjar.compiler;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.BR;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.EMPTY_BLOCK;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.END;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.LOOP;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import dev.wasmjar.runtime.wasi.WasiConfig;
import dev.wasmjar.runtime.wasi.WasiHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A guest that computes forever, never calling the host, or that is blocked in WASI waiting for
 * something that never comes, still stops when asked to: by {@link Thread#interrupt} on the
 * thread running it, or by {@link WasiConfig.Builder#deadline}. Either way the run ends with an
 * {@link TrapKind#INTERRUPTED} trap. The real guests are the fault guests of testdata/faults
 * (WASI 0.2 and preview1); bounds are generous (30 s only catches a hang).
 */
class InterruptTest {
    private static final Duration HANG = Duration.ofSeconds(30);
    private static final Duration DEADLINE = Duration.ofMillis(300);

    /** How a fault guest is kept busy: computing, or blocked in WASI. */
    enum Busy {
        /** An endless loop in wasm code. */
        SPIN("spin"),
        /** Blocked on a clock pollable (preview1: poll_oneoff) that is never ready. */
        SLEEP("sleep-forever"),
        /** Blocked reading a stdin that never delivers. */
        READ("read-forever");

        final String mode;

        Busy(String mode) {
            this.mode = mode;
        }

        /** Whether {@code guest} is now doing this: in wasm code, or waiting in the WASI host. */
        boolean isDoing(Thread guest) {
            Thread.State state = guest.getState();
            boolean inWasm = false;
            boolean inPoll = false;
            for (StackTraceElement e : guest.getStackTrace()) {
                inWasm |= e.getClassName().startsWith("faults.");
                inPoll |= e.getClassName().endsWith(".PollWaiter");
            }
            return this == SPIN ? inWasm && !inPoll && state == Thread.State.RUNNABLE
                    : inPoll && (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING);
        }
    }

    /** All combinations of guest and what keeps it busy. */
    static Stream<Arguments> busyGuests() {
        return Stream.of(FaultGuests.values()).flatMap(g -> Stream.of(Busy.values()).map(b -> Arguments.of(g, b)));
    }

    /** A stdin that never delivers, and the way to end it. */
    private static final class SilentStdin implements AutoCloseable {
        final PipedOutputStream writer = new PipedOutputStream();
        final PipedInputStream stdin;

        SilentStdin() throws IOException {
            stdin = new PipedInputStream(writer);
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    /** Something a test does with a stdin that never delivers. */
    @FunctionalInterface
    private interface WithStdin {
        void run(InputStream stdin) throws Exception;
    }

    /**
     * Runs {@code body} (within {@link #HANG}) with a stdin that never delivers, then ends that
     * stdin: the stdin pump is blocked in the embedder's read until its stream ends, and after
     * that no host thread (pump, deadline watchdog) may be left.
     */
    private static void withSilentStdin(FaultGuests guest, WithStdin body) {
        guest.module(); // compiled outside the time limit
        Set<String> threadsBefore = CyclesTest.threadNames();
        assertTimeoutPreemptively(HANG, () -> {
            try (SilentStdin stdin = new SilentStdin()) {
                body.run(stdin.stdin);
            }
        });
        assertEquals(Set.of(), CyclesTest.threadsLeftOverFrom(threadsBefore),
                "no host thread outlives the run and the end of stdin");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("busyGuests")
    void interruptingTheThreadStopsABusyGuest(FaultGuests guest, Busy busy) {
        withSilentStdin(guest, stdin -> {
            GuestRun[] result = new GuestRun[1];
            boolean[] interruptedAfter = new boolean[1];
            Thread runner = new Thread(() -> {
                result[0] = GuestRun.of(guest.module(), stdin, c -> c.args(guest.programName(), busy.mode));
                interruptedAfter[0] = Thread.currentThread().isInterrupted();
            }, "guest");
            runner.start();
            while (!busy.isDoing(runner)) {
                assertTrue(runner.isAlive(), () -> "the guest ended before it got busy: " + result[0].out());
                Thread.sleep(10);
            }
            runner.interrupt();
            runner.join();
            assertInterruptedTrap(result[0]);
            assertTrue(interruptedAfter[0], "the caller's interrupt stays set for the caller to see");
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("busyGuests")
    void theDeadlineStopsABusyGuest(FaultGuests guest, Busy busy) {
        withSilentStdin(guest, stdin -> {
            long start = System.nanoTime();
            GuestRun r = GuestRun.of(guest.module(), stdin, c -> c.args(guest.programName(), busy.mode).deadline(DEADLINE));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertInterruptedTrap(r);
            assertTrue(ms >= DEADLINE.toMillis(), "stopped after " + ms + " ms, before the deadline");
            assertFalse(Thread.currentThread().isInterrupted(), "the deadline's interrupt is not left behind");
        });
    }

    private static void assertInterruptedTrap(GuestRun r) {
        assertTrue(r.failure instanceof Trap, () -> "failure: " + r.failure + ", stdout: " + r.out());
        Trap trap = (Trap) r.failure;
        assertEquals(TrapKind.INTERRUPTED, trap.kind(), trap::getMessage);
        assertFalse(trap.wasmBacktrace().isEmpty(), "the trap says where the guest was");
    }

    /** {@code wasi:cli/run} that spins in {@code (loop (br 0))}. */
    private static CompiledModule spinner() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.exportMemory("memory", b.memory(1, -1));
        b.function("main.spin", types(), types(I32))
                .code(LOOP, EMPTY_BLOCK, BR, 0, END).i32Const(0)
                .export("wasi:cli/run@0.2.0#run").end();
        return WasmCompiler.builder().className("interrupt.Spinner").build().compile(b.build());
    }

    @Test
    void interruptingTheThreadStopsARunningGuest() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Instance instance = spinner().instantiate(Imports.none());
            Throwable[] failure = new Throwable[1];
            Thread guest = new Thread(() -> {
                try {
                    instance.function("wasi:cli/run@0.2.0#run").invoke();
                } catch (Throwable t) {
                    failure[0] = t;
                }
            });
            guest.start();
            Thread.sleep(200);
            assertTrue(guest.isAlive(), "the guest spins");
            guest.interrupt();
            guest.join(10_000);
            assertFalse(guest.isAlive(), "the interrupted guest stopped");
            assertTrue(failure[0] instanceof Trap, "failure: " + failure[0]);
            Trap trap = (Trap) failure[0];
            assertEquals(TrapKind.INTERRUPTED, trap.kind());
            assertEquals("main.spin", trap.wasmBacktrace().get(0));
        });
    }

    @Test
    void theDeadlineStopsARunningGuestAndLeavesTheThreadUninterrupted() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            long start = System.nanoTime();
            try (WasiHost host = WasiHost.create(WasiConfig.builder().deadline(Duration.ofMillis(300)).build())) {
                Instance instance = spinner().instantiate(host.imports());
                Trap trap = org.junit.jupiter.api.Assertions.assertThrows(Trap.class, () -> host.run(instance));
                assertEquals(TrapKind.INTERRUPTED, trap.kind());
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 300, "stopped after " + ms + " ms");
            assertFalse(Thread.currentThread().isInterrupted(), "the deadline's interrupt is not left behind");
        });
    }
}

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
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A guest that computes forever, never calling the host, still stops when asked to. */
class InterruptTest {

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

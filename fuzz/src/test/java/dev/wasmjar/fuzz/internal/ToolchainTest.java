package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ToolchainTest {
    @Test
    void foundExactlyWhenEveryToolIsOnThePath() {
        boolean all = Tools.onPath("wasm-opt").isPresent() && Tools.onPath("wasm-reduce").isPresent()
                && Tools.onPath("node").isPresent();
        assertEquals(all, Toolchain.find().isPresent());
        Toolchain.find().ifPresent(t -> assertTrue(t.wasmOpt().endsWith("wasm-opt") && t.node().endsWith("node")));
    }

    @Test
    void theWatchdogRunsOnADaemonThread() throws Exception {
        ScheduledExecutorService w = Toolchain.watchdog();
        try {
            assertTrue(w.schedule(() -> Thread.currentThread().isDaemon(), 0, TimeUnit.SECONDS).get());
        } finally {
            w.shutdownNow();
        }
    }
}

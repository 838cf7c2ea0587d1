package dev.wasmjar.fuzz.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Checks one module: runs it on wasmjar (interrupted after the timeout) and on V8, and
 * concludes a {@link Verdict}. Not thread-safe (its {@link V8Executor} is not).
 */
public final class ModuleCheck {
    private final WasmjarExecutor wasmjar;
    private final V8Executor v8;
    private final ScheduledExecutorService watchdog;
    private final Duration timeout;
    private final FuzzStats stats;

    /** A check that adds the time each engine takes to {@code stats}. */
    public ModuleCheck(WasmjarExecutor wasmjar, V8Executor v8, ScheduledExecutorService watchdog, Duration timeout,
            FuzzStats stats) {
        this.wasmjar = wasmjar;
        this.v8 = v8;
        this.watchdog = watchdog;
        this.timeout = timeout;
        this.stats = stats;
    }

    public Verdict check(Path module) throws IOException {
        byte[] bytes = Files.readAllBytes(module);
        Thread self = Thread.currentThread();
        boolean[] running = {true};
        ScheduledFuture<?> interrupt = watchdog.schedule(() -> {
            synchronized (running) {
                if (running[0]) {
                    self.interrupt();
                }
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        EngineRun ours;
        long t0 = System.nanoTime();
        try {
            ours = wasmjar.run(bytes);
        } finally {
            synchronized (running) {
                running[0] = false;
            }
            interrupt.cancel(false);
            Thread.interrupted(); // a late interrupt must not hit the V8 side or the next module
        }
        long t1 = System.nanoTime();
        EngineRun theirs = v8.run(module);
        stats.time(FuzzStats.Stage.WASMJAR, t1 - t0);
        stats.time(FuzzStats.Stage.V8, System.nanoTime() - t1);
        return Verdict.of(ours, theirs);
    }
}

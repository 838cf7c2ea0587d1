package dev.wasmjar.fuzz.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Test support: each test gets a {@link V8Executor} with its watchdog (the test is skipped without node). */
abstract class V8TestSupport {
    @TempDir
    Path dir;
    ScheduledExecutorService watchdog;
    V8Executor v8;

    /** The timeout of one module. */
    abstract Duration timeout();

    @BeforeEach
    void startV8() throws Exception {
        Path node = TestModules.node();
        watchdog = Toolchain.watchdog();
        v8 = new V8Executor(node, V8Executor.extractHarness(dir), timeout(), watchdog);
    }

    @AfterEach
    void stopV8() {
        if (v8 != null) {
            v8.close();
            watchdog.shutdownNow();
        }
    }
}

package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModuleCheckTest extends V8TestSupport {
    @Override
    Duration timeout() {
        return Duration.ofSeconds(2);
    }

    private Verdict check(String module, boolean fault) throws Exception {
        return new ModuleCheck(new WasmjarExecutor(fault), v8, watchdog, timeout(), new FuzzStats())
                .check(TestModules.path(module));
    }

    @Test
    void bothEnginesAgreeOnTheHandMadeModules() throws Exception {
        assertEquals(Verdict.Kind.SAME, check("values.wasm", false).kind());
        assertEquals(Verdict.Kind.SAME, check("traps.wasm", false).kind());
    }

    @Test
    void theInjectedFaultIsAMismatch() throws Exception {
        Verdict v = check("values.wasm", true);
        assertEquals(Verdict.Kind.MISMATCH, v.kind());
        assertEquals(2, v.difference().orElseThrow().line());
    }

    @Test
    void aModuleThatNeverEndsTimesOutOnBothAndLeavesNoInterruptBehind() throws Exception {
        assertEquals(Verdict.Kind.TIMEOUT, check("loop.wasm", false).kind());
        assertFalse(Thread.currentThread().isInterrupted());
        assertEquals(Verdict.Kind.SAME, check("values.wasm", false).kind());
    }
}

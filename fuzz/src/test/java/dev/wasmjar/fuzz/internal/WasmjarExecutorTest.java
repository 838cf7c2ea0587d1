package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class WasmjarExecutorTest {
    private static EngineRun run(String module, boolean fault) throws Exception {
        return new WasmjarExecutor(fault).run(Files.readAllBytes(TestModules.path(module)));
    }

    @Test
    void writesEveryKindOfValueLogAndResult() throws Exception {
        EngineRun r = run("values.wasm", false);
        assertEquals(EngineRun.Status.RAN, r.status());
        assertEquals(TestModules.valuesTranscript(), r.transcript().lines());
    }

    @Test
    void namesEveryTrapByItsClass() throws Exception {
        // the spec, and so wasmjar, calls an out-of-range float-to-int conversion an integer overflow
        assertEquals(TestModules.trapsTranscript("overflow"), run("traps.wasm", false).transcript().lines());
    }

    @Test
    void theInjectedFaultChangesI32ResultsOnly() throws Exception {
        List<String> lines = run("values.wasm", true).transcript().lines();
        assertEquals("result i32:ffffffff", lines.get(2));
        assertEquals("result i64:fffffffffffffffd", lines.get(4));
        assertEquals("result i32:00000008 f64:bff0000000000000", lines.get(12));
    }

    @Test
    void aModuleWasmjarCannotCompileIsRejectedWithTheReason() {
        EngineRun r = new WasmjarExecutor(false).run(new byte[] {0, 'a', 's', 'm', 9, 0, 0, 0});
        assertEquals(EngineRun.Status.REJECTED, r.status());
        assertTrue(r.detail().startsWith("MALFORMED: "), r.detail());
    }

    @Test
    void anInterruptedRunIsATimeout() throws Exception {
        Thread.currentThread().interrupt();
        try {
            EngineRun r = run("loop.wasm", false);
            assertEquals(EngineRun.Status.TIMEOUT, r.status());
            assertEquals(List.of("instantiate ok", "call forever"), r.transcript().lines());
        } finally {
            Thread.interrupted();
        }
    }
}

package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JavaScript harness, run by node on the hand-made modules. */
class V8ExecutorTest extends V8TestSupport {
    @Override
    Duration timeout() {
        return Duration.ofSeconds(3);
    }

    @Test
    void writesEveryKindOfValueLogAndResult() throws Exception {
        EngineRun r = v8.run(TestModules.path("values.wasm"));
        assertEquals(EngineRun.Status.RAN, r.status());
        List<String> lines = new ArrayList<>(r.transcript().lines());
        String nan = lines.get(TestModules.VALUES_NAN_LINE);
        assertTrue(ValueText.isNaN(nan.substring("result ".length())), nan);
        lines.set(TestModules.VALUES_NAN_LINE, "result f32:7fa00000");
        assertEquals(TestModules.valuesTranscript(), lines);
    }

    @Test
    void mapsV8sTrapMessagesToClasses() throws Exception {
        assertEquals(TestModules.trapsTranscript("conversion"), v8.run(TestModules.path("traps.wasm")).transcript().lines());
    }

    @Test
    void simdExportsAreSkippedAndLogV128FailsAsInJavaScript() throws Exception {
        assertEquals(List.of("instantiate ok", "call vector", "skip v128", "call log", "trap v128-to-js", "call lane",
                "result i32:00000003"), v8.run(TestModules.path("simd.wasm")).transcript().lines());
    }

    @Test
    void aModuleV8CannotCompileIsRejected() throws Exception {
        Path bad = Files.write(dir.resolve("bad.wasm"), new byte[] {0, 'a', 's', 'm', 9, 0, 0, 0});
        EngineRun r = v8.run(bad);
        assertEquals(EngineRun.Status.REJECTED, r.status());
        assertTrue(r.detail().contains("WebAssembly.Module()"), r.detail());
    }

    @Test
    void aModuleThatNeverEndsIsATimeoutAndTheNextModuleGetsAFreshProcess() throws Exception {
        EngineRun r = v8.run(TestModules.path("loop.wasm"));
        assertEquals(EngineRun.Status.TIMEOUT, r.status());
        assertEquals(EngineRun.Status.RAN, v8.run(TestModules.path("values.wasm")).status());
    }

    @Test
    void oneProcessAnswersManyModules() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertEquals(EngineRun.Status.RAN, v8.run(TestModules.path(i % 2 == 0 ? "values.wasm" : "traps.wasm")).status());
        }
    }

    @Test
    void aProcessIsReplacedAfterItsShareOfModules() throws Exception {
        try (V8Executor small = new V8Executor(TestModules.node(), V8Executor.extractHarness(dir.resolve("small")),
                timeout(), watchdog, 2)) {
            assertEquals(EngineRun.Status.RAN, small.run(TestModules.path("values.wasm")).status());
            long first = small.processId();
            assertEquals(EngineRun.Status.RAN, small.run(TestModules.path("values.wasm")).status());
            assertEquals(first, small.processId(), "the second module runs in the same process");
            assertEquals(EngineRun.Status.RAN, small.run(TestModules.path("values.wasm")).status());
            assertNotEquals(first, small.processId(), "the third gets a fresh process");
        }
    }
}

package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.WasmFunction;
import java.util.List;
import org.junit.jupiter.api.Test;

class FuzzingSupportTest {
    @Test
    void logImportsWriteLogLines() {
        Transcript.Recorder r = new Transcript.Recorder();
        Imports imports = FuzzingSupport.imports(r);
        ((WasmFunction) imports.resolve("fuzzing-support", "log-i32")).invoke(-1);
        ((WasmFunction) imports.resolve("fuzzing-support", "log-i64")).invoke(5L);
        ((WasmFunction) imports.resolve("fuzzing-support", "log-f32")).invoke(1f);
        ((WasmFunction) imports.resolve("fuzzing-support", "log-f64")).invoke(-2d);
        assertEquals(List.of("log i32:ffffffff", "log i64:0000000000000005", "log f32:3f800000", "log f64:c000000000000000"),
                r.transcript().lines());
    }

    @Test
    void logV128FailsAsTheJavaScriptImportDoes() {
        WasmFunction f = (WasmFunction) FuzzingSupport.imports(new Transcript.Recorder()).resolve("fuzzing-support", "log-v128");
        assertEquals("(v128)->()", f.type().toString());
        assertThrows(V128ToJsError.class, () -> f.invoke(dev.wasmjar.runtime.V128.of(1, 2)));
    }

    @Test
    void suppliesNothingElse() {
        assertNull(FuzzingSupport.imports(new Transcript.Recorder()).resolve("fuzzing-support", "call-export"));
        assertEquals("(i32)->()", ((WasmFunction) FuzzingSupport.imports(new Transcript.Recorder())
                .resolve("fuzzing-support", "log-i32")).type().toString());
    }
}

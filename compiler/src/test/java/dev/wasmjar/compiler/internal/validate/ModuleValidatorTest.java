package dev.wasmjar.compiler.internal.validate;

import static dev.wasmjar.compiler.internal.validate.Validation.assertInvalid;
import static dev.wasmjar.compiler.internal.validate.Validation.assertValid;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.EXTERNREF;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.FUNCREF;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.i32Const;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.i64Const;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import org.junit.jupiter.api.Test;

class ModuleValidatorTest {

    private static WasmModuleBuilder withFunctions(int n) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        for (int i = 0; i < n; i++) {
            b.function(types(), types()).end();
        }
        return b;
    }

    @Test
    void oneMemoryAtMost() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.importMemory("m", "mem", 1, -1);
        b.memory(1, 1);
        assertInvalid(b, "multiple memories");
    }

    @Test
    void theStartFunctionTakesAndReturnsNothing() {
        WasmModuleBuilder ok = withFunctions(1).start(0);
        assertValid(ok);
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.function(types(I32), types()).end();
        b.start(0);
        assertInvalid(b, "start function");
        assertInvalid(withFunctions(1).start(3), "unknown function 3");
    }

    @Test
    void exportsNameKnownItemsOnce() {
        assertInvalid(withFunctions(1).exportFunction("f", 1), "unknown function 1");
        assertInvalid(withFunctions(1).exportGlobal("g", 0), "unknown global 0");
        assertInvalid(withFunctions(1).exportMemory("m", 0), "unknown memory 0");
        assertInvalid(withFunctions(1).exportTable("t", 0), "unknown table 0");
        String m = assertInvalid(withFunctions(2).exportFunction("f", 0).exportFunction("f", 1), "duplicate export name");
        assertTrue(m.contains("\"f\""), m);
    }

    @Test
    void elementSegmentsMatchTheirTable() {
        WasmModuleBuilder ok = withFunctions(1);
        ok.table(FUNCREF, 1, 1);
        ok.activeElements(0, 0);
        assertValid(ok);
        WasmModuleBuilder externTable = withFunctions(1);
        externTable.table(EXTERNREF, 1, 1);
        externTable.activeElements(0, 0);
        assertInvalid(externTable, "type mismatch");
        assertInvalid(withFunctions(1).activeElements(0, 0), "unknown table 0");
        WasmModuleBuilder badOffset = withFunctions(1);
        badOffset.table(FUNCREF, 1, 1);
        badOffset.activeElementsAt(0, i64Const(0), 0);
        assertInvalid(badOffset, "type mismatch");
        WasmModuleBuilder unknownFunction = withFunctions(1);
        unknownFunction.table(FUNCREF, 1, 1);
        unknownFunction.passiveElements(5);
        assertInvalid(unknownFunction, "unknown function 5");
    }

    @Test
    void dataSegmentsNeedTheMemoryAndAnI32Offset() {
        assertInvalid(withFunctions(0).activeData(0, new byte[1]), "unknown memory 0");
        WasmModuleBuilder badOffset = withFunctions(0);
        badOffset.memory(1, 1);
        badOffset.activeData(i64Const(0), new byte[1]);
        assertInvalid(badOffset, "type mismatch");
        WasmModuleBuilder ok = withFunctions(0);
        ok.memory(1, 1);
        ok.activeData(i32Const(0), new byte[1]);
        assertValid(ok);
    }
}

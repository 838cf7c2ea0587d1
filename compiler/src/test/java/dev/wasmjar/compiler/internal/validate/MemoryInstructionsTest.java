package dev.wasmjar.compiler.internal.validate;

import static dev.wasmjar.compiler.internal.validate.Validation.withMemory;
import static dev.wasmjar.compiler.internal.validate.Validation.assertInvalid;
import static dev.wasmjar.compiler.internal.validate.Validation.assertRejected;
import static dev.wasmjar.compiler.internal.validate.Validation.assertValid;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;

import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import org.junit.jupiter.api.Test;

class MemoryInstructionsTest {

    @Test
    void loadsAndStoresHaveTheirTypesAndAlignment() {
        assertValid(withMemory(types(), types(I64), 0x41, 0, 0x29, 3, 0)); // i64.load align=8
        assertValid(withMemory(types(), types(I64), 0x41, 0, 0x35, 2, 0)); // i64.load32_u align=4
        assertInvalid(withMemory(types(), types(I64), 0x41, 0, 0x35, 3, 0), "alignment must not be larger than natural");
        assertInvalid(withMemory(types(), types(I32), 0x41, 0, 0x29, 3, 0), "type mismatch");
        assertValid(withMemory(types(F64), types(), 0x41, 0, 0x20, 0, 0x39, 3, 0)); // f64.store
        assertInvalid(withMemory(types(F64), types(), 0x20, 0, 0x41, 0, 0x39, 3, 0), "type mismatch"); // operands swapped
        WasmModuleBuilder noMemory = new WasmModuleBuilder();
        noMemory.function(types(), types(I32)).code(0x41, 0, 0x28, 2, 0).end();
        assertInvalid(noMemory, "unknown memory 0");
    }

    @Test
    void sizeGrowFillCopy() {
        assertValid(withMemory(types(), types(I32), 0x3F, 0));
        assertValid(withMemory(types(), types(I32), 0x41, 1, 0x40, 0));
        assertValid(withMemory(types(), types(), 0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 11, 0));
        assertValid(withMemory(types(), types(), 0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 10, 0, 0));
        assertInvalid(withMemory(types(), types(), 0x41, 0, 0x41, 0, 0xFC, 10, 0, 0), "type mismatch");
        WasmModuleBuilder noMemory = new WasmModuleBuilder();
        noMemory.function(types(), types(I32)).code(0x3F, 0).end();
        assertInvalid(noMemory, "unknown memory 0");
    }

    @Test
    void initAndDropNameDataSegmentsDeclaredByTheDataCountSection() {
        WasmModuleBuilder ok = withMemory(types(), types(), 0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 8, 0, 0, 0xFC, 9, 0);
        ok.passiveData(new byte[] {1});
        assertValid(ok);
        WasmModuleBuilder unknown = withMemory(types(), types(), 0xFC, 9, 1);
        unknown.passiveData(new byte[] {1});
        assertInvalid(unknown, "unknown data segment 1");
        WasmModuleBuilder noDataCount = withMemory(types(), types(), 0xFC, 9, 0);
        noDataCount.activeData(0, new byte[] {1});
        assertRejected(noDataCount, CompileException.Kind.MALFORMED, "data count section required");
    }
}

package dev.wasmjar.compiler.internal.validate;

import static dev.wasmjar.compiler.internal.validate.Validation.assertInvalid;
import static dev.wasmjar.compiler.internal.validate.Validation.assertValid;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.EXTERNREF;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.FUNCREF;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;

import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import org.junit.jupiter.api.Test;

class TableInstructionsTest {

    /** Tables 0 (funcref) and 1 (externref), element segment 0 (funcref); a function with {@code code}. */
    private static WasmModuleBuilder module(byte[] params, byte[] results, int... code) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.table(FUNCREF, 1, -1);
        b.table(EXTERNREF, 1, -1);
        b.function(params, results).code(code).end();
        b.passiveElements(0);
        return b;
    }

    @Test
    void getSetSizeGrowFill() {
        assertValid(module(types(), types(EXTERNREF), 0x41, 0, 0x25, 1));
        assertInvalid(module(types(), types(FUNCREF), 0x41, 0, 0x25, 1), "type mismatch");
        assertValid(module(types(FUNCREF), types(), 0x41, 0, 0x20, 0, 0x26, 0));
        assertInvalid(module(types(FUNCREF), types(), 0x41, 0, 0x20, 0, 0x26, 1), "type mismatch");
        assertValid(module(types(), types(I32), 0xFC, 16, 1));
        assertValid(module(types(EXTERNREF), types(I32), 0x20, 0, 0x41, 1, 0xFC, 15, 1));
        assertValid(module(types(EXTERNREF), types(), 0x41, 0, 0x20, 0, 0x41, 1, 0xFC, 17, 1));
        assertInvalid(module(types(), types(I32), 0xFC, 16, 2), "unknown table 2");
    }

    @Test
    void copyAndInitNeedMatchingElementTypes() {
        assertValid(module(types(), types(), 0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 14, 0, 0));
        assertInvalid(module(types(), types(), 0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 14, 0, 1), "type mismatch");
        assertValid(module(types(), types(), 0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 12, 0, 0));
        assertInvalid(module(types(), types(), 0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 12, 0, 1), "type mismatch");
        assertInvalid(module(types(), types(), 0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 12, 4, 0), "unknown elem segment 4");
        assertValid(module(types(), types(), 0xFC, 13, 0));
        assertInvalid(module(types(), types(), 0xFC, 13, 1), "unknown elem segment 1");
    }
}

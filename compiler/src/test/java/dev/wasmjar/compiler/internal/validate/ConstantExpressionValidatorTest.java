package dev.wasmjar.compiler.internal.validate;

import static dev.wasmjar.compiler.internal.validate.Validation.assertInvalid;
import static dev.wasmjar.compiler.internal.validate.Validation.assertValid;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.EXTERNREF;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.FUNCREF;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.concat;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.i32Const;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.i64Const;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;

import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import org.junit.jupiter.api.Test;

class ConstantExpressionValidatorTest {

    private static WasmModuleBuilder global(byte type, int... init) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.importGlobal("m", "imm", I32, false);
        b.importGlobal("m", "mut", I32, true);
        b.function(types(), types()).end();
        b.global(type, false, init);
        return b;
    }

    @Test
    void constantInstructions() {
        assertValid(global(I32, i32Const(7)));
        assertValid(global(I64, i64Const(-1)));
        assertValid(global(F32, 0x43, 0, 0, 0x80, 0x3F));
        assertValid(global(FUNCREF, 0xD0, 0x70));
        assertValid(global(EXTERNREF, 0xD0, 0x6F));
        assertValid(global(FUNCREF, 0xD2, 0));
        assertValid(global(I32, 0x23, 0)); // an immutable imported global
    }

    @Test
    void theExpressionMustProduceOneValueOfTheType() {
        assertInvalid(global(I64, i32Const(7)), "type mismatch");
        assertInvalid(global(I32), "type mismatch");
        assertInvalid(global(I32, concat(i32Const(1), i32Const(2))), "type mismatch");
        assertInvalid(global(EXTERNREF, 0xD0, 0x70), "type mismatch");
    }

    @Test
    void onlyConstantInstructions() {
        assertInvalid(global(I32, concat(i32Const(1), i32Const(2), new int[] {0x6A})), "constant expression required");
        assertInvalid(global(I32, 0x01), "constant expression required");
        assertInvalid(global(I32, 0x23, 1), "constant expression required"); // a mutable global
    }

    @Test
    void onlyImportedGlobalsAndKnownFunctions() {
        assertInvalid(global(I32, 0x23, 2), "unknown global 2"); // the module's own global
        assertInvalid(global(FUNCREF, 0xD2, 9), "unknown function 9");
    }
}

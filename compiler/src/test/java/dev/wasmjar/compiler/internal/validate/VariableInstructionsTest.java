package dev.wasmjar.compiler.internal.validate;

import static dev.wasmjar.compiler.internal.validate.Validation.assertInvalid;
import static dev.wasmjar.compiler.internal.validate.Validation.assertValid;
import static dev.wasmjar.compiler.internal.validate.Validation.function;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.i64Const;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;

import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import org.junit.jupiter.api.Test;

class VariableInstructionsTest {

    @Test
    void locals() {
        assertValid(function(types(F32), types(F32), 0x20, 0, 0x22, 0, 0x21, 0, 0x20, 0));
        assertInvalid(function(types(F32), types(), 0x41, 0, 0x21, 0), "type mismatch");
        assertInvalid(function(types(F32), types(), 0x20, 1, 0x1A), "unknown local 1");
    }

    private static WasmModuleBuilder withGlobal(boolean mutable, int... code) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.global(I64, mutable, i64Const(0));
        b.function(types(), types()).code(code).end();
        return b;
    }

    @Test
    void globals() {
        assertValid(withGlobal(true, 0x23, 0, 0x24, 0));
        assertInvalid(withGlobal(false, 0x23, 0, 0x24, 0), "global is immutable");
        assertInvalid(withGlobal(true, 0x41, 0, 0x24, 0), "type mismatch");
        assertInvalid(withGlobal(true, 0x23, 1, 0x1A), "unknown global 1");
        assertValid(withGlobal(false, 0x23, 0, 0x1A));
        assertInvalid(withGlobal(false, 0x23, 0, 0x45, 0x1A), "type mismatch"); // i32.eqz of an i64
        assertValid(withGlobal(false, 0x23, 0, 0x50, 0x1A));
        assertValid(Validation.function(types(I32), types()));
    }
}

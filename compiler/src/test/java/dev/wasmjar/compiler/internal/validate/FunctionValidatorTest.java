package dev.wasmjar.compiler.internal.validate;

import static dev.wasmjar.compiler.internal.validate.Validation.assertInvalid;
import static dev.wasmjar.compiler.internal.validate.Validation.assertValid;
import static dev.wasmjar.compiler.internal.validate.Validation.function;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.internal.ModuleReader;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import org.junit.jupiter.api.Test;

class FunctionValidatorTest {

    @Test
    void theBodyMustLeaveExactlyTheResults() {
        assertValid(function(types(I32), types(I32), 0x20, 0));
        assertInvalid(function(types(), types(I32)), "type mismatch");
        assertInvalid(function(types(), types(), 0x41, 1), "type mismatch");
        assertInvalid(function(types(I64), types(I32), 0x20, 0), "type mismatch");
    }

    @Test
    void localsAreParametersThenDeclaredLocals() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.function(types(I32), types(F64)).locals(2, F64).code(0x20, 2).end();
        assertValid(b);
        WasmModuleBuilder c = new WasmModuleBuilder();
        c.function(types(I32), types(F64)).locals(1, F64).code(0x20, 2).end();
        assertInvalid(c, "unknown local 2");
    }

    @Test
    void errorsNameTheInstructionTheFunctionAndTheOffset() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.function(types(), types()).end();
        b.function("second", types(), types(I32)).code(0x42, 0).end();
        byte[] wasm = b.build();
        CompileException e = assertThrows(CompileException.class, () -> ModuleReader.readAll(wasm));
        assertTrue(e.getMessage().startsWith("type mismatch: expected i32, found i64 (end in function 1 \"second\")"),
                e.getMessage());
        assertEquals(0x0B, wasm[(int) e.offset()], "the offset points at the function's end");
    }

    @Test
    void unreachableCodeIsStillTyped() {
        assertValid(function(types(), types(I32), 0x00, 0x6A)); // unreachable; i32.add on unknowns
        assertInvalid(function(types(), types(I32), 0x00, 0x42, 0, 0x6A), "type mismatch"); // i64 into i32.add
    }
}

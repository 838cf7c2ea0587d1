package dev.wasmjar.compiler.internal.validate;

import static dev.wasmjar.compiler.internal.validate.Validation.assertInvalid;
import static dev.wasmjar.compiler.internal.validate.Validation.assertValid;
import static dev.wasmjar.compiler.internal.validate.Validation.function;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.FUNCREF;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;

import org.junit.jupiter.api.Test;

class ParametricInstructionsTest {

    @Test
    void dropTakesAnything() {
        assertValid(function(types(), types(), 0xD0, 0x70, 0x1A));
        assertInvalid(function(types(), types(), 0x1A), "type mismatch");
    }

    @Test
    void untypedSelectTakesTwoNumbersOfOneType() {
        assertValid(function(types(I64, I64, I32), types(I64), 0x20, 0, 0x20, 1, 0x20, 2, 0x1B));
        assertInvalid(function(types(I64, I32, I32), types(I64), 0x20, 0, 0x20, 1, 0x20, 2, 0x1B), "type mismatch");
        assertInvalid(function(types(I64, I64, I64), types(I64), 0x20, 0, 0x20, 1, 0x20, 2, 0x1B), "type mismatch");
        // references need the typed form, even when one operand is unknown
        assertInvalid(function(types(FUNCREF, FUNCREF, I32), types(FUNCREF), 0x20, 0, 0x20, 1, 0x20, 2, 0x1B), "type mismatch");
        assertInvalid(function(types(FUNCREF, I32), types(FUNCREF), 0x00, 0x20, 0, 0x20, 1, 0x1B), "type mismatch");
        // unknown operands take the other's type
        assertValid(function(types(I32), types(I64), 0x00, 0x42, 0, 0x20, 0, 0x1B));
    }

    @Test
    void typedSelectNamesExactlyOneType() {
        assertValid(function(types(FUNCREF, FUNCREF, I32), types(FUNCREF), 0x20, 0, 0x20, 1, 0x20, 2, 0x1C, 1, 0x70));
        assertInvalid(function(types(FUNCREF, FUNCREF, I32), types(FUNCREF), 0x20, 0, 0x20, 1, 0x20, 2, 0x1C, 1, 0x6F),
                "type mismatch");
        assertInvalid(function(types(I32, I32, I32), types(I32), 0x20, 0, 0x20, 1, 0x20, 2, 0x1C, 2, 0x7F, 0x7F),
                "invalid result arity");
    }
}

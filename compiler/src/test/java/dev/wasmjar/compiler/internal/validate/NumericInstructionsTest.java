package dev.wasmjar.compiler.internal.validate;

import static dev.wasmjar.compiler.internal.validate.Validation.assertInvalid;
import static dev.wasmjar.compiler.internal.validate.Validation.assertValid;
import static dev.wasmjar.compiler.internal.validate.Validation.function;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumericInstructionsTest {

    private static byte type(String name) {
        return switch (name) {
            case "i32" -> I32;
            case "i64" -> I64;
            case "f32" -> F32;
            default -> F64;
        };
    }

    /** A sample of each range of the encoding: opcode, operand type, operand count, result type. */
    @ParameterizedTest
    @CsvSource({
        "0x45, i32, 1, i32", "0x4F, i32, 2, i32", "0x50, i64, 1, i32", "0x5A, i64, 2, i32", "0x60, f32, 2, i32",
        "0x66, f64, 2, i32", "0x69, i32, 1, i32", "0x78, i32, 2, i32", "0x7B, i64, 1, i64", "0x8A, i64, 2, i64",
        "0x91, f32, 1, f32", "0x98, f32, 2, f32", "0x9F, f64, 1, f64", "0xA6, f64, 2, f64", "0xA7, i64, 1, i32",
        "0xAB, f64, 1, i32", "0xAD, i32, 1, i64", "0xB1, f64, 1, i64", "0xB5, i64, 1, f32", "0xB6, f64, 1, f32",
        "0xBA, i64, 1, f64", "0xBB, f32, 1, f64", "0xBC, f32, 1, i32", "0xBF, i64, 1, f64", "0xC1, i32, 1, i32",
        "0xC4, i64, 1, i64"})
    void signatures(int opcode, String operand, int operands, String result) {
        byte[] params = operands == 1 ? types(type(operand)) : types(type(operand), type(operand));
        int[] code = operands == 1 ? new int[] {0x20, 0, opcode} : new int[] {0x20, 0, 0x20, 1, opcode};
        assertValid(function(params, types(type(result)), code));
        byte wrong = type(operand) == I32 ? I64 : I32;
        byte[] wrongParams = operands == 1 ? types(wrong) : types(wrong, wrong);
        assertInvalid(function(wrongParams, types(type(result)), code), "type mismatch");
    }

    @Test
    void saturatingTruncations() {
        assertValid(function(types(F32), types(I32), 0x20, 0, 0xFC, 0));
        assertValid(function(types(F64), types(I64), 0x20, 0, 0xFC, 7));
        assertInvalid(function(types(F32), types(I64), 0x20, 0, 0xFC, 0), "type mismatch");
    }

    @Test
    void constants() {
        assertValid(function(types(), types(F64), 0x44, 0, 0, 0, 0, 0, 0, 0, 0));
        assertInvalid(function(types(), types(F32), 0x44, 0, 0, 0, 0, 0, 0, 0, 0), "type mismatch");
    }
}

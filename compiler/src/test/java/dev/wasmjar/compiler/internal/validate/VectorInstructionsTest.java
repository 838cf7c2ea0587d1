package dev.wasmjar.compiler.internal.validate;

import static dev.wasmjar.compiler.internal.validate.Validation.withMemory;
import static dev.wasmjar.compiler.internal.validate.Validation.assertInvalid;
import static dev.wasmjar.compiler.internal.validate.Validation.assertValid;
import static dev.wasmjar.compiler.internal.validate.Validation.function;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.V128;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;

import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import org.junit.jupiter.api.Test;

class VectorInstructionsTest {

    @Test
    void lanewiseOperators() {
        assertValid(function(types(V128, V128), types(V128), 0x20, 0, 0x20, 1, 0xFD, 0x6E)); // i8x16.add
        assertValid(function(types(V128), types(I32), 0x20, 0, 0xFD, 0x63)); // i8x16.all_true
        assertValid(function(types(V128, I32), types(V128), 0x20, 0, 0x20, 1, 0xFD, 0xCB, 0x01)); // i64x2.shl
        assertValid(function(types(V128, V128, V128), types(V128), 0x20, 0, 0x20, 1, 0x20, 2, 0xFD, 0x52)); // bitselect
        assertInvalid(function(types(V128, I32), types(V128), 0x20, 0, 0x20, 1, 0xFD, 0x6E), "type mismatch");
        assertValid(function(types(I64), types(V128), 0x20, 0, 0xFD, 0x12)); // i64x2.splat
        assertInvalid(function(types(I32), types(V128), 0x20, 0, 0xFD, 0x12), "type mismatch");
    }

    @Test
    void laneIndicesStayWithinTheShape() {
        assertValid(function(types(V128), types(I64), 0x20, 0, 0xFD, 0x1D, 1)); // i64x2.extract_lane 1
        assertInvalid(function(types(V128), types(I64), 0x20, 0, 0xFD, 0x1D, 2), "invalid lane index");
        assertValid(function(types(V128), types(I32), 0x20, 0, 0xFD, 0x16, 15)); // i8x16.extract_lane_u 15
        assertInvalid(function(types(V128), types(I32), 0x20, 0, 0xFD, 0x16, 16), "invalid lane index");
        int[] shuffle = new int[16];
        shuffle[15] = 31;
        assertValid(function(types(V128, V128), types(V128), concat(new int[] {0x20, 0, 0x20, 1, 0xFD, 0x0D}, shuffle)));
        shuffle[15] = 32;
        assertInvalid(function(types(V128, V128), types(V128), concat(new int[] {0x20, 0, 0x20, 1, 0xFD, 0x0D}, shuffle)),
                "invalid lane index");
    }

    @Test
    void memoryAccess() {
        assertValid(withMemory(types(), types(V128), 0x41, 0, 0xFD, 0x00, 4, 0)); // v128.load align=16
        assertInvalid(withMemory(types(), types(V128), 0x41, 0, 0xFD, 0x00, 5, 0), "alignment must not be larger than natural");
        assertInvalid(withMemory(types(), types(V128), 0x41, 0, 0xFD, 0x07, 1, 0), "alignment must not be larger than natural");
        assertValid(withMemory(types(V128), types(V128), 0x41, 0, 0x20, 0, 0xFD, 0x57, 3, 0, 1)); // load64_lane 1
        assertInvalid(withMemory(types(V128), types(V128), 0x41, 0, 0x20, 0, 0xFD, 0x57, 3, 0, 2), "invalid lane index");
        assertValid(withMemory(types(V128), types(), 0x41, 0, 0x20, 0, 0xFD, 0x0B, 4, 0)); // v128.store
        assertInvalid(function(types(), types(V128), 0x41, 0, 0xFD, 0x00, 4, 0), "unknown memory 0");
    }

    private static int[] concat(int[] a, int[] b) {
        return WasmModuleBuilder.concat(a, b);
    }
}

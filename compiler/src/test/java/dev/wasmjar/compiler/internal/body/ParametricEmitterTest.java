package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.internal.body.Emitters.code;
import static dev.wasmjar.compiler.internal.body.Emitters.run;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.concat;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.wasm.types.OpCode;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ParametricEmitterTest {
    private static final int[] SELECT_PARAMS = code(0x20, 0, 0x20, 1, 0x20, 2);

    @Test
    void registersDropAndSelect() {
        assertEquals(EnumSet.of(OpCode.DROP, OpCode.SELECT, OpCode.SELECT_T), Emitters.registered(new ParametricEmitter()));
    }

    @Test
    void selectPicksTheFirstOperandWhenTheConditionHolds() {
        int[] select = concat(SELECT_PARAMS, code(0x1B));
        assertEquals(1, run(types(I32, I32, I32), types(I32), select, 1, 2, 1));
        assertEquals(2, run(types(I32, I32, I32), types(I32), select, 1, 2, 0));
    }

    @Test
    void selectOfTwoSlotValues() {
        int[] untyped = concat(SELECT_PARAMS, code(0x1B));
        assertEquals(1L << 40, run(types(I64, I64, I32), types(I64), untyped, 1L << 40, 3L, -1));
        assertEquals(3L, run(types(I64, I64, I32), types(I64), untyped, 1L << 40, 3L, 0));
        int[] typed = concat(SELECT_PARAMS, code(0x1C, 1, 0x7E));
        assertEquals(3L, run(types(I64, I64, I32), types(I64), typed, 1L << 40, 3L, 0));
    }

    @Test
    void dropDiscardsAValueOfEitherWidth() {
        assertEquals(9, run(types(I64, I32), types(I32), code(0x20, 0, 0x1A, 0x20, 1, 0x20, 1, 0x1A), 1L, 9));
    }
}

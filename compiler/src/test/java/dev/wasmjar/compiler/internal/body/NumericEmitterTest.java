package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.internal.body.Emitters.code;
import static dev.wasmjar.compiler.internal.body.Emitters.run;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NumericEmitterTest {

    @Test
    void registersTheArithmetic() {
        Set<OpCode> expected = Emitters.opcodes(0x67, 0xA6);
        assertEquals(expected, Emitters.registered(new NumericEmitter()));
    }

    private static Object unary(byte type, int op, Object a) {
        return run(types(type), types(type), code(0x20, 0, op), a);
    }

    private static Object binary(byte type, int op, Object a, Object b) {
        return run(types(type, type), types(type), code(0x20, 0, 0x20, 1, op), a, b);
    }

    @Test
    void integerOperators() {
        assertEquals(Integer.rotateLeft(0x8000_0001, 4), binary(I32, 0x77, 0x8000_0001, 4));
        assertEquals(Integer.remainderUnsigned(-7, 3), binary(I32, 0x70, -7, 3));
        assertEquals(31, unary(I32, 0x67, 1)); // i32.clz
        assertEquals(63L, unary(I64, 0x79, 1L)); // i64.clz, widened back to i64
        assertEquals(2L, unary(I64, 0x7B, 0x8000_0000_0000_0001L)); // i64.popcnt
        assertEquals(6L, binary(I64, 0x86, 3L, 65L)); // i64.shl: the count is taken mod 64
        assertEquals(-1L >>> 4, binary(I64, 0x88, -1L, 4L)); // i64.shr_u
        assertEquals(Long.rotateRight(1L, 1), binary(I64, 0x8A, 1L, 1L));
        assertEquals(Long.divideUnsigned(-1L, 3L), binary(I64, 0x80, -1L, 3L));
    }

    @Test
    void divisionTrapsOnZeroAndOverflow() {
        Trap t = assertThrows(Trap.class, () -> binary(I32, 0x6D, 1, 0));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, t.kind());
        t = assertThrows(Trap.class, () -> binary(I64, 0x7F, Long.MIN_VALUE, -1L));
        assertEquals(TrapKind.INTEGER_OVERFLOW, t.kind());
        assertEquals(0, binary(I32, 0x6F, Integer.MIN_VALUE, -1)); // i32.rem_s does not trap
    }

    @Test
    void floatOperators() {
        assertEquals(2f, unary(F32, 0x90, 2.5f)); // f32.nearest: ties to even
        assertEquals(-0.0, binary(F64, 0xA4, 0.0, -0.0)); // f64.min
        assertEquals(3.0, unary(F64, 0x9F, 9.0)); // f64.sqrt
        assertEquals(-1.5f, binary(F32, 0x98, 1.5f, -0f)); // f32.copysign
        assertEquals(0.75f, binary(F32, 0x95, 3f, 4f));
    }
}

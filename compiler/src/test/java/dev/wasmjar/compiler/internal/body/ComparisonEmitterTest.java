package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.internal.body.Emitters.code;
import static dev.wasmjar.compiler.internal.body.Emitters.run;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.concat;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFGT;
import static org.objectweb.asm.Opcodes.IFLT;
import static org.objectweb.asm.Opcodes.IF_ICMPGE;
import static org.objectweb.asm.Opcodes.IF_ICMPLE;

import com.dylibso.chicory.wasm.types.OpCode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComparisonEmitterTest {
    private static final int[] BOTH = code(0x20, 0, 0x20, 1);

    @Test
    void registersTheComparisons() {
        Set<OpCode> expected = Emitters.opcodes(0x45, 0x66);
        assertEquals(expected, Emitters.registered(new ComparisonEmitter()));
    }

    /** {@code cmp} of the two parameters, as a 0/1 value. */
    private static Object compare(byte type, int cmp, Object a, Object b) {
        return run(types(type, type), types(I32), concat(BOTH, code(cmp)), a, b);
    }

    /** {@code cmp} of the two parameters fused into an {@code if} that yields 1 or 0. */
    private static Object compareIf(byte type, int cmp, Object a, Object b) {
        return run(types(type, type), types(I32), concat(BOTH, code(cmp, 0x04, 0x7F, 0x41, 1, 0x05, 0x41, 0, 0x0B)), a, b);
    }

    @Test
    void unsignedComparisonsTreatNegativeNumbersAsLarge() {
        assertEquals(0, compare(I32, 0x49, -1, 1)); // i32.lt_u
        assertEquals(1, compare(I32, 0x49, 1, -1));
        assertEquals(1, compare(I32, 0x4F, -1, -1)); // i32.ge_u
        assertEquals(1, compare(I32, 0x48, -1, 1)); // i32.lt_s
        assertEquals(1, compareIf(I64, 0x5A, -1L, 1L)); // i64.ge_u
        assertEquals(0, compareIf(I64, 0x54, -1L, 1L)); // i64.lt_u
        assertEquals(1, compareIf(I64, 0x53, -1L, 1L)); // i64.lt_s
        assertEquals(0, compareIf(I32, 0x4B, 1, -1)); // i32.gt_u
    }

    @Test
    void nanComparesFalseExceptNotEqual() {
        for (int cmp : new int[] {0x5B, 0x5D, 0x5E, 0x5F, 0x60}) {
            assertEquals(0, compare(F32, cmp, Float.NaN, 1f), "f32 op " + cmp);
            assertEquals(0, compareIf(F64, cmp + 6, 1.0, Double.NaN), "f64 op " + (cmp + 6));
        }
        assertEquals(1, compare(F32, 0x5C, Float.NaN, Float.NaN));
        assertEquals(1, compareIf(F64, 0x62, Double.NaN, 1.0));
        assertEquals(1, compare(F64, 0x65, 1.0, 1.0)); // f64.le
    }

    @Test
    void eqzAndAFusedBrIf() {
        assertEquals(1, run(types(I64), types(I32), code(0x20, 0, 0x50), 0L));
        assertEquals(0, run(types(I64), types(I32), code(0x20, 0, 0x50), 1L << 33));
        // block (result i32): 1, (a >s b) br_if 0, else drop and 2
        int[] brIf = concat(code(0x02, 0x7F, 0x41, 1), BOTH, code(0x4A, 0x0D, 0, 0x1A, 0x41, 2, 0x0B));
        assertEquals(1, run(types(I32, I32), types(I32), brIf, 3, 2));
        assertEquals(2, run(types(I32, I32), types(I32), brIf, 2, 3));
    }

    @Test
    void reversedJumpsTestTheSwappedOperands() {
        assertEquals(IF_ICMPLE, ComparisonEmitter.reversed(IF_ICMPGE));
        assertEquals(IFGT, ComparisonEmitter.reversed(IFLT));
        assertThrows(IllegalArgumentException.class, () -> ComparisonEmitter.reversed(IFEQ));
    }
}

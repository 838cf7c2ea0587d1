package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.internal.body.Emitters.code;
import static dev.wasmjar.compiler.internal.body.Emitters.run;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.concat;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.i32Const;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.i64Const;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.wasm.types.OpCode;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ConstantEmitterTest {

    @Test
    void registersTheConstants() {
        assertEquals(EnumSet.of(OpCode.I32_CONST, OpCode.I64_CONST, OpCode.F32_CONST, OpCode.F64_CONST),
                Emitters.registered(new ConstantEmitter()));
    }

    @Test
    void integerConstantsOfEverySize() {
        for (int v : new int[] {-1, 0, 5, 6, -128, 127, 1000, -32768, 100_000, Integer.MIN_VALUE}) {
            assertEquals(v, run(types(), types(I32), i32Const(v)));
        }
        for (long v : new long[] {0, 1, -1, 1L << 40, Long.MIN_VALUE}) {
            assertEquals(v, run(types(), types(I64), i64Const(v)));
        }
    }

    @Test
    void floatConstantsKeepTheirBits() {
        for (float f : new float[] {0f, -0f, 1f, 2f, 3.25f, Float.MIN_VALUE}) {
            Object got = run(types(), types(F32), concat(code(0x43), le(Float.floatToRawIntBits(f), 4)));
            assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits((Float) got), "f32 " + f);
        }
        for (double d : new double[] {0.0, -0.0, 1.0, 0.1, Double.MAX_VALUE}) {
            Object got = run(types(), types(F64), concat(code(0x44), le(Double.doubleToRawLongBits(d), 8)));
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) got), "f64 " + d);
        }
    }

    @Test
    void nanConstantsKeepTheirPayload() {
        int bits = 0x7FA0_0001;
        // f32.const; i32.reinterpret_f32
        assertEquals(bits, run(types(), types(I32), concat(code(0x43), le(bits, 4), code(0xBC))));
        long wide = 0xFFF4_0000_0000_0001L;
        // f64.const; i64.reinterpret_f64
        assertEquals(wide, run(types(), types(I64), concat(code(0x44), le(wide, 8), code(0xBD))));
    }

    /** The {@code n} little-endian bytes of {@code v}. */
    private static int[] le(long v, int n) {
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = (int) (v >>> (8 * k)) & 0xFF;
        }
        return out;
    }
}

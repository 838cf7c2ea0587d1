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

class ConversionEmitterTest {

    @Test
    void registersTheConversions() {
        Set<OpCode> expected = Emitters.opcodes(0xA7, 0xC4);
        expected.addAll(Emitters.opcodes(0xFC00, 0xFC07));
        assertEquals(expected, Emitters.registered(new ConversionEmitter()));
    }

    private static Object convert(byte from, byte to, Object value, int... op) {
        int[] body = new int[2 + op.length];
        body[0] = 0x20;
        System.arraycopy(op, 0, body, 2, op.length);
        return run(types(from), types(to), body, value);
    }

    @Test
    void unsignedIntegersConvertAsTheirUnsignedValue() {
        assertEquals(4.2949673E9f, convert(I32, F32, -1, 0xB3));
        assertEquals(4294967295.0, convert(I32, F64, -1, 0xB8));
        assertEquals(0xFFFF_FFFFL, convert(I32, I64, -1, 0xAD));
        assertEquals(-1L, convert(I32, I64, -1, 0xAC));
        assertEquals(1.8446744073709552E19, convert(I64, F64, -1L, 0xBA));
    }

    @Test
    void signExtensionKeepsTheType() {
        assertEquals(-128, convert(I32, I32, 0x80, 0xC0));
        assertEquals(-1L, convert(I64, I64, 0xFFFFL, 0xC3));
        assertEquals((long) Integer.MIN_VALUE, convert(I64, I64, 0x8000_0000L, 0xC4));
        assertEquals(0x7F, convert(I32, I32, 0x17F, 0xC0));
    }

    @Test
    void truncationTrapsWhereSaturationClamps() {
        Trap t = assertThrows(Trap.class, () -> convert(F32, I32, Float.NaN, 0xA8));
        assertEquals(TrapKind.INVALID_CONVERSION_TO_INTEGER, t.kind());
        t = assertThrows(Trap.class, () -> convert(F64, I64, 1e30, 0xB0));
        assertEquals(TrapKind.INTEGER_OVERFLOW, t.kind());
        assertEquals(0, convert(F32, I32, Float.NaN, 0xFC, 0x00));
        assertEquals(0, convert(F64, I32, -1.0, 0xFC, 0x03));
        assertEquals(-1, convert(F64, I32, 1e30, 0xFC, 0x03)); // u32 max
        assertEquals(Long.MAX_VALUE, convert(F32, I64, 1e30f, 0xFC, 0x04));
    }

    @Test
    void reinterpretationsKeepTheBits() {
        assertEquals(Float.floatToRawIntBits(-1.5f), convert(F32, I32, -1.5f, 0xBC));
        assertEquals(Double.longBitsToDouble(0x4000_0000_0000_0000L), convert(I64, F64, 0x4000_0000_0000_0000L, 0xBF));
        assertEquals(1.5, convert(F32, F64, 1.5f, 0xBB));
        assertEquals(Float.POSITIVE_INFINITY, convert(F64, F32, 1e300, 0xB6));
    }
}

package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.internal.body.Emitters.code;
import static dev.wasmjar.compiler.internal.body.Emitters.runWithMemory;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.concat;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.uleb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemoryEmitterTest {
    /** {@code i32.store} of local 1 at address local 0 (offset 0). */
    private static final int[] STORE_I32 = code(0x20, 0, 0x20, 1, 0x36, 2, 0);

    @Test
    void registersLoadsStoresAndBulkMemory() {
        Set<OpCode> expected = Emitters.opcodes(0x28, 0x40);
        expected.addAll(Emitters.opcodes(0xFC08, 0xFC0B));
        assertEquals(expected, Emitters.registered(new MemoryEmitter()));
    }

    /** Stores {@code value} at 0, then reads it back with {@code load} (an opcode and its memarg). */
    private static Object storeThenLoad(byte result, int value, int... load) {
        return runWithMemory(types(I32, I32), types(result), concat(STORE_I32, code(0x20, 0), load), 0, value);
    }

    @Test
    void narrowLoadsExtendBySignOrZero() {
        int v = 0x1234_80FF;
        assertEquals(-1, storeThenLoad(I32, v, 0x2C, 0, 0));
        assertEquals(0xFF, storeThenLoad(I32, v, 0x2D, 0, 0));
        assertEquals((int) (short) 0x80FF, storeThenLoad(I32, v, 0x2E, 1, 0));
        assertEquals(0x80FF, storeThenLoad(I32, v, 0x2F, 1, 0));
        assertEquals(-1L, storeThenLoad(I64, v, 0x30, 0, 0));
        assertEquals(0xFFL, storeThenLoad(I64, v, 0x31, 0, 0));
        assertEquals((long) (short) 0x80FF, storeThenLoad(I64, v, 0x32, 1, 0));
        assertEquals(0x80FFL, storeThenLoad(I64, v, 0x33, 1, 0));
        assertEquals((long) v, storeThenLoad(I64, v, 0x34, 2, 0));
        assertEquals(0xFFFF_FFFFL, storeThenLoad(I64, -1, 0x35, 2, 0));
        assertEquals(0x12, storeThenLoad(I32, v, 0x2D, 0, 3)); // offset 3: little-endian top byte
    }

    @Test
    void wideAndFloatValuesRoundTrip() {
        // i64.store at 8, i64.load
        assertEquals(-3L << 40, runWithMemory(types(I64), types(I64),
                code(0x41, 8, 0x20, 0, 0x37, 3, 0, 0x41, 8, 0x29, 3, 0), -3L << 40));
        // f64.store at 16, f64.load
        assertEquals(-2.5, runWithMemory(types(F64), types(F64),
                code(0x41, 16, 0x20, 0, 0x39, 3, 0, 0x41, 16, 0x2B, 3, 0), -2.5));
        // i64.store8 / i64.store16 / i64.store32 keep only their low bits
        assertEquals(0xBBAAL, runWithMemory(types(I64), types(I64),
                code(0x41, 0, 0x20, 0, 0x3D, 1, 0, 0x41, 0, 0x29, 3, 0), 0x77BBAAL));
    }

    @Test
    void accessesPastTheEndTrap() {
        Trap t = assertThrows(Trap.class, () -> runWithMemory(types(I32), types(I32), code(0x20, 0, 0x28, 2, 0), 65533));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, t.kind());
        // an offset of 2^31 or more is past any JVM array
        int[] hugeOffset = concat(code(0x20, 0, 0x28, 2), uleb(0x8000_0000L));
        t = assertThrows(Trap.class, () -> runWithMemory(types(I32), types(I32), hugeOffset, 0));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, t.kind());
        // address + offset overflowing 32 bits
        int[] wrap = concat(code(0x20, 0, 0x28, 2), uleb(16));
        t = assertThrows(Trap.class, () -> runWithMemory(types(I32), types(I32), wrap, -8));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, t.kind());
    }

    @Test
    void growSizeFillAndCopy() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.memory(1, -1);
        // memory.grow 1 (old size 1) + memory.size (2); then a store past the first page works
        b.function("grow", types(), types(I32))
                .i32Const(1).code(0x40, 0).code(0x3F, 0).code(0x6A)
                .i32Const(70000).i32Const(5).code(0x36, 2, 0)
                .export("grow").end();
        // fill [0, 4) with 7, copy [0, 4) to [8, 12), load byte 11
        b.function("fillCopy", types(), types(I32))
                .i32Const(0).i32Const(7).i32Const(4).code(0xFC, 0x0B, 0)
                .i32Const(8).i32Const(0).i32Const(4).code(0xFC, 0x0A, 0, 0)
                .i32Const(11).code(0x2D, 0, 0)
                .export("fillCopy").end();
        Instance i = Emitters.instantiate(b);
        assertEquals(3, i.function("grow").invoke());
        assertEquals(7, i.function("fillCopy").invoke());
    }
}

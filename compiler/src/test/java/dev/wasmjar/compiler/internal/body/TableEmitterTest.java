package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.EXTERNREF;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.FUNCREF;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class TableEmitterTest {

    @Test
    void registersTheTableInstructions() {
        assertEquals(EnumSet.of(OpCode.TABLE_GET, OpCode.TABLE_SET, OpCode.TABLE_SIZE, OpCode.TABLE_GROW,
                OpCode.TABLE_FILL, OpCode.TABLE_COPY, OpCode.TABLE_INIT, OpCode.ELEM_DROP),
                Emitters.registered(new TableEmitter()));
    }

    @Test
    void growAndSize() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.table(EXTERNREF, 2, -1);
        // table.grow by 3 (returns the old size 2) + table.size (5)
        b.function("f", types(), types(I32))
                .code(0xD0, 0x6F).i32Const(3).code(0xFC, 0x0F, 0).code(0xFC, 0x10, 0).code(0x6A)
                .export("f").end();
        assertEquals(7, Emitters.instantiate(b).function("f").invoke());
    }

    @Test
    void getSetFillAndCopyMoveReferences() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int g = b.function(types(), types(I32)).i32Const(11).end().lastFunction();
        b.table(FUNCREF, 4, 4);
        b.activeElements(0, g);
        // set [1] = [0]; fill [2, 3) with [1]; copy [3] = [2]; call [3]
        b.function("f", types(), types(I32))
                .i32Const(1).i32Const(0).code(0x25, 0).code(0x26, 0)
                .i32Const(2).i32Const(1).code(0x25, 0).i32Const(1).code(0xFC, 0x11, 0)
                .i32Const(3).i32Const(2).i32Const(1).code(0xFC, 0x0E, 0, 0)
                .i32Const(3).callIndirect(b.typeIndex(types(), types(I32)), 0)
                .export("f").end();
        assertEquals(11, Emitters.instantiate(b).function("f").invoke());
    }

    @Test
    void initCopiesASegmentUntilItIsDropped() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int g = b.function(types(), types(I32)).i32Const(12).end().lastFunction();
        b.table(FUNCREF, 1, 1);
        int seg = b.passiveElements(g);
        b.function("init", types(), types(I32))
                .i32Const(0).i32Const(0).i32Const(1).code(0xFC, 0x0C, seg, 0)
                .i32Const(0).callIndirect(b.typeIndex(types(), types(I32)), 0)
                .export("init").end();
        b.function("dropThenInit", types(), types())
                .code(0xFC, 0x0D, seg).i32Const(0).i32Const(0).i32Const(1).code(0xFC, 0x0C, seg, 0)
                .export("dropThenInit").end();
        Instance i = Emitters.instantiate(b);
        assertEquals(12, i.function("init").invoke());
        Trap t = assertThrows(Trap.class, () -> i.function("dropThenInit").invoke());
        assertEquals(TrapKind.TABLE_OUT_OF_BOUNDS, t.kind());
    }
}

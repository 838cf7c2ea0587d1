package dev.wasmjar.compiler.testing;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.ActiveElement;
import com.dylibso.chicory.wasm.types.DeclarativeElement;
import com.dylibso.chicory.wasm.types.PassiveElement;
import dev.wasmjar.compiler.internal.ModuleReader;
import org.junit.jupiter.api.Test;

/** Checks that what the builder emits parses and validates, and means what the builder says. */
class WasmModuleBuilderTest {

    @Test
    void everySectionKindParsesAndValidates() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int log = b.importFunction("env", "log", types(I32), types());
        b.importMemory("env", "mem", 1, 2);
        b.importGlobal("env", "g", I32, false);
        b.importTable("env", "t", FUNCREF, 1, -1);
        int table = b.table(FUNCREF, 4, 10);
        int g = b.global("__stack_pointer", I32, true, i32Const(1024));
        int add = b.function("main.add", types(I32, I32), types(I32))
                .locals(2, I64)
                .localGet(0).localGet(1).code(I32_ADD)
                .export("add")
                .index();
        int caller = b.function(types(), types())
                .i32Const(7).call(log)
                .globalGet(g).i32Const(-300).code(I32_ADD).globalSet(g)
                .index();
        b.start(caller);
        b.activeElementsAt(table, i32Const(1), add, caller);
        b.passiveElements(add);
        b.declarativeElements(caller);
        b.activeData(70000, new byte[] {1, 2, 3});
        b.passiveData(new byte[] {4, 5});
        b.exportGlobal("sp", g).exportTable("tab", table).exportMemory("memory", 0);

        WasmModule m = ModuleReader.read(b.build());

        assertEquals(4, m.importSection().importCount());
        assertEquals(2, m.functionSection().functionCount());
        assertEquals(1, add);
        assertEquals(2, caller);
        assertEquals(1, table);
        assertEquals(1, g);
        assertEquals("main.add", m.nameSection().nameOfFunction(1));
        assertEquals("__stack_pointer", m.nameSection().nameOfGlobal(1));
        assertEquals(2L, m.startSection().orElseThrow().startIndex());
        assertEquals(3, m.elementSection().elementCount());
        ActiveElement active = (ActiveElement) m.elementSection().getElement(0);
        assertEquals(1, active.tableIndex());
        assertEquals(2, active.elementCount());
        assertEquals(PassiveElement.class, m.elementSection().getElement(1).getClass());
        assertEquals(DeclarativeElement.class, m.elementSection().getElement(2).getClass());
        ActiveDataSegment data = (ActiveDataSegment) m.dataSection().getDataSegment(0);
        assertEquals(70000L, data.offsetInstructions().get(0).operand(0));
        assertEquals(2, m.dataSection().getDataSegment(1).data().length);
        assertEquals(4, m.exportSection().exportCount());
    }

    @Test
    void lebEncodings() {
        assertEquals(java.util.List.of(0xE5, 0x8E, 0x26), toList(uleb(624485)));
        assertEquals(java.util.List.of(0xC0, 0xBB, 0x78), toList(sleb(-123456)));
        assertEquals(java.util.List.of(0x41, 0x3F), toList(i32Const(63)));
        assertEquals(java.util.List.of(0x41, 0xC0, 0x00), toList(i32Const(64)));
    }

    private static java.util.List<Integer> toList(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}

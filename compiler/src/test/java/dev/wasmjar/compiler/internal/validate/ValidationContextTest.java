package dev.wasmjar.compiler.internal.validate;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.EXTERNREF;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.FUNCREF;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.Parser;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import org.junit.jupiter.api.Test;

class ValidationContextTest {

    private static ValidationContext contextOf(WasmModuleBuilder b) {
        return ValidationContext.of(Parser.builder().withValidation(false).build().parse(() ->
                new java.io.ByteArrayInputStream(b.build())));
    }

    @Test
    void indexSpacesListImportsFirst() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.importFunction("m", "f", types(I32), types());
        b.importGlobal("m", "g", I64, true);
        b.importTable("m", "t", EXTERNREF, 1, -1);
        b.function(types(), types(F64)).code(0x44, 0, 0, 0, 0, 0, 0, 0, 0).end();
        b.global(I32, false, WasmModuleBuilder.i32Const(1));
        b.table(FUNCREF, 1, 1);
        b.memory(1, 1);
        ValidationContext c = contextOf(b);
        assertEquals(2, c.functionCount());
        assertEquals(1, c.importedFunctionCount());
        assertEquals("[i32] -> []", c.function(0).toString());
        assertEquals("[] -> [f64]", c.function(1).toString());
        assertEquals(OperandType.I64, c.global(0));
        assertTrue(c.isMutableGlobal(0));
        assertFalse(c.isMutableGlobal(1));
        assertEquals(1, c.importedGlobalCount());
        assertEquals(OperandType.EXTERNREF, c.table(0));
        assertEquals(OperandType.FUNCREF, c.table(1));
        assertEquals(1, c.memoryCount());
        assertEquals("unknown function 2", assertThrows(ValidationFailure.class, () -> c.function(2)).getMessage());
        assertEquals("unknown table 2", assertThrows(ValidationFailure.class, () -> c.table(2)).getMessage());
        assertEquals("unknown memory 1", assertThrows(ValidationFailure.class, () -> c.memory(1)).getMessage());
        assertEquals("unknown global 2", assertThrows(ValidationFailure.class, () -> c.global(2)).getMessage());
        assertEquals("unknown elem segment 0", assertThrows(ValidationFailure.class, () -> c.element(0)).getMessage());
    }

    @Test
    void declaredReferencesComeFromElementsExportsAndGlobals() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        for (int i = 0; i < 5; i++) {
            b.function(types(), types()).end();
        }
        b.table(FUNCREF, 1, 1);
        b.activeElements(0, 1);
        b.exportFunction("e", 2);
        b.global(FUNCREF, false, 0xD2, 3);
        ValidationContext c = contextOf(b);
        assertFalse(c.isDeclaredReference(0));
        assertTrue(c.isDeclaredReference(1));
        assertTrue(c.isDeclaredReference(2));
        assertTrue(c.isDeclaredReference(3));
        assertFalse(c.isDeclaredReference(4));
    }

    @Test
    void dataSegmentsNeedTheDataCountSection() {
        WasmModuleBuilder without = new WasmModuleBuilder();
        without.memory(1, 1);
        without.activeData(0, new byte[] {1});
        ValidationContext c = contextOf(without);
        ValidationFailure required = assertThrows(ValidationFailure.class, () -> c.data(0));
        assertEquals("data count section required", required.getMessage());
        assertEquals("unknown data segment 1", assertThrows(ValidationFailure.class, () -> c.data(1)).getMessage());

        WasmModuleBuilder with = new WasmModuleBuilder();
        with.memory(1, 1);
        with.passiveData(new byte[] {1});
        ValidationContext d = contextOf(with);
        d.data(0);
        assertThrows(ValidationFailure.class, () -> d.data(1));
    }

    @Test
    void anUnknownFunctionTypeIsReportedWhileBuilding() {
        // a function import of type 5 in a module of one type: the builder cannot write it, so patch it
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.importFunction("m", "f", types(), types());
        byte[] wasm = b.build();
        int at = indexOf(wasm, new byte[] {'f', 0x00, 0x00}) + 2; // kind 0, then the type index 0
        wasm[at] = 5;
        ValidationFailure e = assertThrows(ValidationFailure.class, () -> ValidationContext.of(
                Parser.builder().withValidation(false).build().parse(() -> new java.io.ByteArrayInputStream(wasm))));
        assertTrue(e.getMessage().startsWith("unknown type 5"), e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}

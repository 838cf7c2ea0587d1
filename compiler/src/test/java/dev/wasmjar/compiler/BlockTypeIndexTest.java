package dev.wasmjar.compiler;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.BLOCK;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.END;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32_ADD;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.Imports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Block types given as type indices whose value equals a one-byte block type or a value type
 * code Chicory's parser knows (64 is 0x40, "empty"; 99 and 100 are GC's {@code ref null ht} and
 * {@code ref ht}, 105–115 abstract reference types, 123–127 v128 and the numeric types): the
 * binary encodes them as multi-byte s33 numbers, and they must be read as indices.
 */
class BlockTypeIndexTest {

    @ParameterizedTest
    @ValueSource(ints = {63, 64, 65, 98, 99, 100, 101, 104, 105, 108, 111, 112, 113, 115, 116, 122, 123, 127, 128})
    void aBlockTypeIndexIsNotMistakenForAValueType(int index) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        for (int i = 0; i < index; i++) {
            b.addType(types(F32), types(F32)); // fillers before the block's type
        }
        assertEquals(index, b.addType(types(I32), types(I32)));
        b.function("f", types(I32), types(I32))
                .localGet(0)
                .code(BLOCK).code(sleb33(index))
                .i32Const(1).code(I32_ADD)
                .code(END) // the block; end() closes the function
                .export("f").end();
        var m = WasmCompiler.builder().className("blocktype.M" + index).build().compile(b.build());
        assertEquals(42, m.instantiate(Imports.none()).function("f").invoke(41));
    }

    /** The signed LEB128 (s33) encoding of a non-negative type index. */
    private static int[] sleb33(int v) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        while (true) {
            int b = v & 0x7F;
            v >>= 7;
            if ((v == 0 && (b & 0x40) == 0)) {
                out.add(b);
                return out.stream().mapToInt(Integer::intValue).toArray();
            }
            out.add(b | 0x80);
        }
    }

    @Test
    void anUnknownBlockTypeIndexThatLooksLikeAValueTypeIsInvalid() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.function("f", types(), types()).code(BLOCK).code(sleb33(64)).code(END).end();
        CompileException e = assertThrows(CompileException.class,
                () -> WasmCompiler.builder().className("blocktype.Unknown").build().compile(b.build()));
        assertEquals(CompileException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().contains("block type index 64"), e.getMessage());
    }
}

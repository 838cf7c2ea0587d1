package dev.wasmjar.compiler.internal;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import org.junit.jupiter.api.Test;

/** The precheck's own rules; BadInputTest covers its framing checks on broken inputs. */
class BinaryPrecheckTest {

    private static CompileException rejected(int... code) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.memory(1, 1);
        b.function(types(), types()).code(code).end();
        byte[] wasm = b.build();
        return assertThrows(CompileException.class, () -> BinaryPrecheck.check(wasm, 0, wasm.length));
    }

    /** Chicory's parser resolves labels while parsing and would fail on this with a raw exception. */
    @Test
    void aLabelBeyondTheEnclosingBlocksIsUnknown() {
        CompileException e = rejected(0x02, 0x40, 0x0C, 2, 0x0B);
        assertEquals(CompileException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().startsWith("unknown label 2"), e.getMessage());
        assertTrue(rejected(0x41, 0, 0x0E, 1, 0, 5).getMessage().startsWith("unknown label 5"));
    }

    /** Chicory's parser would read bit 6 of the alignment as multi-memory's memory index flag. */
    @Test
    void anAlignmentOf64OrMoreIsRejectedBeforeTheParserMisreadsIt() {
        CompileException e = rejected(0x41, 0, 0x28, 0x40, 0, 0x1A);
        assertEquals(CompileException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().startsWith("alignment must not be larger than natural"), e.getMessage());
    }

    @Test
    void facts() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.function(types(I32), types(I32)).localGet(0).end();
        byte[] wasm = b.build();
        BinaryPrecheck.Facts f = BinaryPrecheck.check(wasm, 0, wasm.length);
        assertEquals(1, f.typeEntryOffsets.size());
        assertTrue(f.ambiguousBlockTypes.isEmpty());
        assertEquals(wasm.length, f.parseLength);
    }
}

package dev.wasmjar.compiler.internal.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.wasm.types.OpCode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmitterTableTest {
    /** Opcodes Chicory knows in the WebAssembly 2.0 ranges that belong to later proposals. */
    private static final Set<OpCode> LATER_PROPOSALS = EnumSet.of(OpCode.THROW, OpCode.THROW_REF,
            OpCode.RETURN_CALL, OpCode.RETURN_CALL_INDIRECT, OpCode.CALL_REF, OpCode.RETURN_CALL_REF,
            OpCode.TRY_TABLE);

    @Test
    void everyInstructionOfWebAssembly2HasAnEmitter() {
        EmitterTable t = EmitterTable.standard();
        int covered = 0;
        int vector = 0;
        for (OpCode op : OpCode.values()) {
            int code = op.opcode();
            boolean simd = code >= 0xFD00 && code <= 0xFDFF; // relaxed SIMD starts at 0xFD100
            boolean core = code <= 0xD2 || (code >= 0xFC00 && code <= 0xFC11) || simd;
            if (core && !LATER_PROPOSALS.contains(op)) {
                assertNotNull(t.get(op), op + " has no emitter");
                covered++;
                vector += simd ? 1 : 0;
            } else {
                assertNull(t.get(op), op + " is not WebAssembly 2.0 but has an emitter");
            }
        }
        // 183 one-byte opcodes (0x00..0xD2 less the gaps and later proposals), 18 with prefix 0xFC,
        // and the 236 SIMD instructions (prefix 0xFD)
        assertEquals(236, vector);
        assertEquals(201 + 236, covered);
    }

    @Test
    void anOpcodeHasOneEmitter() {
        EmitterTable t = EmitterTable.of(List.of(new ParametricEmitter()));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> t.register(OpCode.DROP, (m, in) -> { }));
        assertEquals("two emitters for DROP", e.getMessage());
    }

    @Test
    void anUnsupportedInstructionNamesItsKind() {
        assertEquals("SIMD instruction V128_LOAD is not supported", BodyEmitter.unsupported(OpCode.V128_LOAD).getMessage());
        assertEquals("instruction THROW is not supported", BodyEmitter.unsupported(OpCode.THROW).getMessage());
    }
}

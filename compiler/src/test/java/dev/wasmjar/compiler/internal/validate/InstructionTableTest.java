package dev.wasmjar.compiler.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.wasm.types.OpCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstructionTableTest {

    /** Every WebAssembly 2.0 opcode: 0x00..0xD2 (minus proposals' opcodes), 0xFC00..0xFC11, 0xFD00..0xFDFF. */
    @Test
    void theStandardTableCoversWebAssembly2AndNothingElse() {
        InstructionTable t = InstructionTable.standard();
        List<OpCode> missing = new ArrayList<>();
        int covered = 0;
        for (OpCode op : OpCode.values()) {
            int code = op.opcode();
            boolean standard = code <= 0xD2 && !isProposal(code) || (code >= 0xFC00 && code <= 0xFC11)
                    || (code >= 0xFD00 && code <= 0xFDFF);
            if (standard) {
                covered++;
                if (t.rule(op) == null) {
                    missing.add(op);
                }
            } else {
                assertNull(t.rule(op), op + " is not WebAssembly 2.0");
            }
        }
        assertEquals(List.of(), missing);
        // opcodes of 0x00..0x11 control (with else and end), 3 parametric, 7 variable and table,
        // 29 memory, 128 numeric, 3 reference, 18 with prefix 0xFC, 236 SIMD
        assertEquals(13 + 3 + 7 + 29 + 128 + 3 + 18 + 236, covered);
    }

    private static boolean isProposal(int code) {
        // exception handling, tail calls and typed function references
        return code == 0x08 || code == 0x0A || code == 0x12 || code == 0x13 || code == 0x14 || code == 0x15 || code == 0x1F;
    }

    @Test
    void anOpcodeHasOneRule() {
        InstructionTable t = InstructionTable.of(List.of(new NumericInstructions()));
        assertNotNull(t.rule(OpCode.I32_ADD));
        assertNull(t.rule(OpCode.CALL));
        assertThrows(IllegalStateException.class, () -> t.register(OpCode.I32_ADD, (in, f) -> { }));
    }

    @Test
    void opcodesByTheirBinaryEncoding() {
        assertEquals(OpCode.MEMORY_INIT, InstructionTable.opcode(0xFC08));
        assertThrows(IllegalArgumentException.class, () -> InstructionTable.opcode(0xFD9A)); // unassigned
    }
}

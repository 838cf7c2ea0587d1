package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.internal.body.Emitters.code;
import static dev.wasmjar.compiler.internal.body.Emitters.registered;
import static dev.wasmjar.compiler.internal.body.Emitters.run;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFNONNULL;
import static org.objectweb.asm.Opcodes.IFNULL;
import static org.objectweb.asm.Opcodes.IF_ICMPGE;
import static org.objectweb.asm.Opcodes.IF_ICMPLT;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ControlEmitterTest {

    @Test
    void registersTheStructuredControlInstructions() {
        assertEquals(EnumSet.of(OpCode.UNREACHABLE, OpCode.NOP, OpCode.BLOCK, OpCode.LOOP, OpCode.IF, OpCode.ELSE,
                OpCode.END, OpCode.BR, OpCode.BR_IF, OpCode.RETURN), registered(new ControlEmitter()));
    }

    @Test
    void loopsUntilABranchLeavesTheBlock() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        // sum = 0; while (n != 0) { sum += n; n--; }
        b.function("sum", types(I32), types(I32)).locals(1, I32)
                .code(0x02, 0x40, 0x03, 0x40)
                .code(0x20, 0, 0x45, 0x0D, 1) // local.get 0; i32.eqz; br_if 1
                .code(0x20, 1, 0x20, 0, 0x6A, 0x21, 1)
                .code(0x20, 0, 0x41, 1, 0x6B, 0x21, 0)
                .code(0x01, 0x0C, 0, 0x0B, 0x0B) // nop; br 0; end; end
                .code(0x20, 1)
                .export("sum").end();
        var sum = Emitters.instantiate(b).function("sum");
        assertEquals(55, sum.invoke(10));
        assertEquals(0, sum.invoke(0));
    }

    @Test
    void ifElseJoinsWithItsResult() {
        int[] choose = code(0x20, 0, 0x04, 0x7F, 0x41, 10, 0x05, 0x41, 20, 0x0B);
        assertEquals(10, run(types(I32), types(I32), choose, 1));
        assertEquals(20, run(types(I32), types(I32), choose, 0));
        // an if without else and no result: the false path skips it
        int[] skip = code(0x20, 0, 0x04, 0x40, 0x41, 6, 0x21, 0, 0x0B, 0x20, 0);
        assertEquals(6, run(types(I32), types(I32), skip, 1));
        assertEquals(0, run(types(I32), types(I32), skip, 0));
    }

    @Test
    void aBranchDropsTheValuesBelowWhatItCarries() {
        // block (result i32): 1 2 3, br 0 carries 3 and drops 1 and 2
        assertEquals(3, run(types(), types(I32), code(0x02, 0x7F, 0x41, 1, 0x41, 2, 0x41, 3, 0x0C, 0, 0x0B)));
        // the same through br_if, taken and not taken
        int[] brIf = code(0x02, 0x7F, 0x41, 1, 0x41, 3, 0x20, 0, 0x0D, 0, 0x6A, 0x0B);
        assertEquals(3, run(types(I32), types(I32), brIf, 1));
        assertEquals(4, run(types(I32), types(I32), brIf, 0));
    }

    @Test
    void returnLeavesNestedBlocksAndSkipsDeadCode() {
        int[] early = code(0x02, 0x40, 0x02, 0x40, 0x20, 0, 0x0F, 0x41, 9, 0x1A, 0x0B, 0x0B, 0x41, 7);
        assertEquals(5, run(types(I32), types(I32), early, 5));
    }

    @Test
    void unreachableTraps() {
        Trap t = assertThrows(Trap.class, () -> run(types(), types(), code(0x00)));
        assertEquals(TrapKind.UNREACHABLE, t.kind());
    }

    @Test
    void negatedJumpsJumpExactlyWhenTheOriginalDoesNot() {
        assertEquals(IF_ICMPGE, ControlEmitter.negate(IF_ICMPLT));
        assertEquals(IF_ICMPLT, ControlEmitter.negate(IF_ICMPGE));
        assertEquals(IFNONNULL, ControlEmitter.negate(IFNULL));
        assertEquals(IFEQ, ControlEmitter.negate(ControlEmitter.negate(IFEQ)));
        assertThrows(IllegalArgumentException.class, () -> ControlEmitter.negate(0));
    }
}

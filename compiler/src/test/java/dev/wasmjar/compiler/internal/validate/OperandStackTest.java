package dev.wasmjar.compiler.internal.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OperandStackTest {
    private final ControlStack controls = new ControlStack();
    private final OperandStack operands = new OperandStack(controls);
    private final ControlFrame frame = new ControlFrame(FrameKind.FUNCTION, Signature.NONE, Signature.NONE, 0);

    OperandStackTest() {
        controls.push(frame);
    }

    @Test
    void popsWhatWasPushed() {
        operands.push(new OperandType[] {OperandType.I32, OperandType.F64});
        assertEquals(OperandType.F64, operands.pop(OperandType.F64));
        assertEquals(OperandType.I32, operands.pop());
        assertEquals(0, operands.size());
    }

    @Test
    void aWrongTypeOrAnEmptyStackIsATypeMismatch() {
        operands.push(OperandType.I64);
        ValidationFailure wrong = assertThrows(ValidationFailure.class, () -> operands.pop(OperandType.I32));
        assertEquals("type mismatch: expected i32, found i64", wrong.getMessage());
        ValidationFailure empty = assertThrows(ValidationFailure.class, () -> operands.pop(OperandType.I32));
        assertEquals("type mismatch: expected i32, found an empty stack", empty.getMessage());
    }

    @Test
    void theFramesOperandsBelowItsHeightAreNotItsOwn() {
        operands.push(OperandType.I32);
        controls.push(new ControlFrame(FrameKind.BLOCK, Signature.NONE, Signature.NONE, 1));
        assertThrows(ValidationFailure.class, () -> operands.pop());
    }

    @Test
    void unreachableCodeHasAPolymorphicStack() {
        operands.push(OperandType.I32);
        operands.truncate(0);
        frame.unreachable = true;
        assertEquals(OperandType.UNKNOWN, operands.pop());
        assertEquals(OperandType.UNKNOWN, operands.pop(OperandType.F32));
        // what is pushed in unreachable code is still checked
        operands.push(OperandType.I64);
        assertThrows(ValidationFailure.class, () -> operands.pop(OperandType.F32));
    }

    @Test
    void popReturningGivesUnknownWhereTheStackWasPolymorphic() {
        frame.unreachable = true;
        operands.push(OperandType.F32);
        assertArrayEquals(new OperandType[] {OperandType.UNKNOWN, OperandType.F32},
                operands.popReturning(new OperandType[] {OperandType.I32, OperandType.F32}));
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        for (int i = 0; i < 1000; i++) {
            operands.push(OperandType.V128);
        }
        assertEquals(1000, operands.size());
        assertEquals(OperandType.V128, operands.pop(OperandType.V128));
    }
}

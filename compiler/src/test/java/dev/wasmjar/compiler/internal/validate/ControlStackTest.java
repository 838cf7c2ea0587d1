package dev.wasmjar.compiler.internal.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ControlStackTest {
    private static final OperandType[] I32 = {OperandType.I32};
    private static final OperandType[] F64 = {OperandType.F64};

    @Test
    void labelsCountFromTheInnermostFrame() {
        ControlStack s = new ControlStack();
        ControlFrame outer = new ControlFrame(FrameKind.FUNCTION, Signature.NONE, I32, 0);
        ControlFrame inner = new ControlFrame(FrameKind.BLOCK, Signature.NONE, F64, 0);
        s.push(outer);
        s.push(inner);
        assertSame(inner, s.top());
        assertSame(inner, s.label(0));
        assertSame(outer, s.label(1));
        ValidationFailure e = assertThrows(ValidationFailure.class, () -> s.label(2));
        assertTrue(e.getMessage().startsWith("unknown label"), e.getMessage());
        assertSame(inner, s.pop());
        assertEquals(1, s.size());
    }

    @Test
    void aLoopsLabelTakesItsStartTypes() {
        assertArrayEquals(I32, new ControlFrame(FrameKind.LOOP, I32, F64, 0).labelTypes());
        assertArrayEquals(F64, new ControlFrame(FrameKind.BLOCK, I32, F64, 0).labelTypes());
    }

    @Test
    void growsAndEmpties() {
        ControlStack s = new ControlStack();
        for (int i = 0; i < 100; i++) {
            s.push(new ControlFrame(FrameKind.BLOCK, Signature.NONE, Signature.NONE, i));
        }
        assertEquals(99, s.top().height);
        s.clear();
        assertEquals(0, s.size());
        assertThrows(ValidationFailure.class, s::pop);
    }
}

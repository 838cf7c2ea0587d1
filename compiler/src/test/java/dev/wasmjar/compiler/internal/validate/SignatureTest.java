package dev.wasmjar.compiler.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureTest {

    @Test
    void applyPopsParametersAndPushesResults() {
        ControlStack controls = new ControlStack();
        controls.push(new ControlFrame(FrameKind.FUNCTION, Signature.NONE, Signature.NONE, 0));
        OperandStack operands = new OperandStack(controls);
        operands.push(OperandType.I32);
        operands.push(OperandType.F32);
        Signature convert = Signature.of(OperandType.I32, OperandType.F32, OperandType.I64);
        convert.apply(operands);
        assertEquals(1, operands.size());
        assertEquals(OperandType.I64, operands.pop());
        // parameters are popped last first: [i32 f32] needs f32 on top
        operands.push(OperandType.F32);
        operands.push(OperandType.I32);
        assertThrows(ValidationFailure.class, () -> convert.apply(operands));
    }

    @Test
    void fromAChicoryFunctionType() {
        Signature s = Signature.of(FunctionType.of(List.of(ValType.I32, ValType.ExternRef), List.of(ValType.F64)));
        assertEquals("[i32 externref] -> [f64]", s.toString());
        assertTrue(s.sameAs(new Signature(new OperandType[] {OperandType.I32, OperandType.EXTERNREF},
                new OperandType[] {OperandType.F64})));
        assertFalse(s.sameAs(Signature.EMPTY));
    }

    @Test
    void singleResultBlockTypesAreShared() {
        assertSame(Signature.producing(OperandType.F32), Signature.producing(OperandType.F32));
        assertEquals("[] -> [f32]", Signature.producing(OperandType.F32).toString());
        assertEquals("[i32 i32 i32] -> []", Signature.THREE_I32.toString());
    }
}
